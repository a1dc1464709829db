/**
 * The shapes of the payment totals (see totals/index.ts for what the figures mean). Types only: the
 * engine's modules and totals/index.ts share them without importing one another in a circle.
 */
import type { Span } from '../ranges';

export interface LineTotals {
  /** The price line's position in `prices`. */
  index: number;
  outcome: string;
  /** The cohorts this line prices. */
  cohorts: string[];
  /** maxClaims, or maxPeriods for a line paid per period. */
  claims: number | 'unlimited';
  /** For a line paid per period held: the period (`claims` is then the most periods). */
  per?: 'week' | 'month' | 'quarter';
  /** The price of one claim or period, in minor units; null when it cannot be read. */
  price: number | null;
  /** price × maxClaims (or × maxPeriods); null when unlimited or unreadable. */
  maxPerParticipant: number | null;
  /** This line's part of the expected payments, after caps; null when not projected. */
  expected: number | null;
  /** Its share of all expected payments (0–1, 4 decimals); null when not projected. */
  share: number | null;
}

export interface CohortTotals {
  participants: number | null;
  maxPerParticipant: number | null;
  maximumLiability: number | null;
  expected: number | null;
  deadweight: number | null;
}

export interface PayerTotals {
  maximumLiability: number | null;
  expected: number | null;
  deadweight: number | null;
}

export interface BlockedLine {
  file: string;
  span: Span;
  message: string;
}

export interface Totals {
  rateCard: string;
  currency: string;
  digits: number;
  maxPerParticipant: Record<string, number | null>;
  /** Max per participant by cohort before caps.perParticipant (null when unbounded or blocked). */
  uncappedMaxPerParticipant: Record<string, number | null>;
  maximumLiability: number | null;
  expected: number | null;
  deadweight: number | null;
  byCohort: Record<string, CohortTotals>;
  byPayer: Record<string, PayerTotals>;
  byOutcome: Record<string, { expected: number | null; share: number | null }>;
  byLine: LineTotals[];
  byYear: Record<string, number>;
  /** Lines that stop a figure being computed, with why. */
  blockedBy: BlockedLine[];
  /**
   * Figures that are null because a line in `blockedBy` stops them (not because they are
   * unbounded or not projected): `maximumLiability`, `expected`, `maxPerParticipant.<cohort>`,
   * `byCohort.<cohort>.expected`, `byPayer`, `byYear`, ….
   */
  blocked: string[];
  /**
   * Figures that are null because they cannot be estimated, with why in a few words:
   * `{ deadweight: 'no baselines', 'byCohort.<cohort>.deadweight': 'no baselines' }`. Shown as
   * "not estimated — no baselines", never £0.00.
   */
  notEstimated: Record<string, string>;
  /**
   * Which caps cut a figure down: `perParticipant.<cohort>`, `perPayer.<payer>.<figure>`,
   * `total.maximumLiability`, `total.expected`, and `maxPeriods.<cohort>.<outcome>` where the
   * projection expects more periods than a line pays.
   */
  capsApplied: string[];
  /**
   * Figures that are only an upper bound (the true figure may be less), with why in a few words:
   * `{ maximumLiability: '…' }`. Keys as in `notEstimated`; a key covers those under it. Shown
   * "at most £…" everywhere; empty when every figure is exact.
   */
  upperBounds: Record<string, string>;
}

/** The wholes of the totals, without the breakdowns by payer, line, outcome and year. */
export type PaymentFigures = Pick<Totals, 'maxPerParticipant' | 'uncappedMaxPerParticipant' | 'maximumLiability' | 'expected' | 'deadweight' | 'byCohort' | 'capsApplied' | 'notEstimated' | 'upperBounds'> & {
  /** As `Totals.blocked`, for these figures. */
  blocked: ReadonlySet<string>;
};
