/** The totals engine on small rate cards, one rule of format.md's table at a time. */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { computeTotals, type Totals } from '../../server/src/core/totals';
import type { RateCardModel } from '../../server/src/core/model';
import { memoryRoot, memoryWorkspace } from '../support/workspace';

interface Setup {
  payers?: string[];
  cohorts?: string;
  outcomes?: string;
  card: string;
  currency?: string;
}

const defaultCohorts = `
  - id: young
    title: Young people
    size: 100`;

const defaultOutcomes = `
  - id: entry
    title: Entry
    domain: employment
    stage: entry
    role: payment
    evidence: { kind: administrative, source: Payroll }
    baseline: { young: 0.1 }
  - id: sustained
    title: Sustained
    domain: employment
    stage: sustainment
    sustainWeeks: 26
    role: payment
    requires: [entry]
    evidence: { kind: administrative, source: Payroll }`;

function framework(setup: Setup): string {
  const payers = (setup.payers ?? ['dwp']).map((id) => `  - id: ${id}\n    name: ${id}`).join('\n');
  return `kind: OutcomeFramework\nschemaVersion: 1\nid: f\ntitle: F\ncurrency: ${setup.currency ?? 'GBP'}\npayers:\n${payers}\ncohorts:${setup.cohorts ?? defaultCohorts}\noutcomes:${setup.outcomes ?? defaultOutcomes}\n`;
}

/** Totals of `card` (the rate card body after `currency:`) beside a framework. */
function totals(setup: Setup): Totals {
  const card = `kind: RateCard\nschemaVersion: 1\nid: card\nframework: f.framework.yaml\ncurrency: ${setup.currency ?? 'GBP'}\n${setup.card}`;
  const workspace = memoryWorkspace({ 'f.framework.yaml': framework(setup), 'c.ratecard.yaml': card });
  const model = workspace.analyze(path.join(memoryRoot, 'c.ratecard.yaml'))!.model as RateCardModel;
  const link = workspace.frameworkOf(model);
  return computeTotals(model, link.ok ? link.framework : undefined);
}

describe('totals: maxima', () => {
  it('counts price × maxClaims, and the default of one claim', () => {
    const t = totals({ card: 'prices:\n  - outcome: entry\n    price: 500\n    maxClaims: 3\n  - outcome: sustained\n    price: 1000\n' });
    // 500 × 3 + 1,000 × 1 = 2,500 per participant; × 100 (the cohort's size) = 250,000.
    assert.equal(t.maxPerParticipant.young, 250000);
    assert.equal(t.byCohort.young.participants, 100);
    assert.equal(t.maximumLiability, 25000000);
    assert.deepEqual(t.byLine.map((l) => l.maxPerParticipant), [150000, 100000]);
  });

  it('says unbounded (null, never Infinity) for an unlimited line that nothing caps', () => {
    const t = totals({ card: 'prices:\n  - outcome: entry\n    price: 500\n    maxClaims: unlimited\n' });
    assert.equal(t.maxPerParticipant.young, null);
    assert.equal(t.maximumLiability, null);
    assert.deepEqual(t.blocked, [], 'unbounded is not blocked');
    assert.equal(t.byPayer.dwp.maximumLiability, null);
    assert.equal(t.byLine[0].claims, 'unlimited');
  });

  it('bounds an unlimited line by caps.perParticipant, and the whole by caps.total', () => {
    const perParticipant = totals({ card: 'caps: { perParticipant: 2000 }\nprices:\n  - outcome: entry\n    price: 500\n    maxClaims: unlimited\n' });
    assert.equal(perParticipant.maxPerParticipant.young, 200000);
    assert.equal(perParticipant.maximumLiability, 100 * 200000);
    const total = totals({ card: 'caps: { total: 90000 }\nprices:\n  - outcome: entry\n    price: 500\n    maxClaims: unlimited\n' });
    assert.equal(total.maxPerParticipant.young, null);
    assert.equal(total.maximumLiability, 9000000);
    assert.ok(total.capsApplied.includes('total.maximumLiability'));
  });

  it('counts only the dearest of outcomes that exclude each other', () => {
    const outcomes = `${defaultOutcomes}
  - id: level-1
    title: Level 1
    domain: education
    stage: attainment
    role: payment
    excludes: [level-2]
    evidence: { kind: verified, source: Certificate }
  - id: level-2
    title: Level 2
    domain: education
    stage: attainment
    role: payment
    evidence: { kind: verified, source: Certificate }`;
    const t = totals({ outcomes, card: 'prices:\n  - outcome: entry\n    price: 100\n  - outcome: level-1\n    price: 800\n  - outcome: level-2\n    price: 1200\n' });
    // entry 100 + the dearer of level 1 (800) and level 2 (1,200) = 1,300, not 2,100.
    assert.equal(t.maxPerParticipant.young, 130000);
  });

  it('applies a cohort-specific line to its cohorts and the general line to the others', () => {
    const cohorts = `${defaultCohorts}
  - id: high-needs
    title: High needs
    size: 10`;
    const t = totals({ cohorts, card: 'prices:\n  - outcome: entry\n    price: 1000\n  - outcome: entry\n    cohorts: [high-needs]\n    price: 1500\n' });
    assert.equal(t.maxPerParticipant.young, 100000);
    assert.equal(t.maxPerParticipant['high-needs'], 150000);
    // 100 × 1,000 + 10 × 1,500 = 115,000.
    assert.equal(t.maximumLiability, 11500000);
    assert.deepEqual(t.byLine.map((l) => l.cohorts), [['young'], ['high-needs']]);
  });

  it('takes participants from the projection before the cohort size, and is unbounded with neither', () => {
    const projected = totals({ card: 'prices:\n  - outcome: entry\n    price: 1000\nprojection:\n  - cohort: young\n    participants: 40\n' });
    assert.equal(projected.maximumLiability, 40 * 100000);
    const noSize = totals({ cohorts: '\n  - id: young\n    title: Young people', card: 'prices:\n  - outcome: entry\n    price: 1000\n' });
    assert.equal(noSize.maximumLiability, null);
    assert.equal(noSize.byCohort.young.participants, null);
    const capped = totals({ cohorts: '\n  - id: young\n    title: Young people', card: 'caps: { total: 5000 }\nprices:\n  - outcome: entry\n    price: 1000\n' });
    assert.equal(capped.maximumLiability, 500000);
  });
});

