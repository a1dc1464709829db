/**
 * Numbers no contract needs: `1e999999999`, a share written with 400 digits. Read as they are,
 * they become Infinity or 0, or cost seconds and hundreds of MB to read exactly, so each one
 * is reported at the value, in constant time, and nothing else is said about it.
 */
import type { ParsedYaml } from './document';
import type { Finding } from './findings';
import type { Span } from './ranges';

/** More digits than this in one number: no amount, share or count is written so. */
export const MAX_NUMBER_DIGITS = 30;
/** An exponent beyond ±this: no amount, share or count is that large or that small. */
export const MAX_NUMBER_EXPONENT = 30;

/** Looked at, per value: enough to see a number is too long without reading all of it. */
const PREFIX = MAX_NUMBER_DIGITS + 12;
const NUMBER = /^[-+]?(?:\.([0-9]+)|([0-9]+)(?:\.([0-9]*))?)(?:[eE]([-+]?[0-9]+))?$/;
const HEX_OR_OCTAL = /^0(?:x[0-9a-fA-F]+|o[0-7]+)$/;
/** The start of a long number (checked on the prefix first, then on the whole value). */
const LONG_NUMBER = /^[-+]?(?:0x[0-9a-fA-F]+|0o[0-7]+|[0-9]*\.?[0-9]*(?:[eE][-+]?[0-9]*)?)$/;

/** Why a plain scalar's text is an absurd number, or undefined when it is not one. Constant time. */
export function absurdNumber(text: string, start: number, end: number): string | undefined {
  const c = text.charCodeAt(start);
  if (!((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46)) return undefined;
  const raw = text.slice(start, Math.min(end, start + PREFIX));
  // A long value: a number only if all of it is (values do not overlap, so this stays linear in the file).
  if (end - start > PREFIX) return LONG_NUMBER.test(raw) && /[0-9]/.test(raw) && LONG_NUMBER.test(text.slice(start, end)) ? `is written with more than ${MAX_NUMBER_DIGITS} digits` : undefined;
  const hex = HEX_OR_OCTAL.test(raw);
  const match = hex ? null : NUMBER.exec(raw);
  if (!hex && !match) return undefined;
  if (match) {
    const digits = (match[1] ?? '').length + (match[2] ?? '').length + (match[3] ?? '').length;
    if (digits > MAX_NUMBER_DIGITS) return `is written with ${digits} digits`;
    const exponent = match[4] === undefined ? 0 : Number(match[4]);
    if (Math.abs(exponent) > MAX_NUMBER_EXPONENT) return `has an exponent of ${match[4].replace(/^\+/, '')}`;
  }
  // Past 2^53 a number is no longer exact, so no count or amount can be that large.
  const value = hex ? parseInt(raw.slice(2), raw[1] === 'x' ? 16 : 8) : Number(raw);
  if (Math.abs(value) > Number.MAX_SAFE_INTEGER) return `is larger than any count or amount can be (${Number.MAX_SAFE_INTEGER.toLocaleString('en-GB')} is the most that stays exact)`;
  return undefined;
}

/** Each parse's findings, for the parse an edit makes from it. */
const found = new WeakMap<ParsedYaml, { file: string; findings: Finding[] }>();

/** A schema finding at each absurd number in the file. */
export function numberLimitFindings(parsed: ParsedYaml, file: string): Finding[] {
  const out = afterEdit(parsed, file) ?? everyValue(parsed, file);
  found.set(parsed, { file, findings: out });
  return out;
}

function everyValue(parsed: ParsedYaml, file: string): Finding[] {
  const out: Finding[] = [];
  parsed.forEachValueSpan((start, end) => {
    const finding = limitFinding(parsed, file, start, end);
    if (finding) out.push(finding);
  });
  return out;
}

/**
 * After an edit inside one plain value (yaml-edit.ts), only that value's text changed: the last
 * parse's findings elsewhere move with the text, and that value alone is looked at again (typing
 * in a title of a large framework no longer reads every value). Such a value starts with a letter,
 * so it is never an absurd number; it is looked at all the same, so that this never depends on it.
 */
function afterEdit(parsed: ParsedYaml, file: string): Finding[] | undefined {
  const edit = parsed.editOf;
  const before = edit && found.get(edit.previous);
  if (!edit || !before || before.file !== file) return undefined;
  const span = parsed.spanOf(edit.path);
  // The edited value: from its start (before the edit) to its old end (`at`), now `at + delta`.
  if (span.end !== edit.at + edit.delta || span.start > span.end) return undefined;
  const out: Finding[] = [];
  let added = false;
  const own = () => {
    if (added) return;
    added = true;
    const finding = limitFinding(parsed, file, span.start, span.end);
    if (finding) out.push(finding);
  };
  for (const finding of before.findings) {
    if (finding.span.end <= span.start) out.push(finding);
    else if (finding.span.start >= edit.at) {
      own();
      out.push({ ...finding, span: { start: finding.span.start + edit.delta, end: finding.span.end + edit.delta } });
    }
  }
  own();
  return out;
}

function limitFinding(parsed: ParsedYaml, file: string, start: number, end: number): Finding | undefined {
  const why = absurdNumber(parsed.text, start, end);
  if (!why) return undefined;
  const shown = end - start > 24 ? parsed.text.slice(start, start + 20) + '…' : parsed.text.slice(start, end);
  return {
    ruleId: 'schema',
    severity: 'error',
    message: `The number ${shown} ${why}: no amount, share or count in a framework or rate card needs that. Write it as plain digits, such as 1500 or 0.25.`,
    file,
    span: { start, end },
  };
}

/** Drops the other findings at an absurd number's span: they would only restate it (Infinity, 0). */
export function withoutEchoes(findings: Finding[], limits: Finding[]): Finding[] {
  if (limits.length === 0) return findings;
  const spans = new Set(limits.map((f) => spanKey(f.span)));
  return findings.filter((f) => !spans.has(spanKey(f.span)));
}

function spanKey(span: Span): string {
  return `${span.start}:${span.end}`;
}
