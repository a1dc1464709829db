/**
 * Value for money (docs/value.md): what the outcomes are expected to save, and for whom, beside
 * what they are expected to cost. Amounts in minor units, computed exactly and rounded once;
 * `null` where a figure cannot be estimated, with the reason in `notEstimated`, never 0.
 */
import type { FrameworkModel, RateCardModel } from '../model';
import { computeValueFigures } from './figures';
import type { ValueFigures, ValueOptions } from './types';

export { COHORT_BODY, DEFAULT_DISCOUNT_RATE, priceToValue } from './figures';
export { npv } from './parts';
export { figuresOfValue, outcomeValues } from './read';
export type { OutcomeValue, ValueFigureReading } from './read';
export { yearSharesOf } from './timing';
export type { BodyValue, ValueFigures, ValueOptions } from './types';

const computed = new WeakMap<RateCardModel, { framework: FrameworkModel | undefined; rate: number | undefined; value: ValueFigures }>();

/** The value figures of a rate card against its framework; computed once per (rate card, framework, rate). Treat as read-only. */
export function computeValue(card: RateCardModel, framework: FrameworkModel | undefined, options: ValueOptions = {}): ValueFigures {
  const known = computed.get(card);
  if (known && known.framework === framework && known.rate === options.discountRate) return known.value;
  const value = computeValueFigures(card, framework, options);
  computed.set(card, { framework, rate: options.discountRate, value });
  return value;
}

/** "0.4200" style: a ratio with four decimals. */
export function formatRatio(ratio: number): string {
  return ratio.toFixed(4);
}
export { valueBoundNotes, valueBodyRows, valueCsvRows, valueJson, valueMoney, valueOutcomeRows, valueRatio, valueSummaryRows, valueYearRows, whyNot } from './report';