describe('totals: expected payments and deadweight', () => {
  it('are "not projected" (null), not zero, without a projection', () => {
    const t = totals({ card: 'prices:\n  - outcome: entry\n    price: 1000\n' });
    assert.equal(t.expected, null);
    assert.equal(t.deadweight, null);
    assert.equal(t.byCohort.young.expected, null);
    assert.equal(t.byOutcome.entry.expected, null);
    assert.deepEqual(t.byYear, {});
  });

  it('multiply participants, achievement, price and claims per achiever (at most maxClaims)', () => {
    const t = totals({
      card: 'prices:\n  - outcome: entry\n    price: 1000\n    maxClaims: 2\n  - outcome: sustained\n    price: 3000\nprojection:\n  - cohort: young\n    participants: 50\n    achievement: { entry: 0.6, sustained: 0.3 }\n    claimsPerAchiever: { entry: 5 }\n',
    });
    // entry: 50 × 0.6 × 1,000 × min(5, 2) = 60,000; sustained: 50 × 0.3 × 3,000 = 45,000.
    assert.equal(t.expected, 10500000);
    assert.deepEqual(t.byOutcome.entry, { expected: 6000000, share: 0.5714 });
    // Deadweight: the baseline (0.1) of entry: 50 × 0.1 × 1,000 × 2 = 10,000; no baseline for sustained.
    assert.equal(t.deadweight, 1000000);
  });

  it('caps each participant\'s expected payments by caps.perParticipant, and deadweight with them', () => {
    const t = totals({ card: 'caps: { perParticipant: 1500 }\nprices:\n  - outcome: entry\n    price: 1000\n  - outcome: sustained\n    price: 2000\nprojection:\n  - cohort: young\n    participants: 10\n    achievement: { entry: 1, sustained: 1 }\n' });
    // 1,000 + 2,000 = 3,000 per participant, capped at 1,500; × 10 = 15,000.
    assert.equal(t.expected, 1500000);
    // Uncapped deadweight 10 × 0.1 × 1,000 = 1,000, cut in the same proportion (1,500 / 3,000): 500.
    assert.equal(t.deadweight, 50000);
    assert.ok(t.deadweight! <= t.expected!);
  });

  it('caps the whole by caps.total and shares the cut across lines, payers and years exactly', () => {
    const t = totals({
      payers: ['a', 'b'],
      card: 'payers: { a: 50, b: 50 }\ncaps: { total: 1000 }\nprices:\n  - outcome: entry\n    price: 999.99\nprojection:\n  - cohort: young\n    participants: 3\n    achievement: { entry: 1 }\n    profile: { 2024: 0.333, 2025: 0.667 }\n',
    });
    assert.equal(t.expected, 100000);
    assert.equal(t.byPayer.a.expected! + t.byPayer.b.expected!, 100000);
    assert.equal(t.byYear['2024'] + t.byYear['2025'], 100000);
    assert.deepEqual(t.byYear, { 2024: 33300, 2025: 66700 });
  });

  it('rounds once, at the end, half up', () => {
    // 1 × 0.5 × £0.05 = 2.5 pence → 3 pence.
    const t = totals({ card: 'prices:\n  - outcome: entry\n    price: 0.05\nprojection:\n  - cohort: young\n    participants: 1\n    achievement: { entry: 0.5 }\n' });
    assert.equal(t.expected, 3);
    const split = totals({ payers: ['a', 'b'], card: 'payers: { a: 50, b: 50 }\nprices:\n  - outcome: entry\n    price: 0.03\nprojection:\n  - cohort: young\n    participants: 1\n    achievement: { entry: 0.5 }\n' });
    // 1.5 pence → 2; halves of 1.5 (0.75 each) share the 2 pence as 1 and 1.
    assert.equal(split.expected, 2);
    assert.deepEqual([split.byPayer.a.expected, split.byPayer.b.expected], [1, 1]);
  });
});

