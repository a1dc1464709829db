/**
 * Reads the outcomes' `value` from a framework: each figure's amount exactly (minor units, from
 * the digits typed), its source and price year, how long it accrues and whether it is per period.
 * Read once per framework model; the checks report what cannot be read, the figures leave it out.
 */
import type { Path } from '../document';
import { asRecord, type FrameworkModel, type Period } from '../model';
import { minorDigits, readAmount } from '../money';

export interface ValueFigureReading {
  /** Where the figure is: `['outcomes', 3, 'value', 'fiscal', 'dwp']`. */
  path: Path;
  /** Where its amount is (the figure itself, or its `amount`). */
  amountPath: Path;
  /** Minor units; undefined when the amount cannot be read exactly (the check says why). */
  amount: number | undefined;
  source: string | undefined;
  priceYear: number | undefined;
}

export interface OutcomeValue {
  outcome: string;
  path: Path;
  /** Fiscal savings by body id (`cohort`: the payer of the participant's cohort), in the order written. */
  fiscal: Map<string, ValueFigureReading>;
  economic?: ValueFigureReading;
  social?: ValueFigureReading;
  /** So much a year for this many years; 1 for a one-off. */
  years: number;
  /** The figures are for one period held (a line paid per period). */
  per?: Period;
  /** The fiscal figures added up, minor units; undefined when one cannot be read. */
  fiscalTotal: number | undefined;
  /** The fiscal figures above zero, by body in the order written: what the sums by body add. */
  saving: { body: string; amount: number }[];
  /** The figure for the payer of the participant's cohort (`cohort`), 0 when none. */
  cohortAmount: number;
}

/** The body id that stands for the payer of the participant's cohort, as in payer splits. */
export const COHORT_BODY = 'cohort';

const read = new WeakMap<FrameworkModel, Map<string, OutcomeValue>>();

/** The outcomes that give a value, by outcome id (first of a repeated id). Treat as read-only. */
export function outcomeValues(framework: FrameworkModel): Map<string, OutcomeValue> {
  let values = read.get(framework);
  if (values) return values;
  values = new Map();
  const digits = minorDigits(framework.currency);
  for (const outcome of framework.outcomes) {
    const raw = outcome.value.value;
    if (raw === undefined || !outcome.id || values.has(outcome.id)) continue;
    const record = asRecord(raw);
    const path: Path = [...outcome.path, 'value'];
    const source = typeof record.source === 'string' && record.source.trim() ? record.source : undefined;
    const priceYear = Number.isInteger(record.priceYear) ? (record.priceYear as number) : undefined;
    const figure = (figurePath: Path, value: unknown): ValueFigureReading | undefined => {
      const own = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
      const amountPath = own ? [...figurePath, 'amount'] : figurePath;
      const number = own ? own.amount : value;
      if (typeof number !== 'number' && !own) return undefined;
      let amount: number | undefined;
      if (typeof number === 'number' && Number.isFinite(number) && number >= 0) {
        const reading = readAmount(framework.parsed.sourceOf(amountPath) ?? String(number), digits);
        amount = reading.ok ? reading.minor : undefined;
      }
      return {
        path: figurePath,
        amountPath,
        amount,
        source: own && typeof own.source === 'string' && own.source.trim() ? own.source : source,
        priceYear: own && Number.isInteger(own.priceYear) ? (own.priceYear as number) : priceYear,
      };
    };
    const fiscal = new Map<string, ValueFigureReading>();
    for (const [body, v] of Object.entries(asRecord(record.fiscal))) {
      const reading = figure([...path, 'fiscal', body], v);
      if (reading) fiscal.set(body, reading);
    }
    const years = Number.isInteger(record.years) && (record.years as number) >= 1 && (record.years as number) <= 100 ? (record.years as number) : 1;
    const per = record.per === 'week' || record.per === 'month' || record.per === 'quarter' ? record.per : undefined;
    let fiscalTotal: number | undefined = 0;
    const saving: { body: string; amount: number }[] = [];
    for (const [body, reading] of fiscal) {
      fiscalTotal = reading.amount === undefined || fiscalTotal === undefined ? undefined : fiscalTotal + reading.amount;
      // A sum past exact whole numbers cannot be read as one (each amount on its own is checked where it is written).
      if (fiscalTotal !== undefined && !Number.isSafeInteger(fiscalTotal)) fiscalTotal = undefined;
      if (reading.amount) saving.push({ body, amount: reading.amount });
    }
    const cohortAmount = saving.find((s) => s.body === COHORT_BODY)?.amount ?? 0;
    values.set(outcome.id, {
      outcome: outcome.id,
      path,
      fiscal,
      fiscalTotal,
      saving,
      cohortAmount,
      economic: 'economic' in record ? figure([...path, 'economic'], record.economic) : undefined,
      social: 'social' in record ? figure([...path, 'social'], record.social) : undefined,
      years,
      per,
    });
  }
  read.set(framework, values);
  return values;
}

/** Every figure of a value: fiscal by body, then economic and social. */
export function figuresOfValue(value: OutcomeValue): { kind: 'fiscal' | 'economic' | 'social'; body?: string; figure: ValueFigureReading }[] {
  const out: { kind: 'fiscal' | 'economic' | 'social'; body?: string; figure: ValueFigureReading }[] = [];
  for (const [body, figure] of value.fiscal) out.push({ kind: 'fiscal', body, figure });
  if (value.economic) out.push({ kind: 'economic', figure: value.economic });
  if (value.social) out.push({ kind: 'social', figure: value.social });
  return out;
}
