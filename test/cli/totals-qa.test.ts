/**
 * Money bugs a QA pass found in `outcomes-lint totals`, through the built CLI on real files:
 * deadweight by payer under caps per payer, the share of a cohort without a payer, a rate card
 * without its framework, and which figures an error marks (!).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { runCli } from '../support/cli';
import { makeWorkspace } from './rules-fixture';

const outcome = (id: string, stage: string, extra: string) =>
  `  - id: ${id}\n    title: ${id}\n    domain: employment\n    stage: ${stage}\n    role: payment\n    evidence: { kind: administrative, source: Records }\n${extra}`;

/** Payers la and fund; cohorts of 100 each. */
function frameworkOf(cohorts: string, outcomes: string): string {
  return `kind: OutcomeFramework\nschemaVersion: 1\nid: f\ntitle: Two payers\ncurrency: GBP\npayers:\n  - id: la\n    name: Local authority\n  - id: fund\n    name: Outcomes fund\ncohorts:\n${cohorts}outcomes:\n${outcomes}`;
}
const cohort = (id: string, extra = '') => `  - id: ${id}\n    title: ${id}\n    eligibility: [Anyone referred]\n    size: 100\n${extra}`;

const json = (dir: string, file: string) => JSON.parse(runCli(['totals', file, '--format', 'json'], { cwd: dir }).stdout);

