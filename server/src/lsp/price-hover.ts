/**
 * The hover on a price: what real UK programmes paid for the same kind of outcome (INDIGO data),
 * lowest, median and highest, with the programmes and years, and where this price falls.
 * Text from the user's files is escaped before it becomes Markdown.
 */
import type { FrameworkModel, RateCardModel } from '../core/model';
import { comparePrices, describeKind, isComparableKind, kindOf, medianText, notComparableReason, placeAmong, poundsText, programmeLabel, type ComparablePrice } from '../core/prices/compare';
import { sourceCredit, ukPriceDataset } from '../core/prices/dataset';
import { formatMoney } from '../core/totals';
import { escapeMarkdown } from '../core/markdown';

/** An id in a code span when it is a well-formed id, else escaped text (escapes do not work inside code spans). */
function idText(id: string): string {
  return /^[a-z0-9]+(-[a-z0-9]+)*$/.test(id) ? `\`${id}\`` : escapeMarkdown(id);
}

/** The hover section for the price at `path` (['prices', i, 'price']) of a rate card, or undefined elsewhere. */
export function priceContextHover(rateCard: RateCardModel, framework: FrameworkModel | undefined, path: readonly (string | number)[]): string | undefined {
  if (path.length !== 3 || path[0] !== 'prices' || typeof path[1] !== 'number' || path[2] !== 'price') return undefined;
  const line = rateCard.prices[path[1]];
  if (!line) return undefined;
  const credit = `*Source: ${sourceCredit()}. Nominal prices of their year; programmes differ in cohort and intensity.*`;
  const heading = '**Real UK prices**';
  if (rateCard.currency !== 'GBP') return `${heading}: the real UK prices are in pounds and this rate card is in ${escapeMarkdown(rateCard.currency ?? 'no currency')}, so nothing is compared.\n\n${credit}`;
  const outcome = line.outcome ? framework?.outcomeById.get(line.outcome) : undefined;
  if (!outcome) return `${heading}: ${framework ? 'the outcome this line pays for is not in the framework' : 'the framework cannot be read'}, so the outcome's kind (domain, stage) is unknown and nothing is compared.`;
  const reason = notComparableReason(outcome.value);
  if (reason !== undefined) return `${heading}: not compared. The framework marks ${idText(outcome.id)} as not comparable: ${escapeMarkdown(reason)}\n\n${credit}`;
  const kind = kindOf(outcome.value);
  if (kind.domain === 'other') return `${heading}: nothing comparable. ${idText(outcome.id)} is in the catch-all domain \`other\`, whose outcomes have nothing in common to compare.\n\n${credit}`;
  if (!isComparableKind(kind)) return `${heading}: ${idText(outcome.id)} has no domain or stage yet, so nothing is compared.`;
  const kindText = escapeMarkdown(describeKind(kind));
  const comparison = comparePrices(kind);
  if (!comparison) {
    const total = new Set(ukPriceDataset.projects.map((p) => p.programme)).size;
    return `${heading}: nothing comparable. None of the ${total} UK programmes with published prices paid for an outcome of this kind (${kindText}).\n\n${credit}`;
  }
  const n = comparison.prices.length;
  const programmes = new Set(comparison.prices.map((p) => p.programme.id)).size;
  const lines = [`${heading} for ${kindText}: ${n} price${n === 1 ? '' : 's'} from ${programmes} programme${programmes === 1 ? '' : 's'}`];
  const who = (price: number) => comparison.prices.filter((p) => p.price === price).map(programmeLabel).join('; ');
  lines.push(`Lowest ${poundsText(comparison.lowest)} (${who(comparison.lowest)}) · median ${medianText(comparison)} · highest ${poundsText(comparison.highest)} (${who(comparison.highest)})`);
  if (line.price !== undefined) {
    const { below, equal, above } = placeAmong(comparison, line.price);
    const here = formatMoney(line.price, 'GBP', 2).replace(/\.00$/, '');
    const where = above === n ? `below all ${n}` : below === n ? `above all ${n}` : [below && `above ${below}`, equal && `equal to ${equal}`, above && `below ${above}`].filter(Boolean).join(', ') + ` of the ${n}`;
    lines.push(`This price, ${here}, is ${where}.`);
  } else lines.push('This price cannot be read, so it is not placed among them.');
  // The list, cut short for the broad kinds (a level not given, say): the figures above count them all.
  const shown = comparison.prices.length > 12 ? [...comparison.prices.slice(0, 11).map(describePrice), `- and ${comparison.prices.length - 11} more, up to ${poundsText(comparison.highest)}`] : comparison.prices.map(describePrice);
  lines.push(shown.join('\n'));
  lines.push(credit);
  return lines.join('\n\n');
}

function describePrice(p: ComparablePrice): string {
  const projects = p.projects.length === 1 ? p.projects[0] : `${p.projects.length} projects`;
  const uncertain = p.outcomes.some((o) => o.uncertain);
  return `- ${poundsText(p.price)}: ${programmeLabel(p)}, ${p.outcomes.map((o) => o.title).join('; ')} (${projects})${uncertain ? ` — mapping uncertain: ${p.outcomes.map((o) => o.uncertain).filter(Boolean).join('; ')}` : ''}`;
}
