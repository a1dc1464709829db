/**
 * Applies the fixes findings carry. Each fix is a set of text edits to the finding's file;
 * fixes are taken in order of position, and one that overlaps an edit already taken is
 * skipped (a later pass, after re-checking, can apply it). Text outside the edits is kept
 * byte for byte, comments and formatting included.
 */
import type { Finding, TextEdit } from './findings';

export interface FixOutcome {
  text: string;
  /** The findings whose fixes were applied, in order of position. */
  applied: Finding[];
  /** The findings whose fixes overlap one applied before them, or whose edits fall outside the text. */
  skipped: Finding[];
}

export function applyFixes(text: string, findings: readonly Finding[]): FixOutcome {
  const withFixes = findings.filter((f) => f.fix && f.fix.edits.length > 0);
  const ordered = [...withFixes].sort((a, b) => firstStart(a) - firstStart(b));
  const taken: TextEdit[] = [];
  const applied: Finding[] = [];
  const skipped: Finding[] = [];
  for (const finding of ordered) {
    const edits = finding.fix!.edits;
    const valid = edits.every((e) => e.span.start >= 0 && e.span.end >= e.span.start && e.span.end <= text.length);
    const clashes = !valid || edits.some((e, i) => taken.some((t) => overlaps(e, t)) || edits.some((o, j) => j !== i && overlaps(e, o)));
    if (clashes) {
      skipped.push(finding);
      continue;
    }
    taken.push(...edits);
    applied.push(finding);
  }
  // Apply from the end so earlier offsets stay valid. Two insertions at one offset keep their order.
  const sorted = taken.map((edit, order) => ({ edit, order })).sort((a, b) => b.edit.span.start - a.edit.span.start || b.order - a.order);
  let out = text;
  for (const { edit } of sorted) out = out.slice(0, edit.span.start) + edit.newText + out.slice(edit.span.end);
  return { text: out, applied, skipped };
}

/** Two edits clash when their ranges share text, or both insert at one point (their order would be a guess). */
function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (a.span.start === a.span.end && b.span.start === b.span.end) return a.span.start === b.span.start;
  return a.span.start < b.span.end && b.span.start < a.span.end;
}

function firstStart(finding: Finding): number {
  return Math.min(...finding.fix!.edits.map((e) => e.span.start));
}
