/**
 * The bytes of the server's messages, with each diagnostic of a file encoded once. A check after
 * an edit mostly finds what the last one found: a finding-heavy framework re-sent its 850
 * diagnostics (650 kB, JSON then UTF-8) on every keystroke, the largest single cost of an edit.
 * Here a diagnostic already sent for the same file, with the same place, rule, message and
 * related places, re-uses its bytes; anything else is encoded as vscode-jsonrpc would
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
  /** By file, the diagnostics of its last message and their bytes, by key (keyOf). */
  const kept = new Map<string, Map<string, Kept[]>>();
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

function encodePublish(message: Publish, kept: Map<string, Map<string, Kept[]>>): Buffer {
  const { uri, diagnostics } = message.params;
  const before = kept.get(uri);
  const now = new Map<string, Kept[]>();
  // The message as JSON.stringify writes it, its diagnostics left out; they go where the marker is.
  const marker = JSON.stringify('\u0000diagnostics\u0000');
  const shell = JSON.stringify({ ...message, params: { ...message.params, diagnostics: '\u0000diagnostics\u0000' } });
  const at = shell.lastIndexOf(marker);
  const parts: Buffer[] = [Buffer.from(shell.slice(0, at) + '[', 'utf8')];
  for (let i = 0; i < diagnostics.length; i++) {
    if (i > 0) parts.push(COMMA);
    const diagnostic = diagnostics[i];
    const key = keyOf(diagnostic);
    let bytes = key === undefined ? undefined : (find(now.get(key), diagnostic) ?? find(before?.get(key), diagnostic));
    if (bytes === undefined) bytes = Buffer.from(JSON.stringify(diagnostic) ?? 'null', 'utf8');
    if (key !== undefined) {
      const list = now.get(key);
      if (!list) now.set(key, [{ diagnostic: diagnostic as Diagnostic, bytes }]);
      else if (!find(list, diagnostic)) list.push({ diagnostic: diagnostic as Diagnostic, bytes });
    }
    parts.push(bytes);
  }
  parts.push(Buffer.from(']' + shell.slice(at + marker.length), 'utf8'));
  // The most recently published files last: the oldest goes first when there are too many.
  kept.delete(uri);
  kept.set(uri, now);
  if (kept.size > FILES_KEPT) kept.delete(kept.keys().next().value!);
  return Buffer.concat(parts);
}

/** A diagnostic sent before and its bytes. */
interface Kept {
  diagnostic: Diagnostic;
  bytes: Buffer;
}

/** The plain shape diagnostics.ts makes (keyOf admits no other). */
interface Diagnostic {
  source?: string;
  message?: string;
  codeDescription?: { href: string };
  relatedInformation?: { location: { uri: string; range: Range }; message: string }[];
}

interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** The bytes of a diagnostic in `list` that JSON.stringify writes exactly as it writes `diagnostic`. */
function find(list: Kept[] | undefined, diagnostic: unknown): Buffer | undefined {
  if (!list) return undefined;
  for (const kept of list) if (sameTexts(kept.diagnostic, diagnostic as Diagnostic)) return kept.bytes;
  return undefined;
}

/**
 * Whether two diagnostics of one key (keyOf: the same fields, in the same order, the same place,
 * severity and rule) also have the same texts: compared as strings, never hashed (a message is
 * hundreds of characters, and hashing 850 of them cost as much as writing them out).
 */
function sameTexts(a: Diagnostic, b: Diagnostic): boolean {
  if (a.source !== b.source || a.message !== b.message || a.codeDescription?.href !== b.codeDescription?.href) return false;
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

/**
 * A diagnostic's fields in their order (JSON.stringify writes them so), its place, severity and
 * rule: diagnostics that share it and their texts (sameTexts) are written alike. Undefined for
 * anything but the plain shape diagnostics.ts makes (then it is written afresh).
 */
export function keyOf(diagnostic: unknown): string | undefined {
  if (!isPlain(diagnostic)) return undefined;
  let key = '';
  for (const field in diagnostic) {
    const value = (diagnostic as Record<string, unknown>)[field];
    let part: string | undefined;
    switch (field) {
      case 'range':
        part = rangeKey(value);
        break;
      case 'severity':
        part = typeof value === 'number' && Number.isInteger(value) ? String(value) : undefined;
        break;
      case 'code':
        part = typeof value === 'string' && value.length <= 100 ? `${value.length}:${value}` : typeof value === 'number' && Number.isInteger(value) ? `#${value}` : undefined;
        break;
      case 'source':
      case 'message':
        part = typeof value === 'string' ? '' : undefined;
        break;
      case 'codeDescription':
        part = onlyKeys(value, ['href']) && typeof (value as { href: unknown }).href === 'string' ? '' : undefined;
        break;
      case 'relatedInformation':
        part = relatedShape(value) ? '' : undefined;
        break;
    }
    if (part === undefined) return undefined;
    key += `${field}${part}|`;
  }
  return key;
}

/** An object literal's shape: nothing inherited (a toJSON) that JSON.stringify would call. */
function isPlain(value: unknown): value is object {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

function onlyKeys(value: unknown, keys: readonly string[]): boolean {
  if (!isPlain(value)) return false;
  let count = 0;
  for (const field in value) {
    if (keys[count] !== field) return false;
    count++;
  }
  return count === keys.length;
}

function rangeKey(value: unknown): string | undefined {
  if (!onlyKeys(value, RANGE_KEYS)) return undefined;
  const { start, end } = value as { start: unknown; end: unknown };
  if (!onlyKeys(start, POSITION_KEYS) || !onlyKeys(end, POSITION_KEYS)) return undefined;
  const numbers = [(start as { line: unknown }).line, (start as { character: unknown }).character, (end as { line: unknown }).line, (end as { character: unknown }).character];
  if (!numbers.every((n) => typeof n === 'number' && Number.isSafeInteger(n) && !Object.is(n, -0))) return undefined;
  return numbers.join(',');
}

/** Related places of the one shape sameTexts compares: a list of { location: { uri, range }, message }. */
function relatedShape(value: unknown): boolean {
  if (!Array.isArray(value) || Object.getPrototypeOf(value) !== Array.prototype) return false;
  for (const item of value) {
    if (!onlyKeys(item, ['location', 'message'])) return false;
    const { location, message } = item as { location: unknown; message: unknown };
    if (!onlyKeys(location, ['uri', 'range']) || typeof message !== 'string') return false;
    const { uri, range } = location as { uri: unknown; range: unknown };
    if (typeof uri !== 'string' || rangeKey(range) === undefined) return false;
  }
  return true;
}
