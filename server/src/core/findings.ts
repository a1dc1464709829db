/** What every check and rule reports: plain data, no editor types. */
import type { Span } from './ranges';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface TextEdit {
  /** Offsets into the file's text as it was checked. */
  span: Span;
  newText: string;
}

export interface Fix {
  /** What the edit does, in the analyst's words: "Set maxClaims to 1". */
  title: string;
  /** Edits to the finding's own file; they never overlap. */
  edits: TextEdit[];
  /**
   * Whether the fix changes a contract term (a price, maxClaims, caps, excludes, requires, dates,
   * shares, splits). Such a fix is offered, never applied on its own: `--fix` leaves it unless
   * `--fix-type term` is given, and the editor's fix-all leaves it.
   */
  changesTerm: boolean;
  /**
   * The edit writes a figure computed from the rest of the file (caps.total at the maximum
   * liability): `--fix` makes it after every other fix of the run, so it sees the file as written.
   */
  figure?: boolean;
}

export interface RelatedLocation {
  file: string;
  span: Span;
  message: string;
}

export interface Finding {
  /** The public id: a check of format.md (`schema`, `payer-split`, …) or a rule of rules.md. */
  ruleId: string;
  severity: Severity;
  message: string;
  /** Absolute path of the file the finding is in. */
  file: string;
  span: Span;
  related?: RelatedLocation[];
  fix?: Fix;
}

export const severityOrder: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || severityOrder[a.severity] - severityOrder[b.severity] || byCodeUnits(a.ruleId, b.ruleId));
}

/**
 * Plain string order. Rule ids are lower-case letters, digits and hyphens, which sort the same
 * way as with `localeCompare`; its first call loads ICU's collator (10–25 ms of every CLI run).
 */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
