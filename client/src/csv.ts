/** The totals as CSV, one figure per row, amounts as plain decimals in the major unit (no symbols). */
import { toDecimalString } from '../../server/src/core/money';
import type { TotalsView } from './totals-types';

function cell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function totalsToCsv(totals: TotalsView): string {
  const amount = (minor: number | null) => (minor === null ? '' : toDecimalString(minor, totals.digits));
  const rows: (string | number | null)[][] = [['section', 'id', 'name', 'figure', 'amount', 'currency']];
  const add = (section: string, id: string, name: string, figure: string, minor: number | null) => rows.push([section, id, name, figure, amount(minor), totals.currency]);
  add('total', totals.rateCard, '', 'maximumLiability', totals.maximumLiability);
  add('total', totals.rateCard, '', 'expected', totals.expected);
  add('total', totals.rateCard, '', 'deadweight', totals.deadweight);
  for (const [id, c] of Object.entries(totals.byCohort)) {
    const name = totals.names.cohorts[id] ?? '';
    add('cohort', id, name, 'maxPerParticipant', c.maxPerParticipant);
    add('cohort', id, name, 'maximumLiability', c.maximumLiability);
    add('cohort', id, name, 'expected', c.expected);
    add('cohort', id, name, 'deadweight', c.deadweight);
  }
  for (const [id, p] of Object.entries(totals.byPayer)) {
    const name = totals.names.payers[id] ?? '';
    add('payer', id, name, 'maximumLiability', p.maximumLiability);
    add('payer', id, name, 'expected', p.expected);
    add('payer', id, name, 'deadweight', p.deadweight);
  }
  for (const [id, o] of Object.entries(totals.byOutcome)) add('outcome', id, totals.names.outcomes[id] ?? '', 'expected', o.expected);
  for (const [year, minor] of Object.entries(totals.byYear)) add('year', year, '', 'expected', minor);
  return rows.map((row) => row.map(cell).join(',')).join('\n') + '\n';
}
