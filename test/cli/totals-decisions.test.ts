/**
 * The places docs/totals.md once left silent (issue 20, 11), each decided there ("Decisions at
 * the edges") and tested here through the built CLI, one test per decision.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { runCli } from '../support/cli';
import { makeWorkspace } from './rules-fixture';
import { cardYaml, cohortYaml, frameworkYaml, outcomeYaml, totalsJson } from './totals-edge-fixture';

const twoPayers = '  - id: fund\n    name: Outcomes fund\n  - id: council\n    name: Council\n';

describe('totals: decisions at the edges (docs/totals.md)', () => {
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('"the highest band" is the dearest band, even where band prices do not rise', () => {
    dir = makeWorkspace({
      'f.framework.yaml': frameworkYaml(cohortYaml('c', 10), outcomeYaml('w', '    measure: Points\n', 'progression')),
      'r.ratecard.yaml': cardYaml('prices:\n  - outcome: w\n    bands:\n      - { from: 3, price: 900 }\n      - { from: 6, price: 500 }\nprojection:\n  - cohort: c\n    achievement: { w: 0.5 }\n'),
    });
    const { t } = totalsJson(dir);
    // The dearest band is the first (from 3): £900 a head at most; without shares by band, 10 × 0.5 × £900.
    assert.equal(t.maxPerParticipant.c, '900.00');
    assert.equal(t.expected, '4500.00');
  });

  it('caps.perPayer cuts the parts by cohort, outcome, line and year in the same proportion as the whole', () => {
    dir = makeWorkspace({
      'f.framework.yaml': frameworkYaml(cohortYaml('c', 10), outcomeYaml('a') + outcomeYaml('b'), twoPayers),
      'r.ratecard.yaml': cardYaml('caps:\n  perPayer: { fund: 5000 }\nprices:\n  - outcome: a\n    price: 1000\n    payers: { fund: 100 }\n  - outcome: b\n    price: 500\n    payers: { council: 100 }\nprojection:\n  - cohort: c\n    achievement: { a: 1, b: 1 }\n    profile: { 2025: 0.5, 2026: 0.5 }\n'),
    });
    const { t } = totalsJson(dir);
    // Expected: fund 10,000 held to 5,000, council 5,000: 10,000 of 15,000, a cut of 2/3 for every part.
    assert.deepEqual([t.expected, t.byPayer.fund.expected, t.byPayer.council.expected], ['10000.00', '5000.00', '5000.00']);
    assert.deepEqual(t.byLine.map((l: { expected: string }) => l.expected), ['6666.67', '3333.33']);
    assert.deepEqual([t.byOutcome.a.expected, t.byOutcome.b.expected], ['6666.67', '3333.33']);
    assert.deepEqual(t.byYear, { 2025: '5000.00', 2026: '5000.00' });
    assert.equal(t.byCohort.c.expected, '10000.00');
  });

  it('two pathways that tie: the one listed first in the framework counts, and its payer split', () => {
    dir = makeWorkspace({
      'f.framework.yaml': frameworkYaml(cohortYaml('c', 10), outcomeYaml('a') + outcomeYaml('b', '    excludes: [a]\n'), twoPayers),
      'r.ratecard.yaml': cardYaml('prices:\n  - outcome: a\n    price: 1000\n    payers: { fund: 100 }\n  - outcome: b\n    price: 1000\n    payers: { council: 100 }\n'),
    });
    const { t } = totalsJson(dir);
    assert.deepEqual([t.maximumLiability, t.byPayer.fund.maximumLiability, t.byPayer.council.maximumLiability], ['10000.00', '10000.00', '0.00']);
  });

  it('aboveBaseline where the cohort has no baseline for the outcome pays every achiever (a baseline of 0)', () => {
    dir = makeWorkspace({
      'f.framework.yaml': frameworkYaml(cohortYaml('c', 10), outcomeYaml('a', '    baseline: { c: 0.1 }\n') + outcomeYaml('b')),
      'r.ratecard.yaml': cardYaml('prices:\n  - outcome: a\n    price: 1000\n  - outcome: b\n    price: 1000\n    aboveBaseline: true\nprojection:\n  - cohort: c\n    achievement: { a: 0.5, b: 0.5 }\n'),
    });
    const { t } = totalsJson(dir);
    // b: 10 × 0.5 × 1,000 = 5,000 with nothing taken off; a: 5,000 with deadweight 10 × 0.1 × 1,000.
    assert.deepEqual([t.byOutcome.b.expected, t.expected, t.deadweight], ['5000.00', '10000.00', '1000.00']);
  });

  it('caps.perParticipant applies to the cohort\'s average participant (the projection gives averages)', () => {
    dir = makeWorkspace({
      'f.framework.yaml': frameworkYaml(cohortYaml('c', 10), outcomeYaml('a') + outcomeYaml('b')),
      'r.ratecard.yaml': cardYaml('caps:\n  perParticipant: 1000\nprices:\n  - outcome: a\n    price: 800\n  - outcome: b\n    price: 800\nprojection:\n  - cohort: c\n    achievement: { a: 1, b: 0.5 }\n'),
    });
    // The average participant earns 800 + 400 = 1,200, held to 1,000: 10 × 1,000.
    assert.equal(totalsJson(dir).t.expected, '10000.00');
  });

  it('periodsPerAchiever over maxPeriods counts maxPeriods, and the report says so', () => {
    dir = makeWorkspace({
      'f.framework.yaml': frameworkYaml(cohortYaml('c', 10), outcomeYaml('home', '    sustainWeeks: 1\n', 'sustainment')),
      'r.ratecard.yaml': cardYaml('prices:\n  - outcome: home\n    price: 100\n    per: week\n    maxPeriods: 10\nprojection:\n  - cohort: c\n    achievement: { home: 1 }\n    periodsPerAchiever: { home: 15 }\n'),
    });
    const { t } = totalsJson(dir);
    assert.equal(t.expected, '10000.00');
    assert.ok(t.capsApplied.includes('maxPeriods.c.home'));
    assert.match(runCli(['totals', 'r.ratecard.yaml'], { cwd: dir }).stdout, /The projection expects more periods than maxPeriods pays for home in c: counted as maxPeriods\./);
  });

  it('a cohort that is not projected and has no baselines leaves the whole deadweight estimated', () => {
    dir = makeWorkspace({
      'f.framework.yaml': frameworkYaml(cohortYaml('c', 10) + cohortYaml('d', 10), outcomeYaml('a', '    baseline: { c: 0.1 }\n')),
      'r.ratecard.yaml': cardYaml('prices:\n  - outcome: a\n    price: 1000\nprojection:\n  - cohort: c\n    achievement: { a: 0.5 }\n'),
    });
    const { t } = totalsJson(dir);
    // d adds no expected payments, so nothing of its is missing from the deadweight.
    assert.equal(t.deadweight, '1000.00');
    assert.equal(t.byCohort.d.deadweight, null);
    assert.equal(t.notEstimated?.deadweight, undefined);
  });
});
