/** A money multiple far above what outcomes investors have made suggests the prices are rich. */
import { investorCase } from '../investor';
import { meta as ruleMeta, money, moreThanShare } from './common';
import type { Rule } from './types';

export const meta = ruleMeta('rich-money-multiple', 'info', "The investors' money multiple as projected is so high that the prices look rich for the payers.", {
  thresholds: { maxMultiple: { default: 1.5, description: 'The highest money multiple (payments ÷ costs) as projected before the prices look rich.', schema: { type: 'number', minimum: 1 } } },
});

export const check: Rule['check'] = ({ facts, thresholds, report }) => {
  const card = facts.cardTarget;
  if (!card || !card.rateCard.investment || facts.doubtfulCard(card) || facts.invalid(card.rateCard, ['investment'])) return;
  if (card.rateCard.projection.some((p) => facts.invalid(card.rateCard, p.path))) return;
  const investor = investorCase(card.rateCard, facts.framework);
  // Exactly on the payments and costs (the multiple shown is rounded to 4 decimals: ×1.5000 may be over ×1.5).
  if (!investor || investor.moneyMultiple === null || investor.payments === null || investor.costs === null || investor.costs <= 0) return;
  if (!moreThanShare(investor.payments, investor.costs, thresholds.maxMultiple)) return;
  const shown = investor.moneyMultiple.toFixed(4);
  const multiple = Number(shown) > thresholds.maxMultiple ? `×${shown}` : `just over ×${thresholds.maxMultiple}`;
  const irr = investor.irr === null ? '' : ` (${(investor.irr * 100).toFixed(1)}% a year)`;
  report({
    model: card.rateCard,
    path: ['investment'],
    onKey: true,
    message: `As projected the investors get back ${multiple} their money${irr}: ${money(investor.payments, card.rateCard)} of outcome payments for ${money(investor.costs, card.rateCard)} of costs, more than ×${thresholds.maxMultiple}. Across the CBO fund investors got ×1.01 (×1.25 or so had plans been met), and reviewed impact bonds returned up to about 15% a year. Payers may be paying more than the outcomes need: check the prices against the costs of delivery, or the costs for gaps.`,
  });
};