describe('outcomes-lint totals: QA money fixes', () => {
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("cuts each payer's deadweight by that payer's own cap (caps.perPayer), and the parts add up to the whole", () => {
    const framework = frameworkOf(cohort('c'), outcome('e1', 'entry', '    baseline: { c: 0.1 }\n') + outcome('s1', 'sustainment', '    sustainWeeks: 26\n    requires: [e1]\n    baseline: { c: 0.1 }\n'));
    const card = 'kind: RateCard\nschemaVersion: 1\nid: r\nframework: f.framework.yaml\ncurrency: GBP\npayers: { la: 50, fund: 50 }\ncaps:\n  total: 100000\n  perPayer: { fund: 1000 }\nprices:\n  - outcome: e1\n    price: 100\n  - outcome: s1\n    price: 200\nprojection:\n  - cohort: c\n    achievement: { e1: 0.5, s1: 0.5 }\n';
    dir = makeWorkspace({ 'f.framework.yaml': framework, 'r.ratecard.yaml': card });
    // Expected: 100 × (0.5 × 100 + 0.5 × 200) = 15,000; la's half 7,500; fund's half 7,500 held to
    // its cap of 1,000, a cut of 1,000 / 7,500 = 2/15. Deadweight: 100 × (0.1 × 100 + 0.1 × 200) =
    // 3,000; la's half 1,500 (uncut); fund's half 1,500 × 2/15 = 200. Whole 1,500 + 200 = 1,700.
    // (Before: both payers got 850, half of the whole, so fund's deadweight was most of its 1,000.)
    const run = runCli(['totals', 'r.ratecard.yaml'], { cwd: dir });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^la +£15,000\.00 +£7,500\.00 +£1,500\.00$/m);
    assert.match(run.stdout, /^fund +£1,000\.00 +£1,000\.00 +£200\.00$/m);
    const t = json(dir, 'r.ratecard.yaml');
    assert.deepEqual([t.expected, t.deadweight, t.byCohort.c.deadweight], ['8500.00', '1700.00', '1700.00']);
    assert.deepEqual([t.byPayer.la.deadweight, t.byPayer.fund.deadweight], ['1500.00', '200.00']);
  });

  const orphanFramework = frameworkOf(cohort('c1', '    payer: la\n') + cohort('c2'), outcome('e1', 'entry', '    baseline: { c1: 0.1, c2: 0.1 }\n'));
  const orphanCard = (caps: string) =>
    `kind: RateCard\nschemaVersion: 1\nid: r\nframework: f.framework.yaml\ncurrency: GBP\npayers: { cohort: 50, fund: 50 }\ncaps:\n  total: 100000\n${caps}prices:\n  - outcome: e1\n    price: 100\nprojection:\n  - cohort: c1\n    achievement: { e1: 0.5 }\n  - cohort: c2\n    achievement: { e1: 0.5 }\n`;

  it('keeps the share of a cohort without a payer in the wholes, and marks every whole the payer-split error touches under caps per payer', () => {
    dir = makeWorkspace({ 'f.framework.yaml': orphanFramework, 'r.ratecard.yaml': orphanCard('  perPayer: { fund: 3000 }\n') });
    // Maximum liability: 100 × 100 = 10,000 per cohort. la pays c1's `cohort` half, 5,000; c2's
    // `cohort` half (5,000) has no payer but the contract still pays it; fund's half of 20,000 is
    // held to 3,000. Whole: 5,000 + 5,000 + 3,000 = 13,000 (before: 8,000, c2's half dropped).
    // Expected: 100 × 0.5 × 100 = 5,000 per cohort: la 2,500, nobody 2,500, fund 5,000 → 3,000: 8,000.
    // Deadweight: 100 × 0.1 × 100 = 1,000 per cohort: la 500, nobody 500, fund 1,000 × 3,000/5,000 = 600: 1,600.
    const run = runCli(['totals', 'r.ratecard.yaml'], { cwd: dir });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /`c2` has no `payer` in the framework[^\n]*payer-split/);
    // Who pays decides what a capped payer is held to, so the wholes may change: marked.
    assert.match(run.stdout, /^Total +£13,000\.00 \(!\) +£8,000\.00 \(!\) +£1,600\.00 \(!\)$/m);
    const t = json(dir, 'r.ratecard.yaml');
    assert.deepEqual([t.maximumLiability, t.expected, t.deadweight], ['13000.00', '8000.00', '1600.00']);
    for (const key of ['maximumLiability', 'expected', 'deadweight', 'byCohort', 'byPayer']) assert.ok(t.affectedByErrors.includes(key), key);
    // No cohort's part is more than the whole, and the parts add up to it.
    assert.equal(Number(t.byCohort.c1.maximumLiability) + Number(t.byCohort.c2.maximumLiability), 13000);
    const csv = runCli(['totals', 'r.ratecard.yaml', '--format', 'csv'], { cwd: dir }).stdout;
    assert.match(csv, /^r,maximumLiability,,,,,13000\.00,GBP,may not mean what the contract says until the errors are fixed\r$/m);
    const markdown = runCli(['totals', 'r.ratecard.yaml', '--format', 'markdown'], { cwd: dir }).stdout;
    assert.match(markdown, /13,000\.00 \(!\)/);
  });

  it('without caps per payer the wholes keep the share with no payer and stand; only the figures by payer are marked', () => {
    dir = makeWorkspace({ 'f.framework.yaml': orphanFramework, 'r.ratecard.yaml': orphanCard('') });
    // 2 × 10,000 = 20,000; expected 2 × 5,000 = 10,000; deadweight 2 × 1,000 = 2,000: whoever pays.
    const run = runCli(['totals', 'r.ratecard.yaml'], { cwd: dir });
    assert.equal(run.status, 1);
    assert.match(run.stdout, /^Total +£20,000\.00 +£10,000\.00 +£2,000\.00$/m);
    // la pays c1's half only: 5,000 of the maximum liability, marked as incomplete.
    assert.match(run.stdout, /^la +£5,000\.00 \(!\)/m);
  });

  it("marks only the figures by payer for an unknown cohort payer when no payer has its own cap", () => {
    const framework = orphanFramework.replace('    payer: la\n', '    payer: nobody\n');
    dir = makeWorkspace({ 'f.framework.yaml': framework, 'r.ratecard.yaml': orphanCard('').replace('cohort: 50, fund: 50', 'la: 50, fund: 50') });
    // The split names la and fund, so who c1's payer is changes nothing here but the payer check:
    // 2 × 100 × 100 = 20,000 maximum, 2 × 100 × 0.5 × 100 = 10,000 expected, 2 × 100 × 0.1 × 100 = 2,000 deadweight.
    const run = runCli(['totals', 'r.ratecard.yaml'], { cwd: dir });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /`nobody`, which is not a payer/);
    assert.match(run.stdout, /^Total +£20,000\.00 +£10,000\.00 +£2,000\.00$/m);
    assert.match(run.stdout, /^la +£10,000\.00 \(!\) +£5,000\.00 \(!\) +£1,000\.00 \(!\)$/m);
    assert.deepEqual(json(dir, 'r.ratecard.yaml').affectedByErrors, ['byPayer']);
  });

  it('without its framework, no cohort shows more than the whole a payer cap holds it to', () => {
    const card = 'kind: RateCard\nschemaVersion: 1\nid: n\nframework: nowhere.framework.yaml\ncurrency: GBP\npayers: { la: 100 }\ncaps:\n  perPayer: { la: 5000 }\nprices:\n  - outcome: e1\n    cohorts: [c, d]\n    price: 561\nprojection:\n  - cohort: c\n    participants: 100\n    achievement: { e1: 0.5 }\n';
    dir = makeWorkspace({ 'n.ratecard.yaml': card });
    // la pays everything and is held to 5,000, so the contract pays at most 5,000: c's own
    // 100 × 561 = 56,100 and d's unbounded maximum (no size) are each at most that whole.
    // (Before: the Total showed 5,000 beside c's 56,100.)
    const run = runCli(['totals', 'n.ratecard.yaml'], { cwd: dir });
    assert.equal(run.status, 1);
    assert.doesNotMatch(run.stdout, /56,100/);
    const t = json(dir, 'n.ratecard.yaml');
    assert.equal(t.maximumLiability, '5000.00');
    assert.deepEqual([t.byCohort.c.maximumLiability, t.byCohort.d.maximumLiability], ['5000.00', '5000.00']);
    // Expected: 100 × 0.5 × 561 = 28,050, la held to 5,000.
    assert.equal(t.byCohort.c.expected, '5000.00');
  });

  it('marks only deadweight for a baseline error, and nothing for a malformed rate card id, in table, CSV and JSON', () => {
    const framework = frameworkOf(cohort('c1') + cohort('c2'), outcome('e1', 'entry', '    baseline: { c1: 0.1, zz: 0.1 }\n'));
    const card = (id: string) => `kind: RateCard\nschemaVersion: 1\nid: ${id}\nframework: f.framework.yaml\ncurrency: GBP\npayers: { la: 50, fund: 50 }\nprices:\n  - outcome: e1\n    price: 100\nprojection:\n  - cohort: c1\n    achievement: { e1: 0.5 }\n`;
    dir = makeWorkspace({ 'f.framework.yaml': framework, 'r.ratecard.yaml': card('r'), 'bad.ratecard.yaml': card('"Bad Id"'), 'g.framework.yaml': framework.replace(', zz: 0.1', ''), 'ok.ratecard.yaml': card('"Bad Id"').replace('f.framework', 'g.framework') });
    // c1: 100 × 100 = 10,000 maximum, 100 × 0.5 × 100 = 5,000 expected, 100 × 0.1 × 100 = 1,000 deadweight.
    const run = runCli(['totals', 'r.ratecard.yaml'], { cwd: dir });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /cohort `zz`/);
    assert.match(run.stdout, /^c1 +100 +£100\.00 +£10,000\.00 +£5,000\.00 +£1,000\.00 \(!\)$/m);
    assert.match(run.stdout, /^Total +£20,000\.00 +£5,000\.00 +£1,000\.00 \(!\)$/m);
    assert.match(run.stdout, /^la +£10,000\.00 +£2,500\.00 +£500\.00 \(!\)$/m);
    const t = json(dir, 'r.ratecard.yaml');
    assert.ok(t.affectedByErrors.includes('deadweight'));
    for (const key of ['maximumLiability', 'expected', 'byCohort', 'byPayer']) assert.ok(!t.affectedByErrors.includes(key), key);
    const csv = runCli(['totals', 'r.ratecard.yaml', '--format', 'csv'], { cwd: dir }).stdout;
    assert.match(csv, /^r,maximumLiability,c1,,,,10000\.00,GBP,\r$/m);
    assert.match(csv, /^r,deadweight,c1,,,,1000\.00,GBP,may not mean/m);
    // A malformed id is an error (exit 1) but no money figure depends on it.
    const bad = runCli(['totals', 'ok.ratecard.yaml'], { cwd: dir });
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /`id` must be/);
    assert.doesNotMatch(bad.stdout, /\(!\)/);
    assert.match(bad.stdout, /No figure depends on this error, but it needs fixing:\n {2}ok\.ratecard\.yaml:3:5 {2}`id` must be/);
    assert.deepEqual(json(dir, 'ok.ratecard.yaml').affectedByErrors, []);
  });
});
