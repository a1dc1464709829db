/** When much of what is expected to be paid would have happened anyway, the contract buys little. */
import { meta as ruleMeta, money, moreThanShare, percent, relatedAt, shareThreshold } from './common';
import type { Rule } from './types';

export const meta = ruleMeta('high-deadweight', 'warning', 'Deadweight (results expected without the programme) is too large a share of expected payments.', {
  thresholds: { maxShare: shareThreshold(0.3, 'The most deadweight may be of expected payments.') },
});

export const check: Rule['check'] = ({ facts, thresholds, report }) => {
  const card = facts.cardTarget;
  const totals = card?.figures();
  if (!card || !totals) return;
  const { expected, deadweight } = totals;
  if (expected === null || deadweight === null || expected <= 0) return;
  if (!moreThanShare(deadweight, expected, thresholds.maxShare)) return;
  // Point at the projection of the cohort whose deadweight share is highest.
  let worst: { cohort: string; share: number } | undefined;
  for (const [cohort, figures] of Object.entries(totals.byCohort)) {
    if (figures.expected === null || figures.deadweight === null || figures.expected <= 0) continue;
    const share = figures.deadweight / figures.expected;
    if (!worst || share > worst.share) worst = { cohort, share };
  }
  const projection = card.rateCard.projection.find((p) => p.cohort === worst?.cohort) ?? card.rateCard.projection[0];
  const framework = facts.framework;
  // The five highest baselines behind it, where a person would look first.
  const cohort = worst?.cohort;
  const related = framework && cohort
    ? highest(
        facts.paidOutcomes.filter((o) => (o.baseline[cohort] ?? 0) > 0 && card.linesByOutcome.has(o.id)),
        (o) => o.baseline[cohort],
        5,
      ).map((o) => relatedAt(framework, [...o.path, 'baseline', cohort], `baseline for ${cohort}: ${percent(o.baseline[cohort])} would achieve ${o.id} anyway`))
    : [];
  report({
    model: card.rateCard,
    path: projection ? [...projection.path, 'cohort'] : ['projection'],
    onKey: !projection,
    message: `${money(deadweight, card.rateCard)} of the ${money(expected, card.rateCard)} expected payments (${percent(deadweight / expected, thresholds.maxShare)}, more than ${percent(thresholds.maxShare)}) would pay for results the baselines say would have happened without the programme${worst ? `, most of all for ${worst.cohort}` : ''}. The payers would buy little change, and a provider can do well by working with the people most likely to succeed anyway. Price the outcomes with high baselines lower, tighten eligibility to people who would not get there alone, or pay only for results above the baseline.`,
    related,
  });
};

/** The `count` items of highest value, highest first, ties in their original order (as a stable sort would give), without sorting them all. */
function highest<T>(items: T[], value: (item: T) => number, count: number): T[] {
  const top: T[] = [];
  for (const item of items) {
    const v = value(item);
    if (top.length === count && v <= value(top[count - 1])) continue;
    let at = top.length;
    while (at > 0 && value(top[at - 1]) < v) at--;
    top.splice(at, 0, item);
    if (top.length > count) top.pop();
  }
  return top;
}
