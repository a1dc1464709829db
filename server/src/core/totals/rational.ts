/**
 * Exact fractions for the totals: achievement shares, baselines and percentages are read from
 * the digits the analyst typed (0.35 is 35/100, never 0.34999…), multiplied out exactly and
 * rounded once, at the end, half up.
 */

export interface Rational {
  n: bigint;
  /** Always positive. */
  d: bigint;
}

export const ZERO: Rational = { n: 0n, d: 1n };
export const ONE: Rational = { n: 1n, d: 1n };

export function int(value: number | bigint): Rational {
  return { n: BigInt(value), d: 1n };
}

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Denominators past this are reduced; below it gcd costs more than it saves. */
const REDUCE_ABOVE = 1n << 64n;

function reduce(n: bigint, d: bigint): Rational {
  if (n === 0n) return ZERO;
  if (d < REDUCE_ABOVE) return { n, d };
  const g = gcd(n, d);
  return g === 1n ? { n, d } : { n: n / g, d: d / g };
}

/** Fully reduced, for display and tests. */
export function normalise(a: Rational): Rational {
  if (a.n === 0n) return ZERO;
  const g = gcd(a.n, a.d);
  return { n: a.n / g, d: a.d / g };
}

export function add(a: Rational, b: Rational): Rational {
  if (a.n === 0n) return b;
  if (b.n === 0n) return a;
  if (a.d === b.d) return reduce(a.n + b.n, a.d);
  // Denominators here are mostly powers of ten times a common factor: one usually divides the other.
  if (a.d > b.d) {
    if (a.d % b.d === 0n) return reduce(a.n + b.n * (a.d / b.d), a.d);
  } else if (b.d % a.d === 0n) return reduce(b.n + a.n * (b.d / a.d), b.d);
  return reduce(a.n * b.d + b.n * a.d, a.d * b.d);
}

export function sub(a: Rational, b: Rational): Rational {
  return add(a, { n: -b.n, d: b.d });
}

export function mul(a: Rational, b: Rational): Rational {
  if (a.n === 0n || b.n === 0n) return ZERO;
  if (b.d === 1n && b.n === 1n) return a;
  if (a.d === 1n && a.n === 1n) return b;
  return reduce(a.n * b.n, a.d * b.d);
}

/** a / b; b must not be zero. */
export function div(a: Rational, b: Rational): Rational {
  const sign = b.n < 0n ? -1n : 1n;
  return reduce(a.n * b.d * sign, a.d * b.n * sign);
}

export function compare(a: Rational, b: Rational): number {
  const left = a.n * b.d;
  const right = b.n * a.d;
  return left < right ? -1 : left > right ? 1 : 0;
}

export function min(a: Rational, b: Rational): Rational {
  return compare(a, b) <= 0 ? a : b;
}

export function isZero(a: Rational): boolean {
  return a.n === 0n;
}

/** Rounds to the nearest whole number, halves away from zero (amounts are never negative). */
export function roundHalfUp(a: Rational): number {
  const negative = a.n < 0n;
  const n = negative ? -a.n : a.n;
  const rounded = (2n * n + a.d) / (2n * a.d);
  return Number(negative ? -rounded : rounded);
}

export function floor(a: Rational): bigint {
  const q = a.n / a.d;
  return a.n < 0n && q * a.d !== a.n ? q - 1n : q;
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
  const known = shortShares.get(value);
  if (known) return known;
  const shortest = String(value);
  if (shortest.replace(/^[-+0.]+|\.|e.*$/gi, '').length < 15) {
    const share = parseDecimal(shortest) ?? ZERO;
    // The same few shares recur across thousands of lines; a number always reads the same.
    if (shortShares.size > 10_000) shortShares.clear();
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
  let total = ZERO;
  for (const w of weights) total = add(total, w);
  if (total.n <= 0n) return weights.map(() => 0);
  const target = BigInt(whole);
  // part i = w.n × total.d × target / (w.d × total.n): whole division, no fractions built.
  const parts = weights.map((w, i) => {
    const num = w.n * total.d * target;
    const den = w.d * total.n;
    const q = num / den;
    const rest = num - q * den;
    return { i, q, rest, den, approx: ratio(rest, den) };
  });
  let left = target - parts.reduce((a, p) => a + p.q, 0n);
  const order = parts.slice().sort((a, b) => {
    // Doubles order remainders that differ by more than their rounding; closer ones exactly.
    if (Math.abs(a.approx - b.approx) > 1e-9) return b.approx - a.approx;
    const x = a.rest * b.den;
    const y = b.rest * a.den;
    return x > y ? -1 : x < y ? 1 : a.i - b.i;
  });
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
