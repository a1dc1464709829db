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
