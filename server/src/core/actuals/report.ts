/**
 * Plan against actual as rows of text, the one shape every door renders (the CLI's table,
 * Markdown, CSV and JSON, the preview): each figure once, in the analyst's words.
 */
import { toDecimalString } from '../money';
import { formatMoney } from '../totals';
import type { PlanAgainstActual, PlanLine } from './plan';

export interface PlanRow {
  /** `participants`, `outcomes`, `payments`, `payments by payer`. */
  figure: string;
  /** The outcome or payer id, when the row is one of several. */
  scope: string;
  kind: 'count' | 'money';
  actual: string;
  plan: string;
  /** `83.0%`, or empty. */
  share: string;
  /** Plain decimals for CSV and JSON (money in the major unit); empty when not estimated. */
  actualValue: string;
  planValue: string;
  shareValue: string;
  note: string;
}

export interface ReforecastRow {
  figure: string;
  scope: string;
  text: string;
  /** A plain decimal (money in the major unit, a share as a fraction); empty when not estimated. */
  value: string;
  note: string;
}

export function percentOf(share: number | null): string {
  return share === null ? '' : `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}

export function planRows(p: PlanAgainstActual): PlanRow[] {
  const money = (minor: number) => formatMoney(minor, p.currency, p.digits);
  const row = (figure: string, scope: string, kind: 'count' | 'money', l: PlanLine): PlanRow => ({
    figure,
    scope,
    kind,
    actual: kind === 'money' ? money(l.actual) : String(l.actual),
    plan: l.plan === null ? `not estimated — ${l.why ?? 'not projected'}` : kind === 'money' ? money(l.plan) : String(l.plan),
    share: l.plan === null ? '' : l.share === null ? 'no plan to date' : percentOf(l.share),
    actualValue: kind === 'money' ? toDecimalString(l.actual, p.digits) : String(l.actual),
    planValue: l.plan === null ? '' : kind === 'money' ? toDecimalString(l.plan, p.digits) : String(l.plan),
    shareValue: l.share === null ? '' : String(Math.round(l.share * 10000) / 10000),
    note: l.plan === null ? `not estimated: ${l.why ?? 'not projected'}` : '',
  });
  const rows = [
    row('participants started', '', 'count', p.participants),
    ...Object.entries(p.outcomes).map(([id, l]) => row('outcomes evidenced', id, 'count', l)),
    row('payments claimed', '', 'money', p.payments),
    ...Object.entries(p.byPayer).map(([id, l]) => row('payments claimed by payer', id, 'money', l)),
  ];
  if (p.savings) {
    const savings = row('savings', '', 'money', p.savings);
    // A bound stays a bound in every output: "at most £…".
    if (p.savings.bound) {
      savings.actual = p.savings.bound + savings.actual;
      if (p.savings.plan !== null) savings.plan = p.savings.bound + savings.plan;
      savings.note = [savings.note, `${p.savings.bound.trim()}: the savings figures are bounds (see the value section of totals)`].filter(Boolean).join('; ');
    }
    rows.push(savings);
  }
  if (p.investor) {
    const i = p.investor;
    const text = (minor: number | null) => (minor === null ? `not estimated — ${i.why ?? ''}` : money(minor));
    rows.push({
      figure: "investor's balance",
      scope: '',
      kind: 'money',
      actual: text(i.actual),
      plan: text(i.plan),
      share: '',
      actualValue: i.actual === null ? '' : toDecimalString(i.actual, p.digits),
      planValue: i.plan === null ? '' : toDecimalString(i.plan, p.digits),
      shareValue: '',
      note: i.actual === null ? `not estimated: ${i.why ?? ''}` : `payments claimed less costs planned to date (${money(i.costs ?? 0)}): the actuals file reports no costs`,
    });
  }
  return rows;
}

export function reforecastRows(p: PlanAgainstActual): ReforecastRow[] {
  const r = p.reforecast;
  const money = (minor: number) => formatMoney(minor, p.currency, p.digits);
  const dec = (minor: number) => toDecimalString(minor, p.digits);
  const rows: ReforecastRow[] = [];
  rows.push({ figure: 'performance so far', scope: '', text: r.performance === null ? `not estimated — ${r.expectedWhy ?? 'nothing planned to date'}` : `${percentOf(r.performance)} of planned payments`, value: r.performance === null ? '' : String(Math.round(r.performance * 10000) / 10000), note: 'payments claimed to date ÷ planned to date' });
  rows.push({ figure: 'expected payments to the end', scope: '', text: r.expected === null ? `not estimated — ${r.expectedWhy ?? ''}` : `${money(r.expected)}${r.planned !== null ? ` (plan: ${money(r.planned)})` : ''}`, value: r.expected === null ? '' : dec(r.expected), note: 'if the rest of the contract performs as it has so far' });
  rows.push({
    figure: 'maximum liability still open',
    scope: '',
    text: r.maximumLiabilityWhy ? `not estimated — ${r.maximumLiabilityWhy}` : r.maximumLiabilityOpen === null ? 'unbounded' : `at most ${money(r.maximumLiabilityOpen)}`,
    value: r.maximumLiabilityOpen === null ? '' : dec(r.maximumLiabilityOpen),
    note: 'maximum liability less payments claimed to date',
  });
  if (r.headroom.total !== undefined) rows.push({ figure: 'cap headroom', scope: 'total', text: r.headroom.total < 0 ? `${money(-r.headroom.total)} past the cap` : money(r.headroom.total), value: dec(r.headroom.total), note: 'caps.total less payments claimed to date' });
  if (r.investor) {
    const i = r.investor;
    const why = `not estimated — ${i.why ?? ''}`;
    rows.push({ figure: "investor's payments to the end", scope: '', text: i.payments === null ? why : money(i.payments), value: i.payments === null ? '' : dec(i.payments), note: 'payments claimed + performance so far × the investor\'s planned payments still to come' });
    rows.push({ figure: "investor's money multiple to the end", scope: '', text: i.moneyMultiple === null ? why : `×${i.moneyMultiple.toFixed(4)}${i.plannedMultiple !== null ? ` (plan: ×${i.plannedMultiple.toFixed(4)})` : ''}`, value: i.moneyMultiple === null ? '' : i.moneyMultiple.toFixed(4), note: 'those payments ÷ the planned costs' });
    rows.push({ figure: "investor's balance at the end", scope: '', text: i.balance === null ? why : money(i.balance), value: i.balance === null ? '' : dec(i.balance), note: 'those payments less the planned costs' });
  }
  for (const [payer, left] of Object.entries(r.headroom.perPayer)) rows.push({ figure: 'cap headroom', scope: payer, text: left < 0 ? `${money(-left)} past the cap` : money(left), value: dec(left), note: `caps.perPayer.${payer} less ${payer}'s share of payments claimed` });
  return rows;
}
