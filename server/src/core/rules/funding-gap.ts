/** The programme needs more capital at its deepest point than the investors committed. */
import { investorCase } from '../investor';
import { meta as ruleMeta, money } from './common';
import type { Rule } from './types';

export const meta = ruleMeta('funding-gap', 'warning', "The investor's cash flow needs more capital at its deepest point than investment.committed.");

export const check: Rule['check'] = ({ facts, report }) => {
  const card = facts.cardTarget;
  if (!card || !card.rateCard.investment || facts.doubtfulCard(card) || facts.invalid(card.rateCard, ['investment'])) return;
  const investor = investorCase(card.rateCard, facts.framework);
  if (!investor || investor.fundingGap === null || investor.fundingGap <= 0 || investor.committed === null || investor.peakFunding === null) return;
  const deepest = investor.cashFlow.reduce((low, q) => (q.balance < low.balance ? q : low), investor.cashFlow[0]);
  report({
    model: card.rateCard,
    path: ['investment', 'committed'],
    message: `The programme needs ${money(investor.peakFunding, card.rateCard)} of capital at its deepest point (the quarter from ${deepest.period}), ${money(investor.fundingGap, card.rateCard)} more than the ${money(investor.committed, card.rateCard)} the investors committed. Delivery would stop, or need new money, before the outcome payments catch up. Raise the capital committed, or check the costs, the recruitment window and when outcomes are paid.`,
  });
};
