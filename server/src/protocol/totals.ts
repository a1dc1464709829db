/**
 * The requests and notifications of ours that the server and the client share, and the shapes
 * they carry: the one module the client imports from the server's tree (a test holds it to that).
 * Types only, and names: nothing here pulls the core into the client.
 */
import type { HeadView } from './review';
import type { ValueView } from './value';
import type { InvestorView } from './investor';

/** `outcomes/totals` {uri} → TotalsView | null: the payment totals of a rate card, as its text stands. */
export const totalsRequest = 'outcomes/totals';
/** `outcomes/totalsCsv` {uri} → string | null: those totals as `outcomes-lint totals --format csv` writes them. */
export const totalsCsvRequest = 'outcomes/totalsCsv';
/** `outcomes/didChangeTotals` {uris}: the server re-checked these rate cards (spelled as the client sent them). */
export const didChangeTotalsNotification = 'outcomes/didChangeTotals';
/** `outcomes/lintWorkspace` → LintSummary | null: checks every known file now. */
export const lintWorkspaceRequest = 'outcomes/lintWorkspace';

export interface UriParams {
  uri: string;
}

export interface DidChangeTotalsParams {
  uris: string[];
}

/** What `outcomes/lintWorkspace` counted. */
export interface LintSummary {
  files: number;
  errors: number;
  warnings: number;
  others: number;
}

/** The amounts of TotalsView, each formatted for display ("£1,500.00", "unbounded", "cannot be computed"). */
export interface FormattedTotals {
  maxPerParticipant: Record<string, string>;
  maximumLiability: string;
  expected: string;
  deadweight: string;
  byCohort: Record<string, { maxPerParticipant: string; maximumLiability: string; expected: string; deadweight: string }>;
  byPayer: Record<string, { maximumLiability: string; expected: string; deadweight: string }>;
  byOutcome: Record<string, { expected: string; share: string | null }>;
  byYear: Record<string, string>;
  byLine: { maxPerParticipant: string; expected: string }[];
}

/** The answer to `outcomes/totals`: amounts in minor units (pence), null where they cannot be known. */
export interface TotalsView {
  uri: string;
  rateCard: string;
  currency: string;
  digits: number;
  maxPerParticipant: Record<string, number | null>;
  maximumLiability: number | null;
  expected: number | null;
  deadweight: number | null;
  byCohort: Record<string, { participants: number | null; maxPerParticipant: number | null; maximumLiability: number | null; expected: number | null; deadweight: number | null }>;
  byPayer: Record<string, { maximumLiability: number | null; expected: number | null; deadweight: number | null }>;
  byOutcome: Record<string, { expected: number | null; share: number | null }>;
  byLine: { index: number; outcome: string; cohorts: string[]; claims: number | 'unlimited'; per?: 'week' | 'month' | 'quarter'; price: number | null; maxPerParticipant: number | null; expected: number | null; share: number | null }[];
  byYear: Record<string, number>;
  blockedBy: { uri: string; line: number; message: string }[];
  /** Which caps cut a figure: `perParticipant.<cohort>`, `perPayer.<payer>.<figure>`, `total.<figure>`. */
  capsApplied: string[];
  /** Figures that cannot be estimated, with why (`deadweight: 'no baselines'`). */
  notEstimated: Record<string, string>;
  /** Figures that are only an upper bound, with why: formatted "at most £…". */
  upperBounds: Record<string, string>;
  formatted: FormattedTotals;
  names: { payers: Record<string, string>; outcomes: Record<string, string>; cohorts: Record<string, string> };
  /** The same rate card at git's HEAD beside now (null outside a repository or an untrusted workspace). */
  head?: HeadView | null;
  /** Savings beside payments by body (docs/value.md); null when the framework gives no outcome a value. */
  value?: ValueView | null;
  /** The investor's cash flow and figures, for a rate card with an `investment`; null without one. */
  investor?: InvestorView | null;
  /** Plan against actual, when an actuals file in the workspace is claimed under this rate card (docs/actuals.md). */
  actuals?: PlanActualView | null;
}

/** Plan against actual for the preview: figures formatted as `totals --actuals` prints them. */
export interface PlanActualView {
  /** The actuals file, as a URI. */
  uri: string;
  /** `2020-Q3 (2020-09-30)`, or null when no period is reported. */
  asAt: string | null;
  /** Why there are no figures (the file has errors of reading); the rows are then empty. */
  unreadable?: string;
  rows: { figure: string; scope: string; actual: string; plan: string; share: string }[];
  reforecast: { figure: string; text: string }[];
  /** Payments by period, in minor units (plan null when not estimated), and as text. */
  byPeriod: { label: string; actual: number; plan: number | null; actualText: string; planText: string }[];
  findings: { errors: number; warnings: number };
}
