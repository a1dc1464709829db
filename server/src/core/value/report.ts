/**
 * The value section of every totals format (table, markdown, CSV, JSON), worded once: amounts
 * with the currency's symbol, "at most" where a figure is only a bound, and "not estimated — why"
 * where it cannot be known, never £0.00.
 */
import { toDecimalString } from '../money';
import { formatMoney } from '../totals';
import type { ValueFigures } from './types';

/** Why a figure is missing: its own reason or the nearest reason above it (`byBody.dwp.net` → `byBody`). */
export function whyNot(value: ValueFigures, key: string): string | undefined {
  for (let k = key; ; k = k.slice(0, k.lastIndexOf('.'))) {
    if (value.notEstimated[k]) return value.notEstimated[k];
    if (!k.includes('.')) return undefined;
  }
}

function bound(value: ValueFigures, key: string): 'at most ' | 'at least ' | 'about ' | '' {
  // What a body pays is the expected payments, known whatever its savings are: a bound on the
  // body's savings (`byBody.x`) says nothing of them, so only a bound of their own applies.
  if (key.endsWith('.pays')) return value.atMost[key] ? 'at most ' : value.atLeast[key] ? 'at least ' : value.about[key] ? 'about ' : '';
  for (let k = key; ; k = k.slice(0, k.lastIndexOf('.'))) {
    if (value.atMost[k]) return 'at most ';
    if (value.atLeast[k]) return 'at least ';
    if (value.about[k]) return 'about ';
    if (!k.includes('.')) return '';
  }
}

/** "£1,900,000.00", "at most £1,900,000.00", or "not estimated — no projection". */
export function valueMoney(value: ValueFigures, minor: number | null, key: string): string {
  if (minor === null) return `not estimated — ${whyNot(value, key) ?? 'not given'}`;
  return bound(value, key) + formatMoney(minor, value.currency, value.digits);
}

/** "0.4200", "at least 0.4200", or "not estimated — why". */
export function valueRatio(value: ValueFigures, ratio: number | null, key: string): string {
  if (ratio === null) return `not estimated — ${whyNot(value, key) ?? 'not given'}`;
  return bound(value, key) + ratio.toFixed(4);
}

/** The section's summary, as label and text. */
export function valueSummaryRows(value: ValueFigures): [string, string][] {
  return [
    ['Expected savings (fiscal)', valueMoney(value, value.savings, 'savings')],
    ['Payment-to-savings', valueRatio(value, value.paymentToSavings, 'paymentToSavings')],
    [`Net present value at ${value.discountRate}%`, valueMoney(value, value.npv, 'npv')],
    ['Economic value', valueMoney(value, value.economic, 'economic')],
    ['Social value', valueMoney(value, value.social, 'social')],
    ['Benefit–cost ratio', valueRatio(value, value.benefitCostRatio, 'benefitCostRatio')],
    ['Cost per participant', valueMoney(value, value.costPerParticipant, 'costPerParticipant')],
    ['Cost per outcome paid for', valueMoney(value, value.costPerOutcome, 'costPerOutcome')],
  ];
}

/** Why a figure says "at most", "at least" or "about": one line per reason. */
export function valueBoundNotes(value: ValueFigures): string[] {
  const reasons = new Set([...Object.values(value.atMost), ...Object.values(value.atLeast), ...Object.values(value.about)].flatMap((why) => why.split('; ')));
  return [...reasons].map((why) => `Bounded: ${why}`);
}

/** Body, saves, pays, net. */
export function valueBodyRows(value: ValueFigures): string[][] {
  return Object.entries(value.byBody).map(([body, b]) => [body, valueMoney(value, b.savings, `byBody.${body}`), valueMoney(value, b.pays, `byBody.${body}.pays`), b.net === null ? valueMoney(value, null, `byBody.${body}.net`) : signed(value, b.net, `byBody.${body}`)]);
}

/** Outcome, saves, expected payments, price ÷ value. Only outcomes with a value. */
export function valueOutcomeRows(value: ValueFigures): string[][] {
  return Object.entries(value.byOutcome)
    .filter(([, o]) => o.savings !== null || o.paymentToSavings !== null)
    .map(([id, o]) => [id, valueMoney(value, o.savings, `byOutcome.${id}.savings`), o.payments === null ? 'not projected' : formatMoney(o.payments, value.currency, value.digits), valueRatio(value, o.paymentToSavings, `byOutcome.${id}.paymentToSavings`)]);
}

