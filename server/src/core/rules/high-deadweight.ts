/** When much of what is expected to be paid would have happened anyway, the contract buys little. */
import { listOf, meta as ruleMeta, money, moreThanShare, percent, relatedAt, shareOf, shareThreshold } from './common';
import { ownNumber } from '../records';
import { exactWholes } from '../totals';
import type { Rule } from './types';

export const meta = ruleMeta('high-deadweight', 'warning', 'Deadweight (results expected without the programme) is too large a share of expected payments.', {
  thresholds: { maxShare: shareThreshold(0.3, 'The most deadweight may be of expected payments.') },
});

export const check: Rule['check'] = ({ facts, thresholds, report }) => {
  const card = facts.cardTarget;
  const totals = card?.figures();
  if (!card || !totals || facts.doubtfulCard(card)) return;
  // A baseline or an outcome that failed validation would make the figure wrong: its error speaks first.
  if (facts.paidOutcomes.some((o) => card.linesByOutcome.has(o.id) && facts.doubtful(o))) return;
  if (card.rateCard.projection.some((p) => facts.invalid(card.rateCard, p.path))) return;
  const { expected, deadweight } = totals;
  if (expected === null || deadweight === null || expected <= 0) return;
  // Judged on the figures before their one rounding, as exactly as the totals count them.
  const exact = exactWholes(card.rateCard, facts.framework);
  const share = { dead: exact.deadweight ?? deadweight, expected: exact.expected ?? expected };
  if (!moreThanShare(share.dead, share.expected, thresholds.maxShare)) return;
  // Point at the projection of the cohort whose deadweight share is highest.
  const shares: { cohort: string; share: number }[] = [];
  for (const [cohort, figures] of Object.entries(totals.byCohort)) {
    if (figures.expected === null || figures.deadweight === null || figures.expected <= 0) continue;
    shares.push({ cohort, share: figures.deadweight / figures.expected });
  }
  // Name a cohort only when its share stands out: within a tenth of a point of the highest is a tie.
  const top = shares.length ? Math.max(...shares.map((s) => s.share)) : 0;
  const leaders = shares.filter((s) => s.share >= top - 0.001);
  const worst = leaders.length === 1 && shares.length > 1 ? leaders[0] : undefined;
  const alike = shares.length > 1 && leaders.length === shares.length;
  const where = worst ? `, most of all for ${worst.cohort} (${percent(worst.share)})` : alike ? `, alike in every cohort` : leaders.length > 1 ? `, most of all for ${listOf(leaders.map((l) => l.cohort))}` : '';
  const projection = card.rateCard.projection.find((p) => p.cohort === (worst ?? leaders[0])?.cohort) ?? card.rateCard.projection[0];
  const framework = facts.framework;
  // The five highest baselines behind it, where a person would look first.
  const cohort = (worst ?? leaders[0])?.cohort;
  const related = framework && cohort
    ? highest(
        facts.paidOutcomes.filter((o) => (ownNumber(o.baseline, cohort) ?? 0) > 0 && card.linesByOutcome.has(o.id)),
        (o) => ownNumber(o.baseline, cohort)!,
        5,
      ).map((o) => relatedAt(framework, [...o.path, 'baseline', cohort], `baseline for ${cohort}: ${percent(ownNumber(o.baseline, cohort)!)} would achieve ${o.id} anyway`))
    : [];
  // Expected payments held to a maximum that is only an upper bound are a bound too: said so, never as the figure.
  const bound = totals.upperBounds.expected ?? totals.upperBounds.deadweight;
  const amounts = bound
    ? `At most ${money(deadweight, card.rateCard)} of expected payments of at most ${money(expected, card.rateCard)}`
    : `${money(deadweight, card.rateCard)} of the ${money(expected, card.rateCard)} expected payments`;
  report({
    model: card.rateCard,
    path: projection ? [...projection.path, 'cohort'] : ['projection'],
    onKey: !projection,
    message: `${amounts} (${percent(shareOf(share.dead, share.expected), thresholds.maxShare)}, more than ${percent(thresholds.maxShare)}${bound ? `; both only upper bounds, as ${bound}` : ''}) would pay for results the baselines say would have happened without the programme${where}. The payers would buy little change, and a provider can do well by working with the people most likely to succeed anyway. Price the outcomes with high baselines lower, tighten eligibility to people who would not get there alone, or pay only for results above the baseline.`,
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
