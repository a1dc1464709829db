/** Payments adjusted for deadweight: a discount on every payment, or payment only above the baseline. */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import * as path from 'node:path';
import { computeTotals, type Totals } from '../../server/src/core/totals';
import type { RateCardModel } from '../../server/src/core/model';
import { memoryRoot, memoryWorkspace } from '../support/workspace';

const framework = `kind: OutcomeFramework
schemaVersion: 1
id: f
title: Edge of care
currency: GBP
payers:
  - id: council
    name: Norfolk County Council
cohorts:
  - id: edge
    title: Edge of care
    size: 100
outcomes:
  - id: out-of-care
    title: Stays out of care for a year
    domain: care-placement
    stage: sustainment
    role: payment
    sustainWeeks: 52
    evidence: { kind: administrative, source: Care records }
    baseline: { edge: 0.3 }
`;

function totalsOf(extra: string): Totals {
  const card = `kind: RateCard\nschemaVersion: 1\nid: r\nframework: f.framework.yaml\ncurrency: GBP\nprices:\n  - outcome: out-of-care\n    price: 1000\n${extra}projection:\n  - cohort: edge\n    achievement: { out-of-care: 0.5 }\n`;
  const workspace = memoryWorkspace({ 'f.framework.yaml': framework, 'r.ratecard.yaml': card });
  const model = workspace.analyze(path.join(memoryRoot, 'r.ratecard.yaml'))!.model as RateCardModel;
  const link = workspace.frameworkOf(model);
  assert.ok(link.ok);
  return computeTotals(model, link.framework);
}

describe('totals: payments adjusted for deadweight', () => {
  it('a discount of 33% cuts every payment, the maxima and the deadweight in them', () => {
    const t = totalsOf('    discount: 33\n');
    // 1,000 × 0.67 = 670 per participant; × 100 = 67,000.
    assert.equal(t.maxPerParticipant.edge, 67000);
    assert.equal(t.maximumLiability, 6700000);
    assert.equal(t.byLine[0].maxPerParticipant, 67000);
    // Expected 100 × 0.5 × 670 = 33,500; deadweight 100 × min(0.3, 0.5) × 670 = 20,100.
    assert.equal(t.expected, 3350000);
    assert.equal(t.deadweight, 2010000);
  });

  it('paying only above the baseline expects the share above it, none of it deadweight', () => {
    const t = totalsOf('    aboveBaseline: true\n');
    // 100 × (0.5 − 0.3) × 1,000 = 20,000; the 30 who would have stayed out anyway are not paid for.
    assert.equal(t.expected, 2000000);
    assert.equal(t.deadweight, 0);
    // The maximum for one participant is still the full price: any one of them may be paid.
    assert.equal(t.maxPerParticipant.edge, 100000);
    // Without the adjustment: expected 50,000, of which 30,000 deadweight.
    const plain = totalsOf('');
    assert.deepEqual([plain.expected, plain.deadweight], [5000000, 3000000]);
  });

  it('a discount that covers deadweight takes what it cut off the deadweight, never below zero (discountCoversDeadweight)', () => {
    // 100 × 0.5 × 1,000 = 50,000 expected before the discount; 33% took 16,500 off; the baseline's
    // 100 × 0.3 × 1,000 = 30,000 less that leaves 13,500 deadweight (a plain discount: 20,100).
    const t = totalsOf('    discount: 33\n    discountCoversDeadweight: true\n');
    assert.deepEqual([t.expected, t.deadweight, t.maxPerParticipant.edge], [3350000, 1350000, 67000]);
    // 60% off takes more than the baseline's 30,000: no deadweight left.
    assert.equal(totalsOf('    discount: 60\n    discountCoversDeadweight: true\n').deadweight, 0);
  });

  it('matches participants × price × max(0, min(baseline, achievement) − achievement × discount), rounded once, for any line', () => {
    const totalsFor = (price: string, discount: string, achievement: string, baseline: string, participants: number) => {
      const fw = framework.replace('size: 100', `size: ${participants}`).replace('baseline: { edge: 0.3 }', `baseline: { edge: ${baseline} }`);
      const card = `kind: RateCard\nschemaVersion: 1\nid: r\nframework: f.framework.yaml\ncurrency: GBP\nprices:\n  - outcome: out-of-care\n    price: ${price}\n    discount: ${discount}\n    discountCoversDeadweight: true\nprojection:\n  - cohort: edge\n    achievement: { out-of-care: ${achievement} }\n`;
      const workspace = memoryWorkspace({ 'f.framework.yaml': fw, 'r.ratecard.yaml': card });
      const model = workspace.analyze(path.join(memoryRoot, 'r.ratecard.yaml'))!.model as RateCardModel;
      const link = workspace.frameworkOf(model);
      assert.ok(link.ok);
      return computeTotals(model, link.framework);
    };
    // Half up, once: n/d pence, n ≥ 0.
    const round = (n: bigint, d: bigint) => (2n * n + d) / (2n * d);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 100 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 5000 }), (pence, hundredths, a, b, people) => {
        const t = totalsFor((pence / 100).toFixed(2), (hundredths / 100).toFixed(2), (a / 100).toString(), (b / 100).toString(), people);
        // Shares in hundredths, the discount in hundredths of a percent: deadweight = N × P × (min(b, a) × 10,000 − a × D) / 1,000,000.
        const left = BigInt(Math.min(a, b)) * 10_000n - BigInt(a) * BigInt(hundredths);
        const expectedDead = left > 0n ? round(BigInt(people) * BigInt(pence) * left, 1_000_000n) : 0n;
        assert.equal(BigInt(t.deadweight!), expectedDead);
        assert.ok(t.deadweight! >= 0 && t.deadweight! <= t.expected!, `${t.deadweight} within ${t.expected}`);
      }),
      { numRuns: 200 },
    );
  });
});
