/** `actuals-price-mismatch`: a claim at a price other than the rate card's. */
import { meta, relatedAt } from '../../rules/common';
import * as Q from '../../totals/rational';
import { claimPrices } from '../contract';
import type { ActualsRuleContext } from './types';

export const ID = 'actuals-price-mismatch';

export const RULE_META = meta(ID, 'error', "A claim at a price other than the rate card's: the amount claimed is not the outcomes evidenced times the price (less the line's discount).");

export function check({ rows, contract, report, money }: ActualsRuleContext): void {
  // Each line's prices once, and a whole-number price without discount checked by plain arithmetic.
  const pricesOf = new Map<number, { prices: Q.Rational[]; whole?: number }>();
  for (const r of rows) {
    const line = r.line;
    if (!line || !r.outcome || !r.row.claimed) continue;
    let known = pricesOf.get(line.index);
    if (!known) {
      const prices = claimPrices(line);
      known = { prices, whole: !line.bands && !line.discount && prices.length === 1 && line.price !== undefined ? line.price : undefined };
      pricesOf.set(line.index, known);
    }
    const prices = known.prices;
    if (prices.length === 0) continue; // the rate card's own error says the price cannot be read
    const n = r.evidenced;
    if (known.whole !== undefined && r.claimed === known.whole * n) continue;
    // Each claim at a price rounded to the penny, or the whole rounded once: both are the card's price.
    const allowed = new Set<number>();
    for (const p of prices) {
      allowed.add(Q.roundHalfUp(Q.mulInt(p, n)));
      allowed.add(Q.roundHalfUp(p) * n);
    }
    const related = () => [relatedAt(contract.rateCard, [...line.path, line.bands ? 'bands' : 'price'], `The price of ${r.outcome}`)];
    const priceText = prices.length === 1 ? `${money(Q.roundHalfUp(prices[0]))}${line.discount ? ` (after its ${line.discount}% discount)` : ''}` : `one of its bands (${prices.map((p) => money(Q.roundHalfUp(p))).join(', ')})`;
    if (line.bands && !r.person) {
      // Totals of a banded outcome: each achiever is paid at one band, so the claim lies between n × the lowest and n × the highest.
      const low = Math.min(...[...prices].map((p) => Q.roundHalfUp(Q.mulInt(p, n))));
      const high = Math.max(...[...prices].map((p) => Q.roundHalfUp(Q.mulInt(p, n))));
      if (r.claimed < low || r.claimed > high) report({ span: r.row.claimed.span, message: `${money(r.claimed)} is claimed for ${n} ${r.outcome}, outside what ${n} achievers can be paid at the card's bands (${money(low)} to ${money(high)}).`, related: related() });
      continue;
    }
    if (allowed.has(r.claimed)) continue;
    const expected = Q.roundHalfUp(Q.mulInt(prices[prices.length - 1], n));
    const what = line.periods ? `${n} ${line.periods.per}${n === 1 ? '' : 's'} held` : `${n} evidenced`;
    report({
      span: r.row.claimed.span,
      message: r.person
        ? `${money(r.claimed)} is claimed for ${r.person}'s ${r.outcome}, but the rate card pays ${priceText} for it${n > 1 ? ` (× ${n})` : ''}.`
        : `${money(r.claimed)} is claimed for ${r.outcome} (${what}), but at the card's price of ${priceText} that is ${prices.length === 1 ? money(expected) : 'another amount'}.`,
      related: related(),
    });
  }
}
