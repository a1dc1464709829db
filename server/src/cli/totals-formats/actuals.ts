/**
 * `totals --actuals F`: plan against actual and the reforecast, in the totals' four formats.
 * The figures are defined in docs/actuals.md.
 */
import { planRows, reforecastRows, type PlanAgainstActual } from '../../core/actuals';
import { toDecimalString } from '../../core/money';
import { toCsv } from '../../core/totals/csv';
import { escapeMarkdownInline } from '../../core/markdown';
import { displayPath } from '../results';

export interface ActualsView {
  plan: PlanAgainstActual;
  rateCardId: string;
  actualsFile: string;
  /** How many findings the actuals file has (claims that break the contract), by severity. */
  errors: number;
  warnings: number;
}

function heading(v: ActualsView): string {
  const p = v.plan;
  return `Plan against actual: ${v.rateCardId} to ${p.asAt ? `${p.asAt.label} (${p.asAt.date})` : 'no period reported'}`;
}

function findingsNote(v: ActualsView): string[] {
  if (!v.errors && !v.warnings) return [];
  const parts = [v.errors ? `${v.errors} error${v.errors === 1 ? '' : 's'}` : '', v.warnings ? `${v.warnings} warning${v.warnings === 1 ? '' : 's'}` : ''].filter(Boolean).join(' and ');
  return [`The actuals file has ${parts} (claims the contract does not allow, or a plan that looks optimistic): see outcomes-lint ${displayPath(v.actualsFile)}. The actual figures are what was claimed.`];
}

export function actualsTable(v: ActualsView, bold: (s: string) => string = (s) => s): string {
  const out: string[] = [bold(heading(v)) + `  ${displayPath(v.actualsFile)}`, `Plan from ${v.plan.from ?? 'not known'} to date; actual as reported.`, ''];
  out.push(...grid(['Figure', 'actual', 'plan', 'share of plan'], planRows(v.plan).map((r) => [r.scope ? `  ${r.figure === 'outcomes evidenced' ? '' : 'by '}${r.scope}` : r.figure, r.actual, r.plan, r.share]), planRows(v.plan)));
  out.push('', bold('Reforecast'));
  out.push(...grid(['Figure', 'value'], reforecastRows(v.plan).map((r) => [r.scope ? `${r.figure} (${r.scope})` : r.figure, r.text])));
  out.push('', ...findingsNote(v));
  return out.join('\n').trimEnd() + '\n';
}

/** Columns: the first left-aligned, the rest right-aligned; section headings for outcome and payer rows. */
function grid(header: string[], rows: string[][], source?: { figure: string; scope: string }[]): string[] {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd();
  const out = [line(header), widths.map((w) => '─'.repeat(w)).join('  ')];
  rows.forEach((r, i) => {
    const here = source?.[i];
    const before = i > 0 ? source?.[i - 1] : undefined;
    if (here?.scope && before?.figure !== here.figure) out.push(here.figure === 'outcomes evidenced' ? 'outcomes evidenced' : here.figure);
    out.push(line(r));
  });
  return out;
}

export function actualsMarkdown(v: ActualsView): string {
  const cell = (s: string) => escapeMarkdownInline(s);
  const out = [`### ${cell(heading(v))}`, '', `Plan from ${v.plan.from ?? 'not known'} to date; actual as reported in \`${cell(displayPath(v.actualsFile))}\`.`, '', '| figure | actual | plan | share of plan |', '| --- | ---: | ---: | ---: |'];
  for (const r of planRows(v.plan)) out.push(`| ${cell(r.scope ? `${r.figure}: ${r.scope}` : r.figure)} | ${cell(r.actual)} | ${cell(r.plan)} | ${cell(r.share)} |`);
  out.push('', '**Reforecast**', '', '| figure | value | how |', '| --- | ---: | --- |');
  for (const r of reforecastRows(v.plan)) out.push(`| ${cell(r.scope ? `${r.figure} (${r.scope})` : r.figure)} | ${cell(r.text)} | ${cell(r.note)} |`);
  const note = findingsNote(v);
  if (note.length) out.push('', ...note.map(cell));
  return out.join('\n') + '\n';
}

export function actualsCsv(v: ActualsView): string {
  const rows: string[][] = [['rateCard', 'asAt', 'figure', 'scope', 'actual', 'plan', 'shareOfPlan', 'currency', 'note']];
  const asAt = v.plan.asAt?.label ?? '';
  for (const r of planRows(v.plan)) rows.push([v.rateCardId, asAt, r.figure, r.scope, r.actualValue, r.planValue, r.shareValue, r.kind === 'money' ? v.plan.currency : '', r.note]);
  for (const r of reforecastRows(v.plan)) rows.push([v.rateCardId, asAt, r.figure, r.scope, r.value, '', '', r.figure === 'performance so far' ? '' : v.plan.currency, r.value === '' ? r.text : r.note]);
  return toCsv(rows);
}

export function actualsJson(v: ActualsView): string {
  const p = v.plan;
  const rows = planRows(p);
  const pick = (figure: string) => rows.filter((r) => r.figure === figure);
  const json = (r: (typeof rows)[number]) => ({ actual: r.actualValue, plan: r.planValue || null, shareOfPlan: r.shareValue === '' ? null : Number(r.shareValue), ...(r.note ? { note: r.note } : {}) });
  return (
    JSON.stringify(
      {
        rateCard: v.rateCardId,
        actualsFile: displayPath(v.actualsFile),
        currency: p.currency,
        periodKind: p.periodKind,
        from: p.from ?? null,
        asAt: p.asAt ? { period: p.asAt.label, date: p.asAt.date } : null,
        participants: json(pick('participants started')[0]),
        outcomes: Object.fromEntries(pick('outcomes evidenced').map((r) => [r.scope, json(r)])),
        payments: json(pick('payments claimed')[0]),
        byPayer: Object.fromEntries(pick('payments claimed by payer').map((r) => [r.scope, json(r)])),
        ...(pick('savings').length ? { savings: { ...json(pick('savings')[0]), ...(p.savings?.bound ? { bound: p.savings.bound.trim() } : {}) } } : {}),
        ...(pick("investor's balance").length ? { investorBalance: json(pick("investor's balance")[0]) } : {}),
        byPeriod: p.byPeriod.map((b) => ({ period: b.label, actual: toDecimalString(b.actual, p.digits), plan: b.plan === null ? null : toDecimalString(b.plan, p.digits) })),
        reforecast: Object.fromEntries(reforecastRows(p).map((r) => [r.scope ? `${r.figure} (${r.scope})` : r.figure, { value: r.value === '' ? null : r.value, text: r.text, how: r.note }])),
        findings: { errors: v.errors, warnings: v.warnings },
      },
      null,
      2,
    ) + '\n'
  );
}
