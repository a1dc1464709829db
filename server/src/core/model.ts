/**
 * The typed model of frameworks and rate cards, built from partly valid data: a list entry with
 * a schema error is kept with what can be read, so checks and rules still see the rest.
 */
import type { ParsedYaml, Path } from './document';
import type { Finding } from './findings';
import type { Body, Cohort, Outcome, OutcomeFramework, Payer, PriceLine, Projection, RateCard } from './generated/types';
import { minorDigits, readAmount } from './money';
import { plural } from './words';

export type { Body, Cohort, Outcome, OutcomeFramework, Payer, PriceLine, Projection, RateCard };

export interface Entry<T> {
  /** The entry's id, when it has a usable one. */
  id: string;
  /** Position in its list. */
  index: number;
  /** Where it is: `['outcomes', 3]`. */
  path: Path;
  /** The raw entry; fields may have the wrong type when the schema reports them. */
  value: Partial<T>;
}

export interface OutcomeEntry extends Entry<Outcome> {
  requires: string[];
  /** Outcomes of which at least one must be achieved first (`requiresAnyOf`); empty when absent. */
  requiresAnyOf: string[];
  excludes: string[];
  /** Baseline share by cohort id, numbers only. */
  baseline: Record<string, number>;
  /** Weeks from a participant's start to achieving this outcome (`weeksToAchieve`); undefined when absent or not a whole number from 1 to 5200 (a century). */
  weeksToAchieve?: number;
}

export interface CohortEntry extends Entry<Cohort> {
  eligibility: string[] | undefined;
}

export interface FrameworkModel {
  kind: 'OutcomeFramework';
  file: string;
  parsed: ParsedYaml;
  data: Partial<OutcomeFramework>;
  id?: string;
  currency?: string;
  payers: Entry<Payer>[];
  /** The public bodies that gain savings (`bodies`; payers may be named without being listed). */
  bodies: Entry<Body>[];
  cohorts: CohortEntry[];
  outcomes: OutcomeEntry[];
  payerById: Map<string, Entry<Payer>>;
  bodyById: Map<string, Entry<Body>>;
  cohortById: Map<string, CohortEntry>;
  outcomeById: Map<string, OutcomeEntry>;
}

export interface PriceLineModel {
  index: number;
  path: Path;
  value: Partial<PriceLine>;
  outcome?: string;
  /** The price in minor units; undefined when it cannot be read exactly. */
  price?: number;
  /** 1 when absent; undefined when invalid. */
  maxClaims?: number | 'unlimited';
  /** For a line paid per period held (`per`): the period and the most periods (undefined when invalid). */
  periods?: { per: Period; max: number | undefined };
  /** Prices by band of distance travelled, lowest first (price in minor units; undefined when unreadable). The line's `price` is then the highest band's. */
  bands?: { from: number; price: number | undefined }[];
  /** The cut of every payment for deadweight, in percent (`discount`). */
  discount?: number;
  /** The discount is the line's deadweight adjustment (`discountCoversDeadweight: true`): deadweight is counted after it, not cut with it. */
  discountCoversDeadweight?: boolean;
  /** Pays only for results above the framework's baseline (`aboveBaseline: true`). */
  aboveBaseline?: boolean;
  /** Cohort ids the line is limited to; undefined means every cohort without a specific line. */
  cohorts?: string[];
  /** This line's own payer split, in percent. */
  payers?: Record<string, number>;
}

export type Period = 'week' | 'month' | 'quarter';

/**
 * How many times a line may be paid for one participant: its `maxPeriods` when paid per period,
 * else its `maxClaims`; undefined when that cannot be read.
 */
export function timesPaid(line: PriceLineModel): number | 'unlimited' | undefined {
  return line.periods ? line.periods.max : line.maxClaims;
}

export interface ProjectionModel extends Entry<Projection> {
  cohort?: string;
  participants?: number;
  achievement: Record<string, number>;
  claimsPerAchiever: Record<string, number>;
  periodsPerAchiever: Record<string, number>;
  /** Shares by band (`from` as text), by outcome. */
  bandShares: Record<string, Record<string, number>>;
  profile?: Record<string, number>;
}

