/** `totals --format csv`: one row per figure, for spreadsheets (RFC 4180 quoting). */
import type { TotalsReport } from './report';
import { decimal, gap } from './report';
import { isTouched } from '../../core/totals/touched';

/** The note of a figure an error in the files touches. */
const touchedNote = (report: TotalsReport, key: string) => (report.touched && isTouched(report.touched, key) ? 'may not mean what the contract says until the errors are fixed' : '');

const HEADER = ['rateCard', 'figure', 'cohort', 'payer', 'outcome', 'year', 'amount', 'currency', 'note'];

export function formatTotalsCsv(reports: TotalsReport[]): string {
  const rows: string[][] = [HEADER];
  for (const report of reports) {
    const t = report.totals;
    const row = (figure: string, scope: { cohort?: string; payer?: string; outcome?: string; year?: string }, minor: number | null, key: string, kind: 'maximum' | 'projected') =>
      rows.push([t.rateCard, figure, scope.cohort ?? '', scope.payer ?? '', scope.outcome ?? '', scope.year ?? '', decimal(report, minor) ?? '', t.currency, [minor === null ? gap(report, key, kind) : '', touchedNote(report, key)].filter(Boolean).join('; ')]);
    for (const [cohort, c] of Object.entries(t.byCohort)) {
      rows.push([t.rateCard, 'participants', cohort, '', '', '', c.participants === null ? '' : String(c.participants), '', c.participants === null ? 'not given' : '']);
      row('maxPerParticipant', { cohort }, c.maxPerParticipant, `maxPerParticipant.${cohort}`, 'maximum');
      row('maximumLiability', { cohort }, c.maximumLiability, `byCohort.${cohort}.maximumLiability`, 'maximum');
      row('expected', { cohort }, c.expected, `byCohort.${cohort}.expected`, 'projected');
      row('deadweight', { cohort }, c.deadweight, `byCohort.${cohort}.deadweight`, 'projected');
    }
    row('maximumLiability', {}, t.maximumLiability, 'maximumLiability', 'maximum');
    row('expected', {}, t.expected, 'expected', 'projected');
    row('deadweight', {}, t.deadweight, 'deadweight', 'projected');
    for (const [payer, p] of Object.entries(t.byPayer)) {
      row('maximumLiability', { payer }, p.maximumLiability, `byPayer.${payer}.maximumLiability`, 'maximum');
      row('expected', { payer }, p.expected, `byPayer.${payer}.expected`, 'projected');
      row('deadweight', { payer }, p.deadweight, `byPayer.${payer}.deadweight`, 'projected');
    }
    for (const [outcome, o] of Object.entries(t.byOutcome)) {
      row('expected', { outcome }, o.expected, `byOutcome.${outcome}`, 'projected');
      rows.push([t.rateCard, 'share', '', '', outcome, '', o.share === null ? '' : String(o.share), '', o.share === null ? gap(report, `byOutcome.${outcome}`, 'projected') : '']);
    }
    for (const [year, amount] of Object.entries(t.byYear)) row('expected', { year }, amount, 'byYear', 'projected');
  }
  return rows.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
}

function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}
