/**
 * A finding's fingerprint: the same problem keeps the same fingerprint when lines move or
 * amounts change elsewhere, so CI can tell new findings from old ones (GitLab code quality,
 * SARIF `partialFingerprints`, `outcomes-lint --base`). It is made of the file (relative to the
 * workspace root), the rule id, where the finding is in the document's structure
 * (`prices[outcome=employment-entry].maxClaims`, never a line number) and the finding's own key
 * (the structural places of its related locations), never its message, which quotes amounts.
 */
import type * as Crypto from 'node:crypto';
import * as path from 'node:path';
import type { NodeLocation, ParsedYaml, PathSegment } from './document';
import type { Finding } from './findings';
import type { Span } from './ranges';

/** Bump when the recipe changes, so old fingerprints are not compared with new ones. */
export const FINGERPRINT_VERSION = 'outcomesLint/v1';

/** Fields that name a list item, in order of preference: ids, then the outcome or cohort it is about. */
const NAMING_FIELDS = ['id', 'outcome', 'cohort'] as const;

/**
 * What a list item is called, from its own fields rather than its position: `id=leaving-care`,
 * `outcome=employment-entry,cohorts=a+b`, or `=value` for a scalar. Undefined when nothing names it.
 */
export function itemName(item: unknown): string | undefined {
  if (item === null || item === undefined) return undefined;
  if (typeof item !== 'object') return `=${String(item)}`;
  if (Array.isArray(item)) return undefined;
  const record = item as Record<string, unknown>;
  for (const field of NAMING_FIELDS) {
    const value = record[field];
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    const cohorts = Array.isArray(record.cohorts) ? record.cohorts.filter((c) => typeof c === 'string' || typeof c === 'number') : [];
    return `${field}=${String(value)}${cohorts.length ? `,cohorts=${[...cohorts].map(String).sort().join('+')}` : ''}`;
  }
  return undefined;
}

/** `[outcome=x]` for each item of a list (with `#2` for the second of the same name), else `[3]`; once per list. */
const itemSegments = new WeakMap<unknown[], string[]>();
function itemSegment(list: unknown[], index: number): string {
  let segments = itemSegments.get(list);
  if (!segments) {
    const seen = new Map<string, number>();
    segments = list.map((item, i) => {
      const name = itemName(item);
      if (name === undefined) return `[${i}]`;
      const occurrence = (seen.get(name) ?? 0) + 1;
      seen.set(name, occurrence);
      return `[${name}${occurrence > 1 ? `#${occurrence}` : ''}]`;
    });
    itemSegments.set(list, segments);
  }
  return segments[index];
}

function contains(outer: Span, inner: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** A node's children in source order, with where each starts (its key, else its value). */
interface Child {
  segment: PathSegment;
  start: number;
  location: NodeLocation;
}

/** Children by container, per parsed file: built once, then found by binary search (files with thousands of lines and findings). */
const childrenCache = new WeakMap<ParsedYaml, Map<unknown, Child[]>>();
function childrenOf(parsed: ParsedYaml, segments: PathSegment[], value: object): Child[] {
  let byContainer = childrenCache.get(parsed);
  if (!byContainer) childrenCache.set(parsed, (byContainer = new Map()));
  let children = byContainer.get(value);
  if (!children) {
    const names: PathSegment[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
    children = [];
    for (const segment of names) {
      const location = parsed.locate([...segments, segment]);
      if (location) children.push({ segment, start: location.key ? location.key.start : location.value.start, location });
    }
    children.sort((x, y) => x.start - y.start);
    byContainer.set(value, children);
  }
  return children;
}

/**
 * The structural place of a span in a parsed document: the deepest node whose value (or key)
 * holds the span, written as `prices[outcome=employment-entry].maxClaims`. `''` for the
 * document itself (or a file that could not be read as YAML).
 */
export function structuralPath(parsed: ParsedYaml, span: Span): string {
  const segments: PathSegment[] = [];
  let value: unknown = parsed.value;
  let out = '';
  for (let depth = 0; depth < 256 && value !== null && typeof value === 'object'; depth++) {
    // Siblings do not overlap: the only candidate is the last child starting at or before the span.
    const children = childrenOf(parsed, segments, value);
    let low = 0;
    let high = children.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (children[middle].start <= span.start) {
        found = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    if (found < 0) break;
    const { segment, location } = children[found];
    const inValue = contains(location.value, span) && location.value.end > location.value.start;
    // On the key, or over key and value: this entry, and nothing inside it.
    const onEntry = !inValue && location.key !== undefined && contains({ start: location.key.start, end: Math.max(location.key.end, location.value.end) }, span);
    if (!inValue && !onEntry) break;
    if (Array.isArray(value)) out += itemSegment(value, segment as number);
    else out += (out ? '.' : '') + quoteKey(String(segment));
    segments.push(segment);
    value = Array.isArray(value) ? value[segment as number] : (value as Record<string, unknown>)[segment as string];
    if (onEntry) break;
  }
  return out;
}

/** Keys that would read as path syntax are quoted. */
function quoteKey(key: string): string {
  return /^[^.[\]"#=]+$/.test(key) ? key : JSON.stringify(key);
}

/** Where files' parsed text comes from (the workspace the findings were made in). */
export type ParsedOf = (file: string) => ParsedYaml | undefined;

/** The file as the fingerprint names it: relative to the workspace root, with `/`. */
export function fingerprintFile(file: string, root: string): string {
  const relative = path.relative(root, file);
  return (relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : path.resolve(file)).split(path.sep).join('/');
}

/** A finding's identity before its occurrence is counted: file, rule, place and own key. */
export function findingIdentity(finding: Finding, root: string, parsedOf: ParsedOf): string[] {
  const place = (file: string, span: Span) => {
    const parsed = parsedOf(file);
    return parsed ? structuralPath(parsed, span) : '';
  };
  const key = (finding.related ?? []).map((r) => `${fingerprintFile(r.file, root)}#${place(r.file, r.span)}`).sort();
  return [fingerprintFile(finding.file, root), finding.ruleId, place(finding.file, finding.span), key.join('\n')];
}

/**
 * The fingerprints of a list of findings, in the same order. Findings alike in every part are
 * told apart by which of them it is, in the order of their positions in the file.
 */
export function fingerprints(findings: readonly Finding[], root: string, parsedOf: ParsedOf): string[] {
  // Each file parsed is asked for once (a workspace reads the disk on every ask).
  const parsed = new Map<string, ParsedYaml | undefined>();
  const once: ParsedOf = (file) => {
    if (!parsed.has(file)) parsed.set(file, parsedOf(file));
    return parsed.get(file);
  };
  const identities = findings.map((f) => JSON.stringify(findingIdentity(f, root, once)));
  const order = findings.map((_, i) => i).sort((a, b) => findings[a].span.start - findings[b].span.start || findings[a].span.end - findings[b].span.end || a - b);
  const seen = new Map<string, number>();
  const out: string[] = new Array(findings.length);
  for (const i of order) {
    const occurrence = seen.get(identities[i]) ?? 0;
    seen.set(identities[i], occurrence + 1);
    out[i] = sha256().update(`${FINGERPRINT_VERSION}\u0000${identities[i]}\u0000${occurrence}`).digest('hex');
  }
  return out;
}

// node:crypto is loaded with the first fingerprint, not at start: loading it costs about 9 ms of every CLI run.
let crypto: typeof Crypto | undefined;
function sha256(): Crypto.Hash {
  crypto ??= require('node:crypto') as typeof Crypto;
  return crypto.createHash('sha256');
}
