/**
 * Money at the edges (issue 20), through the built CLI on real files: exclusive pathways past 20
 * outcomes, caps per payer over every pathway mix, deadweight cut by the cap when another cohort
 * has no baselines, huge numbers, the what-if on banded lines, and the rules that quote the figures.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { runCli } from '../support/cli';
import { commitAll, edit, tempRepo } from '../support/git';
import * as path from 'node:path';
import { makeWorkspace } from './rules-fixture';
import { cardYaml, cohortYaml, findings, frameworkYaml, outcomeYaml, totalsJson } from './totals-edge-fixture';

/** n outcomes o0…o(n-1), each excluding the next, priced prices[i] pounds. */
function chain(n: number, price: (i: number) => number, size = 10) {
  let outcomes = '';
  let prices = '';
  for (let i = 0; i < n; i++) {
    outcomes += outcomeYaml(`o${i}`, i + 1 < n ? `    excludes: [o${i + 1}]\n` : '');
    prices += `  - outcome: o${i}\n    price: ${price(i)}\n`;
  }
  return { 'f.framework.yaml': frameworkYaml(cohortYaml('c', size), outcomes), 'r.ratecard.yaml': cardYaml(`prices:\n${prices}`) };
}

describe('outcomes-lint totals: exclusive pathways past 20 outcomes (issue 20, 1)', () => {
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('21 outcomes at £100, each excluding the next, 10 participants: at most £11,000, not £21,000', () => {
    dir = makeWorkspace(chain(21, () => 100));
    const { run, t } = totalsJson(dir);
    assert.equal(run.status, 0, run.stderr);
    // A participant takes every other outcome: o0, o2, …, o20 = 11 × £100.
    assert.equal(t.maxPerParticipant.c, '1100.00');
    assert.equal(t.maximumLiability, '11000.00');
    assert.deepEqual(t.upperBounds ?? {}, {});
    const table = runCli(['totals', 'r.ratecard.yaml'], { cwd: dir }).stdout;
    assert.match(table, /£11,000\.00/);
    assert.doesNotMatch(table, /£21,000\.00|at most/);
  });

  it('a 24-outcome chain priced £1,000–£1,023: £12,144 per participant, not £24,276', () => {
    dir = makeWorkspace(chain(24, (i) => 1000 + i));
    const { t } = totalsJson(dir);
    // The odd ones: 1,001 + 1,003 + … + 1,023 = 12 × 1,012 = 12,144.
    assert.equal(t.maxPerParticipant.c, '12144.00');
    assert.equal(t.maximumLiability, '121440.00');
  });

  it('uncapped-liability quotes the exact maximum of a long chain', () => {
    dir = makeWorkspace(chain(21, () => 100));
    const run = runCli(['r.ratecard.yaml', '--format', 'json'], { cwd: dir });
    const [finding] = findings(run.stdout, 'uncapped-liability');
    assert.ok(finding, run.stdout);
    assert.match(finding.message, /£11,000\.00/);
    assert.doesNotMatch(finding.message, /£21,000\.00/);
  });
});

describe('outcomes-lint totals: caps per payer over every pathway mix (issue 20, 2)', () => {
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const payers = '  - id: fund\n    name: Outcomes fund\n  - id: council\n    name: Council\n';

  it('a £1,000 (fund, capped at £1,000) or b £900 (council), 10 participants: one on a and nine on b, £9,100', () => {
    dir = makeWorkspace({
      'f.framework.yaml': frameworkYaml(cohortYaml('c', 10), outcomeYaml('a') + outcomeYaml('b', '    excludes: [a]\n'), payers),
      'r.ratecard.yaml': cardYaml('caps:\n  perPayer: { fund: 1000 }\nprices:\n  - outcome: a\n    price: 1000\n    payers: { fund: 100 }\n  - outcome: b\n    price: 900\n    payers: { council: 100 }\n'),
    });
    const { run, t } = totalsJson(dir);
    assert.equal(run.status, 0, run.stderr);
    // All on b: 9,000; one on a (fills the fund's cap) and nine on b: 1,000 + 8,100 = 9,100;
    // two on a: 1,000 + 7,200. The dearest pathway alone (a) would say 1,000.
    assert.equal(t.maximumLiability, '9100.00');
    assert.deepEqual([t.byPayer.fund.maximumLiability, t.byPayer.council.maximumLiability], ['1000.00', '8100.00']);
    assert.equal(t.byCohort.c.maximumLiability, '9100.00');
    assert.deepEqual(t.upperBounds ?? {}, {});
    assert.match(runCli(["totals", "r.ratecard.yaml"], { cwd: dir }).stdout, /^Total +£9,100\.00/m);
  });
});

