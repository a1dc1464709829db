/** One rate card's totals as every totals format reads them: figures plus how to label a gap. */
import { formatMoney, type Totals } from './index';
import { toDecimalString } from '../money';
import { investorTouched, isTouched } from './touched';
import { investorRows, type InvestorFigures } from '../investor';
import type { ValueFigures } from '../value';

export interface TotalsReport {
  /** The rate card as the user sees it: relative to the current folder. */
  filePath: string;
  /** Its framework, when it could be read. */
  frameworkPath?: string;
  totals: Totals;
  /** Lines that stop a figure, with 1-based positions. */
  blockedBy: { filePath: string; line: number; column: number; message: string }[];
  /** Errors in the rate card or its framework, with 1-based positions. */
  errors?: { filePath: string; line: number; column: number; ruleId: string; message: string }[];
  /** The figures those errors touch (keys as in `Totals.blocked`): marked `(!)` in the table and markdown. */
  touched?: ReadonlySet<string>;
  /** The investor's case, for a rate card with an `investment` (core/investor). */
  investor?: InvestorFigures;
  /** Savings beside payments (docs/value.md), when computed. */
  value?: ValueFigures;
}

export type Kind = 'maximum' | 'projected';

/** Why a figure is null: blocked by a line, not estimated (with why), unbounded (maxima) or not projected (expected, deadweight). */
export function gap(report: Pick<TotalsReport, 'totals'>, key: string, kind: Kind): string {
  if (isBlocked(report, key)) return 'cannot be computed';
  const why = report.totals.notEstimated?.[key];
  if (why) return `not estimated — ${why}`;
  return kind === 'maximum' ? 'unbounded' : 'not projected';
}

export function isBlocked(report: Pick<TotalsReport, 'totals'>, key: string): boolean {
  const blocked = report.totals.blocked;
  return blocked.includes(key) || blocked.some((b) => key.startsWith(b + '.'));
}

/** Why a figure is only an upper bound (its key or one above it in `upperBounds`), or undefined when it is exact. */
export function boundOf(totals: Pick<Totals, 'upperBounds'>, key: string): string | undefined {
  const bounds = totals.upperBounds ?? {};
  if (bounds[key]) return bounds[key];
  for (const k in bounds) if (key.startsWith(k + '.')) return bounds[k];
  return undefined;
}

/** "£1,234.00", "at most £1,234.00" for a bound, or the reason it is missing. */
export function money(report: TotalsReport, minor: number | null, key: string, kind: Kind): string {
  const amount = minor === null ? gap(report, key, kind) : formatMoney(minor, report.totals.currency, report.totals.digits);
  const text = minor !== null && boundOf(report.totals, key) ? `at most ${amount}` : amount;
  // A figure an error touches may not mean what the contract says: marked, and the errors listed below.
  return report.touched && isTouched(report.touched, key) ? `${text} (!)` : text;
}

/** The note under a report whose files have errors: what `*` means, and each error. */
export function errorNote(report: TotalsReport): string[] {
  if (!report.errors?.length) return [];
  // An error no figure depends on (a malformed id) is still listed, without promising marks.
  const head = report.touched?.size === 0 ? `No figure depends on ${report.errors.length === 1 ? 'this error' : 'these errors'}, but ${report.errors.length === 1 ? 'it needs' : 'they need'} fixing:` : undefined;
  return [
    head ?? `(!) may not mean what the contract says until ${report.errors.length === 1 ? 'this error is' : 'these errors are'} fixed:`,
    ...report.errors.map((e) => `  ${e.filePath}:${e.line}:${e.column}  ${e.message}  ${e.ruleId}`),
  ];
}

/** "1234.00", or null. */
export function decimal(report: Pick<TotalsReport, 'totals'>, minor: number | null): string | null {
  return minor === null ? null : toDecimalString(minor, report.totals.digits);
}

export function percent(share: number | null): string {
  return share === null ? '' : `${(share * 100).toFixed(1)}%`;
}

