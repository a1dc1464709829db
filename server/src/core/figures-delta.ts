/**
 * What a change does to the figures: every figure of two reports of the same shape (the totals
 * as JSON, amounts as decimal strings) compared, now against a base, exactly. The walk is
 * generic: a figure added to the report is compared without anyone listing it here.
 */
import { ownEntry, setOwn } from './records';

/** A figure on one side: a decimal string (money), a number (a count or share), or null (unbounded, not projected). */
export type FigureValue = string | number | null;

export interface FigureChange {
  /** Where the figure is: `['byCohort', 'leaving-care', 'expected']`, `['byLine', 'outcome=x', 'maxPerParticipant']`. */
  path: string[];
  /** `money` for amounts (decimal strings), `count` for numbers (participants, shares, claims). */
  kind: 'money' | 'count';
  /** undefined where the figure does not exist on that side (a cohort, year or card that is new or gone). */
  now: FigureValue | undefined;
  base: FigureValue | undefined;
  /** now − base with its sign (`+120000.00`, `-5.00`, `0.00`); null when either side is null or not comparable. */
  delta: string | null;
  /** Which side is only an upper bound ("at most"): its delta is then null, no exact change being known. */
  upperBound?: 'now' | 'base' | 'both';
}

/**
 * Parts of a report that describe it rather than measure it: names, the findings behind it
 * (`errors`, with their lines and columns) and notes. Never walked, so a position is never money.
 */
const NOT_FIGURES = new Set([
  'rateCard', 'file', 'framework', 'currency', 'capsApplied', 'cannotCompute', 'blockedBy', 'index', 'cohorts', 'outcome',
  'errors', 'warnings', 'findings', 'affectedByErrors', 'notes', 'note', 'message', 'filePath', 'line', 'column', 'endLine', 'endColumn', 'ruleId', 'severity',
]);

/**
 * The only plain numbers that are figures: counts and shares. Money is always a decimal string,
 * so any other number in a report (a position, an index, a score) is not compared.
 */
const COUNTS = new Set(['participants', 'claims', 'share', 'size', 'maxClaims', 'paymentToSavings', 'benefitCostRatio', 'moneyMultiple', 'irr', 'breakEvenAchievement']);

const DECIMAL = /^[+-]?\d+(?:\.\d+)?$/;

function isFigure(value: unknown): value is FigureValue {
  return value === null || (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && DECIMAL.test(value));
}

/**
 * Every figure of `now` and `base` (either may be undefined: a card added or removed) with its
 * delta. A figure missing on one side counts as nothing there (a new cohort adds its amounts);
 * a null figure (unbounded, not projected) has no delta. `moneyComparable` false (the currency
 * changed) leaves money deltas null.
 */
export function figureChanges(now: unknown, base: unknown, moneyComparable = true): FigureChange[] {
  const out: FigureChange[] = [];
  walk(now, base, [], out, moneyComparable);
  return out;
}

function walk(now: unknown, base: unknown, path: string[], out: FigureChange[], moneyComparable: boolean): void {
  const isCount = COUNTS.has(path[path.length - 1] ?? '');
  // A number that is not a count is not a figure (money is always a decimal string).
  if (typeof now === 'number' && !isCount) now = undefined;
  if (typeof base === 'number' && !isCount) base = undefined;
  if (isFigure(now) || isFigure(base)) {
    const nowValue = isFigure(now) ? now : undefined;
    const baseValue = isFigure(base) ? base : undefined;
    const kind = typeof nowValue === 'string' || typeof baseValue === 'string' ? 'money' : 'count';
    // A figure is compared where both sides are numbers, or one is and the other does not exist.
    const present = (v: unknown) => v !== undefined;
    const nonNumeric = (present(now) && !isFigure(now)) || (present(base) && !isFigure(base));
    let delta: string | null = null;
    if (!nonNumeric && nowValue !== null && baseValue !== null && (kind === 'count' || moneyComparable)) delta = subtractDecimal(nowValue ?? 0, baseValue ?? 0);
    out.push({ path, kind, now: present(now) ? (isFigure(now) ? now : null) : undefined, base: present(base) ? (isFigure(base) ? base : null) : undefined, delta });
    return;
  }
  if (Array.isArray(now) || Array.isArray(base)) {
    const byName = (list: unknown) => {
      const named = new Map<string, unknown>();
      if (!Array.isArray(list)) return named;
      list.forEach((item, i) => {
        const name = listItemName(item) ?? String(i);
        let unique = name;
        for (let n = 2; named.has(unique); n++) unique = `${name}#${n}`;
        named.set(unique, item);
      });
      return named;
    };
    const nowItems = byName(now);
    const baseItems = byName(base);
    for (const name of union([...nowItems.keys()], [...baseItems.keys()])) walk(nowItems.get(name), baseItems.get(name), [...path, name], out, moneyComparable);
    return;
  }
  const nowObject = isRecord(now) ? now : undefined;
  const baseObject = isRecord(base) ? base : undefined;
  if (!nowObject && !baseObject) return;
  for (const key of union(Object.keys(nowObject ?? {}), Object.keys(baseObject ?? {}))) {
    if (NOT_FIGURES.has(key)) continue;
    // Own entries only: an outcome called `constructor` in one revision is not Object's in the other.
    walk(ownEntry(nowObject, key), ownEntry(baseObject, key), [...path, key], out, moneyComparable);
  }
}

