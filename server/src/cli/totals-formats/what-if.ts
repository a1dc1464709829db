/**
 * `totals --achievement SCALE --participants SCALE`: the usual report, computed under the
 * what-if, followed per rate card by the achievement scale at which caps.total starts to bind and
 * the outcomes whose achievement moves the expected payments most.
 */
import { capBindsText, type CapBinding, type OutcomeSensitivity, type WhatIf } from '../../core/what-if';
import { printable } from '../../core/printable';
import { formatMoney } from '../../core/totals';
import { toDecimalString } from '../../core/money';
import { toCsv } from '../../core/totals/csv';
import type { TotalsReport } from '../../core/totals/report';

export interface WhatIfReport {
  report: TotalsReport;
  capBinds: CapBinding;
  sensitivity: OutcomeSensitivity[];
}

/** "achievement × 1.2, participants × 0.9" */
export function whatIfTitle(whatIf: WhatIf): string {
  const parts: string[] = [];
  if (whatIf.achievement !== undefined) parts.push(`achievement × ${whatIf.achievement} (each share at most 1)`);
  if (whatIf.participants !== undefined) parts.push(`participants × ${whatIf.participants} (rounded to whole people)`);
  return parts.join(', ');
}

function money(report: TotalsReport, minor: number | null): string {
  return minor === null ? 'not projected' : formatMoney(minor, report.totals.currency, report.totals.digits);
}

function signedMoney(report: TotalsReport, minor: number): string {
  return `${minor > 0 ? '+' : minor < 0 ? '-' : ''}${formatMoney(Math.abs(minor), report.totals.currency, report.totals.digits)}`;
}

/** The outcomes that move expected payments at all, most first. */
function ranked(item: WhatIfReport): OutcomeSensitivity[] {
  return item.sensitivity.filter((s) => s.moves !== 0);
}

export function whatIfTable(items: WhatIfReport[]): string {
  const out: string[] = [];
  for (const item of items) {
    out.push(`What if, ${item.report.totals.rateCard || '(no id)'}:`);
    out.push(`  ${capBindsText(item.capBinds)}`);
    const rows = ranked(item).map((s) => [s.outcome, money(item.report, s.expected), signedMoney(item.report, s.moves)]);
    if (rows.length) {
      const header = ['Outcome', 'expected', 'achievement +10% moves expected by'];
      const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
      const line = (r: string[]) => '  ' + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
      out.push(line(header), '  ' + widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line));
    }
    out.push('');
  }
  return out.map(printable).join('\n'); // ids from the files: no line break or escape of theirs
}

export function whatIfMarkdown(items: WhatIfReport[]): string {
  const out: string[] = [];
  for (const item of items) {
    out.push(`#### What if: ${escape(item.report.totals.rateCard || '(no id)')}`, '', capBindsText(item.capBinds), '');
    const rows = ranked(item);
    if (rows.length) {
      out.push('| Outcome | Expected | Achievement +10% moves expected by |', '| :--- | ---: | ---: |');
      for (const s of rows) out.push(`| ${escape(s.outcome)} | ${money(item.report, s.expected)} | ${signedMoney(item.report, s.moves)} |`);
      out.push('');
    }
  }
  return out.join('\n');
}

/** Adds `whatIf` to each rate card of the totals JSON. */
export function whatIfJson(json: string, items: WhatIfReport[], whatIf: WhatIf): string {
  const value = JSON.parse(json) as Record<string, unknown> | Record<string, unknown>[];
  const cards = Array.isArray(value) ? value : [value];
  cards.forEach((card, i) => {
    const item = items[i];
    const digits = item.report.totals.digits;
    card.whatIf = {
      achievement: whatIf.achievement ?? null,
      participants: whatIf.participants ?? null,
      capBindsAtAchievement: item.capBinds.scale,
      ...(item.capBinds.reason ? { capNeverBinds: item.capBinds.reason } : {}),
      sensitivity: item.sensitivity.map((s) => ({ outcome: s.outcome, expected: s.expected === null ? null : toDecimalString(s.expected, digits), movedByTenPercentMore: toDecimalString(s.moves, digits) })),
    };
  });
  return JSON.stringify(value, null, 2) + '\n';
}

/** Rows after the totals CSV's, in its columns: the cap's scale, then each outcome's movement. */
export function whatIfCsvRows(items: WhatIfReport[]): string {
  const rows: string[][] = [];
  for (const item of items) {
    const t = item.report.totals;
    rows.push([t.rateCard, 'capBindsAtAchievement', '', '', '', '', item.capBinds.scale ?? '', '', item.capBinds.scale === null ? capBindsText(item.capBinds) : '']);
    for (const s of item.sensitivity) rows.push([t.rateCard, 'expectedMovedByTenPercentMoreAchievement', '', '', s.outcome, '', toDecimalString(s.moves, t.digits), t.currency, '']);
  }
  return rows.length ? toCsv(rows) : '';
}

function escape(text: string): string {
  return printable(text).replace(/[\\`*_[\]|#]/g, (c) => `\\${c}`).replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
