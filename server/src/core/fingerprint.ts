/**
 * A finding's fingerprint: the same problem keeps the same fingerprint when lines move or
 * amounts change elsewhere, so CI can tell new findings from old ones (GitLab code quality,
 * SARIF `partialFingerprints`, `outcomes-lint --base`). It is made of the file (relative to the
 * workspace root), the rule id, where the finding is in the document's structure
 * (`prices[outcome=employment-entry].maxClaims`, never a line number) and the finding's own key
 * (the structural places of its related locations), never its message, which quotes amounts.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { ParsedYaml, PathSegment } from './document';
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

/** `[outcome=x]` for a named list item (with `#2` for the second of the same name), else `[3]`. */
function itemSegment(list: unknown[], index: number): string {
  const name = itemName(list[index]);
  if (name === undefined) return `[${index}]`;
  let occurrence = 1;
  for (let i = 0; i < index; i++) if (itemName(list[i]) === name) occurrence++;
  return `[${name}${occurrence > 1 ? `#${occurrence}` : ''}]`;
}

function contains(outer: Span, inner: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
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
    const children: PathSegment[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value as object);
    let next: PathSegment | undefined;
    let onKey = false;
    for (const child of children) {
      const location = parsed.locate([...segments, child]);
      if (!location) continue;
      if (contains(location.value, span) && location.value.end > location.value.start) {
        next = child;
        break;
      }
      // On the key, or over key and value: this entry, and nothing inside it.
      if (location.key && contains({ start: location.key.start, end: Math.max(location.key.end, location.value.end) }, span)) {
        next = child;
        onKey = true;
        break;
      }
    }
    if (next === undefined) break;
    if (Array.isArray(value)) out += itemSegment(value, next as number);
    else out += (out ? '.' : '') + quoteKey(String(next));
    segments.push(next);
    value = Array.isArray(value) ? value[next as number] : (value as Record<string, unknown>)[next as string];
    if (onKey) break;
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
  const identities = findings.map((f) => JSON.stringify(findingIdentity(f, root, parsedOf)));
  const order = findings.map((_, i) => i).sort((a, b) => findings[a].span.start - findings[b].span.start || findings[a].span.end - findings[b].span.end || a - b);
  const seen = new Map<string, number>();
  const out: string[] = new Array(findings.length);
  for (const i of order) {
    const occurrence = seen.get(identities[i]) ?? 0;
    seen.set(identities[i], occurrence + 1);
    out[i] = createHash('sha256').update(`${FINGERPRINT_VERSION}\u0000${identities[i]}\u0000${occurrence}`).digest('hex');
  }
  return out;
}
