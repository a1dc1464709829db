/**
 * Exact fractions for the totals: achievement shares, baselines and percentages are read from
 * the digits the analyst typed (0.35 is 35/100, never 0.34999…), multiplied out exactly and
 * rounded once, at the end, half up.
 */

/**
 * A fraction n/d, d always positive. Small fractions (both parts within ±2^51) are held as plain
 * numbers, where integer arithmetic is exact and many times faster than BigInt; an operation
 * whose result would leave that range is redone in BigInt, and a BigInt result that fits again
 * comes back to numbers. Both forms mean the same value: only the speed differs.
 */
export interface Rational {
  n: bigint | number;
  /** Always positive; of the same type as n. */
  d: bigint | number;
}

interface Small {
  n: number;
  d: number;
}

interface Big {
  n: bigint;
  d: bigint;
}

export const ZERO: Rational = { n: 0, d: 1 };
export const ONE: Rational = { n: 1, d: 1 };

/** Past this, a product of two numbers may not be exact: 2^51 leaves room for a sum of two. */
const LIMIT = 2 ** 51;
const BIG_LIMIT = BigInt(LIMIT);

const fits = (x: number) => x <= LIMIT && x >= -LIMIT;

export function int(value: number | bigint): Rational {
  if (typeof value === 'number' && fits(value)) return { n: value, d: 1 };
  return fromBig(BigInt(value), 1n);
}

function toBig(a: Rational): Big {
  return typeof a.n === 'bigint' ? (a as Big) : { n: BigInt(a.n), d: BigInt(a.d) };
}

/** A BigInt result, as numbers when it fits. */
function fromBig(n: bigint, d: bigint): Rational {
  if (n <= BIG_LIMIT && n >= -BIG_LIMIT && d <= BIG_LIMIT) return { n: Number(n), d: Number(d) };
  return { n, d };
}

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  while (b) [a, b] = [b, a % b];
  return a;
}

function gcdSmall(a: number, b: number): number {
  if (a < 0) a = -a;
  while (b) {
    const r = a % b;
    a = b;
    b = r;
  }
  return a;
}

/** Denominators past this are reduced; below it gcd costs more than it saves. */
const REDUCE_ABOVE = 1n << 64n;

function reduceBig(n: bigint, d: bigint): Rational {
  if (n === 0n) return ZERO;
  if (d < REDUCE_ABOVE) return fromBig(n, d);
  const g = gcd(n, d);
  return g === 1n ? fromBig(n, d) : fromBig(n / g, d / g);
}

/** Small denominators past this are reduced, so that later products stay in numbers. */
const REDUCE_SMALL_ABOVE = 2 ** 24;

function reduceSmall(n: number, d: number): Rational {
  if (n === 0) return ZERO;
  if (d <= REDUCE_SMALL_ABOVE) return { n, d };
  const g = gcdSmall(n, d);
  return g === 1 ? { n, d } : { n: n / g, d: d / g };
}

/** Fully reduced, for display and tests. */
export function normalise(a: Rational): Rational {
  if (typeof a.n === 'number') {
    if (a.n === 0) return ZERO;
    const g = gcdSmall(a.n, a.d as number);
    return { n: a.n / g, d: (a.d as number) / g };
  }
  const b = a as Big;
  if (b.n === 0n) return ZERO;
  const g = gcd(b.n, b.d);
  return fromBig(b.n / g, b.d / g);
}

export function add(a: Rational, b: Rational): Rational {
  if (typeof a.n === 'number' && typeof b.n === 'number') {
    const x = a as Small;
    const y = b as Small;
    if (x.n === 0) return b;
    if (y.n === 0) return a;
    if (x.d === y.d) {
      const n = x.n + y.n;
      if (fits(n)) return reduceSmall(n, x.d);
    } else if (x.d > y.d && x.d % y.d === 0) {
      const scaled = y.n * (x.d / y.d);
      const n = x.n + scaled;
      if (fits(scaled) && fits(n)) return reduceSmall(n, x.d);
    } else if (y.d % x.d === 0) {
      const scaled = x.n * (y.d / x.d);
      const n = y.n + scaled;
      if (fits(scaled) && fits(n)) return reduceSmall(n, y.d);
    } else {
      const left = x.n * y.d;
      const right = y.n * x.d;
      const d = x.d * y.d;
      if (fits(left) && fits(right) && fits(d) && fits(left + right)) return reduceSmall(left + right, d);
    }
  }
  return addBig(toBig(a), toBig(b));
}

