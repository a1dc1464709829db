/**
 * Payment totals: what a rate card can cost and is expected to cost (format.md, "Payment totals";
 * definitions and rounding in docs/totals.md). Amounts are integers in minor units (pence);
 * `null` means unbounded for a maximum, "not projected" for expected payments and deadweight,
 * or "cannot be computed" when the figure's key is listed in `blocked`.
 */
import type { FrameworkModel, RateCardModel } from '../model';
import { computeTotalsFor } from './engine';
import { oncePerPair } from './memo';
import type { PaymentFigures, Totals } from './types';
import { cut } from './amounts';
import * as Q from './rational';

export { generalMaxima } from './engine';
import { figuresOf } from './figures';

export type { BlockedLine, CohortTotals, LineTotals, PayerTotals, PaymentFigures, Totals } from './types';

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

/**
 * The expected payments and deadweight before their one rounding (minor units, exact), for a rule
 * that compares them with a threshold (rules/high-deadweight); undefined where the figure is not a number.
 */
export function exactWholes(rateCard: RateCardModel, framework: FrameworkModel | undefined): { expected?: Q.Rational; deadweight?: Q.Rational } {
  const work = figuresOf(rateCard, framework).work;
  const expected = work.expectedCapped?.amount;
  const deadweight = work.deadweightAmount;
  return { expected: typeof expected === 'object' ? expected : undefined, deadweight: typeof deadweight === 'object' ? deadweight : undefined };
}

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

/**
 * The expected payments part by part, exact, for timing them (core/timing, core/investor): each
 * (cohort, price line) part per participant before any cap, and per cohort what turns those into
 * its expected payments: `people` (participants), `capCut` (its per-participant cap's cut, 1 when
 * it does not bind) and `final` (people × capCut × the cut of caps per payer and caps.total), so
 * Σ parts × final over the cohorts is the expected payments before rounding; `sum` is the cohort's parts added up. Undefined when they
 * are not projected, cannot be computed, or are past any number.
 */
export function expectedParts(rateCard: RateCardModel, framework: FrameworkModel | undefined): { parts: { cohort: string; line: number; amount: Q.Rational }[]; cohorts: Map<string, { people: number; capCut: Q.Rational; final: Q.Rational; sum: Q.Rational }> } | undefined {
  const figures = figuresOf(rateCard, framework);
  const whole = figures.work.expectedCapped?.amount;
  if (!figures.work.projected || whole === undefined || typeof whole !== 'object') return undefined;
  const parts: { cohort: string; line: number; amount: Q.Rational }[] = [];
  const cohorts = new Map<string, { people: number; capCut: Q.Rational; final: Q.Rational; sum: Q.Rational }>();
  // Each cohort's lines in the order the breakdowns visit them; their sum is the one the cohort's
  // expected payments were figured from (the same value as adding the parts up again).
  for (const [id, expected] of figures.work.expectedByCohort) {
    if (expected.lines.length === 0) continue; // no parts: no entry
    const each = expected.expectedEach;
    if (!each) return undefined; // a blocked line
    const people = figures.byCohort[id]?.participants;
    if (people === null || people === undefined) return undefined;
    // A part's factor is the same for its whole cohort: participants × its cap's cut.
    const capCut = people === 0 ? Q.ONE : Q.div(each.factor, Q.int(people));
    cohorts.set(id, { people, capCut, final: Q.mul(each.factor, figures.work.totalFactor), sum: each.sum });
    for (const line of expected.lines) parts.push({ cohort: id, line: line.line, amount: line.pay as Q.Rational });
  }
  // Caps per payer cut the whole below the parts' sum: every part in the same proportion.
  let sum: Q.Rational = Q.ZERO;
  for (const c of cohorts.values()) sum = Q.add(sum, Q.mul(c.sum, c.final));
  if (!Q.isZero(sum) && Q.compare(sum, whole) !== 0) {
    const scale = Q.div(whole, sum);
    for (const c of cohorts.values()) c.final = Q.mul(c.final, scale);
  }
  return { parts, cohorts };
}