export interface RateCardModel {
  kind: 'RateCard';
  file: string;
  parsed: ParsedYaml;
  data: Partial<RateCard>;
  id?: string;
  currency?: string;
  /** Minor-unit digits of the currency (2 for GBP). */
  digits: number;
  framework?: string;
  payers?: Record<string, number>;
  /** Caps in minor units; perPayer by payer id (undefined where an amount cannot be read). */
  caps: { perParticipant?: number; total?: number; perPayer?: Record<string, number | undefined> };
  prices: PriceLineModel[];
  projection: ProjectionModel[];
  /** The social investment (`investment`), amounts in minor units (undefined where absent or unreadable); undefined when the rate card has none. */
  investment?: InvestmentModel;
}

/** The rate card's `investment`: capital committed, delivery costs and fees, in minor units. */
export interface InvestmentModel {
  committed?: number;
  costs: { perParticipant?: number; perYear?: number; fixed?: number };
  fees: { perYear?: number; fixed?: number };
}

export type DocumentModel = FrameworkModel | RateCardModel;

/** `previous`: the parse `parsed` was made from after an edit (yaml-edit.ts), whose entries are reused where their values are. */
export function buildFramework(file: string, parsed: ParsedYaml, previous?: ParsedYaml): FrameworkModel {
  const before = previous && frameworkOfParse.get(previous)?.outcomes;
  const data = asRecord(parsed.value) as Partial<OutcomeFramework>;
  const payers = entries<Payer>(data.payers, 'payers');
  const bodies = entries<Body>(data.bodies, 'bodies');
  // Entries are written field by field: V8 builds `{ ...entry, more }` through a slow runtime
  // path, which cost about 7 ms on a 1,000-outcome framework.
  const cohorts = entries<Cohort>(data.cohorts, 'cohorts').map(({ id, index, path, value }): CohortEntry => ({ id, index, path, value, eligibility: Array.isArray(value.eligibility) ? value.eligibility.filter((c): c is string => typeof c === 'string') : undefined }));
  const outcomes = entries<Outcome>(data.outcomes, 'outcomes').map((entry) => {
    // After an edit inside one value, the other outcomes' values are the previous parse's objects
    // (yaml-edit.ts): their entries, which depend only on the value and its place, are reused.
    const known = before?.[entry.index];
    if (known && known.value === entry.value) return known;
    const weeksToAchieve = entry.value.weeksToAchieve;
    const built: OutcomeEntry = {
      id: entry.id,
      index: entry.index,
      path: entry.path,
      value: entry.value,
      requires: idList(entry.value.requires),
      requiresAnyOf: idList(entry.value.requiresAnyOf),
      excludes: idList(entry.value.excludes),
      baseline: numberMap(entry.value.baseline),
      weeksToAchieve: Number.isSafeInteger(weeksToAchieve) && (weeksToAchieve as number) >= 1 && (weeksToAchieve as number) <= 5200 ? (weeksToAchieve as number) : undefined,
    };
    return built;
  });
  const model: FrameworkModel = {
    kind: 'OutcomeFramework',
    file,
    parsed,
    data,
    id: asString(data.id),
    currency: asString(data.currency),
    payers,
    bodies,
    cohorts,
    outcomes,
    payerById: firstById(payers),
    bodyById: firstById(bodies),
    cohortById: firstById(cohorts),
    outcomeById: firstById(outcomes),
  };
  frameworkOfParse.set(parsed, model);
  return model;
}

/** The framework built from each parse, so that the next parse after an edit reuses its outcomes' entries (read only, never changed once built). */
const frameworkOfParse = new WeakMap<ParsedYaml, FrameworkModel>();

/** Builds a rate card; amounts are read from their source digits, and problems with them returned. */
/** The largest amount counted exactly, in the currency's major unit: "90071992547409.91 GBP". */
function formatMinorLimit(currency: string | undefined, digits: number): string {
  const text = String(Number.MAX_SAFE_INTEGER);
  const amount = digits ? `${text.slice(0, text.length - digits)}.${text.slice(text.length - digits)}` : text;
  return `${amount}${currency ? ` ${currency}` : ''}`;
}

