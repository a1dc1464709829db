/** The investor's figures in words, for the table, markdown, lens and preview. */
import type { InvestorFigures } from './types';

/** "×1.0983", or why there is none. */
export function multipleText(i: InvestorFigures): string {
  return i.moneyMultiple === null ? notEstimated(i, 'moneyMultiple', 'no costs') : `×${i.moneyMultiple.toFixed(4)}`;
}

/** "8.09% a year", or why there is none. */
export function irrText(i: InvestorFigures): string {
  return i.irr === null ? notEstimated(i, 'irr', 'no rate') : `${(i.irr * 100).toFixed(2)}% a year`;
}

/** "achievement × 0.9533", or why there is none. */
export function breakEvenText(i: InvestorFigures): string {
  return i.breakEvenAchievement === null ? notEstimated(i, 'breakEvenAchievement', 'never') : `achievement × ${i.breakEvenAchievement.toFixed(4)}`;
}

export function notEstimated(i: InvestorFigures, key: string, fallback: string): string {
  return `not estimated — ${i.missing ? 'see below' : (i.notEstimated[key] ?? fallback)}`;
}

/** The rows of the investor's summary: label, money (minor units, or null with why) or text. */
export function investorRows(i: InvestorFigures, money: (minor: number | null, key: string) => string): [string, string][] {
  return [
    ['Capital committed', i.committed === null ? 'not given' : money(i.committed, 'committed')],
    ['Costs (delivery and fees)', money(i.costs, 'costs')],
    ['Outcome payments received', money(i.payments, 'payments')],
    ['Peak funding need', money(i.peakFunding, 'peakFunding')],
    ['Funding gap (peak need over committed)', money(i.fundingGap, 'fundingGap')],
    ['Money multiple (payments ÷ costs)', multipleText(i)],
    ['IRR', irrText(i)],
    ['Breaks even at', breakEvenText(i)],
    ...(i.notPaidAfterLastPaymentDate ? [['Not paid: evidenced after the last payment date', money(i.notPaidAfterLastPaymentDate, 'notPaidAfterLastPaymentDate')] as [string, string]] : []),
  ];
}
