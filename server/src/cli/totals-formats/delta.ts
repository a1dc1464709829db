/**
 * `totals --base REF` in each format: table and markdown say what changed, biggest first
 * ("Maximum liability £2,250,000.00 → £2,370,000.00 (+£120,000.00)"); json gives now, base and
 * delta for every figure; csv gives the base and now columns side by side.
 */
import { compareMagnitude, deltaTree, subtractDecimal as subtract, type FigureChange } from '../../core/figures-delta';
import { readAmount } from '../../core/money';
import { formatMoney } from '../../core/totals';
import { cardName, isChange, type CardComparison, type TotalsComparison } from '../totals-compare';
import { toCsv, totalsCsvRows, TOTALS_CSV_HEADER } from '../../core/totals/csv';
import { totalsJson } from './json';
import { gap, type TotalsReport } from '../../core/totals/report';
import { escapeMarkdownInline as escapeMarkdown } from '../../core/markdown';
import { whyNot } from '../../core/value';

const FIGURE_WORDS: Record<string, string> = {
  maxPerParticipant: 'Max per participant',
  maximumLiability: 'Maximum liability',
  expected: 'Expected',
  deadweight: 'Deadweight',
  participants: 'Participants',
  share: 'Share of expected',
  claims: 'Claims',
  // The value section (docs/value.md).
  savings: 'Savings',
  pays: 'Pays',
  net: 'Net',
  payments: 'Expected payments',
  paymentToSavings: 'Payment-to-savings',
  costPerParticipant: 'Cost per participant',
  costPerOutcome: 'Cost per outcome paid for',
  npv: 'Net present value',
  economic: 'Economic value',
  social: 'Social value',
  benefitCostRatio: 'Benefit–cost ratio',
};

const RATIOS = new Set(['paymentToSavings', 'benefitCostRatio']);

/** "Expected, cohort leaving-care", "Expected in 2020", "Max per participant, line employment-entry". */
export function figureLabel(path: readonly string[]): string {
  // The value section's figures read as themselves: "Savings, body dwp", "Payment-to-savings".
  if (path[0] === 'value' && path.length > 1) return path[1] === 'byYear' && path.length === 4 ? `${FIGURE_WORDS[path[3]] ?? words(path[3])} in ${path[2]}` : figureLabel(path.slice(1));
  if (path[0] === 'byYear' && path.length === 2) return `Expected in ${path[1]}`;
  if (path[0] === 'maxPerParticipant' && path.length === 2) return `Max per participant, cohort ${path[1]}`;
  // The investor's figures: "Investor peak funding", "Investor balance, quarter from 2019-04-01".
  if (path[0] === 'investor') return path[1] === 'cashFlow' ? `Investor ${path[path.length - 1]}, quarter from ${(path[2] ?? '').replace(/^period=/, '')}` : `Investor ${words(path[path.length - 1]).toLowerCase()}`;
  // A figure straight under a breakdown of its own ("byQuarter": { "Q1": … }): "By quarter Q1".
  if (path.length === 2 && /^by[A-Z]/.test(path[0])) return `${words(path[0])} ${path[1]}`;
  const last = path[path.length - 1];
  const scopes: string[] = [];
  for (let i = 0; i + 1 < path.length - 1; i += 2) {
    const container = path[i];
    const key = path[i + 1];
    if (/^by[A-Z]/.test(container)) scopes.push(`${words(container.slice(2)).toLowerCase()} ${key.replace(/^(outcome|id|cohort)=/, '')}`);
    else scopes.push(`${words(container).toLowerCase()} ${key}`);
  }
  return `${FIGURE_WORDS[last] ?? words(last)}${scopes.length ? `, ${scopes.join(', ')}` : ''}`;
}

