/**
 * The investor's case in the editor (docs/value.md, "The investor's case"): the lens's
 * "Investor ×1.10, peak £549k" and the preview's cash flow. The figures come from the core
 * (core/investor); this module only words them.
 */
import type { FrameworkModel, RateCardModel } from '../core/model';
import { investorCase, investorRows, type InvestorFigures } from '../core/investor';
import { formatMoney } from '../core/totals';
import type { InvestorView } from '../protocol';
import { shortMoney } from './value';

/** The lens's part: "Investor ×1.0983, peak £549k", or what is missing; undefined without an investment. */
export function investorLensTitle(rateCard: RateCardModel, framework: FrameworkModel | undefined): string | undefined {
  const investor = investorCase(rateCard, framework);
  if (!investor) return undefined;
  if (investor.missing || investor.moneyMultiple === null || investor.peakFunding === null) return 'Investor not estimated (see the preview)';
  const gap = investor.fundingGap ? `, ${shortMoney(investor.fundingGap, rateCard.currency ?? '', rateCard.digits)} over committed` : '';
  return `Investor ×${investor.moneyMultiple.toFixed(2)}, peak ${shortMoney(investor.peakFunding, rateCard.currency ?? '', rateCard.digits)}${gap}`;
}

/** The preview's section; null without an investment. */
export function investorView(investor: InvestorFigures | undefined, currency: string, digits: number): InvestorView | null {
  if (!investor) return null;
  const money = (minor: number | null) => formatMoney(minor, currency, digits);
  const show = (minor: number | null, key: string) => (minor === null ? `not estimated — ${investor.missing ? 'see below' : (investor.notEstimated[key] ?? 'unknown')}` : money(minor));
  return {
    summary: investorRows(investor, show).map(([figure, value]) => ({ figure, value })),
    quarters: investor.cashFlow.map((q) => ({ period: q.period, costs: money(q.costs), payments: money(q.payments), balance: money(q.balance), balanceMinor: q.balance })),
    peakFunding: investor.peakFunding,
    committed: investor.committed,
    peakText: investor.peakFunding === null ? 'not estimated' : money(investor.peakFunding),
    committedText: investor.committed === null ? 'not given' : money(investor.committed),
    ...(investor.missing ? { missing: investor.missing } : {}),
  };
}
