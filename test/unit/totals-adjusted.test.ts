/** Payments adjusted for deadweight: a discount on every payment, or payment only above the baseline. */
import { strict as assert } from 'node:assert';
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
});