/** camelCase → "Camel case". */
function words(key: string): string {
  const spaced = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/**
 * The changes worth a line in a table or comment, biggest first: a figure that became unbounded
 * or not projected, then money, then counts. JSON and CSV keep every figure.
 */
export function rankedChanges(card: CardComparison): FigureChange[] {
  const seen = new Set<string>();
  // Shares follow from the amounts, and lines from outcomes; a card new or gone is told by its wholes.
  const shown = (c: FigureChange) =>
    !(c.path[0] === 'value' && c.path[c.path.length - 1] === 'payments') && // the value section's payments repeat the totals'
    c.path[0] !== 'byLine' && !c.path.includes('share') && !c.path.includes('cashFlow') && (card.status === 'changed' || c.path.length === 1 || c.path[0] === 'maxPerParticipant');
  const changed = card.changes.filter((c) => isChange(c) && shown(c)).filter((c) => {
    const label = figureLabel(c.path);
    if (seen.has(label)) return false;
    seen.add(label);
    return true;
  });
  const rank = (c: FigureChange) => (c.delta === null ? 0 : c.kind === 'money' ? 1 : 2);
  return changed.sort((a, b) => rank(a) - rank(b) || (a.delta !== null && b.delta !== null ? compareMagnitude(b.delta, a.delta) : 0));
}

function reportOf(card: CardComparison, side: 'now' | 'base'): TotalsReport | undefined {
  return card[side]?.report;
}

/** One side of a figure as an analyst reads it: "£2,250,000.00", "unbounded", "—" where it did not exist. */
function valueText(card: CardComparison, change: FigureChange, side: 'now' | 'base'): string {
  const value = change[side];
  const report = reportOf(card, side);
  if (value === undefined || !report) return '—';
  if (value === null && change.path[0] === 'investor') return `not estimated — ${report.investor?.missing ?? report.investor?.notEstimated[change.path[change.path.length - 1]] ?? 'unknown'}`;
  if (change.kind === 'count' && change.path[0] === 'investor' && typeof value === 'number') return value.toFixed(4);
  if (value === null && change.path[0] === 'value') return report.value ? `not estimated — ${whyNot(report.value, change.path.slice(1).join('.')) ?? 'not given'}` : 'not estimated';
  if (value === null) return gap(report, change.path.join('.'), change.path.some((p) => p === 'maxPerParticipant' || p === 'maximumLiability') ? 'maximum' : 'projected');
  // Ratios (payment-to-savings, benefit–cost) with the four decimals they are computed to.
  if (change.kind === 'count' && typeof value === 'number' && RATIOS.has(change.path[change.path.length - 1])) return value.toFixed(4);
  if (change.kind === 'count') return typeof value === 'number' ? value.toLocaleString('en-GB') : value;
  return moneyText(report, String(value));
}

function moneyText(report: TotalsReport, decimal: string): string {
  const negative = decimal.startsWith('-');
  const reading = readAmount(decimal.replace(/^[+-]/, ''), report.totals.digits);
  if (!reading.ok) return decimal;
  return formatMoney(negative ? -reading.minor : reading.minor, report.totals.currency, report.totals.digits);
}

function deltaText(card: CardComparison, change: FigureChange): string {
  if (change.delta === null) return '';
  const report = reportOf(card, 'now') ?? reportOf(card, 'base')!;
  if (change.kind === 'count') return ` (${change.delta})`;
  const sign = change.delta.startsWith('-') ? '-' : change.delta.startsWith('+') ? '+' : '';
  return ` (${sign}${moneyText(report, change.delta.replace(/^[+-]/, ''))})`;
}

/** "Maximum liability £2,250,000.00 → £2,370,000.00 (+£120,000.00)" */
export function changeLine(card: CardComparison, change: FigureChange): string {
  return `${figureLabel(change.path)} ${valueText(card, change, 'base')} → ${valueText(card, change, 'now')}${deltaText(card, change)}`;
}

function statusText(card: CardComparison, ref: string): string {
  switch (card.status) {
    case 'added':
      return `new since ${ref}`;
    case 'removed':
      return `removed since ${ref}`;
    case 'unchanged':
      return 'unchanged';
    default:
      return `changed${card.changedFiles.length ? ` (${card.changedFiles.join(', ')})` : ''}`;
  }
}

const short = (commit: string) => commit.slice(0, 12);

export function formatDeltaTable(comparison: TotalsComparison, options: { color: boolean }): string {
  const bold = (text: string) => (options.color ? `\u001b[1m${text}\u001b[0m` : text);
  const out: string[] = [bold(`Payment totals against ${comparison.ref} (${short(comparison.commit)})`), ''];
  const unchanged: string[] = [];
  for (const card of comparison.cards) {
    const { rateCard, filePath } = cardName(card);
    if (card.status === 'unchanged') {
      unchanged.push(rateCard || filePath);
      continue;
    }
    out.push(`${bold(rateCard || '(no id)')}  ${filePath}  ${statusText(card, comparison.ref)}`);
    const lines = rankedChanges(card);
    if (lines.length === 0) out.push('  No figure changed.');
    for (const change of lines) out.push(`  ${changeLine(card, change)}`);
    out.push('');
  }
  if (unchanged.length) out.push(`Unchanged since ${comparison.ref}: ${unchanged.join(', ')}`, '');
  if (comparison.cards.length === 0) out.push(`No rate cards, now or at ${comparison.ref}.`, '');
  return out.join('\n');
}

/** Keeps file text from becoming Markdown or HTML. */
const md = escapeMarkdown;

export function formatDeltaMarkdown(comparison: TotalsComparison): string {
  const out: string[] = [`### Payment totals against ${md(comparison.ref)} (${short(comparison.commit)})`, ''];
  const unchanged: string[] = [];
  for (const card of comparison.cards) {
    const { rateCard, filePath } = cardName(card);
    if (card.status === 'unchanged') {
      unchanged.push(md(rateCard || filePath));
      continue;
    }
    out.push(`**${md(rateCard || '(no id)')}** (${md(filePath)}): ${md(statusText(card, comparison.ref))}`, '');
    const lines = rankedChanges(card);
    if (lines.length === 0) out.push('- No figure changed.');
    for (const change of lines) out.push(`- ${md(changeLine(card, change))}`);
    out.push('');
  }
  if (unchanged.length) out.push(`Unchanged since ${md(comparison.ref)}: ${unchanged.join(', ')}.`, '');
  if (comparison.cards.length === 0) out.push(`No rate cards, now or at ${md(comparison.ref)}.`, '');
  return out.join('\n');
}

export function formatDeltaJson(comparison: TotalsComparison): string {
  const value = {
    base: comparison.ref,
    commit: comparison.commit,
    rateCards: comparison.cards.map((card) => {
      const { rateCard, filePath } = cardName(card);
      return {
        rateCard,
        file: filePath,
        status: card.status,
        changedFiles: card.changedFiles,
        now: card.now ? totalsJson(card.now.report) : null,
        base: card.base ? totalsJson(card.base.report) : null,
        delta: deltaTree(card.changes),
      };
    }),
  };
  return JSON.stringify(value, null, 2) + '\n';
}

/** The totals CSV's rows for base and now side by side: `base`, `now` and `delta` in place of `amount`. */
export function formatDeltaCsv(comparison: TotalsComparison): string {
  const amount = TOTALS_CSV_HEADER.indexOf('amount');
  const keyColumns = TOTALS_CSV_HEADER.map((_, i) => i).filter((i) => i !== 0 && i !== amount && TOTALS_CSV_HEADER[i] !== 'note' && TOTALS_CSV_HEADER[i] !== 'currency');
  const header = ['rateCard', 'file', 'status', ...keyColumns.map((i) => TOTALS_CSV_HEADER[i]), 'base', 'now', 'delta', 'currency', 'note'];
  const rows: string[][] = [header];
  const note = TOTALS_CSV_HEADER.indexOf('note');
  const currency = TOTALS_CSV_HEADER.indexOf('currency');
  for (const card of comparison.cards) {
    const { rateCard, filePath } = cardName(card);
    const side = (report: TotalsReport | undefined) => new Map((report ? totalsCsvRows([report]) : []).map((r) => [keyColumns.map((i) => r[i]).join('\u0000'), r]));
    const now = side(card.now?.report);
    const base = side(card.base?.report);
    for (const key of new Set([...now.keys(), ...base.keys()])) {
      const n = now.get(key);
      const b = base.get(key);
      const row = (n ?? b)!;
      const nowAmount = n ? n[amount] : '';
      const baseAmount = b ? b[amount] : '';
      const numeric = (text: string) => /^-?\d+(\.\d+)?$/.test(text);
      // A row missing on one side is nothing there; an empty amount (unbounded, not projected) has no delta.
      const delta = (n && !numeric(nowAmount)) || (b && !numeric(baseAmount)) ? '' : subtract(nowAmount || '0', baseAmount || '0');
      rows.push([rateCard, filePath, card.status, ...keyColumns.map((i) => row[i]), baseAmount, nowAmount, delta, row[currency], [b ? b[note] : 'not at base', n ? n[note] : 'not now'].filter(Boolean).join(' → ')]);
    }
  }
  return toCsv(rows);
}
