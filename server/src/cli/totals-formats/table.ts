/** `totals --format table` (default): readable in a terminal, amounts with the currency's symbol. */
import type { TotalsReport } from './report';
import { capNote, money, percent } from './report';

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
  const cohortRows = Object.entries(t.byCohort).map(([id, c]) => [
    id,
    c.participants === null ? 'not given' : c.participants.toLocaleString('en-GB'),
    money(report, c.maxPerParticipant, `maxPerParticipant.${id}`, 'maximum'),
    money(report, c.maximumLiability, `byCohort.${id}.maximumLiability`, 'maximum'),
    money(report, c.expected, `byCohort.${id}.expected`, 'projected'),
    money(report, c.deadweight, `byCohort.${id}.deadweight`, 'projected'),
  ]);
  const totalRow = ['Total', '', '', money(report, t.maximumLiability, 'maximumLiability', 'maximum'), money(report, t.expected, 'expected', 'projected'), money(report, t.deadweight, 'deadweight', 'projected')];
  out.push(...grid(['Cohort', 'participants', 'max per participant', 'maximum liability', 'expected', 'deadweight'], [...cohortRows, totalRow]));
  for (const note of capNote(t)) out.push(`  ${note}`);
  out.push('');
  const payers = Object.entries(t.byPayer);
  if (payers.length) {
    out.push(...grid(['Payer', 'maximum liability', 'expected', 'deadweight'], payers.map(([id, p]) => [id, money(report, p.maximumLiability, `byPayer.${id}.maximumLiability`, 'maximum'), money(report, p.expected, `byPayer.${id}.expected`, 'projected'), money(report, p.deadweight, `byPayer.${id}.deadweight`, 'projected')])));
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
  if (report.blockedBy.length) {
    out.push('Not every figure could be computed:');
    for (const b of report.blockedBy) out.push(`  ${b.filePath}:${b.line}:${b.column}  ${b.message}`);
    out.push('');
  }
  return out.join('\n');
}

/** Columns: the first left-aligned, the rest right-aligned; a rule under the header. */
function grid(header: string[], rows: string[][]): string[] {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)];
}