function addBig(a: Big, b: Big): Rational {
  if (a.n === 0n) return fromBig(b.n, b.d);
  if (b.n === 0n) return fromBig(a.n, a.d);
  if (a.d === b.d) return reduceBig(a.n + b.n, a.d);
  // Denominators here are mostly powers of ten times a common factor: one usually divides the other.
  if (a.d > b.d) {
    if (a.d % b.d === 0n) return reduceBig(a.n + b.n * (a.d / b.d), a.d);
  } else if (b.d % a.d === 0n) return reduceBig(b.n + a.n * (b.d / a.d), b.d);
  return reduceBig(a.n * b.d + b.n * a.d, a.d * b.d);
}

/**
 * A running exact sum, added to in place: while the terms are small and each one's denominator
 * divides the sum's (or the sum's divides it) no object is made per term, which `add` must
 * make. Any other term is added with `add`, and the sum carries on from its result. The value is
 * always the same as folding the terms with `add`; only the objects made differ.
 */
export class Sum {
  private n = 0;
  private d = 1;
  /** Set once the sum has left plain numbers (then it is added to with `add` only). */
  private big: Rational | undefined;

  add(a: Rational): void {
    if (this.big === undefined && typeof a.n === 'number' && this.addSmall(a.n, a.d as number)) return;
    const sum = add(this.value(), a);
    if (typeof sum.n === 'number') {
      this.n = sum.n;
      this.d = sum.d as number;
      this.big = undefined;
    } else this.big = sum;
  }

  /**
   * Adds a × k for a whole number k: the same as add(mulInt(a, k)), without an object for the
   * product while it and the sum are small (as in add).
   */
  addTimes(a: Rational, k: number): void {
    if (this.big === undefined && typeof a.n === 'number' && fits(k)) {
      const an = a.n * k;
      if (fits(an) && this.addSmall(an, a.d as number)) return;
    }
    this.add(mulInt(a, k));
  }

  /**
   * Adds a × b: the same value as add(mul(a, b)), without an object for the product while it and
   * the sum are small. The product is not reduced (mul would divide out a common factor first):
   * parts cut by one cohort's factor share its denominator, so their sum needs no gcd either.
   */
  addProduct(a: Rational, b: Rational): void {
    if (this.big === undefined && typeof a.n === 'number' && typeof b.n === 'number') {
      const n = a.n * b.n;
      const d = (a.d as number) * (b.d as number);
      if (fits(n) && fits(d) && this.addSmall(n, d)) return;
    }
    this.add(mul(a, b));
  }

  /** Adds an/ad in plain numbers when one denominator divides the other and the sum stays small; false when it cannot. */
  private addSmall(an: number, ad: number): boolean {
    if (an === 0) return true;
    if (ad === this.d) {
      const n = this.n + an;
      if (!fits(n)) return false;
      this.n = n;
      return true;
    }
    if (this.d % ad === 0) {
      const scaled = an * (this.d / ad);
      const n = this.n + scaled;
      if (!fits(scaled) || !fits(n)) return false;
      this.n = n;
      return true;
    }
    if (ad % this.d === 0) {
      const scaled = this.n * (ad / this.d);
      const n = scaled + an;
      if (!fits(scaled) || !fits(n)) return false;
      this.n = n;
      this.d = ad;
      return true;
    }
    return false;
  }

  isZero(): boolean {
    return this.big === undefined ? this.n === 0 : isZero(this.big);
  }

  value(): Rational {
    if (this.big !== undefined) return this.big;
    return this.n === 0 ? ZERO : { n: this.n, d: this.d };
  }
}

