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
 * Each (cohort, price line) part of the expected payments, exact, after every cap: the parts add
 * up to the expected payments before rounding (caps per payer and the total cap cut every part in
 * the same proportion). Undefined when the expected payments are not projected, cannot be
 * computed, or are past any number. For timing them (core/timing, core/investor).
 */
export function expectedParts(rateCard: RateCardModel, framework: FrameworkModel | undefined): { cohort: string; line: number; amount: Q.Rational }[] | undefined {
  const figures = figuresOf(rateCard, framework);
  const whole = figures.work.expectedCapped?.amount;
  if (!figures.work.projected || whole === undefined || typeof whole !== 'object') return undefined;
  const parts: { cohort: string; line: number; amount: Q.Rational }[] = [];
  let sum: Q.Rational = Q.ZERO;
  for (const part of figures.work.parts().expected) {
    const amount = cut(part);
    if (typeof amount !== 'object') return undefined;
    const after = Q.mul(amount, figures.work.totalFactor);
    parts.push({ cohort: part.cohort, line: part.line, amount: after });
    sum = Q.add(sum, after);
  }
  // Caps per payer cut the whole below the parts' sum: every part in the same proportion.
  if (!Q.isZero(sum) && Q.compare(sum, whole) !== 0) {
    const factor = Q.div(whole, sum);
    for (const part of parts) part.amount = Q.mul(part.amount, factor);
  }
  return parts;
}
