/**
 * The one totals CSV: `totals --format csv` and the editor's "Export Totals as CSV" (through the
 * server's `outcomes/totalsCsv`). One row per figure, for spreadsheets: RFC 4180 quoting, and no
 * cell a spreadsheet would run as a formula.
 */
import { printable } from '../printable';
import type { TotalsReport } from './report';
import { boundOf, decimal, gap } from './report';
import { investorTouched, isTouched } from './touched';
import { valueCsvRows } from '../value/report';

/** The note of a figure an error in the files touches. */
const touchedNote = (report: Pick<TotalsReport, 'totals' | 'touched' | 'investor'>, key: string) => (report.touched && isTouched(report.touched, key) ? 'may not mean what the contract says until the errors are fixed' : '');

const HEADER = ['rateCard', 'figure', 'cohort', 'payer', 'outcome', 'year', 'amount', 'currency', 'note'];

export function formatTotalsCsv(reports: Pick<TotalsReport, 'totals' | 'touched' | 'value' | 'investor'>[]): string {
  return toCsv([HEADER, ...totalsCsvRows(reports)]);
}

/** The rows of formatTotalsCsv without its header, in its columns (for the comparison with a git base). */
export function totalsCsvRows(reports: Pick<TotalsReport, 'totals' | 'touched' | 'value' | 'investor'>[]): string[][] {
  const rows: string[][] = [];
  for (const report of reports) {
    const t = report.totals;
    const row = (figure: string, scope: { cohort?: string; payer?: string; outcome?: string; year?: string }, minor: number | null, key: string, kind: 'maximum' | 'projected') =>
      rows.push([t.rateCard, figure, scope.cohort ?? '', scope.payer ?? '', scope.outcome ?? '', scope.year ?? '', decimal(report, minor) ?? '', t.currency, [minor === null ? gap(report, key, kind) : boundOf(t, key) ? `at most: ${boundOf(t, key)}` : '', touchedNote(report, key)].filter(Boolean).join('; ')]);
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
    if (report.investor) rows.push(...investorCsvRows(report));
    // Savings beside payments (docs/value.md), when the framework gives outcomes a value; the body in the payer column.
    if (report.value?.hasValues) rows.push(...valueCsvRows(t.rateCard, report.value));
  }
  return rows;
}

/**
 * The investor's rows: figures `investor.<name>` (ratios in the amount column without a currency),
 * and the cash flow as `investor.cashFlow.<costs|payments|balance>` with the quarter's first day
 * in the year column. A figure that cannot be known has an empty amount and why in the note.
 */
function investorCsvRows(report: Pick<TotalsReport, 'totals' | 'investor' | 'touched'>): string[][] {
  const t = report.totals;
  const i = report.investor!;
  const why = (key: string) => i.missing ?? i.notEstimated[key] ?? '';
  const out: string[][] = [];
  // An error in when outcomes are achieved, in the investment or in the expected payments: every investor figure.
  const touched = investorTouched(report.touched) ? 'may not mean what the contract says until the errors are fixed' : '';
  const note = (...notes: string[]) => notes.filter(Boolean).join('; ');
  const money = (figure: string, minor: number | null, none = '') => out.push([t.rateCard, `investor.${figure}`, '', '', '', '', decimal(report, minor) ?? '', t.currency, note(minor === null ? none || why(figure) : '', touched)]);
  const ratio = (figure: string, value: number | null) => out.push([t.rateCard, `investor.${figure}`, '', '', '', '', value === null ? '' : value.toFixed(4), '', note(value === null ? why(figure) : '', touched)]);
  money('committed', i.committed, 'not given');
  money('costs', i.costs);
  money('payments', i.payments);
  money('peakFunding', i.peakFunding);
  money('fundingGap', i.fundingGap);
  ratio('moneyMultiple', i.moneyMultiple);
  ratio('irr', i.irr);
  ratio('breakEvenAchievement', i.breakEvenAchievement);
  money('notPaidAfterLastPaymentDate', i.notPaidAfterLastPaymentDate);
  for (const q of i.cashFlow) {
    for (const figure of ['costs', 'payments', 'balance'] as const) out.push([t.rateCard, `investor.cashFlow.${figure}`, '', '', '', q.period, decimal(report, q[figure]) ?? '', t.currency, touched]);
  }
  return out;
}

export const TOTALS_CSV_HEADER: readonly string[] = HEADER;

/** Rows as RFC 4180 text, CRLF line ends. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/**
 * One cell. Text from the files (an id in a broken file, a payer's key) that starts with `=`,
 * `+`, `-` or `@`, or with a tab or carriage return before one, would run as a formula when the
 * file is opened in a spreadsheet: a leading `'` keeps it text (OWASP's advice). Plain numbers,
 * signed ones included (a delta's `+72000.00`), stay numbers.
 */
export function csvCell(field: string): string {
  const text = printable(/^[=+\-@\t\r]/.test(field) && !/^[+-]?\d+(\.\d+)?$/.test(field) ? `'${field}` : field); // no line break of a file's inside a cell: a CSV printed in a CI log cannot start a line
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
