/**
 * Lines paid per period held (`per`, `maxPeriods`): the maximum counts every period the window
 * allows, expected payments the periods the projection expects, and the schema says what is missing.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import * as path from 'node:path';
import { computeTotals, type Totals } from '../../server/src/core/totals';
import type { RateCardModel } from '../../server/src/core/model';
import { check, memoryRoot, memoryWorkspace } from '../support/workspace';

const framework = `kind: OutcomeFramework
schemaVersion: 1
id: edge
title: Edge of care
currency: GBP
payers:
  - id: borough
    name: Borough
cohorts:
  - id: at-risk
    title: Young people at risk of entering care
    size: 100
outcomes:
  - id: intervention-completed
    title: Completes the therapy
    domain: family
    stage: engagement
    role: payment
    evidence: { kind: administrative, source: Provider records }
  - id: week-out-of-care
    title: Each 7 consecutive days out of care
    domain: care-placement
    stage: sustainment
    role: payment
    sustainWeeks: 1
    requires: [intervention-completed]
    evidence: { kind: administrative, source: Children's social care records }
    baseline: { at-risk: 0.35 }
`;

const card = (line: string, projection = '') => `kind: RateCard
schemaVersion: 1
id: edge-card
framework: edge.framework.yaml
currency: GBP
prices:
  - outcome: intervention-completed
    price: 3000
  - outcome: week-out-of-care
${line}${projection}`;

function totalsOf(files: Record<string, string>): Totals {
  const workspace = memoryWorkspace(files);
  const model = workspace.analyze(path.join(memoryRoot, 'edge.ratecard.yaml'))!.model as RateCardModel;
  const link = workspace.frameworkOf(model);
  assert.ok(link.ok);
  return computeTotals(model, link.framework);
}

const weekly = '    price: 220\n    per: week\n    maxPeriods: 104\n';

describe('totals: lines paid per period', () => {
  it('counts every period of the window in the maximum: £220 × 104 weeks', () => {
    const t = totalsOf({ 'edge.framework.yaml': framework, 'edge.ratecard.yaml': card(weekly) });
    // 3,000 + 220 × 104 = 3,000 + 22,880 = 25,880 per participant; × 100 = 2,588,000.
    assert.equal(t.maxPerParticipant['at-risk'], 2588000);
    assert.equal(t.maximumLiability, 258800000);
    const line = t.byLine[1];
    assert.deepEqual([line.claims, line.per, line.price, line.maxPerParticipant], [104, 'week', 22000, 2288000]);
  });

  it('expects the periods the projection gives (at most maxPeriods), and all of them when it gives none', () => {
    const projection = (periods: string) => `projection:\n  - cohort: at-risk\n    achievement: { intervention-completed: 0.8, week-out-of-care: 0.65 }\n${periods}`;
    const given = totalsOf({ 'edge.framework.yaml': framework, 'edge.ratecard.yaml': card(weekly, projection('    periodsPerAchiever: { week-out-of-care: 60 }\n')) });
    // 100 × (0.8 × 3,000 + 0.65 × 220 × 60) = 100 × (2,400 + 8,580) = 1,098,000.
    assert.equal(given.expected, 109800000);
    // Deadweight: 100 × min(0.35, 0.65) × 220 × 60 = 462,000.
    assert.equal(given.deadweight, 46200000);
    const none = totalsOf({ 'edge.framework.yaml': framework, 'edge.ratecard.yaml': card(weekly, projection('')) });
    // 100 × (2,400 + 0.65 × 22,880) = 100 × 17,272 = 1,727,200.
    assert.equal(none.expected, 172720000);
    const over = totalsOf({ 'edge.framework.yaml': framework, 'edge.ratecard.yaml': card(weekly, projection('    periodsPerAchiever: { week-out-of-care: 500 }\n')) });
    assert.equal(over.expected, none.expected, 'never more periods than maxPeriods');
  });

  it('needs maxPeriods with per, and refuses maxClaims beside them', () => {
    const missing = check({ 'edge.framework.yaml': framework, 'edge.ratecard.yaml': card('    price: 220\n    per: week\n') }, 'edge.ratecard.yaml').filter((f) => f.ruleId === 'schema');
    assert.equal(missing.length, 1);
    assert.match(missing[0].message, /maxPeriods/);
    const both = check({ 'edge.framework.yaml': framework, 'edge.ratecard.yaml': card(weekly + '    maxClaims: 104\n') }, 'edge.ratecard.yaml').filter((f) => f.ruleId === 'schema');
    assert.equal(both.length, 1);
    assert.equal(both[0].text, '104');
    const t = totalsOf({ 'edge.framework.yaml': framework, 'edge.ratecard.yaml': card('    price: 220\n    per: week\n') });
    assert.equal(t.maximumLiability, null);
    assert.match(t.blockedBy[0].message, /paid per week but maxPeriods/);
  });
});

describe('totals: a line paid per period is a line of maxPeriods claims', () => {
  it('gives the same figures as maxClaims and claimsPerAchiever of the same numbers (random lines)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100000 }), fc.integer({ min: 1, max: 200 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 100 }), fc.constantFrom('week', 'month', 'quarter'), (pence, most, periods, achieved, per) => {
        const price = (pence / 100).toFixed(2);
        const share = achieved / 100;
        const asClaims = totalsOf({ 'edge.framework.yaml': framework, 'edge.ratecard.yaml': card(`    price: ${price}\n    maxClaims: ${most}\n`, `projection:\n  - cohort: at-risk\n    achievement: { week-out-of-care: ${share} }\n    claimsPerAchiever: { week-out-of-care: ${periods} }\n`) });
        const asPeriods = totalsOf({ 'edge.framework.yaml': framework, 'edge.ratecard.yaml': card(`    price: ${price}\n    per: ${per}\n    maxPeriods: ${most}\n`, `projection:\n  - cohort: at-risk\n    achievement: { week-out-of-care: ${share} }\n    periodsPerAchiever: { week-out-of-care: ${periods} }\n`) });
        assert.deepEqual([asPeriods.maxPerParticipant, asPeriods.maximumLiability, asPeriods.expected, asPeriods.deadweight], [asClaims.maxPerParticipant, asClaims.maximumLiability, asClaims.expected, asClaims.deadweight]);
      }),
      { numRuns: 200 },
    );
  });
});