export function buildRateCard(file: string, parsed: ParsedYaml): { model: RateCardModel; findings: Finding[] } {
  const data = asRecord(parsed.value) as Partial<RateCard>;
  const currency = asString(data.currency);
  const digits = minorDigits(currency);
  const findings: Finding[] = [];
  const amount = (path: Path): number | undefined => {
    const value = valueIn(data, path);
    if (typeof value !== 'number') return undefined; // the schema reports the wrong type
    const source = parsed.sourceOf(path) ?? String(value);
    const reading = readAmount(source, digits);
    if (reading.ok) return reading.minor;
    if (reading.reason === 'decimals') {
      findings.push({
        ruleId: 'schema',
        severity: 'error',
        message: `${currency ?? 'This currency'} amounts have at most ${plural(digits, 'decimal place')}${digits === 0 ? ' (whole units only)' : ''}; ${source.trim()} has ${reading.decimals}. Round it to ${digits === 0 ? 'a whole number' : plural(digits, 'decimal place')}.`,
        file,
        span: parsed.spanOf(path),
      });
    } else if (reading.reason === 'too-large') {
      // Plain digits already: say what is wrong with them (no real contract pays that much).
      const most = formatMinorLimit(currency, digits);
      findings.push({ ruleId: 'schema', severity: 'error', message: `The amount ${source.trim()} is too large to count exactly in ${digits === 0 ? 'whole units' : 'minor units (pence, cents)'}: the most is ${most}, far past any real contract. Check the digits.`, file, span: parsed.spanOf(path) });
    } else if (value >= 0) {
      findings.push({ ruleId: 'schema', severity: 'error', message: `The amount ${source.trim()} cannot be read exactly; write it as plain digits, such as 1500.`, file, span: parsed.spanOf(path) });
    }
    return undefined;
  };
  // A percent to the hundredth (`discount: 33.33`), read from its digits: in binary floating point
  // 33.33 is no multiple of 0.01, so the schema's `multipleOf` is checked here, exactly.
  const percent = (path: Path): number | undefined => {
    const value = valueIn(data, path);
    if (typeof value !== 'number' || value < 0 || value > 100) return undefined; // the schema reports it
    const source = parsed.sourceOf(path) ?? String(value);
    let reading = readAmount(source, 2);
    if (!reading.ok && reading.reason === 'not-a-number') reading = readAmount(String(value), 2); // `.5`, `0x10`: the number as read
    if (!reading.ok && reading.reason === 'decimals') {
      findings.push({ ruleId: 'schema', severity: 'error', message: `\`${String(path[path.length - 1])}\` is a percent to the hundredth, with at most 2 decimal places; ${source.trim()} has ${reading.decimals}. Round it to 2 decimal places.`, file, span: parsed.spanOf(path) });
    }
    return value;
  };
  const caps = asRecord(data.caps);
  const prices: PriceLineModel[] = (Array.isArray(data.prices) ? data.prices : []).map((raw, index) => {
    const value = asRecord(raw) as Partial<PriceLine>;
    const path: Path = ['prices', index];
    const maxClaims = value.maxClaims === undefined ? 1 : value.maxClaims === 'unlimited' || (Number.isInteger(value.maxClaims) && (value.maxClaims as number) >= 1) ? value.maxClaims : undefined;
    const bands = Array.isArray(value.bands)
      ? value.bands.map((band, i) => ({ from: typeof asRecord(band).from === 'number' ? (asRecord(band).from as number) : NaN, price: amount([...path, 'bands', i, 'price']) })).filter((b) => Number.isFinite(b.from))
      : undefined;
    const bandPrices = bands?.map((b) => b.price);
    return {
      index,
      path,
      value,
      outcome: asString(value.outcome),
      // A line priced in bands pays at most its highest band, once.
      price: bands ? (bandPrices!.length > 0 && bandPrices!.every((p) => p !== undefined) ? Math.max(...(bandPrices as number[])) : undefined) : amount([...path, 'price']),
      bands,
      maxClaims,
      periods: value.per === 'week' || value.per === 'month' || value.per === 'quarter' ? { per: value.per, max: Number.isInteger(value.maxPeriods) && (value.maxPeriods as number) >= 1 ? (value.maxPeriods as number) : undefined } : undefined,
      discount: percent([...path, 'discount']),
      discountCoversDeadweight: value.discountCoversDeadweight === true ? true : undefined,
      aboveBaseline: value.aboveBaseline === true ? true : undefined,
      cohorts: value.cohorts === undefined ? undefined : idList(value.cohorts),
      payers: value.payers === undefined ? undefined : numberMap(value.payers),
    };
  });
  const projection: ProjectionModel[] = (Array.isArray(data.projection) ? data.projection : []).map((raw, index) => {
    const value = asRecord(raw) as Partial<Projection>;
    const participants = Number.isInteger(value.participants) && (value.participants as number) >= 0 ? (value.participants as number) : undefined;
    return {
      id: asString(value.cohort) ?? '',
      index,
      path: ['projection', index],
      value,
      cohort: asString(value.cohort),
      participants,
      achievement: numberMap(value.achievement),
      claimsPerAchiever: numberMap(value.claimsPerAchiever),
      bandShares: Object.fromEntries(Object.entries(asRecord(value.bandShares)).map(([outcome, shares]) => [outcome, numberMap(shares)])),
      periodsPerAchiever: numberMap(value.periodsPerAchiever),
      profile: value.profile === undefined ? undefined : numberMap(value.profile),
    };
  });
  const model: RateCardModel = {
    kind: 'RateCard',
    file,
    parsed,
    data,
    id: asString(data.id),
    currency,
    digits,
    framework: asString(data.framework),
    payers: data.payers === undefined ? undefined : numberMap(data.payers),
    caps: {
      perParticipant: 'perParticipant' in caps ? amount(['caps', 'perParticipant']) : undefined,
      total: 'total' in caps ? amount(['caps', 'total']) : undefined,
      perPayer: 'perPayer' in caps ? Object.fromEntries(Object.keys(asRecord(caps.perPayer)).map((id) => [id, amount(['caps', 'perPayer', id])])) : undefined,
    },
    prices,
    projection,
    investment: investmentOf(data, amount),
  };
  return { model, findings };
}