export function sub(a: Rational, b: Rational): Rational {
  return add(a, typeof b.n === 'number' ? { n: -b.n, d: b.d } : { n: -b.n, d: b.d });
}

export function mul(a: Rational, b: Rational): Rational {
  if (typeof a.n === 'number' && typeof b.n === 'number') {
    const x = a as Small;
    const y = b as Small;
    if (x.n === 0 || y.n === 0) return ZERO;
    if (y.d === 1 && y.n === 1) return a;
    if (x.d === 1 && x.n === 1) return b;
    const n = x.n * y.n;
    const d = x.d * y.d;
    if (fits(n) && fits(d)) return reduceSmall(n, d);
  } else if (isZero(a) || isZero(b)) return ZERO;
  const x = toBig(a);
  const y = toBig(b);
  if (y.d === 1n && y.n === 1n) return a;
  if (x.d === 1n && x.n === 1n) return b;
  return reduceBig(x.n * y.n, x.d * y.d);
}

/** a × k for a whole number k: the same as mul(a, int(k)), without building int(k) when both are small. */
export function mulInt(a: Rational, k: number): Rational {
  if (typeof a.n === 'number' && fits(k)) {
    if (a.n === 0 || k === 0) return ZERO;
    if (k === 1) return a;
    if (a.d === 1 && a.n === 1) return { n: k, d: 1 };
    const n = a.n * k;
    if (fits(n)) return reduceSmall(n, a.d as number);
  }
  return mul(a, int(k));
}

/** a / b; b must not be zero. */
export function div(a: Rational, b: Rational): Rational {
  if (typeof a.n === 'number' && typeof b.n === 'number') {
    const sign = b.n < 0 ? -1 : 1;
    const n = a.n * (b.d as number) * sign;
    const d = (a.d as number) * b.n * sign;
    if (fits(n) && fits(d)) return a.n === 0 ? ZERO : reduceSmall(n, d);
  }
  const x = toBig(a);
  const y = toBig(b);
  const sign = y.n < 0n ? -1n : 1n;
  return reduceBig(x.n * y.d * sign, x.d * y.n * sign);
}

export function compare(a: Rational, b: Rational): number {
  if (typeof a.n === 'number' && typeof b.n === 'number') {
    const left = a.n * (b.d as number);
    const right = b.n * (a.d as number);
    if (fits(left) && fits(right)) return left < right ? -1 : left > right ? 1 : 0;
  }
  const x = toBig(a);
  const y = toBig(b);
  const left = x.n * y.d;
  const right = y.n * x.d;
  return left < right ? -1 : left > right ? 1 : 0;
}

export function min(a: Rational, b: Rational): Rational {
  return compare(a, b) <= 0 ? a : b;
}

export function isZero(a: Rational): boolean {
  return a.n === 0 || a.n === 0n;
}

/** Rounds to the nearest whole number, halves away from zero (amounts are never negative). */
export function roundHalfUp(a: Rational): number {
  if (typeof a.n === 'number') {
    const negative = a.n < 0;
    const n = negative ? -a.n : a.n;
    const d = a.d as number;
    // floor((2n + d) / 2d), exactly: all within 2^53, and the float quotient corrected by its remainder.
    const top = 2 * n + d;
    const bottom = 2 * d;
    if (top <= 2 ** 53 && bottom <= 2 ** 53) {
      let q = Math.floor(top / bottom);
      const r = top - q * bottom;
      if (r < 0) q--;
      else if (r >= bottom) q++;
      return negative && q !== 0 ? -q : q; // never -0
    }
  }
  const b = toBig(a);
  const negative = b.n < 0n;
  const n = negative ? -b.n : b.n;
  const rounded = (2n * n + b.d) / (2n * b.d);
  return Number(negative ? -rounded : rounded);
}

export function floor(a: Rational): bigint {
  const b = toBig(a);
  const q = b.n / b.d;
  return b.n < 0n && q * b.d !== b.n ? q - 1n : q;
}

export function toNumber(a: Rational): number {
  return Number(a.n) / Number(a.d);
}

