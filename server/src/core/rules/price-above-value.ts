/** A price above the fiscal value an achievement brings: the payers spend more than they save on it. */
import { COHORT_BODY, outcomeValues, priceToValue } from '../value';
import { meta as ruleMeta, money, nameOf, relatedAt, thresholdOf } from './common';
import { paidPrice } from './facts';
import * as Q from '../totals/rational';
import type { Rule } from './types';

export const meta = ruleMeta('price-above-value', 'warning', 'An outcome is priced above the fiscal value (savings to public budgets) one achievement brings.', {
  thresholds: { maxRatio: { default: 1, description: 'The most a price may be of the fiscal value of one achievement (price ÷ value).', schema: { type: 'number', minimum: 0 } } },
});

export const check: Rule['check'] = ({ facts, thresholds, report }) => {
  const card = facts.cardTarget;
  const framework = facts.framework;
  if (!card || !framework) return;
  const values = outcomeValues(framework);
  if (values.size === 0) return;
  for (const [outcome, value] of values) {
    const entry = facts.outcomeById(outcome);
    // A value or a line that failed validation is judged by its own error first.
    if (!entry || facts.doubtful(entry) || facts.invalid(framework, value.path)) continue;
    const lines = (card.linesByOutcome.get(outcome) ?? []).filter((line) => !facts.doubtfulLine(card, line));
    if (lines.length === 0) continue;
    const result = priceToValue(card.rateCard, outcome, value);
    if (result.ratio === null || !result.line) continue;
    const fiscal = [...value.fiscal.values()].reduce((sum, f) => sum + (f.amount ?? 0), 0) * value.years;
    // Exactly, as the totals count: the price after its discount against maxRatio × the value (the
    // ratio shown is rounded, and a price a fraction of a penny over the value is over it).
    const price = paidPrice(result.line);
    if (price === undefined || Q.compare(price, Q.mul(thresholdOf(thresholds.maxRatio), Q.int(fiscal))) <= 0) continue;
    const unit = value.per ? `per ${value.per}` : 'per achievement';
    const social = value.economic || value.social ? ' Economic or social value may still justify it: say so where the price is agreed.' : '';
    const bodies = [...value.fiscal.keys()].map((b) => (b === COHORT_BODY ? "the cohort's payer" : b));
    report({
      model: card.rateCard,
      path: [...result.line.path, 'price'],
      message: `${nameOf(entry)} is priced at ${result.ratio.toFixed(2)} times the fiscal value it brings: ${money(result.line.price ?? null, card.rateCard)} ${unit}${result.line.discount ? ` (less its ${result.line.discount}% discount)` : ''} against ${money(fiscal, card.rateCard)} of savings (to ${bodies.join(', ')}${value.years > 1 ? `, over ${value.years} years` : ''}), more than the ${thresholds.maxRatio} allowed. Each achievement costs the payers more than it saves the public purse.${social} Lower the price, or check the value and its source.`,
      related: [relatedAt(framework, value.path, `the value of ${outcome}`, true)],
    });
  }
};
