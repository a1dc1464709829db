/**
 * Savings in the wrong pockets: most expected savings go to bodies that pay nothing (invite them
 * to co-commission), or a payer is expected to pay far more than it saves.
 */
import { COHORT_BODY, computeValue, outcomeValues } from '../value';
import { listOf, meta as ruleMeta, money, moreThanShare, percent, relatedAt } from './common';
import type { Rule } from './types';

export const meta = ruleMeta('savings-elsewhere', 'info', 'Most expected savings go to bodies that pay nothing, or a payer pays far more than it is expected to save.', {
  thresholds: {
    maxShareElsewhere: { default: 0.5, description: 'The most of the expected savings that may go to bodies paying for no outcome.', schema: { type: 'number', minimum: 0, maximum: 1 } },
    maxPaysToSaves: { default: 3, description: 'The most a payer may be expected to pay for each pound it is expected to save.', schema: { type: 'number', minimum: 0 } },
  },
});

export const check: Rule['check'] = ({ facts, thresholds, report }) => {
  const card = facts.cardTarget;
  const framework = facts.framework;
  if (!card || !framework || facts.doubtfulCard(card)) return;
  // Silent without values: nothing computed for a framework that gives none.
  if (outcomeValues(framework).size === 0 || facts.doubtfulOutcomes().size > 0) return;
  const value = computeValue(card.rateCard, framework);
  if (!value.hasValues || value.savings === null || value.savings <= 0) return;
  const where = card.rateCard.parsed.locate(['payers']) ? ['payers'] : ['framework'];
  const payers = new Set(framework.payers.map((p) => p.id));
  const elsewhere = Object.entries(value.byBody).filter(([id, b]) => !payers.has(id) && (b.savings ?? 0) > 0);
  const elsewhereSavings = elsewhere.reduce((sum, [, b]) => sum + (b.savings ?? 0), 0);
  // The savings are a bound where a cohort has no baseline or a paid outcome no value: say which.
  const bound = value.atMost.savings ? ` (at most: ${value.atMost.savings})` : value.atLeast.savings ? ` (at least: ${value.atLeast.savings})` : value.about.savings ? ` (about: ${value.about.savings})` : '';
  if (moreThanShare(elsewhereSavings, value.savings, thresholds.maxShareElsewhere)) {
    const names = elsewhere.sort((a, b) => (b[1].savings ?? 0) - (a[1].savings ?? 0)).map(([id, b]) => `${framework.bodyById.get(id)?.value.name ?? id} (${money(b.savings, card.rateCard)})`);
    report({
      model: card.rateCard,
      path: where,
      onKey: true,
      message: `${percent(elsewhereSavings / value.savings, thresholds.maxShareElsewhere)} of the ${money(value.savings, card.rateCard)} expected savings${bound} go to bodies that pay for no outcome: ${listOf(names)}. The payers carry the cost while others gain, which makes the contract hard to justify to them and easy to cut. Invite those bodies to co-commission (a share of the payments, or a cap of their own), or price the outcomes that save the payers' own budgets.`,
      related: elsewhere.filter(([id]) => framework.bodyById.has(id)).slice(0, 5).map(([id]) => relatedAt(framework, [...framework.bodyById.get(id)!.path, 'id'], `${id} saves but pays nothing`)),
    });
    return;
  }
  // A payer no value names (an outcomes fund, say) is not judged: the values say nothing of what it saves.
  const named = new Set<string>();
  for (const v of outcomeValues(framework).values()) for (const body of v.fiscal.keys()) named.add(body);
  const cohortPayers = new Set(framework.cohorts.map((c) => c.value.payer).filter((p): p is string => typeof p === 'string'));
  if (framework.payers.length === 1) cohortPayers.add(framework.payers[0].id);
  for (const [id, body] of Object.entries(value.byBody)) {
    if (!named.has(id) && !(named.has(COHORT_BODY) && cohortPayers.has(id))) continue;
    if (!payers.has(id) || body.pays === null || body.savings === null || body.pays <= 0) continue;
    if (body.savings > 0 && !moreThanShare(body.pays, body.savings, thresholds.maxPaysToSaves)) continue; // saving nothing, any payment is too much
    report({
      model: card.rateCard,
      path: where,
      onKey: true,
      message: `${framework.payerById.get(id)?.value.name ?? id} is expected to pay ${money(body.pays, card.rateCard)} and to save ${money(body.savings, card.rateCard)}${bound}: ${body.savings === 0 ? 'nothing back for its payments' : `${(body.pays / body.savings).toFixed(1)} times what it saves`}, more than ${thresholds.maxPaysToSaves}. Its budget holders will ask why; the savings land elsewhere. Share the payments with the bodies that save (${listOf(Object.entries(value.byBody).filter(([other, b]) => other !== id && (b.savings ?? 0) > 0).map(([other]) => other)) || 'none is named'}), or check the values.`,
    });
  }
};
