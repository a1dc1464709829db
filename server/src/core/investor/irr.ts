/**
 * The internal rate of return of quarterly flows, exactly: the annual rate r at which
 *   NPV(r) = Σ_k flow_k ÷ (1 + r)^(k/4) = 0        (k the quarter's index, the first undiscounted)
 * given to 4 decimals (half up). The sign of NPV at a rational rate is decided exactly, with no
 * floating point: with x = (1 + r)^(1/4), x^n · NPV is a polynomial in x, and powers of x fold
 * into A0 + A1·x + A2·x² + A3·x³ with rational A (x⁴ = 1 + r); its sign follows from comparing
 * squares, x = √t and t = √(1 + r). The rate is then found by bisection on the grid of half
 * ten-thousandths, so the rounding is exact too. Floats first say where on the grid the sign
 * changes (a dozen cheap steps); two exact signs then confirm it, or narrow the exact search,
 * which goes on as before: the answer is always the exact bisection's (the sign changes once on
 * the grid searched, so every bracketing finds the same place).
 */

const MANY = 'the balance crosses zero more than once, so more than one rate could make the net present value zero (none is given rather than one of them)';

export type IrrResult = { irr: number; rate: string } | { irr: null; reason: string };

/**
 * The IRR of the flows (minor units, quarter 0 first), or why there is none. `guided: false`
 * leaves out the floats' first guess: the plain exact bisection the tests hold the guided one to.
 */
export function irrOf(flows: readonly number[], guided = true): IrrResult {
  const f = flows.map((v) => BigInt(v));
  const nonZero = f.filter((v) => v !== 0n);
  if (nonZero.length === 0) return { irr: null, reason: 'no money goes in or comes out' };
  if (nonZero.every((v) => v > 0n)) return { irr: null, reason: 'the investors never put money in' };
  if (nonZero.every((v) => v < 0n)) return { irr: null, reason: 'nothing comes back to the investors' };
  // How many rates can make NPV zero: above 0, at most the sign changes of the running balance
  // from the start (Norström); below 0, at most those of the running balance from the end. The
  // rate given is the one on the side the total puts it (investors ahead: above 0), when it is
  // the only one there.
  const forward = signChanges(running(f));
  const backward = signChanges(running([...f].reverse()));
  const total = f.reduce((a, b) => a + b, 0n);
  if (total === 0n) return forward === 0 && backward === 0 ? { irr: 0, rate: '0.0000' } : { irr: null, reason: MANY };
  if ((total > 0n ? forward : backward) !== 1) return { irr: null, reason: MANY };
  // Search on half ten-thousandths: h(j) = (2j + 1) / 20000. The root is in (h(j-1), h(j)] → rounds to j/10000.
  const sign = (j: number) => npvSign(f, 20000n + 2n * BigInt(j) + 1n, 20000n);
  let low: number;
  let high: number;
  if (total > 0n) {
    low = -1; // h(-1) = -0.00005: NPV there has the total's sign (no rate below 0 is looked for)
    high = 10000; // 100% a year
    while (sign(high) > 0) {
      if (high >= 100_000_000) return { irr: null, reason: 'the rate is above 1,000,000% a year' };
      high *= 2;
    }
  } else {
    low = -10000; // h(-10000) = -0.99995: just above -100%
    high = 0; // h(0) = 0.00005
  }
  const lowSign = sign(low);
  if (lowSign === 0) return rounded(low);
  // Below 0 there is exactly one rate (one sign change): the same sign at both ends puts it
  // between -100% and -99.995%, which rounds to -100%.
  if (sign(high) === lowSign) return total < 0n ? rounded(-10000) : { irr: null, reason: 'no rate between -100% and 1,000,000% a year makes the net present value zero' };
  if (guided) {
    // The floats' change of sign, checked exactly: each exact sign keeps the bracket true.
    const guess = floatChange(flows, low, high, lowSign);
    if (guess - 1 > low && guess - 1 < high) {
      if (sign(guess - 1) === lowSign) low = guess - 1;
      else high = guess - 1;
    }
    if (guess > low && guess < high) {
      if (sign(guess) === lowSign) low = guess;
      else high = guess;
    }
  }
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    const s = sign(middle);
    if (s === lowSign) low = middle;
    else high = middle;
  }
  // The root lies in (h(low), h(high)]; an exact zero at h(high) rounds up, as halves do.
  return rounded(high);
}

