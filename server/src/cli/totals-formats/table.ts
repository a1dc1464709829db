/** `totals --format table` (default): readable in a terminal, amounts with the currency's symbol. */
import type { TotalsReport } from '../../core/totals/report';
import { capNote, cohortRows, errorNote, investorSection, money, payerRows, percent, totalCells } from '../../core/totals/report';
import { valueBoundNotes, valueBodyRows, valueOutcomeRows, valueSummaryRows, valueYearRows } from '../../core/value';

/**
 * The cohort rows, with a participant count that failed validation (not a whole number a count
 * can be: negative, fractional, or past 9,007,199,254,740,991, where the digits are no longer
 * the ones written) shown as "not readable" rather than as a figure nobody wrote.
 */
export function shownCohortRows(report: TotalsReport): string[][] {
  const counts = Object.values(report.totals.byCohort).map((c) => c.participants);
  return cohortRows(report).map((row, i) => {
    const count = counts[i];
    return count === null || (Number.isSafeInteger(count) && count >= 0) ? row : [row[0], 'not readable', ...row.slice(2)];
  });
}

export function formatTotalsTable(reports: TotalsReport[], options: { color: boolean }): string {
  const bold = (text: string) => (options.color ? `\u001b[1m${text}\u001b[0m` : text);
  return reports.map((report) => tableFor(report, bold)).join('\n');
}

function tableFor(report: TotalsReport, bold: (text: string) => string): string {
  const t = report.totals;
  const out: string[] = [];
  out.push(bold(`Payment totals: ${t.rateCard || '(no id)'}`) + `  ${report.filePath}`);
  out.push(`Framework: ${report.frameworkPath ?? 'could not be read'}    Currency: ${t.currency || 'not given'}`);
  out.push('');
  const totalRow = ['Total', '', '', ...totalCells(report)];
  out.push(...grid(['Cohort', 'participants', 'max per participant', 'maximum liability', 'expected', 'deadweight'], [...shownCohortRows(report), totalRow]));
  for (const note of capNote(t)) out.push(`  ${note}`);
  out.push('');
  const payers = payerRows(report);
  if (payers.length) {
    out.push(...grid(['Payer', 'maximum liability', 'expected', 'deadweight'], payers));
    out.push('');
  }
  const outcomes = Object.entries(t.byOutcome);
  if (outcomes.length && t.expected !== null) {
    out.push(...grid(['Outcome', 'expected', 'share'], outcomes.map(([id, o]) => [id, money(report, o.expected, `byOutcome.${id}`, 'projected'), percent(o.share)])));
    out.push('');
  }
  const years = Object.entries(t.byYear);
  if (years.length) {
    out.push(...grid(['Year', 'expected'], years.map(([year, amount]) => [year, money(report, amount, 'byYear', 'projected')])));
    out.push('');
  }
  if (report.value?.hasValues) out.push(...valueSection(report), '');
  const investor = investorSection(report);
  if (report.investor) {
    out.push(...grid(['Investor', ''], investor.summary));
    if (investor.missing) out.push(`  ${investor.missing}`);
    out.push('');
    if (investor.quarters.length) out.push(...grid(['Quarter from', 'costs', 'payments', 'balance'], investor.quarters), '');
  }
  const errors = errorNote(report);
  if (errors.length) out.push(...errors, '');
  if (report.blockedBy.length) {
    out.push('Not every figure could be computed:');
    for (const b of report.blockedBy) out.push(`  ${b.filePath}:${b.line}:${b.column}  ${b.message}`);
    out.push('');
  }
  return out.join('\n');
}

/** Savings beside payments (docs/value.md), when the framework gives outcomes a value. */
function valueSection(report: TotalsReport): string[] {
  const value = report.value!;
  const out = ['Value (docs/value.md)'];
  const summary = valueSummaryRows(value);
  const width = Math.max(...summary.map(([label]) => label.length));
  for (const [label, text] of summary) out.push(`  ${label.padEnd(width)}  ${text}`);
  for (const note of valueBoundNotes(value)) out.push(`  ${note}`);
  const bodies = valueBodyRows(value);
  if (bodies.length) out.push('', ...grid(['Body', 'saves', 'pays', 'net'], bodies));
  const outcomes = valueOutcomeRows(value);
  if (outcomes.length) out.push('', ...grid(['Outcome', 'saves', 'expected', 'payment-to-savings'], outcomes));
  const years = valueYearRows(value);
  if (years.length) out.push('', ...grid(['Year', 'saves', 'expected'], years));
  return out;
}

/** Columns: the first left-aligned, the rest right-aligned; a rule under the header. */
function grid(header: string[], rows: string[][]): string[] {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)];
}
