/** A price far outside what real UK programmes paid for the same kind of outcome deserves a second look. */
import { comparePrices, describeKind, kindOf, notComparableReason, poundsText, programmeLabel } from '../prices/compare';
import { sourceCredit } from '../prices/dataset';
import { listOf, meta as ruleMeta, money } from './common';
import type { Rule } from './types';

export const meta = ruleMeta('price-context', 'info', 'A price is far above the highest, or far below the lowest, real UK price for the same kind of outcome (INDIGO data).', {
  thresholds: {
    factor: { default: 2, description: 'How many times above the highest (or below the lowest) real UK price a price must be to be reported.', schema: { type: 'number', minimum: 1 } },
  },
});

export const check: Rule['check'] = ({ facts, thresholds, report }) => {
  const card = facts.cardTarget;
  // The real prices are pounds: another currency has nothing to compare with.
  if (!card || card.rateCard.currency !== 'GBP') return;
  const factor = thresholds.factor;
  // What is said of a comparison (its bound, who paid it, the programmes), the same for every line
  // it is far from in one direction: written once.
  const said = new Map<ReturnType<typeof comparePrices>, { above?: string; below?: string }>();
  for (const line of card.rateCard.prices) {
    if (line.price === undefined || !line.outcome) continue;
    const outcome = card.outcomeOf(line);
    // The analyst has said this outcome is unlike the published ones (notComparable, with why).
    if (!outcome || notComparableReason(outcome.value) !== undefined) continue;
    const kind = kindOf(outcome.value);
    const comparison = comparePrices(kind);
    if (!comparison) continue;
    // Exact in pence: price > factor × highest, or price × factor < lowest.
    const above = line.price > factor * comparison.highest;
    const below = line.price * factor < comparison.lowest;
    if (!above && !below) continue;
    let texts = said.get(comparison);
    if (!texts) said.set(comparison, (texts = {}));
    const direction = above ? 'above' : 'below';
    let context = texts[direction];
    if (context === undefined) {
      const bound = above ? comparison.highest : comparison.lowest;
      const at = comparison.prices.filter((p) => p.price === bound).map(programmeLabel);
      const programmes = [...new Set(comparison.prices.map(programmeLabel))];
      context = texts[direction] = `real UK price for this kind of outcome (${describeKind(kind)}): ${poundsText(bound)}, paid by ${listOf(at)}. ${comparison.prices.length === 1 ? 'The one comparable price is' : `The ${comparison.prices.length} comparable prices, from ${poundsText(comparison.lowest)} to ${poundsText(comparison.highest)}, are`} from ${listOf(programmes)}. ${above ? 'A price this high may pay for results that would come cheaper, or draw effort away from the other outcomes.' : 'A price this low may not cover the work, so providers may not pursue the outcome.'} Check the price, or note why this programme differs (cohort, intensity, year); hover the price for the comparison. Source: ${sourceCredit()}.`;
    }
    report({
      model: card.rateCard,
      path: [...line.path, 'price'],
      message: `${money(line.price, card.rateCard)} is ${above ? `more than ${factor} times the highest` : `less than 1/${factor} of the lowest`} ${context}`,
    });
  }
};
