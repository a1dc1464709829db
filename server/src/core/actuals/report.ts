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
  return [
    row('participants started', '', 'count', p.participants),
    ...Object.entries(p.outcomes).map(([id, l]) => row('outcomes evidenced', id, 'count', l)),
    row('payments claimed', '', 'money', p.payments),
    ...Object.entries(p.byPayer).map(([id, l]) => row('payments claimed by payer', id, 'money', l)),
  ];
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
  for (const [payer, left] of Object.entries(r.headroom.perPayer)) rows.push({ figure: 'cap headroom', scope: payer, text: left < 0 ? `${money(-left)} past the cap` : money(left), value: dec(left), note: `caps.perPayer.${payer} less ${payer}'s share of payments claimed` });
  return rows;
}
