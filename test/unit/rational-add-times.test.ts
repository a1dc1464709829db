/**
 * Q.Sum.addTimes(a, k) adds a × k in place (the value figures' sums per participant): it must
 * give exactly what adding Q.mulInt(a, k) gives, and what BigInt arithmetic gives, whether the
 * terms keep the sum in plain numbers, have denominators that do not divide one another, or pass
 * 2^51 (the sum then leaves numbers, and may come back).
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import * as Q from '../../server/src/core/totals/rational';

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
const asRef = (a: Q.Rational): Ref => ref(BigInt(a.n), BigInt(a.d));

const edge = 2n ** 51n;
// Shares as the figures hold them (over 10, 20, 100…), any small fraction, and numbers near 2^51.
const fraction = fc.oneof(
  fc.tuple(fc.integer({ min: -100, max: 100 }), fc.constantFrom(1, 4, 5, 10, 20, 25, 100, 1000)).map(([n, d]) => ({ q: Q.div(Q.int(n), Q.int(d)), r: ref(BigInt(n), BigInt(d)) })),
  fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 1, max: 997 })).map(([n, d]) => ({ q: Q.div(Q.int(n), Q.int(d)), r: ref(BigInt(n), BigInt(d)) })),
  fc.bigInt({ min: edge - 1000n, max: edge + 1000n }).map((n) => ({ q: Q.int(n), r: ref(n, 1n) })),
);
// Whole multipliers: participants × years × a value in pence, small and past 2^51.
const multiplier = fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 2_000_000_000 }), fc.constantFrom(2 ** 51, 2 ** 52, Number.MAX_SAFE_INTEGER));

describe('Q.Sum.addTimes: a × k added in place, exactly', () => {
  it('equals adding Q.mulInt(a, k), and BigInt arithmetic, over runs of terms', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fraction, multiplier, fc.boolean()), { maxLength: 30 }), (terms) => {
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