/**
 * Reads a decimal as the analyst typed it (`0.35`, `33.3333`, `1e-1`, `70`) exactly.
 * Returns undefined for anything else.
 */
export function parseDecimal(source: string): Rational | undefined {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(source.trim());
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) return undefined;
  const digits = match[2] + (match[3] ?? '');
  const exponent = -(match[3] ?? '').length + (match[4] ? Number(match[4]) : 0);
  if (Math.abs(exponent) > 400) return undefined;
  let n = BigInt(digits || '0');
  let d = 1n;
  if (exponent >= 0) n *= 10n ** BigInt(exponent);
  else d = 10n ** BigInt(-exponent);
  if (match[1] === '-') n = -n;
  return normalise({ n, d });
}

const shortShares = new Map<number, Rational>();

/**
 * Reads a share or percentage exactly as typed. A number's shortest decimal form is what was
 * typed whenever it has fewer than 15 significant digits, so the source text is only consulted
 * beyond that (0.1234567890123456789 keeps every digit).
 */
export function readShare(source: () => string | undefined, value: number): Rational {
  return shortShares.get(value) ?? readShareAfresh(source, value);
}

/** The shares last found, by a few bits of their value: an array read in front of the Map's hashed one. */
const RECENT = 256;
const recentValues = new Float64Array(RECENT).fill(NaN);
const recentShares: (Rational | undefined)[] = new Array(RECENT).fill(undefined);

/** A share already read (the same few recur across thousands of lines), so callers need not build a `source` for it. */
export function knownShare(value: number): Rational | undefined {
  const at = (value * 1048576) & (RECENT - 1);
  if (recentValues[at] === value) return recentShares[at];
  const share = shortShares.get(value);
  if (share !== undefined) {
    recentValues[at] = value;
    recentShares[at] = share;
  }
  return share;
}

function readShareAfresh(source: () => string | undefined, value: number): Rational {
  const known = shortShares.get(value);
  if (known) return known;
  const shortest = String(value);
  if (shortest.replace(/^[-+0.]+|\.|e.*$/gi, '').length < 15) {
    const share = parseDecimal(shortest) ?? ZERO;
    // The same few shares recur across thousands of lines; a number always reads the same.
    if (shortShares.size > 10_000) {
      shortShares.clear();
      recentValues.fill(NaN);
    }
    shortShares.set(value, share);
    return share;
  }
  const typed = source();
  const fromSource = typed === undefined ? undefined : parseDecimal(typed);
  if (fromSource && toNumber(fromSource) === value) return fromSource;
  return parseDecimal(shortest) ?? ZERO;
}

/**
 * Splits `whole` (minor units) into parts in proportion to `weights`, so that the parts add up
 * to `whole` exactly: each part is rounded down, then the units left over go one each to the
 * parts with the largest remainders (ties to the earlier part).
 */
export function largestRemainder(whole: number, weights: Rational[]): number[] {
  if (weights.length === 0) return [];
  // Summed in place: no fraction, nor gcd, per weight (the same total as folding with add).
  const sum = new Sum();
  for (const w of weights) sum.add(w);
  const total = sum.value();
  if (compare(total, ZERO) <= 0) return weights.map(() => 0);
  return largestRemainderSmall(whole, weights, total) ?? largestRemainderFloat(whole, weights, total) ?? largestRemainderBig(whole, weights, toBig(total));
}

/**
 * The same split, computed in doubles first (products of money and fractions often pass 2^51,
 * where BigInt is slow): a part's floor is taken from its double when the double is far enough
 * from a whole number for its rounding error not to matter, and remainders are ordered by their
 * doubles when they differ by more than both errors. Every other case is settled exactly, so the
 * result is always that of the exact split. Undefined when a part is too large for doubles.
 */
