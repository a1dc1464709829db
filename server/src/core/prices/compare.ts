/**
 * Real UK prices comparable with one outcome: the same domain and stage, the same sustain period
 * and qualification level where the outcome gives them. A programme's card counts once however
 * many of its projects used it, so the seven Fair Chance Fund projects do not outvote the rest.
 */
import { formatMoney } from '../totals';
import { ukPriceDataset, type CardOutcome, type Programme, type Project } from './dataset';

export interface OutcomeKind {
  domain?: string;
  stage?: string;
  sustainWeeks?: number;
  qualificationLevel?: number;
}

/** One programme's price for outcomes of this kind. */
export interface ComparablePrice {
  programme: Programme;
  /** Pence. */
  price: number;
  /** The card's outcomes paid this price (a card may pay two of a kind alike: part- and full-time work). */
  outcomes: CardOutcome[];
  /** The projects that used it. */
  projects: string[];
}

export interface PriceComparison {
  /** Lowest first. */
  prices: ComparablePrice[];
  lowest: number;
  highest: number;
  /** Twice the median in pence, so that the median of an even count stays exact. */
  twiceMedian: number;
}

/**
 * Whether the dataset can be compared with this kind at all: a domain and a stage are needed, and
 * `other` is a catch-all whose outcomes have nothing in common but the word.
 */
export function isComparableKind(kind: OutcomeKind): kind is OutcomeKind & { domain: string; stage: string } {
  return typeof kind.domain === 'string' && typeof kind.stage === 'string' && kind.domain !== 'other';
}

function matches(kind: OutcomeKind, outcome: CardOutcome): boolean {
  if (!outcome.comparable || outcome.domain !== kind.domain || outcome.stage !== kind.stage) return false;
  // Where the outcome gives a period or a level, only prices that give the same one compare.
  if (kind.stage === 'sustainment' && kind.sustainWeeks !== undefined && outcome.sustainWeeks !== kind.sustainWeeks) return false;
  if (kind.qualificationLevel !== undefined && outcome.qualificationLevel !== kind.qualificationLevel) return false;
  return true;
}

interface PricedEntry {
  programme: Programme;
  project: Project;
  price: number;
  outcome: CardOutcome;
}

let priced: PricedEntry[] | undefined;

/** Every priced project outcome with its card's outcome, in the dataset's order: worked out once, as the dataset never changes. */
function pricedEntries(): PricedEntry[] {
  if (priced) return priced;
  priced = [];
  const programmes = new Map(ukPriceDataset.programmes.map((p) => [p.id, p]));
  for (const project of ukPriceDataset.projects) {
    const programme = programmes.get(project.programme);
    if (!programme) continue;
    for (const entry of project.outcomes) {
      if (entry.price === undefined) continue;
      const outcome = programme.outcomes.find((o) => o.metric === entry.metric);
      if (outcome) priced.push({ programme, project, price: entry.price, outcome });
    }
  }
  return priced;
}

/** The comparable real prices, lowest first; an empty list when there are none. */
export function comparablePrices(kind: OutcomeKind): ComparablePrice[] {
  if (!isComparableKind(kind)) return [];
  const byKey = new Map<string, ComparablePrice>();
  for (const { programme, project, price, outcome } of pricedEntries()) {
    if (!matches(kind, outcome)) continue;
    const key = `${programme.id} ${price}`;
    let found = byKey.get(key);
    if (!found) byKey.set(key, (found = { programme, price, outcomes: [], projects: [] }));
    if (!found.outcomes.includes(outcome)) found.outcomes.push(outcome);
    if (!found.projects.includes(project.id)) found.projects.push(project.id);
  }
  return [...byKey.values()].sort((a, b) => a.price - b.price || a.programme.year - b.programme.year || byName(a.programme.name, b.programme.name));
}

