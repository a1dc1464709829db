/**
 * The totals' fractions keep small values in plain numbers and move to BigInt only when a result
 * would not fit. Whatever the form, every operation must give exactly what BigInt arithmetic
 * gives: these properties compare the two on values around the switch-over (2^51) and far past it.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import * as Q from '../../server/src/core/totals/rational';

/** Reference fractions in BigInt, fully reduced. */
interface Ref {
  n: bigint;
  d: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => {
  if (a < 0n) a = -a;
  while (b) [a, b] = [b, a % b];
  return a;
};
const ref = (n: bigint, d: bigint): Ref => {
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
};
/** A Rational read back as a reduced BigInt fraction, whatever its form. */
const asRef = (a: Q.Rational): Ref => {
  assert.equal(typeof a.n, typeof a.d, 'numerator and denominator of the same type');
  if (typeof a.n === 'number') {
    assert.ok(Number.isSafeInteger(a.n) && Number.isSafeInteger(a.d as number), `exact integers: ${a.n}/${a.d}`);
  }
  assert.ok(BigInt(a.d) > 0n, 'denominator positive');
  return ref(BigInt(a.n), BigInt(a.d));
};

const edge = 2n ** 51n;
/** Integers near zero, near the switch-over, and far past it. */
const integer = fc.oneof(
  fc.bigInt({ min: -1000n, max: 1000n }),
  fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
  fc.bigInt({ min: edge - 1000n, max: edge + 1000n }),
  fc.bigInt({ min: -(edge + 1000n), max: -(edge - 1000n) }),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
);
const positive = integer.map((v) => (v < 0n ? -v : v) + 1n);
/** A fraction in either form, as the totals build them (Q.int and Q.div). */
const fraction = fc.tuple(integer, positive).map(([n, d]) => ({ q: Q.div(Q.int(n), Q.int(d)), r: ref(n, d) }));

describe('totals fractions: numbers and BigInt agree exactly', () => {
  it('adds, subtracts, multiplies and divides as BigInt does', () => {
    fc.assert(
      fc.property(fraction, fraction, (a, b) => {
        assert.deepEqual(asRef(Q.add(a.q, b.q)), ref(a.r.n * b.r.d + b.r.n * a.r.d, a.r.d * b.r.d));
        assert.deepEqual(asRef(Q.sub(a.q, b.q)), ref(a.r.n * b.r.d - b.r.n * a.r.d, a.r.d * b.r.d));
        assert.deepEqual(asRef(Q.mul(a.q, b.q)), ref(a.r.n * b.r.n, a.r.d * b.r.d));
        if (b.r.n !== 0n) assert.deepEqual(asRef(Q.div(a.q, b.q)), ref(a.r.n * b.r.d, a.r.d * b.r.n));
      }),
      { numRuns: 2000 },
    );
  });

  it('multiplies by a whole number (a price) as BigInt does, in the same form as multiplying by Q.int', () => {
    const price = fc.oneof(fc.integer({ min: 0, max: 10_000_000 }), fc.constantFrom(0, 1, 2 ** 51, 2 ** 51 + 2, Number.MAX_SAFE_INTEGER));
    fc.assert(
      fc.property(fraction, price, (a, k) => {
        const product = Q.mulInt(a.q, k);
        assert.deepEqual(asRef(product), ref(a.r.n * BigInt(k), a.r.d));
        assert.deepEqual(product, Q.mul(a.q, Q.int(k)));
      }),
      { numRuns: 2000 },
    );
  });

  it('sums in place (Q.Sum) exactly as BigInt does, in numbers and past them, and back again', () => {
    // Shares and prices as the totals sum them (denominators that divide each other: the sum is
    // kept in place), any fraction (denominators that do not: each is added with Q.add), and
    // terms near and past 2^51 (the sum leaves numbers, and may come back to them).
    const priced = fc.tuple(fc.integer({ min: -100, max: 100 }), fc.constantFrom(1, 10, 100, 1000), fc.integer({ min: 0, max: 10_000_000 })).map(([n, d, price]) => ({ q: Q.mulInt(Q.div(Q.int(n), Q.int(d)), price), r: ref(BigInt(n) * BigInt(price), BigInt(d)) }));
    const near = fc.bigInt({ min: edge - 1000n, max: edge + 1000n }).map((n) => ({ q: Q.int(n), r: ref(n, 1n) }));
    const term = fc.oneof(priced, priced, fraction, near, near.map((t) => ({ q: Q.sub(Q.ZERO, t.q), r: ref(-t.r.n, t.r.d) })));
    fc.assert(
      fc.property(fc.array(term, { maxLength: 30 }), (terms) => {
        const sum = new Q.Sum();
        let expected: Ref = { n: 0n, d: 1n };
        terms.forEach((t, i) => {
          sum.add(t.q);
          expected = ref(expected.n * t.r.d + t.r.n * expected.d, expected.d * t.r.d);
          // Read part way too: reading the sum does not change it.
          if (i % 7 === 3) assert.deepEqual(asRef(sum.value()), expected);
        });
        assert.deepEqual(asRef(sum.value()), expected);
        assert.equal(sum.isZero(), expected.n === 0n);
        assert.deepEqual(asRef(sum.value()), asRef(terms.reduce((a, t) => Q.add(a, t.q), Q.ZERO)));
      }),
      { numRuns: 2000 },
    );
  });

  it('compares, finds the minimum and tells zero as BigInt does', () => {
    fc.assert(
      fc.property(fraction, fraction, (a, b) => {
        const left = a.r.n * b.r.d;
        const right = b.r.n * a.r.d;
        assert.equal(Q.compare(a.q, b.q), left < right ? -1 : left > right ? 1 : 0);
        assert.deepEqual(asRef(Q.min(a.q, b.q)), left <= right ? a.r : b.r);
        assert.equal(Q.isZero(a.q), a.r.n === 0n);
      }),
      { numRuns: 2000 },
    );
  });

  it('rounds halves up and floors as BigInt does', () => {
    fc.assert(
      fc.property(fraction, (a) => {
        const negative = a.r.n < 0n;
        const n = negative ? -a.r.n : a.r.n;
        const rounded = (2n * n + a.r.d) / (2n * a.r.d);
        assert.equal(Q.roundHalfUp(a.q), Number(negative ? -rounded : rounded));
        const q = a.r.n / a.r.d;
        assert.equal(Q.floor(a.q), a.r.n < 0n && q * a.r.d !== a.r.n ? q - 1n : q);
      }),
      { numRuns: 2000 },
    );
    // Exact halves, where a rounding slip would show.
    assert.equal(Q.roundHalfUp(Q.div(Q.int(5), Q.int(2))), 3);
    assert.equal(Q.roundHalfUp(Q.div(Q.int(-5), Q.int(2))), -3);
    assert.equal(Q.roundHalfUp(Q.div(Q.int(2 ** 51 + 1), Q.int(2))), 2 ** 50 + 1);
  });

  it('splits by largest remainder the same from either form', () => {
    const weight = fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 9n }), fc.bigInt({ min: 1n, max: 10n ** 6n }));
    fc.assert(
      fc.property(fc.array(weight, { minLength: 1, maxLength: 12 }), fc.integer({ min: 0, max: 10 ** 9 }), (pairs, whole) => {
        const small = pairs.map(([n, d]) => Q.div(Q.int(n), Q.int(d)));
        const big = pairs.map(([n, d]) => ({ n: n * 7n, d: d * 7n })); // unreduced BigInt weights: the same shares
        const parts = Q.largestRemainder(whole, small);
        assert.deepEqual(parts, Q.largestRemainder(whole, big));
        if (pairs.some(([n]) => n > 0n)) assert.equal(parts.reduce((a, b) => a + b, 0), whole);
      }),
      { numRuns: 1000 },
    );
  });

  it('splits as an exact BigInt largest remainder does, past 2^51 too, with ties and whole parts', () => {
    // The reference: floors and remainders in BigInt, units left over to the largest remainders, ties to the earlier part.
    const exactSplit = (whole: number, weights: Ref[]): number[] => {
      const total = weights.reduce((a, w) => ref(a.n * w.d + w.n * a.d, a.d * w.d), { n: 0n, d: 1n });
      if (total.n <= 0n) return weights.map(() => 0);
      const parts = weights.map((w, i) => {
        const num = w.n * total.d * BigInt(whole);
        const den = w.d * total.n;
        return { i, q: num / den, rest: num % den, den };
      });
      let left = BigInt(whole) - parts.reduce((a, p) => a + p.q, 0n);
      const order = [...parts].sort((a, b) => {
        const x = a.rest * b.den;
        const y = b.rest * a.den;
        return x > y ? -1 : x < y ? 1 : a.i - b.i;
      });
      const out = parts.map((p) => p.q);
      for (let k = 0; left > 0n; k = (k + 1) % order.length, left--) out[order[k].i] += 1n;
      return out.map(Number);
    };
    // Money-sized weights (pence × shares × people), repeated so that remainders tie, and wholes up to 10^13 pence.
    const weight = fc.oneof(
      fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.constantFrom(1n, 100n, 10000n, 3n, 7n * 10n ** 6n)),
      fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 25n }), fc.bigInt({ min: 1n, max: 10n ** 12n })),
    );
    fc.assert(
      fc.property(fc.array(weight, { minLength: 1, maxLength: 10 }), fc.nat(3), fc.integer({ min: 0, max: 10 ** 13 }), (pairs, repeats, whole) => {
        const all = [...pairs, ...pairs.slice(0, repeats)];
        const weights = all.map(([n, d]) => Q.div(Q.int(n), Q.int(d)));
        assert.deepEqual(Q.largestRemainder(whole, weights), exactSplit(whole, all.map(([n, d]) => ref(n, d))));
      }),
      { numRuns: 3000 },
    );
    // Parts that are whole numbers exactly (no remainder), where a double could land either side.
    const thirds = [Q.div(Q.int(10n ** 20n), Q.int(3)), Q.div(Q.int(2n * 10n ** 20n), Q.int(3))];
    assert.deepEqual(Q.largestRemainder(3 * 10 ** 12, thirds), [10 ** 12, 2 * 10 ** 12]);
  });
});