/** A list item (a price line) by what it is about: `outcome=x`; the second for the same outcome `outcome=x#2`. */
function listItemName(item: unknown): string | undefined {
  if (!isRecord(item)) return undefined;
  for (const field of ['id', 'outcome', 'cohort', 'period']) {
    const value = item[field];
    if (typeof value === 'string' || typeof value === 'number') return `${field}=${value}`;
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Keys of the first in their order, then those only in the second. */
function union(first: string[], second: string[]): string[] {
  const seen = new Set(first);
  return [...first, ...second.filter((k) => !seen.has(k))];
}

/** An exact decimal as a scaled integer: "-12.5" → { units: -125n, scale: 1 }. Numbers are read as JavaScript writes them. */
function readDecimal(value: string | number): { units: bigint; scale: number } {
  let text = typeof value === 'number' ? numberText(value) : value;
  const negative = text.startsWith('-');
  text = text.replace(/^[+-]/, '');
  const [whole, fraction = ''] = text.split('.');
  const units = BigInt(whole + fraction || '0');
  return { units: negative ? -units : units, scale: fraction.length };
}

/** A number's shortest decimal, without an exponent (1e-7 → "0.0000001"). */
function numberText(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  const [mantissa, exponentText] = text.split(/e/i);
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith('-');
  const [whole, fraction = ''] = mantissa.replace('-', '').split('.');
  const digits = whole + fraction;
  const point = whole.length + exponent;
  const body = point <= 0 ? `0.${'0'.repeat(-point)}${digits}` : point >= digits.length ? digits + '0'.repeat(point - digits.length) : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return (negative ? '-' : '') + body;
}

/** a − b exactly, with a sign unless zero, keeping the larger number of decimals: "+120000.00". */
export function subtractDecimal(a: string | number, b: string | number): string {
  const x = readDecimal(a);
  const y = readDecimal(b);
  const scale = Math.max(x.scale, y.scale);
  const difference = x.units * 10n ** BigInt(scale - x.scale) - y.units * 10n ** BigInt(scale - y.scale);
  const negative = difference < 0n;
  const digits = (negative ? -difference : difference).toString().padStart(scale + 1, '0');
  const body = scale ? `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}` : digits;
  return difference === 0n ? body : `${negative ? '-' : '+'}${body}`;
}

/** Compares two signed decimal strings by size, ignoring the sign: for "biggest first". */
export function compareMagnitude(a: string, b: string): number {
  const x = readDecimal(a.replace(/^[+-]/, ''));
  const y = readDecimal(b.replace(/^[+-]/, ''));
  const scale = Math.max(x.scale, y.scale);
  const left = x.units * 10n ** BigInt(scale - x.scale);
  const right = y.units * 10n ** BigInt(scale - y.scale);
  return left === right ? 0 : left > right ? 1 : -1;
}

/** The changes as a nested object in the report's shape: each figure's delta at its place. */
export function deltaTree(changes: readonly FigureChange[]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const change of changes) {
    let node = root;
    // Own entries only: a figure of an outcome called `constructor` is not written onto Object.
    change.path.forEach((segment, i) => {
      if (i === change.path.length - 1) setOwn(node, segment, change.delta);
      else {
        let next = ownEntry(node, segment) as Record<string, unknown> | undefined;
        if (next === undefined) setOwn(node, segment, (next = {}));
        node = next;
      }
    });
  }
  return root;
}
