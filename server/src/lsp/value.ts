/**
 * The value figures in the editor (docs/value.md): the lens's "Saves £1.9m for £0.8m", the
 * outcome hover's value beside its prices, and the preview's savings against payments by body.
 * The figures come from the core (core/value); this module only words and places them.
 */
import type { FrameworkModel, OutcomeEntry, RateCardModel } from '../core/model';
import { escapeMarkdown, inlineCode } from '../core/markdown';
import { formatMoney } from '../core/totals';
import { COHORT_BODY, computeValue, outcomeValues, priceToValue, valueBodyRows, valueBoundNotes, valueSummaryRows, type ValueFigures, type ValueOptions } from '../core/value';
import type { ValueView } from '../protocol';

/** "£1.9m", "£190k", "£950": short enough for a lens; exact figures are in the preview. */
export function shortMoney(minor: number, currency: string, digits: number): string {
  const major = Math.abs(minor) / 10 ** digits;
  const sign = minor < 0 ? '-' : '';
  const whole = formatMoney(0, currency, 0).replace(/0$/, '');
  if (major >= 1_000_000) return `${sign}${whole}${(major / 1_000_000).toFixed(1)}m`;
  if (major >= 10_000) return `${sign}${whole}${Math.round(major / 1000)}k`;
  return formatMoney(minor, currency, digits).replace(/\.00$/, '');
}

/** The lens's part: "Saves £1.9m for £0.8m", "Saves at least …", or why not; undefined without values. */
export function valueLensTitle(rateCard: RateCardModel, framework: FrameworkModel | undefined, options: ValueOptions = {}): string | undefined {
  if (!framework || outcomeValues(framework).size === 0) return undefined;
  const value = computeValue(rateCard, framework, options);
  if (value.savings === null) return `Savings not estimated — ${value.notEstimated.savings ?? 'not given'}`;
  const bound = value.atMost.savings ? 'at most ' : value.atLeast.savings ? 'at least ' : value.about.savings ? 'about ' : '';
  const paid = Object.values(value.byBody).reduce<number | null>((sum, b) => (sum === null || b.pays === null ? null : sum + b.pays), 0);
  const payments = paid === null ? 'payments not projected' : shortMoney(paid, value.currency, value.digits);
  return `Saves ${bound}${shortMoney(value.savings, value.currency, value.digits)} for ${payments}`;
}

/** The preview's section: the headline value figures and savings against payments by body. */
export function valueView(value: ValueFigures, framework: FrameworkModel | undefined): ValueView | null {
  if (!value.hasValues) return null;
  // No prototype: a body called `constructor` is named, not taken for Object's.
  const names: Record<string, string> = Object.create(null);
  for (const list of [framework?.bodies ?? [], framework?.payers ?? []]) for (const b of list) if (b.id && typeof b.value.name === 'string') names[b.id] ??= b.value.name;
  const rows = valueBodyRows(value);
  return {
    summary: valueSummaryRows(value).map(([figure, text]) => ({ figure, value: text })),
    bodies: Object.entries(value.byBody).map(([body, b], i) => ({ body, name: names[body], saves: rows[i][1], pays: rows[i][2], net: rows[i][3], savesMinor: b.savings, paysMinor: b.pays })),
    notes: valueBoundNotes(value),
  };
}

/** The outcome hover's value section: what one achievement saves and whom, its source, and price ÷ value per rate card. */
export function describeOutcomeValue(framework: FrameworkModel, outcome: OutcomeEntry, rateCards: RateCardModel[]): string | undefined {
  const value = outcomeValues(framework).get(outcome.id);
  if (!value) return undefined;
  const currency = framework.currency ?? '';
  const digits = rateCards[0]?.digits ?? 2;
  const amount = (minor: number | undefined) => (minor === undefined ? 'cannot be read' : formatMoney(minor, currency, digits));
  const unit = value.per ? `per ${value.per} held` : value.years > 1 ? `a year for ${value.years} years` : 'once';
  const fiscal = [...value.fiscal].map(([body, f]) => `${body === COHORT_BODY ? "the cohort's payer" : inlineCode(body)} ${amount(f.amount)}`);
  const lines = [`**Value of one achievement** (${unit}): ${fiscal.length ? `saves ${fiscal.join(', ')}` : 'no fiscal saving given'}`];
  const other = [value.economic && `economic ${amount(value.economic.amount)}`, value.social && `social ${amount(value.social.amount)}`].filter(Boolean);
  if (other.length) lines.push(other.join(' · '));
  // The source is the file's text (escaped); the price year a number of ours.
  const sources = new Set([...value.fiscal.values(), value.economic, value.social].filter((f) => f !== undefined).map((f) => (f!.source ? `${escapeMarkdown(f!.source)}${f!.priceYear ? ` (prices of ${f!.priceYear})` : ''}` : 'no source given')));
  lines.push(`Source: ${[...sources].join('; ')}`);
  for (const rateCard of rateCards) {
    if (!rateCard.prices.some((p) => p.outcome === outcome.id)) continue;
    const ratio = priceToValue(rateCard, outcome.id, value);
    lines.push(`Price ÷ value in rate card ${inlineCode(rateCard.id ?? 'unnamed')}: ${ratio.ratio === null ? `not estimated — ${escapeMarkdown(ratio.reason ?? '')}` : ratio.ratio.toFixed(2)}`);
  }
  return lines.join('\n\n');
}
