/**
 * Payment totals: what a rate card can cost and is expected to cost (format.md, "Payment totals";
 * definitions and rounding in docs/totals.md). Amounts are integers in minor units (pence);
 * `null` means unbounded for a maximum, "not projected" for expected payments and deadweight,
 * or "cannot be computed" when the figure's key is listed in `blocked`.
 */
import type { Span } from './ranges';
import type { FrameworkModel, RateCardModel } from './model';
import { computeTotalsFor } from './totals/engine';
import { oncePerPair } from './totals/memo';

export { generalMaxima } from './totals/engine';
import { figuresOf } from './totals/figures';

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
  /** Which caps cut a figure down: `perParticipant.<cohort>`, `total.maximumLiability`, `total.expected`. */
  capsApplied: string[];
}

/** The wholes of the totals, without the breakdowns by payer, line, outcome and year. */
export type PaymentFigures = Pick<Totals, 'maxPerParticipant' | 'uncappedMaxPerParticipant' | 'maximumLiability' | 'expected' | 'deadweight' | 'byCohort' | 'capsApplied' | 'notEstimated'> & {
  /** As `Totals.blocked`, for these figures. */
  blocked: ReadonlySet<string>;
};

/**
 * The wholes alone: the same figures as computeTotals gives (computeTotals builds on them), for
 * those that decide on them (the rules) without needing every breakdown. Computed once per
 * (rate card, framework) model pair. Treat the result as read-only.
 */
export function paymentFigures(rateCard: RateCardModel, framework: FrameworkModel | undefined): PaymentFigures {
  return figuresOf(rateCard, framework);
}

/** The rate card's totals; computed once per (rate card, framework) model pair. Treat the result as read-only. */
export const computeTotals: (rateCard: RateCardModel, framework: FrameworkModel | undefined) => Totals = oncePerPair(computeTotalsFor);

const SYMBOLS: Record<string, string> = { GBP: '£', EUR: '€', USD: '$', JPY: '¥', INR: '₹', KRW: '₩', CNY: '¥', ILS: '₪', NGN: '₦' };

/** "£1,342,500.00" for 134250000 pence; "unbounded" for null. Currencies without a symbol get their code: "CHF 1,200.00". */
export function formatMoney(minor: number | null, currency: string, digits: number): string {
  if (minor === null) return 'unbounded';
  const negative = minor < 0;
  const text = Math.abs(minor).toString().padStart(digits + 1, '0');
  const whole = digits ? text.slice(0, text.length - digits) : text;
  const fraction = digits ? '.' + text.slice(text.length - digits) : '';
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const symbol = SYMBOLS[currency];
  const amount = symbol ? `${symbol}${grouped}${fraction}` : `${currency ? currency + ' ' : ''}${grouped}${fraction}`;
  return negative ? '-' + amount : amount;
}