function largestRemainderFloat(whole: number, weights: Rational[], total: Rational): number[] | undefined {
  if (!Number.isSafeInteger(whole) || whole < 0) return undefined;
  const totalNum = Number(total.n);
  const totalDen = Number(total.d);
  const scale = (whole * totalDen) / totalNum;
  if (!Number.isFinite(scale)) return undefined;
  const n = weights.length;
  const q = new Array<number>(n);
  const rest = new Float64Array(n);
  const error = new Float64Array(n);
  const exact: (Part<number | bigint> | undefined)[] = new Array(n);
  let bigTotal: Big | undefined; // made only if a part needs BigInt
  const big = () => (bigTotal ??= toBig(total));
  // whole ÷ total in lowest terms, when it fits: every exact part is w × that, scaled alike.
  const wholeOver = typeof total.n === 'number' && fits(whole * (total.d as number)) ? lowest(whole * (total.d as number), total.n) : undefined;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    const value = (Number(w.n) / Number(w.d)) * scale;
    // Six roundings of at most 2^-53 each, and a wide margin: the true value is within `err`.
    const err = value * 1e-14 + 1e-300;
    if (!(value >= 0) || value >= 2 ** 52) return undefined;
    const floor = Math.floor(value);
    const fraction = value - floor;
    if (fraction > err && fraction < 1 - err) {
      q[i] = floor;
      rest[i] = fraction;
      error[i] = err;
    } else {
      const part = exactPart(i, w, wholeOver, big, whole);
      exact[i] = part;
      q[i] = Number(part.q);
      rest[i] = part.approx;
      error[i] = 0;
    }
    sum += q[i];
  }
  const left = whole - sum;
  if (left < 0 || left > n) return undefined; // cannot happen with exact floors; be safe
  const out = q.slice();
  if (left === 0) return out;
  // Orders two parts by remainder, largest first, exactly (ties to the earlier part).
  const before = (a: number, b: number): number => {
    const gap = rest[b] - rest[a];
    if (Math.abs(gap) > error[a] + error[b] + 1e-12) return gap;
    // Equal weights (lines of the same price and share: common) have equal remainders: the earlier first, no BigInt needed.
    const x = weights[a];
    const y = weights[b];
    if (x.n === y.n && x.d === y.d) return a - b; // the same fraction, written alike: no products
    if (typeof x.n === 'number' && typeof y.n === 'number') {
      const left = x.n * (y.d as number);
      const right = y.n * (x.d as number);
      if (left === right && fits(left)) return a - b;
    }
    return byRemainder((exact[a] ??= exactPart(a, x, wholeOver, big, whole)), (exact[b] ??= exactPart(b, y, wholeOver, big, whole)));
  };
  // Each of the first `left` parts in that order gets one unit (left ≤ n): only which ones matters,
  // so no sort of them all. With `cut` the left-th largest remainder as a double, a part whose
  // remainder is above it by more than twice any error is surely among them (fewer than `left`
  // can come first), and one below it by as much surely not; the few in between are ordered exactly.
  const cut = rest.slice().sort()[n - left];
  let maxError = 0;
  for (let i = 0; i < n; i++) if (error[i] > maxError) maxError = error[i];
  const margin = 2 * maxError + 1e-12;
  const close: number[] = [];
  let given = 0;
  for (let i = 0; i < n; i++) {
    const r = rest[i];
    if (r > cut + margin) {
      out[i] += 1;
      given++;
    } else if (r >= cut - margin) close.push(i);
  }
  close.sort(before);
  for (let k = 0; k < left - given; k++) out[close[k]] += 1;
  return out;
}

/** One part of the exact split: whole × w / total, as quotient and remainder. */
function exactPart(i: number, weight: Rational, wholeOver: { n: number; d: number } | undefined, bigTotal: () => Big, whole: number): Part<number | bigint> {
  // In plain numbers when every product fits: the same quotient, and remainder and divisor both
  // divided by one common factor (so they order alike), without BigInt: parts that come out whole
  // (the total is often the whole itself) are common and would allocate per line.
  if (wholeOver && typeof weight.n === 'number' && weight.n >= 0) {
    const num = weight.n * wholeOver.n;
    const den = (weight.d as number) * wholeOver.d;
    if (fits(num) && fits(den)) {
      let q = Math.floor(num / den);
      let rest = num - q * den;
      if (rest < 0) (q -= 1), (rest += den);
      else if (rest >= den) (q += 1), (rest -= den);
      return { i, q, rest, den, approx: rest / den };
    }
  }
  const w = toBig(weight);
  const t = bigTotal();
  const num = w.n * t.d * BigInt(whole);
  const den = w.d * t.n;
  const q = num / den;
  const rest = num - q * den;
  return { i, q, rest, den, approx: ratio(rest, den) };
}

