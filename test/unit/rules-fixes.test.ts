/**
 * Each rule fix applied to its text: the result parses and is valid, re-checks clean for that
 * rule, and keeps every byte outside the edit (comments and layout included).
 */
import * as assert from 'node:assert/strict';
import type { Fix } from '../../server/src/core/findings';
import { ruleById } from '../../server/src/core/rules/engine';
import { chain, checkRules, coreIds, framework, FW, indicator, line, only, outcome, RC, rateCard, cohort } from './rules-support';

function apply(text: string, fix: Fix): string {
  const edits = [...fix.edits].sort((a, b) => b.span.start - a.span.start);
  let out = text;
  for (const edit of edits) out = out.slice(0, edit.span.start) + edit.newText + out.slice(edit.span.end);
  return out;
}

/** Applies the first fix of `ruleId` to `name`, and checks the result as the tests' brief asks. */
function fixAndRecheck(files: Record<string, string>, name: string, ruleId: string): string {
  const [finding] = only(checkRules(files, name), ruleId);
  assert.ok(finding, `${ruleId} did not fire`);
  const fix = finding.finding.fix;
  assert.ok(fix, `${ruleId} has no fix here`);
  assert.equal(fix.changesTerm, Boolean(ruleById(ruleId)!.meta.fixChangesTerm), `${ruleId}: the fix and the rule's metadata agree on whether it changes a contract term`);
  const before = files[name];
  const after = apply(before, fix);
  // Every byte outside the edits is kept: with one edit, the text before it and after it are unchanged.
  assert.equal(fix.edits.length, 1);
  const { start, end } = fix.edits[0].span;
  assert.equal(after.slice(0, start), before.slice(0, start));
  assert.equal(after.slice(after.length - (before.length - end)), before.slice(end));
  const rechecked = checkRules({ ...files, [name]: after }, name, { all: true });
  assert.deepEqual(rechecked.filter((f) => coreIds.has(f.ruleId)).map((f) => f.message), [], 'the fixed file is not valid');
  assert.deepEqual(only(rechecked, ruleId).map((f) => f.message), [], 'the rule still fires after its fix');
  return after;
}