// Shares as the figures hold them (over 10, 20, 100…), any small fraction, and numbers near 2^51.
const figureFraction = fc.oneof(
  fc.tuple(fc.integer({ min: -100, max: 100 }), fc.constantFrom(1, 4, 5, 10, 20, 25, 100, 1000)).map(([n, d]) => ({ q: Q.div(Q.int(n), Q.int(d)), r: ref(BigInt(n), BigInt(d)) })),
  fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 1, max: 997 })).map(([n, d]) => ({ q: Q.div(Q.int(n), Q.int(d)), r: ref(BigInt(n), BigInt(d)) })),
  fc.bigInt({ min: edge - 1000n, max: edge + 1000n }).map((n) => ({ q: Q.int(n), r: ref(n, 1n) })),
);
// Whole multipliers: participants × years × a value in pence, small and past 2^51.
const multiplier = fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 2_000_000_000 }), fc.constantFrom(2 ** 51, 2 ** 52, Number.MAX_SAFE_INTEGER));

/**
 * Q.Sum.addTimes(a, k) adds a × k in place (the value figures' sums per participant): exactly what
 * adding Q.mulInt(a, k) gives, and what BigInt arithmetic gives, whether the terms keep the sum in
 * plain numbers, have denominators that do not divide one another, or pass 2^51.
 */
describe('Q.Sum.addTimes: a × k added in place, exactly', () => {
  it('equals adding Q.mulInt(a, k), and BigInt arithmetic, over runs of terms', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(figureFraction, multiplier, fc.boolean()), { maxLength: 30 }), (terms) => {
        const times = new Q.Sum();
        const plain = new Q.Sum();
        let expected: Ref = { n: 0n, d: 1n };
        terms.forEach(([t, k, byAdd], i) => {
          // Mixed with plain adds, as the figures' sums are.
          if (byAdd) times.add(Q.mulInt(t.q, k));
          else times.addTimes(t.q, k);
          plain.add(Q.mulInt(t.q, k));
          expected = ref(expected.n * t.r.d + t.r.n * BigInt(k) * expected.d, expected.d * t.r.d);
          if (i % 5 === 2) assert.deepEqual(asRef(times.value()), expected);
        });
        assert.deepEqual(asRef(times.value()), expected);
        assert.deepEqual(asRef(times.value()), asRef(plain.value()));
        assert.equal(times.isZero(), expected.n === 0n);
      }),
      { numRuns: 2000 },
    );
  });
});