/** Where floats see the sign of the NPV leave `lowSign` on the grid between low and high: a guess, never trusted alone. */
function floatChange(flows: readonly number[], low: number, high: number, lowSign: number): number {
  const signAt = (j: number) => {
    // Σ flow_k · v^k by Horner, v = (1 + h(j))^(-1/4).
    const v = Math.pow(20000 / (20000 + 2 * j + 1), 0.25);
    let sum = 0;
    for (let k = flows.length - 1; k >= 0; k--) sum = sum * v + flows[k];
    return Math.sign(sum);
  };
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (signAt(middle) === lowSign) low = middle;
    else high = middle;
  }
  return high;
}

function rounded(j: number): IrrResult {
  const negative = j < 0;
  const abs = Math.abs(j).toString().padStart(5, '0');
  const rate = `${negative ? '-' : ''}${abs.slice(0, -4)}.${abs.slice(-4)}`;
  return { irr: Number(rate), rate };
}

function running(flows: readonly bigint[]): bigint[] {
  let sum = 0n;
  return flows.map((v) => (sum += v));
}

function signChanges(values: readonly bigint[]): number {
  let last = 0;
  let changes = 0;
  for (const v of values) {
    const s = v > 0n ? 1 : v < 0n ? -1 : 0;
    if (s === 0) continue;
    if (last !== 0 && s !== last) changes++;
    last = s;
  }
  return changes;
}

/**
 * The sign of Σ flows_k ÷ (1 + r)^(k/4) with 1 + r = a/b (a, b > 0), exactly. Multiplying by
 * x^n (x = (a/b)^(1/4) > 0) keeps the sign: Σ_j c_j x^j with c_j = flows_(n−j).
 */
export function npvSign(flows: readonly bigint[], a: bigint, b: bigint): number {
  const n = flows.length - 1;
  // A_i = Σ_m c_(4m+i) (a/b)^m, scaled by b^M (M the highest m) to whole numbers.
  const M = Math.floor(n / 4);
  const powA: bigint[] = [1n];
  const powB: bigint[] = [1n];
  for (let m = 1; m <= M; m++) {
    powA.push(powA[m - 1] * a);
    powB.push(powB[m - 1] * b);
  }
  const A = [0n, 0n, 0n, 0n];
  for (let j = 0; j <= n; j++) {
    const c = flows[n - j];
    if (c === 0n) continue;
    const m = Math.floor(j / 4);
    A[j % 4] += c * powA[m] * powB[M - m];
  }
  const [A0, A1, A2, A3] = A;
  // value = B + x·C, with B = A0 + A2·t, C = A1 + A3·t, t = √(a/b), x = √t.
  const sB = signRootTwo(A0, A2, a, b);
  const sC = signRootTwo(A1, A3, a, b);
  if (sC === 0) return sB;
  if (sB === 0 || sB === sC) return sC;
  // Opposite signs: compare B² with t·C². b·(B² − t·C²) = D + E·t with
  const D = b * A0 * A0 + a * A2 * A2 - 2n * a * A1 * A3;
  const E = b * (2n * A0 * A2 - A1 * A1) - a * A3 * A3;
  const diff = signRootTwo(D, E, a, b);
  return diff > 0 ? sB : diff < 0 ? sC : 0;
}

/** The sign of p + q·√(a/b), exactly. */
function signRootTwo(p: bigint, q: bigint, a: bigint, b: bigint): number {
  const sp = p > 0n ? 1 : p < 0n ? -1 : 0;
  const sq = q > 0n ? 1 : q < 0n ? -1 : 0;
  if (sq === 0) return sp;
  if (sp === 0 || sp === sq) return sq;
  // Compare p² with q²·a/b: b·p² against a·q².
  const left = b * p * p;
  const right = a * q * q;
  return left > right ? sp : left < right ? sq : 0;
}