describe('outcomes-lint totals: deadweight cut by the cap when another cohort has no baselines (issue 20, 3)', () => {
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("a's deadweight is cut by caps.total as its expected payments are: £1,818.18, not £20,000", () => {
    const card = cardYaml('caps:\n  total: 5000\nprices:\n  - outcome: job\n    price: 1000\nprojection:\n  - cohort: a\n    achievement: { job: 0.5 }\n  - cohort: b\n    achievement: { job: 0.5 }\n');
    const withBaselineB = (b: string) => makeWorkspace({ 'f.framework.yaml': frameworkYaml(cohortYaml('a', 100) + cohortYaml('b', 10), outcomeYaml('job', `    baseline: { a: 0.2${b} }\n`)), 'r.ratecard.yaml': card });
    // Expected: 100 × 0.5 × 1,000 + 10 × 0.5 × 1,000 = 55,000, capped at 5,000: a cut of 1/11.
    // a: expected 50,000 / 11 = 4,545.45; deadweight 100 × 0.2 × 1,000 / 11 = 1,818.18.
    dir = withBaselineB('');
    const { t } = totalsJson(dir);
    assert.equal(t.byCohort.a.expected, '4545.45');
    assert.equal(t.byCohort.a.deadweight, '1818.18');
    assert.equal(t.deadweight, null);
    assert.equal(t.notEstimated['byCohort.b.deadweight'], 'no baselines');
    // The same figure once b has a baseline (0: nothing would happen anyway).
    fs.rmSync(dir, { recursive: true, force: true });
    dir = withBaselineB(', b: 0');
    assert.equal(totalsJson(dir).t.byCohort.a.deadweight, '1818.18');
  });
});

describe('outcomes-lint totals: a maximum that is only a bound says "at most" everywhere (issue 20, 1)', () => {
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /**
   * 120 outcomes in one tangled group of exclusions (a chain plus random links, each outcome
   * excluding about seven others): past the search's budget of work (about a second of it per run).
   */
  function tangle() {
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed / 0x7fffffff);
    const n = 120;
    const excludes: number[][] = Array.from({ length: n }, () => []);
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (j === i + 1 || next() < 0.06) excludes[i].push(j);
    let outcomes = '';
    let prices = '';
    for (let i = 0; i < n; i++) {
      outcomes += outcomeYaml(`o${i}`, excludes[i].length ? `    excludes: [${excludes[i].map((j) => `o${j}`).join(', ')}]\n` : '');
      prices += `  - outcome: o${i}\n    price: ${100 + Math.floor(next() * 900)}\n`;
    }
    return { 'f.framework.yaml': frameworkYaml(cohortYaml('c', 10), outcomes), 'r.ratecard.yaml': cardYaml(`prices:\n${prices}`) };
  }

  it('JSON lists upperBounds beside notEstimated; table, markdown and CSV say "at most"; uncapped-liability says "at most"', function () {
    this.timeout(120000);
    dir = makeWorkspace(tangle());
    const { run, t } = totalsJson(dir);
    assert.equal(run.status, 0, run.stderr);
    assert.match(t.upperBounds.maximumLiability, /too many to search/);
    assert.ok(t.upperBounds['maxPerParticipant.c']);
    assert.ok(t.upperBounds['byPayer.p.maximumLiability']);
    const table = runCli(['totals', 'r.ratecard.yaml'], { cwd: dir }).stdout;
    assert.match(table, /^Total +at most £[\d,]+\.00/m);
    assert.match(table, /^c +10 +at most £[\d,]+\.00 +at most £[\d,]+\.00/m);
    assert.match(table, /"at most": only an upper bound/);
    assert.match(runCli(['totals', 'r.ratecard.yaml', '--format', 'markdown'], { cwd: dir }).stdout, /at most £/);
    const csv = runCli(['totals', 'r.ratecard.yaml', '--format', 'csv'], { cwd: dir }).stdout;
    assert.match(csv, /^r,maximumLiability,,,,,\d+\.00,GBP,at most: the exclusive pathways were too many to search/m);
    const [finding] = findings(runCli(['r.ratecard.yaml', '--format', 'json'], { cwd: dir }).stdout, 'uncapped-liability');
    assert.match(finding.message, /the maximum liability today is at most £[\d,]+\.00: an upper bound/);
  });

  it('--base compares a bound as a bound: "at most" on each side, no exact change claimed', function () {
    this.timeout(120000);
    dir = tempRepo();
    for (const [name, text] of Object.entries(tangle())) fs.writeFileSync(path.join(dir, name), text);
    commitAll(dir, 'base');
    edit(path.join(dir, 'r.ratecard.yaml'), /(- outcome: o0\n    price: )\d+/, '$1 5000');
    const run = runCli(['totals', 'r.ratecard.yaml', '--base', 'HEAD'], { cwd: dir });
    assert.match(run.stdout, /Maximum liability at most £[\d,]+\.00 → at most £[\d,]+\.00 \(no exact change: an upper bound\)/);
    const json = JSON.parse(runCli(['totals', 'r.ratecard.yaml', '--base', 'HEAD', '--format', 'json'], { cwd: dir }).stdout);
    assert.equal(json.rateCards[0].delta.maximumLiability, null);
  });
});

