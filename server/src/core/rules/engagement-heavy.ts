/** When assessments and sign-ups earn a large part of the money, the contract pays for activity, not change. */
import { lineRelated, meta as ruleMeta, money, moreThanShare, nameOf, percent, shareOf, shareThreshold } from './common';
import * as Q from '../totals/rational';
import { linePays, stageOf } from './facts';
import type { PriceLineModel } from '../model';
import type { Rule } from './types';

export const meta = ruleMeta('engagement-heavy', 'warning', "Engagement outcomes are too large a share of a cohort's max per participant, or of expected payments.", {
  thresholds: { maxShare: shareThreshold(0.15, 'The most engagement outcomes may be of a cohort\'s max per participant, and of expected payments.') },
});

export const check: Rule['check'] = ({ facts, thresholds, report }) => {
  const card = facts.cardTarget;
  if (!card || facts.doubtfulCard(card)) return; // figures over a card with a mistake in it are not judged
  const limit = thresholds.maxShare;
  const isEngagement = (line: PriceLineModel) => {
    const outcome = card.outcomeOf(line);
    return stageOf(outcome) === 'engagement' && !facts.doubtful(outcome);
  };
  const engagementLines = card.rateCard.prices.filter(isEngagement);
  if (engagementLines.length === 0) return;
  const reported = new Set<PriceLineModel>();
  // Per cohort: the engagement lines' price × maxClaims against the cohort's max per participant.
  for (const cohort of card.cohorts) {
    const lines = engagementLines.filter((l) => card.lineFor(l.outcome!, cohort) === l && l.price !== undefined);
    if (lines.length === 0) continue;
    const max = card.maxPerParticipant(cohort);
    if (max === null || max === undefined) continue;
    // Exact, as the totals count: a discount's fraction of a penny is not lost or gained.
    let part: Q.Rational = Q.ZERO;
    for (const l of lines) {
      const pays = linePays(l);
      part = Q.add(part, pays === null || pays === undefined ? Q.int(pays === null ? max : l.price!) : pays);
    }
    part = Q.min(part, Q.int(max));
    if (!moreThanShare(part, max, limit)) continue;
    const dearest = lines.reduce((a, b) => (b.price! > a.price! ? b : a));
    if (reported.has(dearest)) continue;
    reported.add(dearest);
    report({
      model: card.rateCard,
      path: [...dearest.path, 'price'],
      message: `Engagement outcomes (${lines.map((l) => l.outcome).join(', ')}) can earn ${money(Q.roundHalfUp(part), card.rateCard)} of the ${money(max, card.rateCard)} that is the most one participant${cohort === '*' ? '' : ` of ${cohort}`} can earn: ${percent(shareOf(part, max), limit)}, more than ${percent(limit)}. Paying this much for assessments and sign-ups pays for activity rather than change in people's lives. Lower the engagement prices and put the money on entry, sustainment or progression outcomes.`,
      related: [...lines.filter((l) => l !== dearest).map((l) => lineRelated(card.rateCard, l, 'another engagement payment'))],
    });
  }
  // Across the card: the engagement lines' part of expected payments (the totals' figures by line).
  const totals = reported.size > 0 ? undefined : card.totals();
  const expected = totals?.expected;
  if (!totals || expected === null || expected === undefined || expected <= 0) return;
  const byIndex = new Map(totals.byLine.map((l) => [l.index, l.expected]));
  let part = 0;
  let biggest: { line: PriceLineModel; amount: number } | undefined;
  for (const line of engagementLines) {
    const amount = byIndex.get(line.index) ?? 0;
    part += amount;
    if (!biggest || amount > biggest.amount) biggest = { line, amount };
  }
  if (!biggest || !moreThanShare(part, expected, limit)) return;
  const line = biggest.line;
  report({
    model: card.rateCard,
    path: [...line.path, 'price'],
    message: `Engagement outcomes are expected to earn ${money(part, card.rateCard)} of ${money(expected, card.rateCard)} expected payments: ${percent(shareOf(part, expected), limit)}, more than ${percent(limit)}. ${nameOf(facts.outcomeById(line.outcome ?? ''), line.outcome)} earns the most of them. Much of the money would pay for activity rather than results; lower the engagement prices and put the money on sustained outcomes.`,
  });
};