/** Names ignoring case, as `localeCompare` orders this dataset's, without loading ICU's collator (10–25 ms). */
function byName(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

/**
 * By kind: a rate card of thousands of lines asks about a handful of kinds, and the dataset never
 * changes. Nested by field, so that no key is written out for each line a rule asks about.
 */
const comparisons = new Map<string | undefined, Map<string | undefined, Map<number | undefined, Map<number | undefined, PriceComparison | null>>>>();

export function comparePrices(kind: OutcomeKind): PriceComparison | undefined {
  let byStage = comparisons.get(kind.domain);
  if (!byStage) comparisons.set(kind.domain, (byStage = new Map()));
  let byWeeks = byStage.get(kind.stage);
  if (!byWeeks) byStage.set(kind.stage, (byWeeks = new Map()));
  let byLevel = byWeeks.get(kind.sustainWeeks);
  if (!byLevel) byWeeks.set(kind.sustainWeeks, (byLevel = new Map()));
  let comparison = byLevel.get(kind.qualificationLevel);
  if (comparison === undefined) byLevel.set(kind.qualificationLevel, (comparison = compareAll(kind) ?? null));
  return comparison ?? undefined;
}

function compareAll(kind: OutcomeKind): PriceComparison | undefined {
  const prices = comparablePrices(kind);
  if (!prices.length) return undefined;
  const n = prices.length;
  const twiceMedian = n % 2 ? 2 * prices[(n - 1) / 2].price : prices[n / 2 - 1].price + prices[n / 2].price;
  return { prices, lowest: prices[0].price, highest: prices[n - 1].price, twiceMedian };
}

/** How many comparable prices are below, equal to and above `price`. */
export function placeAmong(comparison: PriceComparison, price: number): { below: number; equal: number; above: number } {
  let below = 0;
  let equal = 0;
  for (const p of comparison.prices) {
    if (p.price < price) below++;
    else if (p.price === price) equal++;
  }
  return { below, equal, above: comparison.prices.length - below - equal };
}

/** "accommodation · sustainment · 26 weeks · level 2". */
export function describeKind(kind: OutcomeKind): string {
  return [kind.domain, kind.stage, kind.stage === 'sustainment' && kind.sustainWeeks !== undefined ? `${kind.sustainWeeks} week${kind.sustainWeeks === 1 ? '' : 's'}` : undefined, kind.qualificationLevel !== undefined ? `level ${kind.qualificationLevel}` : undefined]
    .filter(Boolean)
    .join(' · ');
}

/** Why the framework says an outcome is not to be compared with real prices (`notComparable`), or undefined. */
export function notComparableReason(value: { notComparable?: unknown }): string | undefined {
  return typeof value.notComparable === 'string' && value.notComparable.trim() !== '' ? value.notComparable.trim() : undefined;
}

/** The kind of a framework outcome as its YAML gives it (anything malformed is left out). */
export function kindOf(value: { domain?: unknown; stage?: unknown; sustainWeeks?: unknown; qualificationLevel?: unknown }): OutcomeKind {
  return {
    domain: typeof value.domain === 'string' ? value.domain : undefined,
    stage: typeof value.stage === 'string' ? value.stage : undefined,
    sustainWeeks: Number.isInteger(value.sustainWeeks) ? (value.sustainWeeks as number) : undefined,
    qualificationLevel: Number.isInteger(value.qualificationLevel) ? (value.qualificationLevel as number) : undefined,
  };
}

/** "Fair Chance Fund (2015)". */
export function programmeLabel(p: ComparablePrice): string {
  return `${p.programme.name} (${p.programme.year})`;
}

/** A price of the dataset (all in pounds) as people read it: "£1,500", "£765.63". */
export function poundsText(pence: number): string {
  return formatMoney(pence, 'GBP', 2).replace(/\.00$/, '');
}

/** The median, exact: "£1,250", or "£382.50½" for half a penny. */
export function medianText(comparison: PriceComparison): string {
  const twice = comparison.twiceMedian;
  return twice % 2 === 0 ? poundsText(twice / 2) : `${formatMoney((twice - 1) / 2, 'GBP', 2)}½`;
}
