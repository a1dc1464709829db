/**
 * The bytes of the server's messages, with each diagnostic of a file encoded once. A check after
 * an edit mostly finds what the last one found: a finding-heavy framework re-sent its 850
 * diagnostics (650 kB, JSON then UTF-8) on every keystroke, the largest single cost of an edit.
 * Here a diagnostic already sent for the same file, with the same place, rule, message and
 * related places, re-uses its bytes (looked for where it was, not by hashing its text: hashing
 * 850 messages cost as much as writing them); anything else is encoded as vscode-jsonrpc would
 * (JSON.stringify, then UTF-8). The JSON is the same either way (test/unit/publish-encoder.test.ts).
 */

/** vscode-jsonrpc's content type encoder (MessageWriterOptions.contentTypeEncoder). */
export interface ContentTypeEncoder {
  readonly name: string;
  encode(message: unknown, options: { charset: string }): Promise<Uint8Array>;
}

/** Below this many diagnostics a file's message is encoded whole: keeping its parts saves nothing. */
const KEEP_FROM = 32;
/** Files whose diagnostics' bytes are kept (the most recently published). */
const FILES_KEPT = 32;

const COMMA = Buffer.from(',');

interface Publish {
  jsonrpc: string;
  method: 'textDocument/publishDiagnostics';
  params: { uri: string; version?: number; diagnostics: unknown[] };
}

export function publishEncoder(): ContentTypeEncoder {
  /** By file, the diagnostics of its last message and their bytes. */
  const kept = new Map<string, Kept[]>();
  const encodeWhole = (message: unknown, charset: string) => Buffer.from(JSON.stringify(message, undefined, 0), charset as BufferEncoding);
  return {
    name: 'application/json',
    encode(message, options) {
      try {
        if (!isPublish(message) || message.params.diagnostics.length < KEEP_FROM || !/^utf-?8$/i.test(options.charset)) return Promise.resolve(encodeWhole(message, options.charset));
        return Promise.resolve(encodePublish(message, kept));
      } catch (error) {
        return Promise.reject(error);
      }
    },
  };
}

function isPublish(message: unknown): message is Publish {
  const m = message as Partial<Publish> | null;
  return typeof m === 'object' && m !== null && m.method === 'textDocument/publishDiagnostics' && typeof m.params === 'object' && m.params !== null && typeof m.params.uri === 'string' && Array.isArray(m.params.diagnostics);
}

function encodePublish(message: Publish, kept: Map<string, Kept[]>): Buffer {
  const { uri, diagnostics } = message.params;
  const before = kept.get(uri);
  const now: Kept[] = new Array(diagnostics.length);
  // The message as JSON.stringify writes it, its diagnostics left out; they go where the marker is.
  const marker = JSON.stringify('\u0000diagnostics\u0000');
  const shell = JSON.stringify({ ...message, params: { ...message.params, diagnostics: '\u0000diagnostics\u0000' } });
  const at = shell.lastIndexOf(marker);
  const parts: Buffer[] = [Buffer.from(shell.slice(0, at) + '[', 'utf8')];
  // Most diagnostics are where they were in the last message, give or take the findings an edit
  // added or took away before them: each is looked for at its place, moved by how far the last
  // match was, then by where it starts.
  let offset = 0;
  let byStart: Map<string, number[]> | undefined;
  for (let i = 0; i < diagnostics.length; i++) {
    if (i > 0) parts.push(COMMA);
    const diagnostic = diagnostics[i];
    const shaped = isDiagnostic(diagnostic) ? diagnostic : undefined;
    let bytes: Buffer | undefined;
    if (before && shaped) {
      let j = i + offset;
      const there = j >= 0 && j < before.length ? before[j].diagnostic : undefined;
      if (!same(there, shaped)) {
        j = -1;
        // The same rule at the same place with another text (it names the outcome retitled): new, and nothing moved.
        if (!there || startKey(there) !== startKey(shaped)) {
          byStart ??= startsOf(before);
          for (const k of byStart.get(startKey(shaped)) ?? []) if (same(before[k].diagnostic, shaped)) { j = k; break; }
        }
      }
      if (j >= 0) {
        bytes = before[j].bytes;
        offset = j - i;
      }
    }
    bytes ??= Buffer.from(JSON.stringify(diagnostic) ?? 'null', 'utf8');
    now[i] = { diagnostic: shaped, bytes };
    parts.push(bytes);
  }
  parts.push(Buffer.from(']' + shell.slice(at + marker.length), 'utf8'));
  // The most recently published files last: the oldest goes first when there are too many.
  kept.delete(uri);
  kept.set(uri, now);
  if (kept.size > FILES_KEPT) kept.delete(kept.keys().next().value!);
  return Buffer.concat(parts);
}

