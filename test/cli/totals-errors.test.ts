/**
 * Honest figures from `outcomes-lint totals`, through the built CLI on real files: errors in the
 * rate card or its framework exit 1, are named on stderr and mark the figures they touch; a
 * deadweight that cannot be estimated says so, never £0.00.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { runCli } from '../support/cli';
import { framework, makeWorkspace, rateCard } from './rules-fixture';

describe('outcomes-lint totals: honest figures', () => {
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('exits 1 when the framework has an error, names it on stderr and marks the figures it touches', () => {
    // home-26w made to require an outcome it excludes: it can never be paid (unpayable-outcome, an error).
    dir = makeWorkspace({ 'housing.framework.yaml': framework.replace('    requires: [home-entry]\n', '    requires: [home-entry]\n    excludes: [home-entry]\n') });
    const run = runCli(['totals', 'housing.ratecard.yaml'], { cwd: dir });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /housing\.ratecard\.yaml has 1 error \(with its framework\)/);
    // A rule set to error (repeatable-entry-payment here) judges the design; it is mentioned, not counted.
    assert.match(run.stderr, /1 rule finding is an error; the figures stand/);
    assert.match(run.stderr, /housing\.framework\.yaml:\d+:5 {2}`home-26w` can never be achieved, so it is never paid: it requires `home-entry` \(directly or through what it requires\), which it excludes\.[^\n]* unpayable-outcome/);
    // Its lines' figures and every whole they feed are marked; the note under the table says why.
    assert.match(run.stdout, /Total .*\(!\)/);
    assert.match(run.stdout, /\(!\) may not mean what the contract says until this error is fixed:\n {2}housing\.framework\.yaml:/);
    const json = JSON.parse(runCli(['totals', 'housing.ratecard.yaml', '--format', 'json'], { cwd: dir }).stdout);
    assert.equal(json.errors[0].ruleId, 'unpayable-outcome');
    assert.ok(json.affectedByErrors.includes('maximumLiability'));
    const csv = runCli(['totals', 'housing.ratecard.yaml', '--format', 'csv'], { cwd: dir }).stdout;
    assert.match(csv, /^housing-2020,maximumLiability,,,,,[0-9.]+,GBP,may not mean what the contract says until the errors are fixed\r$/m);
  });

  it('exits 0, with nothing on stderr and no marks, when neither file has an error', () => {
    dir = makeWorkspace({ 'housing.ratecard.yaml': rateCard.replace('maxClaims: 3', 'maxClaims: 1') });
    const run = runCli(['totals', 'housing.ratecard.yaml'], { cwd: dir });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, '');
    assert.doesNotMatch(run.stdout, /\(!\)/);
  });

  it('says "not estimated — no baselines" for deadweight without baselines, and null with the reason in JSON', () => {
    const projection = 'projection:\n  - cohort: leaving-care\n    participants: 100\n    achievement: { home-entry: 0.5, home-26w: 0.3 }\n';
    dir = makeWorkspace({ 'housing.framework.yaml': framework.replace(/ {4}baseline: \{ leaving-care: [0-9.]+ \}\n/g, ''), 'housing.ratecard.yaml': rateCard + projection });
    const table = runCli(['totals', 'housing.ratecard.yaml'], { cwd: dir });
    assert.match(table.stdout, /not estimated — no baselines/);
    assert.doesNotMatch(table.stdout, /£0\.00/);
    const json = JSON.parse(runCli(['totals', 'housing.ratecard.yaml', '--format', 'json'], { cwd: dir }).stdout);
    assert.equal(json.deadweight, null);
    assert.equal(json.notEstimated.deadweight, 'no baselines');
    assert.equal(json.byCohort['leaving-care'].deadweight, null);
    // Expected payments are still there: 100 × (0.5 × 1,000 + 0.3 × 2,000) = 110,000.
    assert.equal(json.expected, '110000.00');
  });
});