describe('totals: payers', () => {
  it('uses a line override before the rate card default', () => {
    const t = totals({ payers: ['a', 'b'], card: 'payers: { a: 80, b: 20 }\nprices:\n  - outcome: entry\n    price: 1000\n  - outcome: sustained\n    price: 1000\n    payers: { b: 100 }\n' });
    // Per participant a pays 800, b pays 200 + 1,000; × 100.
    assert.equal(t.byPayer.a.maximumLiability, 8000000);
    assert.equal(t.byPayer.b.maximumLiability, 12000000);
  });

  it("gives everything to the framework's only payer when no split is given", () => {
    const t = totals({ card: 'prices:\n  - outcome: entry\n    price: 1000\n' });
    assert.equal(t.byPayer.dwp.maximumLiability, t.maximumLiability);
  });

  it('says so when several payers and no split leave a line without a payer', () => {
    const t = totals({ payers: ['a', 'b'], card: 'prices:\n  - outcome: entry\n    price: 1000\n' });
    assert.equal(t.maximumLiability, 10000000, 'the whole is still computed');
    assert.ok(t.blocked.includes('byPayer'));
    assert.match(t.blockedBy[0].message, /Who pays for entry is not said: the framework has 2 payers/);
  });
});

describe('totals: partly valid rate cards', () => {
  it('computes what it can and names the line that stops the rest', () => {
    const cohorts = `${defaultCohorts}
  - id: older
    title: Older people
    size: 10`;
    const t = totals({ cohorts, card: 'prices:\n  - outcome: entry\n    cohorts: [young]\n    price: 10.555\n  - outcome: entry\n    cohorts: [older]\n    price: 700\n' });
    assert.equal(t.maxPerParticipant.young, null);
    assert.ok(t.blocked.includes('maxPerParticipant.young'));
    assert.equal(t.maxPerParticipant.older, 70000);
    assert.equal(t.maximumLiability, null);
    assert.ok(t.blocked.includes('maximumLiability'));
    assert.equal(t.blockedBy.length, 1);
    assert.match(t.blockedBy[0].message, /The price for entry cannot be read exactly/);
  });

  it('works without its framework, from the cohorts the rate card names', () => {
    const workspace = memoryWorkspace({ 'c.ratecard.yaml': 'kind: RateCard\nschemaVersion: 1\nid: c\nframework: gone.framework.yaml\ncurrency: GBP\nprices:\n  - outcome: entry\n    price: 100\nprojection:\n  - cohort: young\n    participants: 5\n    achievement: { entry: 0.5 }\n' });
    const model = workspace.analyze(path.join(memoryRoot, 'c.ratecard.yaml'))!.model as RateCardModel;
    const t = computeTotals(model, undefined);
    assert.equal(t.expected, 25000);
    assert.equal(t.maximumLiability, 50000);
    assert.match(t.blockedBy[0].message, /framework could not be read/);
  });

  it('keeps a currency without minor units whole (JPY)', () => {
    const t = totals({ currency: 'JPY', card: 'prices:\n  - outcome: entry\n    price: 150000\nprojection:\n  - cohort: young\n    participants: 3\n    achievement: { entry: 0.5 }\n' });
    assert.equal(t.digits, 0);
    assert.equal(t.expected, 225000);
  });
});

describe('totals: a blocked cohort beside a computed one', () => {
  it('gives the computed cohort its figures, and no total or years that would leave the other out', () => {
    const cohorts = `${defaultCohorts}
  - id: older
    title: Older people
    size: 10`;
    const t = totals({
      cohorts,
      card: 'prices:\n  - outcome: entry\n    cohorts: [young]\n    price: 10.555\n  - outcome: entry\n    cohorts: [older]\n    price: 700\nprojection:\n  - cohort: young\n    achievement: { entry: 0.5 }\n    profile: { 2025: 1 }\n  - cohort: older\n    achievement: { entry: 0.5 }\n    profile: { 2025: 1 }\n',
    });
    // older: 10 × 0.5 × 700 = 3,500.
    assert.equal(t.byCohort.older.expected, 350000);
    assert.equal(t.byCohort.young.expected, null);
    assert.equal(t.expected, null);
    assert.ok(t.blocked.includes('expected') && t.blocked.includes('byYear'));
    assert.deepEqual(t.byYear, {});
  });
});
