/**
 * The investors get their money back only if achievement stays near plan: real programmes
 * delivered less (CBO fund: 83% of the outcomes planned), so optimism bias would sink them.
 */
import { investorCase } from '../investor';
import { meta as ruleMeta, money, percent, shareThreshold } from './common';
import type { Rule } from './types';

export const meta = ruleMeta('thin-investor-margin', 'warning', 'The investors break even only if achievement stays above what real programmes delivered against plan (83%), or lose money as projected.', {
  thresholds: { achievedShare: shareThreshold(0.83, 'The share of planned achievement real programmes delivered (CBO fund: 83% of outcomes): breaking even above it is a thin margin.') },
});

export const check: Rule['check'] = ({ facts, thresholds, report }) => {
  const card = facts.cardTarget;
  if (!card || !card.rateCard.investment || facts.doubtfulCard(card) || facts.invalid(card.rateCard, ['investment'])) return;
  if (card.rateCard.projection.some((p) => facts.invalid(card.rateCard, p.path))) return;
  const investor = investorCase(card.rateCard, facts.framework);
  if (!investor || investor.moneyMultiple === null || investor.costs === null || investor.payments === null) return;
  const lens = `Across the CBO fund outcomes came in at 83% of plan and investors got 1.01× their money; the evaluation warns against optimism bias.`;
  if (investor.moneyMultiple < 1) {
    report({
      model: card.rateCard,
      path: ['investment'],
      onKey: true,
      message: `As projected the investors lose money: outcome payments of ${money(investor.payments, card.rateCard)} against ${money(investor.costs, card.rateCard)} of costs (×${investor.moneyMultiple.toFixed(4)}). ${lens} Check the costs and the projection; a contract investors cannot recover will not be funded, or will be run to the prices rather than the people.`,
    });
    return;
  }
  const breakEven = investor.breakEvenAchievement;
  if (breakEven === null || breakEven <= thresholds.achievedShare) return;
  report({
    model: card.rateCard,
    path: ['investment'],
    onKey: true,
    message: `The investors break even only at ${(breakEven * 100).toFixed(2)}% of the projected achievement (money multiple ×${investor.moneyMultiple.toFixed(4)} as projected): if outcomes come in as real programmes did (${percent(thresholds.achievedShare)} of plan), they lose money. ${lens} Test the projection against comparable programmes, or agree prices, costs or capital protection that leave a wider margin.`,
  });
};
