/**
 * Co-commissioning: a payer per cohort (each council pays for its own children), `cohort` in a
 * payer split for that payer beside a fund's top-up, and caps per payer in money.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { computeTotals, type Totals } from '../../server/src/core/totals';
import type { RateCardModel } from '../../server/src/core/model';
import { check, memoryRoot, memoryWorkspace } from '../support/workspace';

const framework = (mertonPayer = '    payer: merton\n') => `kind: OutcomeFramework
schemaVersion: 1
id: co
title: Co-commissioned
currency: GBP
payers:
  - id: sutton
    name: London Borough of Sutton
  - id: merton
    name: London Borough of Merton
  - id: fund
    name: Outcomes fund
cohorts:
  - id: sutton-children
    title: Sutton's children
    size: 10
    payer: sutton
  - id: merton-children
    title: Merton's children
    size: 20
${mertonPayer}outcomes:
  - id: out-of-care
    title: Stays out of care
    domain: care-placement
    stage: sustainment
    role: payment
    sustainWeeks: 26
    evidence: { kind: administrative, source: Care records }
    baseline: { sutton-children: 0.3, merton-children: 0.3 }
`;

const card = (head: string) => `kind: RateCard
schemaVersion: 1
id: co-card
framework: co.framework.yaml
currency: GBP
${head}prices:
  - outcome: out-of-care
    price: 1000
projection:
  - cohort: sutton-children
    achievement: { out-of-care: 0.5 }
  - cohort: merton-children
    achievement: { out-of-care: 0.5 }
`;

function totalsOf(head: string, fw = framework()): Totals {
  const workspace = memoryWorkspace({ 'co.framework.yaml': fw, 'co.ratecard.yaml': card(head) });
  const model = workspace.analyze(path.join(memoryRoot, 'co.ratecard.yaml'))!.model as RateCardModel;
  const link = workspace.frameworkOf(model);
  assert.ok(link.ok);
  return computeTotals(model, link.framework);
}

const pounds = (n: number) => Math.round(n * 100);

describe('totals: co-commissioning', () => {
  it('without a split, each cohort’s own payer pays for it', () => {
    const t = totalsOf('');
    // Sutton 10 × 1,000; Merton 20 × 1,000; the fund nothing.
    assert.deepEqual(
      Object.fromEntries(Object.entries(t.byPayer).map(([id, p]) => [id, p.maximumLiability])),
      { sutton: pounds(10000), merton: pounds(20000), fund: 0 },
    );
    // Expected: 0.5 of each.
    assert.equal(t.byPayer.sutton.expected, pounds(5000));
    assert.equal(t.byPayer.merton.expected, pounds(10000));
    assert.deepEqual(t.blockedBy, []);
  });

  it('`cohort: 85, fund: 15` splits each council’s payments with the fund’s top-up', () => {
    const t = totalsOf('payers: { cohort: 85, fund: 15 }\n');
    // Sutton 85% of 10,000 = 8,500; Merton 85% of 20,000 = 17,000; the fund 15% of 30,000 = 4,500.
    assert.equal(t.byPayer.sutton.maximumLiability, pounds(8500));
    assert.equal(t.byPayer.merton.maximumLiability, pounds(17000));
    assert.equal(t.byPayer.fund.maximumLiability, pounds(4500));
    assert.equal(t.maximumLiability, pounds(30000));
  });

  it('a payer’s cap stops its payments without others paying its share', () => {
    const t = totalsOf('payers: { cohort: 85, fund: 15 }\ncaps:\n  perPayer: { fund: 3000 }\n');
    // The fund's 4,500 stops at 3,000: 8,500 + 17,000 + 3,000 = 28,500.
    assert.equal(t.byPayer.fund.maximumLiability, pounds(3000));
    assert.equal(t.maximumLiability, pounds(28500));
    assert.ok(t.capsApplied.includes('perPayer.fund.maximumLiability'));
    // Expected: the fund's 15% of 15,000 = 2,250 is under its cap; the whole stays 15,000.
    assert.equal(t.byPayer.fund.expected, pounds(2250));
    assert.equal(t.expected, pounds(15000));
    // The total cap still applies after the payers' caps, in proportion: 28,500 → 19,000 (× 2/3).
    const both = totalsOf('payers: { cohort: 85, fund: 15 }\ncaps:\n  total: 19000\n  perPayer: { fund: 3000 }\n');
    assert.equal(both.maximumLiability, pounds(19000));
    assert.equal(both.byPayer.fund.maximumLiability, pounds(2000));
    const sum = Object.values(both.byPayer).reduce((a, p) => a + p.maximumLiability!, 0);
    assert.equal(sum, pounds(19000));
  });

  it('payer-split reports `cohort` when a cohort has no payer, and unknown-reference a cohort payer or capped payer that does not exist', () => {
    const files = { 'co.framework.yaml': framework(''), 'co.ratecard.yaml': card('payers: { cohort: 85, fund: 15 }\ncaps:\n  perPayer: { fnud: 3000 }\n') };
    const found = check(files, 'co.ratecard.yaml').filter((f) => f.ruleId === 'payer-split' || f.ruleId === 'unknown-reference');
    assert.deepEqual(found.map((f) => [f.ruleId, f.text]), [['payer-split', 'cohort'], ['unknown-reference', 'fnud']]);
    assert.match(found[0].message, /`merton-children` has no `payer` in the framework/);
    const fw = check({ 'co.framework.yaml': framework('    payer: mertn\n'), 'co.ratecard.yaml': card('') }, 'co.framework.yaml').filter((f) => f.ruleId === 'unknown-reference');
    assert.equal(fw.length, 1);
    assert.match(fw[0].message, /Did you mean `merton`/);
  });
});