describe('uncapped-liability without its framework (issue 20, 8)', () => {
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('asserts no maximum liability when the framework lies outside the workspace and cannot be read', () => {
    const outcomes = outcomeYaml('a') + outcomeYaml('b', '    excludes: [a]\n');
    dir = makeWorkspace({
      'f.framework.yaml': frameworkYaml(cohortYaml('c', 10), outcomes),
      'card/r.ratecard.yaml': cardYaml('prices:\n  - outcome: a\n    price: 1000\n  - outcome: b\n    price: 900\n').replace('framework: f.framework.yaml', 'framework: ../f.framework.yaml'),
    });
    const run = runCli(['r.ratecard.yaml', '--format', 'json'], { cwd: path.join(dir, 'card') });
    const [finding] = findings(run.stdout, 'uncapped-liability');
    assert.ok(finding, run.stdout);
    // Without the framework's exclusion the figure would count a and b together (£1,900 a head).
    assert.doesNotMatch(finding.message, /£[\d,]+\.\d\d/);
    assert.match(finding.message, /its framework could not be read, so the maximum liability is not worked out here/);
    // Read from the folder above, the framework is in the workspace: the exact figure, one pathway a head.
    const inside = findings(runCli(['card/r.ratecard.yaml', '--format', 'json'], { cwd: dir }).stdout, 'uncapped-liability')[0];
    assert.match(inside.message, /£10,000\.00 is the maximum liability today/);
  });
});

describe('cap-binds and caps.perPayer (issue 20, 7)', () => {
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("reports a fund's top-up whose expected payments reach its cap per payer, on that cap", () => {
    const payers = '  - id: council\n    name: Council\n  - id: fund\n    name: Outcomes fund\n';
    dir = makeWorkspace({
      'f.framework.yaml': frameworkYaml(cohortYaml('c', 1000), outcomeYaml('a'), payers),
      // The fund tops up 40%: 1,000 × 0.7 × £2,000 × 40% = £560,000 expected, held to £500,000.
      'r.ratecard.yaml': cardYaml('payers: { council: 60, fund: 40 }\ncaps:\n  total: 2000000\n  perPayer: { fund: 500000 }\nprices:\n  - outcome: a\n    price: 2000\nprojection:\n  - cohort: c\n    achievement: { a: 0.7 }\n'),
    });
    const run = runCli(['r.ratecard.yaml', '--format', 'json'], { cwd: dir });
    const hits = findings(run.stdout, 'cap-binds');
    assert.equal(hits.length, 1, run.stdout);
    assert.match(hits[0].message, /^Expected payments by fund reach its cap of £500,000\.00 \(caps\.perPayer\)/);
    assert.equal(hits[0].line, 9);
    assert.match(runCli(['totals', 'r.ratecard.yaml'], { cwd: dir }).stdout, /caps\.perPayer limits what fund pays of the expected payments/);
  });
});