function investmentOf(data: Partial<RateCard>, amount: (path: Path) => number | undefined): InvestmentModel | undefined {
  if (data.investment === undefined) return undefined;
  const investment = asRecord(data.investment);
  const read = (group: 'costs' | 'fees', key: string) => (key in asRecord(investment[group]) ? amount(['investment', group, key]) : undefined);
  return {
    committed: 'committed' in investment ? amount(['investment', 'committed']) : undefined,
    costs: { perParticipant: read('costs', 'perParticipant'), perYear: read('costs', 'perYear'), fixed: read('costs', 'fixed') },
    fees: { perYear: read('fees', 'perYear'), fixed: read('fees', 'fixed') },
  };
}

function entries<T>(list: unknown, name: string): Entry<T>[] {
  if (!Array.isArray(list)) return [];
  const out: Entry<T>[] = [];
  list.forEach((raw, index) => {
    const value = asRecord(raw) as Partial<T> & { id?: unknown };
    out.push({ id: typeof value.id === 'string' ? value.id : '', index, path: [name, index], value });
  });
  return out;
}

function firstById<E extends { id: string }>(list: E[]): Map<string, E> {
  const map = new Map<string, E>();
  for (const entry of list) if (entry.id && !map.has(entry.id)) map.set(entry.id, entry);
  return map;
}

export function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function idList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function numberMap(value: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, v] of Object.entries(asRecord(value))) if (typeof v === 'number' && Number.isFinite(v)) out[key] = v;
  return out;
}

function valueIn(root: unknown, path: Path): unknown {
  let node = root;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[segment as string];
  }
  return node;
}
