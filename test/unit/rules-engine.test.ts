/** The rule engine: settings, scope (which file's findings), partly valid documents, and the one entry point. */
import * as assert from 'node:assert/strict';
import { allRules, defaultSettings, ruleById, rules } from '../../server/src/core/rules/engine';
import { allRulesOff } from '../../server/src/core/rules/index';
import { chain, checkRules, cohort, framework, FW, indicator, line, only, outcome, RC, rateCard } from './rules-support';

const perverse = () => ({
  [FW]: framework(outcome({ id: 'job', domain: 'employment' }) + indicator, { cohorts: cohort('c', '', '') }),
  [RC]: rateCard(line('job', 1000, '    maxClaims: 2\n'), { caps: null }),
});

describe('rule engine', () => {
  it('runs every rule with its defaults when no settings are given', () => {
    const ids = new Set([...checkRules(perverse(), FW), ...checkRules(perverse(), RC)].map((f) => f.ruleId));
    for (const id of ['broad-cohort', 'entry-without-sustainment', 'repeatable-entry-payment', 'uncapped-liability']) assert.ok(ids.has(id), id);
  });

  it('skips a rule set to off, and every rule with allRulesOff', () => {
    const settings = { 'repeatable-entry-payment': { severity: 'off' as const, thresholds: {} } };
    assert.deepEqual(only(checkRules(perverse(), RC, { settings }), 'repeatable-entry-payment'), []);
    assert.ok(only(checkRules(perverse(), RC, { settings }), 'uncapped-liability').length > 0, 'other rules still run');
    assert.deepEqual(checkRules(perverse(), RC, { settings: allRulesOff() }), []);
    assert.deepEqual(checkRules(perverse(), FW, { settings: allRules('off') }), []);
  });

  it('gives findings the configured severity', () => {
    const settings = { 'broad-cohort': { severity: 'error' as const, thresholds: {} } };
    assert.equal(only(checkRules(perverse(), FW, { settings }), 'broad-cohort')[0].severity, 'error');
  });

  it('keeps accommodation repeat payments an error at the default severity, and obeys a configured one', () => {
    const files = { [FW]: framework(chain()), [RC]: rateCard(line('entry', 1000, '    maxClaims: 2\n') + line('sustained', 2000)) };
    assert.equal(only(checkRules(files, RC, { settings: defaultSettings() }), 'repeatable-entry-payment')[0].severity, 'error');
    const settings = { 'repeatable-entry-payment': { severity: 'info' as const, thresholds: {} } };
    assert.equal(only(checkRules(files, RC, { settings }), 'repeatable-entry-payment')[0].severity, 'info');
  });

  it('fills thresholds the settings leave out with their defaults', () => {
    const files = { [FW]: framework(chain()), [RC]: rateCard(line('entry', 1001) + line('sustained', 999)) };
    const settings = { 'front-loaded-chain': { severity: 'warning' as const, thresholds: {} } };
    assert.equal(only(checkRules(files, RC, { settings }), 'front-loaded-chain').length, 1);
  });

  it("reports a rate card's findings on the rate card and a framework's on the framework", () => {
    for (const f of checkRules(perverse(), RC)) assert.match(f.finding.file, /x\.ratecard\.yaml$/);
    for (const f of checkRules(perverse(), FW)) assert.match(f.finding.file, /x\.framework\.yaml$/);
    assert.deepEqual(only(checkRules(perverse(), RC), 'broad-cohort'), []);
  });

  it('runs on partly valid documents: a broken outcome does not silence the rules on the others', () => {
    const broken = outcome({ id: 'broken', domain: 'housing' }) + outcome({ id: 'job', domain: 'employment' }) + indicator;
    const findings = checkRules({ [FW]: framework(broken) }, FW, { all: true });
    assert.ok(findings.some((f) => f.ruleId === 'schema'), 'the schema error is reported');
    assert.match(only(findings, 'entry-without-sustainment').map((f) => f.message).join('\n'), /"Outcome job" \(job\) pays for the start of employment/);
  });

  it('runs rate-card rules without a framework, and never throws on odd input', () => {
    const alone = { [RC]: rateCard(line('job', 1000, '    maxClaims: 2\n')) };
    assert.doesNotThrow(() => checkRules(alone, RC, { all: true }));
    const odd = { [FW]: 'kind: OutcomeFramework\noutcomes: 5\ncohorts: [1, null, {id: 3}]\n', [RC]: 'kind: RateCard\nframework: x.framework.yaml\nprices: [null, {outcome: 7, price: "x"}, {maxClaims: unlimited}]\nprojection: [{cohort: c, profile: {2099: 2}}]\ncaps: 5\n' };
    for (const name of [FW, RC]) {
      const findings = checkRules(odd, name, { all: true });
      assert.deepEqual(findings.filter((f) => /could not check this file/.test(f.message)).map((f) => f.message), []);
    }
  });

  it('reports a rule that fails as a warning on the file, and still runs the others', () => {
    const broken = { meta: { ...rules[0].meta, id: 'test-broken-rule' }, check: () => { throw new Error('boom'); } };
    rules.push(broken);
    try {
      const findings = checkRules(perverse(), RC);
      const [failure] = only(findings, 'test-broken-rule');
      assert.equal(failure.severity, 'warning');
      assert.match(failure.message, /The rule test-broken-rule could not check this file \(internal error: boom\)\. The other checks still ran/);
      assert.ok(only(findings, 'repeatable-entry-payment').length > 0);
    } finally {
      rules.pop();
    }
  });

  it('exports the rules with their metadata, each with a docs link and threshold schemas', () => {
    assert.equal(rules.length, 25);
    for (const rule of rules) {
      assert.equal(ruleById(rule.meta.id), rule);
      assert.ok(rule.meta.summary.length > 20 && rule.meta.summary.length < 160, rule.meta.id);
      for (const t of Object.values(rule.meta.thresholds)) assert.equal(typeof t.schema.type, 'string');
    }
    assert.equal(ruleById('no-such-rule'), undefined);
  });
});