describe('outcomes-lint totals: huge numbers (issue 20, 5)', () => {
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const files = (price: string, size = 10) => ({ 'f.framework.yaml': frameworkYaml(cohortYaml('c', size), outcomeYaml('a')), 'r.ratecard.yaml': cardYaml(`prices:\n  - outcome: a\n    price: ${price}\nprojection:\n  - cohort: c\n    achievement: { a: 0.5 }\n`) });

  it('a maximum past 2^53 pence is "too large to count exactly" with exit 1, never "unbounded" or null without a reason', () => {
    // £90,000,000,000 × 10,000 participants = 9 × 10^16 pence, past 9,007,199,254,740,991.
    dir = makeWorkspace(files('90000000000', 10000));
    const { run, t } = totalsJson(dir);
    assert.equal(run.status, 1);
    assert.equal(t.maximumLiability, null);
    assert.equal(t.notEstimated.maximumLiability, 'too large to count exactly');
    assert.match(t.blockedBy[0].message, /too large to count exactly/);
    const table = runCli(['totals', 'r.ratecard.yaml'], { cwd: dir }).stdout;
    assert.match(table, /^Total +not estimated — too large to count exactly/m);
    assert.doesNotMatch(table, /unbounded/);
  });

  it('--participants with a 50-digit scale fails plainly: no float participants in JSON', () => {
    dir = makeWorkspace(files('1000'));
    const scale = '1' + '0'.repeat(49);
    const run = runCli(['totals', 'r.ratecard.yaml', '--format', 'json', '--participants', scale], { cwd: dir });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /more participants than can be counted exactly/);
    assert.doesNotMatch(run.stdout, /e\+\d/);
    assert.equal(JSON.parse(run.stdout).byCohort.c.participants, null);
  });

  it('price: 999999999999999 is told it is too large, not to "write it as plain digits"', () => {
    dir = makeWorkspace(files('999999999999999'));
    const run = runCli(['r.ratecard.yaml', '--format', 'json'], { cwd: dir });
    const [schema] = findings(run.stdout, 'schema');
    assert.match(schema.message, /^The amount 999999999999999 is too large to count exactly in minor units \(pence, cents\): the most is 90071992547409\.91 GBP/);
    assert.doesNotMatch(schema.message, /plain digits/);
  });
});

describe('outcomes-lint totals: what-if on a line paid in bands (issue 20, 6)', () => {
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const banded = () =>
    makeWorkspace({
      'f.framework.yaml': frameworkYaml(cohortYaml('c', 100), outcomeYaml('wellbeing', '    measure: Points on the wellbeing scale\n', 'progression').replace('domain: employment', 'domain: wellbeing')),
      'r.ratecard.yaml': cardYaml('prices:\n  - outcome: wellbeing\n    bands:\n      - { from: 3, price: 500 }\n      - { from: 6, price: 900 }\nprojection:\n  - cohort: c\n    achievement: { wellbeing: 0.5 }\n    bandShares:\n      wellbeing: { 3: 0.3, 6: 0.2 }\n'),
    });

  it('--achievement scales the shares by band, and the sensitivity table moves the banded outcome', () => {
    dir = banded();
    // As written: 100 × (0.3 × 500 + 0.2 × 900) = 33,000. × 1.2: 100 × (0.36 × 500 + 0.24 × 900) = 39,600.
    assert.equal(totalsJson(dir).t.expected, '33000.00');
    const { run, t } = totalsJson(dir, '--achievement', '1.2');
    assert.equal(run.status, 0, run.stderr);
    assert.equal(t.expected, '39600.00');
    // A tenth more of 1.2: × 1.32, 100 × (0.396 × 500 + 0.264 × 900) = 43,560: moves by 3,960.
    assert.deepEqual(t.whatIf.sensitivity, [{ outcome: 'wellbeing', expected: '39600.00', movedByTenPercentMore: '3960.00' }]);
  });

  it('shares by band scaled past 1 in all keep their proportions and reach 1', () => {
    dir = banded();
    // × 3: 0.9 and 0.6 would add up to 1.5; kept in proportion, 0.6 and 0.4: 100 × (300 + 360) = 66,000.
    assert.equal(totalsJson(dir, '--achievement', '3').t.expected, '66000.00');
  });
});