/** Year, savings, payments. */
export function valueYearRows(value: ValueFigures): string[][] {
  return Object.entries(value.byYear).map(([year, y]) => [year, valueMoney(value, y.savings, 'byYear'), y.payments === null ? 'not projected' : formatMoney(y.payments, value.currency, value.digits)]);
}

function signed(value: ValueFigures, minor: number, key: string): string {
  const text = formatMoney(minor, value.currency, value.digits);
  return bound(value, key) + (minor > 0 ? '+' + text : text);
}

/** The JSON shape of format.md/value.md: money as exact decimal strings, ratios to 4 decimals, null where not estimated. */
export function valueJson(value: ValueFigures): unknown {
  const money = (minor: number | null) => (minor === null ? null : toDecimalString(minor, value.digits));
  const map = <V, R>(record: Record<string, V>, f: (v: V) => R): Record<string, R> => Object.fromEntries(Object.entries(record).map(([k, v]) => [k, f(v)]));
  return {
    savings: money(value.savings),
    byBody: map(value.byBody, (b) => ({ savings: money(b.savings), pays: money(b.pays), net: money(b.net) })),
    byOutcome: map(value.byOutcome, (o) => ({ savings: money(o.savings), payments: money(o.payments), paymentToSavings: o.paymentToSavings })),
    byCohort: map(value.byCohort, (c) => ({ savings: money(c.savings), payments: money(c.payments) })),
    byYear: map(value.byYear, (y) => ({ savings: money(y.savings), payments: money(y.payments) })),
    paymentToSavings: value.paymentToSavings,
    costPerParticipant: money(value.costPerParticipant),
    costPerOutcome: money(value.costPerOutcome),
    npv: money(value.npv),
    discountRate: value.discountRate,
    economic: money(value.economic),
    social: money(value.social),
    benefitCostRatio: value.benefitCostRatio,
    notEstimated: value.notEstimated,
    ...(Object.keys(value.atMost).length ? { atMost: value.atMost } : {}),
    ...(Object.keys(value.atLeast).length ? { atLeast: value.atLeast } : {}),
    ...(Object.keys(value.about).length ? { about: value.about } : {}),
  };
}

/** CSV rows in the totals' columns (rateCard, figure, cohort, payer, outcome, year, amount, currency, note); the body goes in `payer`. */
export function valueCsvRows(rateCard: string, value: ValueFigures): string[][] {
  const rows: string[][] = [];
  const note = (key: string, missing: boolean) => (missing ? `not estimated — ${whyNot(value, key) ?? 'not given'}` : bound(value, key).trim());
  const money = (figure: string, scope: { body?: string; cohort?: string; outcome?: string; year?: string }, minor: number | null, key: string) =>
    rows.push([rateCard, figure, scope.cohort ?? '', scope.body ?? '', scope.outcome ?? '', scope.year ?? '', minor === null ? '' : toDecimalString(minor, value.digits), value.currency, note(key, minor === null)]);
  const ratio = (figure: string, outcome: string, r: number | null, key: string) => rows.push([rateCard, figure, '', '', outcome, '', r === null ? '' : r.toFixed(4), '', note(key, r === null)]);
  money('savings', {}, value.savings, 'savings');
  for (const [body, b] of Object.entries(value.byBody)) {
    money('savings', { body }, b.savings, `byBody.${body}`);
    money('pays', { body }, b.pays, `byBody.${body}.pays`);
    money('net', { body }, b.net, `byBody.${body}.net`);
  }
  for (const [outcome, o] of Object.entries(value.byOutcome)) {
    if (o.savings === null && o.paymentToSavings === null) continue;
    money('savings', { outcome }, o.savings, `byOutcome.${outcome}.savings`);
    ratio('paymentToSavings', outcome, o.paymentToSavings, `byOutcome.${outcome}.paymentToSavings`);
  }
  for (const [cohort, c] of Object.entries(value.byCohort)) money('savings', { cohort }, c.savings, `byCohort.${cohort}.savings`);
  for (const [year, y] of Object.entries(value.byYear)) money('savings', { year }, y.savings, 'byYear');
  ratio('paymentToSavings', '', value.paymentToSavings, 'paymentToSavings');
  money('npv', {}, value.npv, 'npv');
  money('economic', {}, value.economic, 'economic');
  money('social', {}, value.social, 'social');
  ratio('benefitCostRatio', '', value.benefitCostRatio, 'benefitCostRatio');
  money('costPerParticipant', {}, value.costPerParticipant, 'costPerParticipant');
  money('costPerOutcome', {}, value.costPerOutcome, 'costPerOutcome');
  return rows;
}
