/**
 * An error marks only the figures it can change (docs/totals.md, "Errors in the files"), through
 * the built CLI: an outcome's `notComparable` feeds price comparisons only, so an error there
 * marks no figure; its `weeksToAchieve` says when it is achieved, not what it pays, so it marks
 * the investor's case (the cash flow) and never the maximum liability or the expected payments.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot, runCli } from '../support/cli';
import { copyInto } from '../support/git';
import { framework, makeWorkspace } from './rules-fixture';

const projected = `kind: RateCard
schemaVersion: 1
id: housing-2020
framework: housing.framework.yaml
currency: GBP
payers: { council: 100 }
prices:
  - outcome: home-entry
    price: 1000
  - outcome: home-26w
    price: 2000
projection:
  - cohort: leaving-care
    participants: 100
    achievement: { home-entry: 0.5, home-26w: 0.3 }
`;

describe('outcomes-lint totals: which figures an error marks', function () {
  this.timeout(60000);
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('an error in notComparable marks no figure: the table says none depends on it, JSON lists none', () => {
    dir = makeWorkspace({ 'housing.framework.yaml': framework.replace('    domain: accommodation\n    stage: entry\n', '    domain: accommodation\n    notComparable: 5\n    stage: entry\n'), 'housing.ratecard.yaml': projected });
    const table = runCli(['totals', 'housing.ratecard.yaml'], { cwd: dir });
    assert.equal(table.status, 1, table.stderr);
    assert.match(table.stderr, /housing\.framework\.yaml:\d+:\d+ .*notComparable|housing\.framework\.yaml:\d+:\d+ {2}/);
    assert.doesNotMatch(table.stdout, /\(!\)/);
    assert.match(table.stdout, /No figure depends on this error, but it needs fixing:/);
    const json = JSON.parse(runCli(['totals', 'housing.ratecard.yaml', '--format', 'json'], { cwd: dir }).stdout);
    assert.equal(json.errors.length, 1);
    assert.deepEqual(json.affectedByErrors, []);
    assert.equal(json.maximumLiability, '300000.00');
  });

  it('an error in weeksToAchieve, on a card without an investment, marks no figure: it changes when, not how much', () => {
    dir = makeWorkspace({ 'housing.framework.yaml': framework.replace('    domain: accommodation\n    stage: entry\n', '    domain: accommodation\n    stage: entry\n    weeksToAchieve: 0\n'), 'housing.ratecard.yaml': projected });
    const table = runCli(['totals', 'housing.ratecard.yaml'], { cwd: dir });
    assert.equal(table.status, 1, table.stderr);
    assert.match(table.stderr, /weeksToAchieve|at least 1/);
    // Before this, the outcome's lines and every whole were marked.
    assert.doesNotMatch(table.stdout, /\(!\)/);
    assert.match(table.stdout, /No figure depends on this error, but it needs fixing:/);
    const json = JSON.parse(runCli(['totals', 'housing.ratecard.yaml', '--format', 'json'], { cwd: dir }).stdout);
    assert.deepEqual(json.affectedByErrors, []);
    assert.equal(json.expected, '110000.00');
    const csv = runCli(['totals', 'housing.ratecard.yaml', '--format', 'csv'], { cwd: dir }).stdout;
    assert.doesNotMatch(csv, /may not mean what the contract says/);
  });

  it('with an investment, a weeksToAchieve error marks the investor figures and cash flow, not the payment figures', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'touched-'));
    copyInto(path.join(repoRoot, 'samples', 'care-leavers'), dir);
    const file = path.join(dir, 'care-leavers.framework.yaml');
    const text = fs.readFileSync(file, 'utf8');
    assert.ok(text.includes('  - id: education-entry\n'));
    fs.writeFileSync(file, text.replace(/( {2}- id: education-entry\n(?: {4}.*\n)*? {4}stage: entry\n)/, '$1    weeksToAchieve: 0\n'));
    const table = runCli(['totals', 'care-leavers.ratecard.yaml'], { cwd: dir });
    assert.equal(table.status, 1, table.stderr);
    assert.match(table.stdout, /Peak funding need\s+£[\d,.]+ \(!\)/);
    assert.doesNotMatch(table.stdout, /^Total.*\(!\)/m);
    assert.doesNotMatch(table.stdout, /Maximum liability.*\(!\)/);
    const json = JSON.parse(runCli(['totals', 'care-leavers.ratecard.yaml', '--format', 'json'], { cwd: dir }).stdout);
    assert.deepEqual(json.affectedByErrors, ['investor']);
    const csv = runCli(['totals', 'care-leavers.ratecard.yaml', '--format', 'csv'], { cwd: dir }).stdout;
    assert.match(csv, /,investor\.peakFunding,,,,,[0-9.]+,GBP,may not mean what the contract says until the errors are fixed\r$/m);
    assert.match(csv, /,investor\.cashFlow\.payments,.*may not mean what the contract says/);
    assert.match(csv, /,maximumLiability,,,,,[0-9.]+,GBP,\r$/m);
    // And the same error fixed: no mark anywhere.
    fs.writeFileSync(file, text);
    const clean = runCli(['totals', 'care-leavers.ratecard.yaml'], { cwd: dir });
    assert.equal(clean.status, 0, clean.stderr);
    assert.doesNotMatch(clean.stdout, /\(!\)/);
  });
});