describe('rule fixes', () => {
  it('repeatable-entry-payment: sets maxClaims to 1, keeping the comment on its line', () => {
    const rc = rateCard(line('entry', 1000, '    maxClaims: 3   # agreed in 2024\n') + line('sustained', 2000));
    const after = fixAndRecheck({ [FW]: framework(chain()), [RC]: rc }, RC, 'repeatable-entry-payment');
    assert.match(after, /\n    maxClaims: 1   # agreed in 2024\n/);
  });

  it('qualification-churn: sets maxClaims to 1 on a qualification line', () => {
    const fw = framework(outcome({ id: 'l2', domain: 'education', stage: 'attainment', extra: '    qualificationLevel: 2\n' }) + indicator);
    const after = fixAndRecheck({ [FW]: fw, [RC]: rateCard(line('l2', 1000, '    maxClaims: unlimited\n')) }, RC, 'qualification-churn');
    assert.match(after, /maxClaims: 1\n/);
  });

  it('broad-cohort: adds an eligibility list with a placeholder, at the cohort indentation; the placeholder keeps the finding open', () => {
    const settings = { 'broad-cohort': { severity: 'warning' as const, thresholds: { minCriteria: 1 } } };
    const fw = framework(chain(), { cohorts: '  # Who the programme serves\n  - id: c\n    title: Everyone\n    size: 100   # target\n  # next cohort below\n' + cohort('d') });
    const [finding] = only(checkRules({ [FW]: fw }, FW, { settings }), 'broad-cohort');
    assert.equal(finding.finding.fix?.changesTerm, false);
    const after = apply(fw, finding.finding.fix!);
    assert.match(after, /    size: 100   # target\n    eligibility:\n      - Describe who may be referred \(replace this placeholder\)\n  # next cohort below\n/);
    const again = only(checkRules({ [FW]: after }, FW, { settings }), 'broad-cohort');
    assert.equal(again.length, 1, 'the placeholder is not a criterion');
    assert.match(again[0].message, /no eligibility criteria, and a placeholder still to be replaced/);
    assert.equal(again[0].finding.fix, undefined, 'nothing more to add by itself');
  });

  it('overlapping-outcomes: adds an excludes line when there is none', () => {
    const fw = framework(outcome({ id: 'job', domain: 'employment' }) + outcome({ id: 'self', domain: 'employment' }) + '  # the indicator\n' + indicator);
    const after = fixAndRecheck({ [FW]: fw }, FW, 'overlapping-outcomes');
    assert.match(after, /    baseline: \{ c: 0\.1 \}\n    excludes: \[job\]\n  # the indicator\n/);
  });

  it('overlapping-outcomes: adds to a flow excludes list', () => {
    const fw = framework(outcome({ id: 'job', domain: 'employment' }) + outcome({ id: 'other', domain: 'employment', stage: 'sustainment', extra: '    sustainWeeks: 13\n' }) + outcome({ id: 'self', domain: 'employment', extra: '    excludes: [other]  # not both\n' }) + indicator);
    const after = fixAndRecheck({ [FW]: fw }, FW, 'overlapping-outcomes');
    assert.match(after, /    excludes: \[other, job\]  # not both\n/);
  });

  it('overlapping-outcomes: adds a line to a block excludes list', () => {
    const fw = framework(outcome({ id: 'job', domain: 'employment' }) + outcome({ id: 'other', domain: 'employment', stage: 'sustainment', extra: '    sustainWeeks: 13\n' }) + outcome({ id: 'self', domain: 'employment', extra: '    excludes:\n      - other\n' }) + indicator);
    const after = fixAndRecheck({ [FW]: fw }, FW, 'overlapping-outcomes');
    assert.match(after, /    excludes:\n      - other\n      - job\n/);
  });

  it('uncapped-liability: adds caps.total at the maximum liability before prices', () => {
    const rc = rateCard(line('entry', 1000) + line('sustained', '2000.50'), { caps: '# prices from the 2024 tender\n' });
    const after = fixAndRecheck({ [FW]: framework(chain()), [RC]: rc }, RC, 'uncapped-liability');
    // 100 participants × £3,000.50.
    assert.match(after, /# prices from the 2024 tender\ncaps:\n  total: 300050\nprices:\n/);
  });

  it('uncapped-liability: adds total to an existing caps block', () => {
    const rc = rateCard(line('entry', 1000) + line('sustained', 2000), { caps: 'caps:\n  perParticipant: 2500   # per person\n' });
    const after = fixAndRecheck({ [FW]: framework(chain()), [RC]: rc }, RC, 'uncapped-liability');
    assert.match(after, /caps:\n  perParticipant: 2500   # per person\n  total: 250000\nprices:/);
  });

  it('keeps CRLF line endings in what it inserts', () => {
    const fw = framework(outcome({ id: 'job', domain: 'employment' }) + outcome({ id: 'self', domain: 'employment' }) + indicator).replace(/\n/g, '\r\n');
    const after = fixAndRecheck({ [FW]: fw }, FW, 'overlapping-outcomes');
    assert.match(after, /\r\n    excludes: \[job\]\r\n/);
    assert.doesNotMatch(after, /[^\r]\n/);
  });

  it('offers no fix where one edit cannot mend it (a flow-style cohort, an unbounded liability)', () => {
    const fw = framework(chain(), { cohorts: '  - { id: c, title: Everyone, size: 100 }\n' });
    assert.equal(only(checkRules({ [FW]: fw }, FW), 'broad-cohort')[0].finding.fix, undefined);
    const rc = rateCard(line('entry', 1000) + line('sustained', 100, '    maxClaims: unlimited\n'), { caps: null });
    const [f] = only(checkRules({ [FW]: framework(chain()), [RC]: rc }, RC), 'uncapped-liability');
    assert.equal(f.finding.fix, undefined);
  });
});