/** Where each of the last message's diagnostics starts, with its rule: few share one. */
function startsOf(list: Kept[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (let k = 0; k < list.length; k++) {
    const diagnostic = list[k].diagnostic;
    if (!diagnostic) continue;
    const key = startKey(diagnostic);
    const at = out.get(key);
    if (at) at.push(k);
    else out.set(key, [k]);
  }
  return out;
}

function startKey(d: Diagnostic): string {
  return `${d.range.start.line}:${d.range.start.character}:${d.code}`;
}

/** A diagnostic sent before (undefined unless of the one shape compared) and its bytes. The server never changes a diagnostic once sent. */
interface Kept {
  diagnostic: Diagnostic | undefined;
  bytes: Buffer;
}

/** The one shape diagnostics.ts makes; `isDiagnostic` admits no other, so `same` can compare field by field. */
interface Diagnostic {
  range: Range;
  severity: number;
  code: string;
  source: string;
  message: string;
  codeDescription: { href: string };
  relatedInformation?: { location: { uri: string; range: Range }; message: string }[];
}

interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

const FIELDS = ['range', 'severity', 'code', 'source', 'message', 'codeDescription', 'relatedInformation'];

/**
 * Whether JSON.stringify would write `value` exactly as the fields of Diagnostic, in that order
 * (relatedInformation last or absent), with nothing else: no other field, nothing inherited.
 */
function isDiagnostic(value: unknown): value is Diagnostic {
  const count = fieldsInOrder(value, FIELDS);
  if (count < 6) return false;
  const d = value as Diagnostic;
  if (!isRange(d.range) || typeof d.severity !== 'number' || !Number.isInteger(d.severity) || typeof d.code !== 'string' || typeof d.source !== 'string' || typeof d.message !== 'string') return false;
  if (!onlyKeys(d.codeDescription, ['href']) || typeof d.codeDescription.href !== 'string') return false;
  return count === 6 || relatedShape(d.relatedInformation);
}

/** Whether two diagnostics (both isDiagnostic) are written alike: the same numbers, the same texts. */
function same(a: Diagnostic | undefined, b: Diagnostic): boolean {
  if (!a) return false;
  if (a.message !== b.message || a.code !== b.code || a.severity !== b.severity || a.source !== b.source || a.codeDescription.href !== b.codeDescription.href || !sameRange(a.range, b.range)) return false;
  const x = a.relatedInformation;
  const y = b.relatedInformation;
  if (x === undefined || y === undefined) return x === y;
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) {
    if (x[i].message !== y[i].message || x[i].location.uri !== y[i].location.uri || !sameRange(x[i].location.range, y[i].location.range)) return false;
  }
  return true;
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

const RANGE_KEYS = ['start', 'end'];
const POSITION_KEYS = ['line', 'character'];

/** An object literal's shape: nothing inherited (a toJSON) that JSON.stringify would call. */
function isPlain(value: unknown): value is object {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/** How many of `keys` a plain object has, in that order and with no other; -1 when it is not such an object. */
function fieldsInOrder(value: unknown, keys: readonly string[]): number {
  if (!isPlain(value)) return -1;
  let count = 0;
  for (const field in value) {
    if (keys[count] !== field) return -1;
    count++;
  }
  return count;
}

function onlyKeys(value: unknown, keys: readonly string[]): boolean {
  return fieldsInOrder(value, keys) === keys.length;
}

function isRange(value: unknown): value is Range {
  if (!onlyKeys(value, RANGE_KEYS)) return false;
  const { start, end } = value as Range;
  return onlyKeys(start, POSITION_KEYS) && onlyKeys(end, POSITION_KEYS) && isPlace(start.line) && isPlace(start.character) && isPlace(end.line) && isPlace(end.character);
}

/** A line or character number JSON writes as it is (-0 would be written as 0). */
function isPlace(n: unknown): boolean {
  return typeof n === 'number' && Number.isSafeInteger(n) && !Object.is(n, -0);
}

/** Related places of the one shape `same` compares: a list of { location: { uri, range }, message }. */
function relatedShape(value: unknown): boolean {
  if (!Array.isArray(value) || Object.getPrototypeOf(value) !== Array.prototype) return false;
  for (const item of value) {
    if (!onlyKeys(item, ['location', 'message'])) return false;
    const { location, message } = item as { location: unknown; message: unknown };
    if (!onlyKeys(location, ['uri', 'range']) || typeof message !== 'string') return false;
    const { uri, range } = location as { uri: unknown; range: unknown };
    if (typeof uri !== 'string' || !isRange(range)) return false;
  }
  return true;
}
