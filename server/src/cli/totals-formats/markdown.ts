/** `totals --format markdown`: for a CI job summary ($GITHUB_STEP_SUMMARY) or a pull request comment. */
import type { TotalsReport } from '../../core/totals/report';
import { shownCohortRows } from './table';
import { capNote, errorNote, investorSection, money, payerRows, percent, totalCells } from '../../core/totals/report';
import { valueBoundNotes, valueBodyRows, valueOutcomeRows, valueSummaryRows, valueYearRows } from '../../core/value';

export function formatTotalsMarkdown(reports: TotalsReport[]): string {
  return reports.map(markdownFor).join('\n');
}

function markdownFor(report: TotalsReport): string {
  const t = report.totals;
  const out: string[] = [];
  out.push(`### Payment totals: ${cell(t.rateCard || '(no id)')}`, '');
  out.push(`Rate card \`${report.filePath}\`, framework ${report.frameworkPath ? `\`${report.frameworkPath}\`` : '*could not be read*'}, currency ${t.currency || 'not given'}.`, '');
  out.push(...table(
    ['Cohort', 'Participants', 'Max per participant', 'Maximum liability', 'Expected', 'Deadweight'],
    [...shownCohortRows(report), ['**Total**', '', '', ...totalCells(report).map((amount) => `**${amount}**`)]],
  ));
  const notes = capNote(t);
  if (notes.length) out.push('', ...notes.map((n) => `> ${n}`));
  const payers = payerRows(report);
  if (payers.length) out.push('', ...table(['Payer', 'Maximum liability', 'Expected', 'Deadweight'], payers));
  const outcomes = Object.entries(t.byOutcome);
  if (outcomes.length && t.expected !== null) {
    out.push('', '<details><summary>Expected payments by outcome</summary>', '');
    out.push(...table(['Outcome', 'Expected', 'Share'], outcomes.map(([id, o]) => [id, money(report, o.expected, `byOutcome.${id}`, 'projected'), percent(o.share)])));
    out.push('', '</details>');
  }
  const years = Object.entries(t.byYear);
  if (years.length) out.push('', ...table(['Year', 'Expected'], years.map(([year, amount]) => [year, money(report, amount, 'byYear', 'projected')])));
  if (report.value?.hasValues) {
    const value = report.value;
    out.push('', '#### Value: savings beside payments', '');
    out.push(...table(['Figure', 'Amount'], valueSummaryRows(value)));
    const bounds = valueBoundNotes(value);
    if (bounds.length) out.push('', ...bounds.map((n) => `> ${cell(n)}`));
    const bodies = valueBodyRows(value);
    if (bodies.length) out.push('', ...table(['Body', 'Saves', 'Pays', 'Net'], bodies));
    const outcomes = valueOutcomeRows(value);
    if (outcomes.length) out.push('', '<details><summary>Savings by outcome</summary>', '', ...table(['Outcome', 'Saves', 'Expected', 'Payment-to-savings'], outcomes), '', '</details>');
    const years = valueYearRows(value);
    if (years.length) out.push('', '<details><summary>Savings by year</summary>', '', ...table(['Year', 'Saves', 'Expected'], years), '', '</details>');
  }
  if (report.investor) {
    const investor = investorSection(report);
    out.push('', ...table(['Investor', ''], investor.summary));
    if (investor.missing) out.push('', `> ${cell(investor.missing)}`);
    if (investor.quarters.length) {
      out.push('', '<details><summary>Cash flow by quarter</summary>', '');
      out.push(...table(['Quarter from', 'Costs', 'Payments', 'Balance'], investor.quarters));
      out.push('', '</details>');
    }
  }
  const [head, ...errors] = errorNote(report);
  if (head) out.push('', `**${cell(head)}**`, '', ...errors.map((e) => `- ${cell(e.trim())}`));
  if (report.blockedBy.length) {
    out.push('', '**Not every figure could be computed:**', '');
    for (const b of report.blockedBy) out.push(`- \`${b.filePath}:${b.line}:${b.column}\` ${cell(b.message)}`);
  }
  return out.join('\n') + '\n';
}

function table(header: string[], rows: string[][]): string[] {
  const align = header.map((_, i) => (i === 0 ? ':---' : '---:'));
  return [header, align, ...rows].map((r) => `| ${r.map(cell).join(' | ')} |`);
}

/**
 * Keeps ids and messages from breaking the table or becoming links, images, code or HTML. Cells
 * also hold our own markup (`**Total**`, the alignment row), so emphasis and `:`/`-` stay.
 */
function cell(text: string): string {
  return text.replace(/\r?\n|\r/g, ' ').replace(/[\\`[\]|]/g, '\\$&').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
