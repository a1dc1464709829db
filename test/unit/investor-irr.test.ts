/**
 * The investor's IRR (core/investor/irr.ts), decided with exact arithmetic, against a plain
 * floating-point reference written from numpy-financial's definitions: npv discounts the first
 * flow not at all, irr is the rate at which npv is zero. Flows are quarterly; the rate annual.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { irrOf, npvSign } from '../../server/src/core/investor';

/** numpy-financial's npv for quarterly flows at an annual rate: Σ flow_k / (1 + rate)^(k/4). */
function npv(rate: number, flows: readonly number[]): number {
  return flows.reduce((sum, flow, k) => sum + flow / Math.pow(1 + rate, k / 4), 0);
}

/**
 * The plain reference, as numpy-financial's irr: the quarterly rate q at which Σ flow_k / (1 + q)^k
 * is zero (by float bisection between rates where it differs in sign), made annual: (1 + q)^4 − 1.
 */
function floatIrr(flows: readonly number[], annualLow: number, annualHigh: number): number {
  const npvQ = (q: number) => flows.reduce((sum, flow, k) => sum + flow / Math.pow(1 + q, k), 0);
  let a = annualLow <= -1 + 1e-9 ? -1 + 1e-12 : Math.pow(1 + annualLow, 0.25) - 1;
  let b = Math.pow(1 + annualHigh, 0.25) - 1;
  const sa = Math.sign(npvQ(a));
  for (let i = 0; i < 300; i++) {
    const m = (a + b) / 2;
    if (Math.sign(npvQ(m)) === sa) a = m;
    else b = m;
  }
  return Math.pow(1 + (a + b) / 2, 4) - 1;
}

describe('investor IRR', () => {
  it("matches numpy-financial's documented example: irr([-100, 39, 59, 55, 20]) is 28.095% a quarter, 169.23% a year", () => {
    const result = irrOf([-100, 39, 59, 55, 20]);
    assert.equal(result.irr, 1.6923); // (1.2809484211599611)^4 − 1 = 1.69232 in floats
  });

  it('£100 in, £110 back a quarter later is 1.1^4 − 1 = 46.41% a year', () => {
    assert.equal(irrOf([-10000, 11000]).irr, 0.4641);
  });

  it('money back exactly is 0%, less back is a negative rate, nothing back has no rate and says why', () => {
    assert.equal(irrOf([-500, 0, 500]).irr, 0);
    assert.ok((irrOf([-1000, 900]).irr ?? 0) < 0);
    const none = irrOf([-1000, -50]);
    assert.equal(none.irr, null);
    assert.match(none.irr === null ? none.reason : '', /nothing comes back/);
    const gift = irrOf([0, 100]);
    assert.equal(gift.irr, null);
  });

  it('flows whose balance crosses zero twice (two rates make NPV zero) get no rate, with the reason', () => {
    // -100, +230, -132: NPV is zero at two rates (a quarterly 10% and 20%).
    const result = irrOf([-10000, 23000, -13200]);
    assert.equal(result.irr, null);
    assert.match(result.irr === null ? result.reason : '', /more than one rate/);
  });

  it('the exact sign of NPV agrees with floats wherever floats are sure', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1_000_000, max: 1_000_000 }), { minLength: 2, maxLength: 24 }), fc.integer({ min: -9000, max: 30000 }), (flows, j) => {
        const rate = (2 * j + 1) / 20000;
        const value = npv(rate, flows);
        const scale = flows.reduce((s, f) => s + Math.abs(f), 0);
        fc.pre(Math.abs(value) > scale * 1e-9);
        assert.equal(npvSign(flows.map(BigInt), 20000n + 2n * BigInt(j) + 1n, 20000n), Math.sign(value));
      }),
      { numRuns: 400 },
    );
  });

  it('on random investments (money in first, back later) the rate is the float reference rounded to 4 decimals', () => {
    const investment = fc.record({
      out: fc.array(fc.integer({ min: 1, max: 5_000_000 }), { minLength: 1, maxLength: 8 }),
      back: fc.array(fc.integer({ min: 0, max: 5_000_000 }), { minLength: 1, maxLength: 20 }),
    });
    fc.assert(
      fc.property(investment, ({ out, back }) => {
        const flows = [...out.map((v) => -v), ...back];
        const result = irrOf(flows);
        const total = flows.reduce((a, b) => a + b, 0);
        if (back.every((v) => v === 0)) return assert.equal(result.irr, null);
        if (total === 0) return assert.equal(result.irr, 0);
        const [low, high] = total > 0 ? [0, 1e9] : [-1, 0];
        const reference = floatIrr(flows, low, high);
        // Past 1,000,000% a year (10000 as a rate) no rate is given, and it says so.
        if (reference > 10000 && result.irr === null) return assert.match(result.reason, /above 1,000,000%/);
        assert.notEqual(result.irr, null, JSON.stringify(flows));
        // The exact answer is the reference rounded; floats may sit on the other side of a half.
        assert.ok(Math.abs(result.irr! - reference) <= 0.00005 + 1e-9 * Math.max(1, Math.abs(reference)), `${result.irr} vs ${reference} for ${JSON.stringify(flows)}`);
      }),
      { numRuns: 300 },
    );
  });

  it("the floats' first guess changes nothing: the guided search gives the plain exact bisection's rate or reason", () => {
    // Money in first and back later (one rate), any flows at all, and flows whose NPV is near zero over a wide range of rates.
    const investment = fc.tuple(fc.array(fc.integer({ min: 1, max: 50_000_000 }), { minLength: 1, maxLength: 8 }), fc.array(fc.integer({ min: 0, max: 50_000_000 }), { minLength: 1, maxLength: 24 })).map(([out, back]) => [...out.map((v) => -v), ...back]);
    const any = fc.array(fc.integer({ min: -1_000_000, max: 1_000_000 }), { minLength: 1, maxLength: 24 });
    const nearlyEven = fc.tuple(fc.integer({ min: 1, max: 1_000_000_000 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: -3, max: 3 })).map(([v, n, d]) => [-v, ...Array(n).fill(0), v + d]);
    fc.assert(
      fc.property(fc.oneof(investment, any, nearlyEven), (flows) => {
        assert.deepEqual(irrOf(flows), irrOf(flows, false), JSON.stringify(flows));
      }),
      { numRuns: 600 },
    );
  });
});