/** n/d in lowest terms (d > 0). */
function lowest(n: number, d: number): { n: number; d: number } {
  const g = gcdSmall(n, d) || 1;
  return { n: n / g, d: d / g };
}

interface Part<T> {
  i: number;
  q: T;
  rest: T;
  den: T;
  approx: number;
}

/** Doubles order remainders that differ by more than their rounding; closer ones exactly. */
function byRemainder(a: Part<number | bigint>, b: Part<number | bigint>): number {
  if (Math.abs(a.approx - b.approx) > 1e-9) return b.approx - a.approx;
  if (typeof a.rest === 'number' && typeof b.rest === 'number') {
    const x = a.rest * (b.den as number);
    const y = b.rest * (a.den as number);
    if (fits(x) && fits(y)) return x > y ? -1 : x < y ? 1 : a.i - b.i;
  }
  const x = BigInt(a.rest) * BigInt(b.den);
  const y = BigInt(b.rest) * BigInt(a.den);
  return x > y ? -1 : x < y ? 1 : a.i - b.i;
}

/** The same in plain numbers, when every product fits (undefined when one would not). */
function largestRemainderSmall(whole: number, weights: Rational[], total: Rational): number[] | undefined {
  if (typeof total.n !== 'number' || !fits(whole) || whole < 0) return undefined;
  const totalN = total.n;
  const totalD = total.d as number;
  const parts: Part<number>[] = [];
  let sum = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    if (typeof w.n !== 'number' || w.n < 0) return undefined;
    const scaled = w.n * totalD;
    const num = scaled * whole;
    const den = (w.d as number) * totalN;
    if (!fits(scaled) || !fits(num) || !fits(den)) return undefined;
    // floor(num / den) exactly: the float quotient, corrected by its remainder.
    let q = Math.floor(num / den);
    let rest = num - q * den;
    if (rest < 0) [q, rest] = [q - 1, rest + den];
    else if (rest >= den) [q, rest] = [q + 1, rest - den];
    sum += q;
    parts.push({ i, q, rest, den, approx: rest / den });
  }
  let left = whole - sum;
  const order = parts.slice().sort(byRemainder);
  const out = parts.map((p) => p.q);
  for (let k = 0; left > 0 && order.length > 0; k = (k + 1) % order.length, left--) out[order[k].i] += 1;
  return out;
}

function largestRemainderBig(whole: number, weights: Rational[], total: Big): number[] {
  const target = BigInt(whole);
  // part i = w.n × total.d × target / (w.d × total.n): whole division, no fractions built.
  const parts = weights.map((weight, i) => {
    const w = toBig(weight);
    const num = w.n * total.d * target;
    const den = w.d * total.n;
    const q = num / den;
    const rest = num - q * den;
    return { i, q, rest, den, approx: ratio(rest, den) };
  });
  let left = target - parts.reduce((a, p) => a + p.q, 0n);
  const order = parts.slice().sort(byRemainder);
  const out = parts.map((p) => p.q);
  for (let k = 0; left > 0n && order.length > 0; k = (k + 1) % order.length, left--) out[order[k].i] += 1n;
  return out.map(Number);
}

/** rest / den as a double, for 0 ≤ rest < den, even when both are beyond a double's range. */
function ratio(rest: bigint, den: bigint): number {
  const d = Number(den);
  if (Number.isFinite(d)) return Number(rest) / d;
  const shift = BigInt(Math.max(0, den.toString(2).length - 60));
  return Number(rest >> shift) / Number(den >> shift);
}
