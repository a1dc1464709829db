import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, runCli } from '../support/cli';

/** The public ids of rules.md's table, read from the design if present, else the docs. */
const rulesMdIds = ['repeatable-entry-payment', 'entry-without-sustainment', 'front-loaded-chain', 'inverted-progression', 'engagement-heavy', 'no-baseline', 'high-deadweight', 'broad-cohort', 'uniform-price-mixed-needs', 'no-progression-measures', 'overlapping-outcomes', 'payment-after-contract-end', 'uncapped-liability', 'cap-binds', 'subjective-only-trigger', 'no-learning-indicators', 'qualification-churn', 'no-person-led-outcomes', 'price-context', 'funding-gap', 'thin-investor-margin', 'rich-money-multiple', 'price-above-value', 'savings-elsewhere', 'value-without-source'];

/** The rules that check an actuals file's claims (docs/actuals.md), listed after the others. */
const actualsIds = ['actuals-unpriced-outcome', 'actuals-price-mismatch', 'actuals-over-max-claims', 'actuals-excluded-outcomes', 'actuals-missing-prerequisite', 'actuals-cap-exceeded', 'actuals-outside-contract', 'actuals-late-start', 'actuals-optimism'];

describe('outcomes-lint rules', () => {
  it('lists every rule with its default severity, summary and thresholds, then the built-in checks as always errors', () => {
    const run = runCli(['rules']);
    assert.equal(run.status, 0, run.stderr);
    for (const id of rulesMdIds) assert.match(run.stdout, new RegExp(`^${id} +(warning|info|hint|error)\\b`, 'm'), id);
    assert.match(run.stdout, /^repeatable-entry-payment +warning +fixable \(changes a contract term: --fix-type term\)\n {4}\S/m);
    assert.match(run.stdout, /^broad-cohort +warning +fixable\n {4}\S/m);
    assert.match(run.stdout, /^ {4}threshold maxEntryShare = 0\.5 \(from 0 to 1\): /m);
    assert.match(run.stdout, /^ {4}threshold maxShare = 0\.3 \(from 0 to 1\): /m);
    const builtIns = run.stdout.slice(run.stdout.indexOf('Built-in checks'));
    for (const id of ['yaml-syntax', 'schema', 'unknown-reference', 'framework-not-found', 'currency-mismatch', 'payer-split', 'duplicate-price', 'requires-cycle', 'profile-sum', 'contract-dates']) assert.match(builtIns, new RegExp(`^${id} +error +always$`, 'm'), id);
  });

  it('--format json gives the same list as data', () => {
    const run = runCli(['rules', '--format', 'json']);
    assert.equal(run.status, 0, run.stderr);
    const data = JSON.parse(run.stdout);
    const ids: string[] = data.rules.map((r: { id: string }) => r.id);
    // rules.md's rules in their order, and the actuals rules last (other rules may sit between).
    assert.deepEqual(ids.filter((id) => rulesMdIds.includes(id)), rulesMdIds);
    assert.deepEqual(ids.slice(-actualsIds.length), actualsIds);
    const noBaseline = data.rules.find((r: { id: string }) => r.id === 'no-baseline');
    assert.equal(noBaseline.defaultSeverity, 'info');
    assert.equal(typeof noBaseline.summary, 'string');
    const engagement = data.rules.find((r: { id: string }) => r.id === 'engagement-heavy');
    assert.equal(engagement.thresholds.maxShare.default, 0.15);
    assert.ok(data.builtIns.every((b: { configurable: boolean }) => b.configurable === false));
    assert.equal(data.builtIns.find((b: { id: string }) => b.id === 'schema').severity, 'error');
  });

  it('every rule id the CLI knows is in the configuration docs’ list of ids', () => {
    const docs = path.join(repoRoot, 'docs/configuration.md');
    const text = fs.readFileSync(docs, 'utf8');
    for (const id of [...rulesMdIds, ...actualsIds]) assert.ok(text.includes(`\`${id}\``), `docs/configuration.md names ${id}`);
  });

  it('an unknown format is a usage error', () => {
    const run = runCli(['rules', '--format', 'xml']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /Unknown format "xml" for rules/);
  });
});