export function capNote(totals: Totals): string[] {
  const notes: string[] = [];
  const perParticipant = totals.capsApplied.filter((c) => c.startsWith('perParticipant.') && !c.endsWith('.expected')).map((c) => c.slice('perParticipant.'.length));
  if (perParticipant.length) notes.push(`caps.perParticipant limits the most paid for one participant in ${perParticipant.join(', ')}.`);
  const expectedPP = totals.capsApplied.filter((c) => c.startsWith('perParticipant.') && c.endsWith('.expected')).map((c) => c.slice('perParticipant.'.length, -'.expected'.length));
  if (expectedPP.length) notes.push(`caps.perParticipant cuts the expected payments in ${expectedPP.join(', ')}.`);
  for (const figure of ['maximumLiability', 'expected'] as const) {
    const payers = totals.capsApplied.filter((c) => c.startsWith('perPayer.') && c.endsWith(`.${figure}`)).map((c) => c.slice('perPayer.'.length, -figure.length - 1));
    if (payers.length) notes.push(`caps.perPayer limits what ${payers.join(', ')} pay${payers.length === 1 ? 's' : ''} of the ${figure === 'expected' ? 'expected payments' : 'maximum liability'}.`);
  }
  const periods = totals.capsApplied.filter((c) => c.startsWith('maxPeriods.')).map((c) => c.slice('maxPeriods.'.length).split('.'));
  if (periods.length) notes.push(`The projection expects more periods than maxPeriods pays for ${periods.map(([cohort, outcome]) => `${outcome} in ${cohort}`).join(', ')}: counted as maxPeriods.`);
  if (totals.capsApplied.includes('total.maximumLiability')) notes.push('caps.total limits the maximum liability.');
  if (totals.capsApplied.includes('total.expected')) notes.push('caps.total cuts the expected payments.');
  // Each reason once: "at most" figures and why they are not exact.
  for (const why of new Set(Object.values(totals.upperBounds ?? {}))) notes.push(`"at most": only an upper bound, as ${why}.`);
  return notes;
}

/** One row per cohort: id, participants, max per participant, maximum liability, expected, deadweight. */
export function cohortRows(report: TotalsReport): string[][] {
  return Object.entries(report.totals.byCohort).map(([id, c]) => [
    id,
    c.participants === null ? 'not given' : c.participants.toLocaleString('en-GB'),
    money(report, c.maxPerParticipant, `maxPerParticipant.${id}`, 'maximum'),
    money(report, c.maximumLiability, `byCohort.${id}.maximumLiability`, 'maximum'),
    money(report, c.expected, `byCohort.${id}.expected`, 'projected'),
    money(report, c.deadweight, `byCohort.${id}.deadweight`, 'projected'),
  ]);
}

/** The whole card's maximum liability, expected payments and deadweight, formatted. */
export function totalCells(report: TotalsReport): [string, string, string] {
  const t = report.totals;
  return [money(report, t.maximumLiability, 'maximumLiability', 'maximum'), money(report, t.expected, 'expected', 'projected'), money(report, t.deadweight, 'deadweight', 'projected')];
}

/** The investor's summary rows and cash flow by quarter, formatted; empty without an investment. */
export function investorSection(report: TotalsReport): { summary: string[][]; quarters: string[][]; missing?: string } {
  const i = report.investor;
  if (!i) return { summary: [], quarters: [] };
  const { currency, digits } = report.totals;
  const mark = investorTouched(report.touched) ? ' (!)' : '';
  const show = (minor: number | null, key: string) => (minor === null ? (i.missing ? 'not estimated — see below' : `not estimated — ${i.notEstimated[key] ?? 'unknown'}`) : formatMoney(minor, currency, digits) + mark);
  return {
    summary: investorRows(i, show),
    quarters: i.cashFlow.map((q) => [q.period, formatMoney(q.costs, currency, digits) + mark, formatMoney(q.payments, currency, digits) + mark, formatMoney(q.balance, currency, digits) + mark]),
    missing: i.missing,
  };
}

/** One row per payer: id, maximum liability, expected, deadweight. */
export function payerRows(report: TotalsReport): string[][] {
  return Object.entries(report.totals.byPayer).map(([id, p]) => [id, money(report, p.maximumLiability, `byPayer.${id}.maximumLiability`, 'maximum'), money(report, p.expected, `byPayer.${id}.expected`, 'projected'), money(report, p.deadweight, `byPayer.${id}.deadweight`, 'projected')]);
}
