/** The rules that read the framework: each fires where it should, at the right place, and not past its threshold's edge. */
import * as assert from 'node:assert/strict';
import type { RuleSettings } from '../../server/src/core/rules/types';
import { at, chain, checkRules, cohort, framework, FW, indicator, line, only, outcome, RC, rateCard } from './rules-support';

const run = (fw: string, ruleId: string, options: { rc?: string; settings?: RuleSettings } = {}) =>
  only(checkRules(options.rc ? { [FW]: fw, [RC]: options.rc } : { [FW]: fw }, FW, { settings: options.settings }), ruleId);

describe('entry-without-sustainment', () => {
  it('fires on a paid entry with no paid sustainment requiring it, at its stage', () => {
    const fw = framework(outcome({ id: 'job', domain: 'employment' }) + indicator);
    const [f] = run(fw, 'entry-without-sustainment');
    assert.deepEqual({ line: f.line, column: f.column }, at(fw, 'stage: ', 'entry'));
    assert.match(f.message, /pays for the start of employment but no paid sustainment outcome requires it/);
    assert.match(f.message, /`requires: \[job\]`/);
  });

  it('does not fire when a paid sustainment outcome requires it, directly or through another', () => {
    assert.deepEqual(run(framework(chain()), 'entry-without-sustainment'), []);
    const longer = framework(
      outcome({ id: 'entry' }) +
        outcome({ id: 'sustained', stage: 'sustainment', role: 'indicator', extra: '    sustainWeeks: 26\n    requires: [entry]\n' }) +
        outcome({ id: 'sustained-52w', stage: 'sustainment', extra: '    sustainWeeks: 52\n    requires: [sustained]\n' }) +
        indicator,
    );
    assert.deepEqual(run(longer, 'entry-without-sustainment'), []);
  });

  it('fires when the only sustainment is an indicator, or in another domain', () => {
    const asIndicator = framework(outcome({ id: 'entry' }) + outcome({ id: 'sustained', stage: 'sustainment', role: 'indicator', extra: '    sustainWeeks: 26\n    requires: [entry]\n' }) + indicator);
    assert.equal(run(asIndicator, 'entry-without-sustainment').length, 1);
    const otherDomain = framework(outcome({ id: 'entry' }) + outcome({ id: 'sustained', domain: 'employment', stage: 'sustainment', extra: '    sustainWeeks: 26\n    requires: [entry]\n' }) + indicator);
    assert.equal(run(otherDomain, 'entry-without-sustainment').length, 1);
  });

  it('does not fire on an entry that is only an indicator', () => {
    assert.deepEqual(run(framework(outcome({ id: 'entry', role: 'indicator' }) + indicator), 'entry-without-sustainment'), []);
  });
});

describe('broad-cohort', () => {
  it('fires on a cohort with no eligibility, at its id', () => {
    const fw = framework(chain(), { cohorts: cohort('everyone', '', '') });
    const [f] = run(fw, 'broad-cohort');
    assert.deepEqual({ line: f.line, column: f.column, text: f.text }, { ...at(fw, 'id: ', 'everyone'), text: 'everyone' });
    assert.match(f.message, /The cohort everyone has no eligibility criteria/);
    assert.match(f.message, /people most likely to succeed anyway/);
  });

  it('fires on an empty eligibility list, at the key', () => {
    const fw = framework(chain(), { cohorts: cohort('c', '', '    eligibility: []\n') });
    const [f] = run(fw, 'broad-cohort');
    assert.equal(f.text, 'eligibility');
  });

  it('passes at minCriteria, fires just below it', () => {
    const settings = { 'broad-cohort': { severity: 'warning' as const, thresholds: { minCriteria: 2 } } };
    const one = framework(chain(), { cohorts: cohort('c') });
    assert.match(run(one, 'broad-cohort')[0].message, /only 1 eligibility criterion \(at least 2 expected\)/, 'two by default');
    assert.match(run(one, 'broad-cohort', { settings })[0].message, /only 1 eligibility criterion \(at least 2 expected\)/);
    assert.deepEqual(run(one, 'broad-cohort', { settings: { 'broad-cohort': { severity: 'warning' as const, thresholds: { minCriteria: 1 } } } }), []);
    const two = framework(chain(), { cohorts: cohort('c', '', '    eligibility:\n      - Left care at 18\n      - Aged 18 to 21\n') });
    assert.deepEqual(run(two, 'broad-cohort', { settings }), []);
  });
});

describe('no-baseline', () => {
  it('fires (info) on a paid outcome without a baseline for a cohort, at its baseline key', () => {
    const fw = framework(chain(), { cohorts: cohort('c') + cohort('d') });
    const found = run(fw, 'no-baseline');
    assert.equal(found.length, 2);
    assert.equal(found[0].severity, 'info');
    assert.equal(found[0].text, 'baseline');
    assert.match(found[0].message, /has no baseline for d/);
  });

  it('looks only at the cohorts the rate cards pay it for', () => {
    const fw = framework(chain(), { cohorts: cohort('c') + cohort('d') });
    const rc = rateCard(line('entry', 1000, '    cohorts: [c]\n') + line('sustained', 1000, '    cohorts: [c]\n'));
    assert.deepEqual(run(fw, 'no-baseline', { rc }), []);
  });

  it('does not fire on indicators', () => {
    const fw = framework(outcome({ id: 'entry', role: 'indicator', baseline: 'c: 0.1' }).replace('    baseline: { c: 0.1 }\n', '') + indicator.replace('    baseline: { c: 0.1 }\n', ''));
    assert.deepEqual(run(fw, 'no-baseline'), []);
  });
});

describe('no-progression-measures', () => {
  it('fires (info) on a high-need cohort when no progression outcome exists, at its needs', () => {
    const fw = framework(outcome({ id: 'entry' }) + outcome({ id: 'sustained', stage: 'sustainment', extra: '    sustainWeeks: 26\n    requires: [entry]\n' }), { cohorts: cohort('c', '    needs: high\n') });
    const [f] = run(fw, 'no-progression-measures');
    assert.equal(f.text, 'high');
    assert.match(f.message, /The cohort c has high needs, but the framework has no progression outcome/);
  });

  it('does not fire with a progression indicator, or for medium needs', () => {
    assert.deepEqual(run(framework(chain(), { cohorts: cohort('c', '    needs: mixed\n') }), 'no-progression-measures'), []);
    assert.deepEqual(run(framework(outcome({ id: 'entry' }), { cohorts: cohort('c', '    needs: medium\n') }), 'no-progression-measures'), []);
  });
});

describe('overlapping-outcomes', () => {
  const two = (extra = '', b: Partial<Parameters<typeof outcome>[0]> = {}) => framework(outcome({ id: 'job', domain: 'employment' }) + outcome({ id: 'self-employed', domain: 'employment', extra, ...b }) + indicator);

  it('fires on the later of two paid outcomes of one domain and stage, with the other related', () => {
    const fw = two();
    const [f, ...rest] = run(fw, 'overlapping-outcomes');
    assert.equal(rest.length, 0);
    assert.deepEqual({ line: f.line, column: f.column }, at(fw, 'id: ', 'self-employed'));
    assert.match(f.message, /are both paid entry outcomes in employment/);
    assert.match(f.message, /say so with `excludes: \[job\]` on self-employed/);
    assert.equal(f.finding.related?.[0].message, 'the outcome it overlaps with');
  });

  it('does not fire with excludes either way, with requires, at different levels, or for an indicator', () => {
    assert.deepEqual(run(two('    excludes: [job]\n'), 'overlapping-outcomes'), []);
    assert.deepEqual(run(two('    requires: [job]\n'), 'overlapping-outcomes'), []);
    assert.deepEqual(run(two('', { role: 'indicator' }), 'overlapping-outcomes'), []);
    const reverse = framework(outcome({ id: 'job', domain: 'employment', extra: '    excludes: [self-employed]\n' }) + outcome({ id: 'self-employed', domain: 'employment' }) + indicator);
    assert.deepEqual(run(reverse, 'overlapping-outcomes'), []);
    const levels = framework(outcome({ id: 'l2', domain: 'education', stage: 'attainment', extra: '    qualificationLevel: 2\n' }) + outcome({ id: 'l3', domain: 'education', stage: 'attainment', extra: '    qualificationLevel: 3\n' }) + indicator);
    assert.deepEqual(run(levels, 'overlapping-outcomes'), []);
  });
});

describe('payment-after-contract-end (chains)', () => {
  const contract = (end: string) => `contract:\n  start: 2025-01-01\n  recruitmentEnd: 2027-01-01\n  end: ${end}\n`;

  it('does not fire when the chain completes on the last day', () => {
    // 26 weeks = 182 days after 2027-01-01 is 2027-07-02.
    assert.deepEqual(run(framework(chain(), { contract: contract('2027-07-02') }), 'payment-after-contract-end'), []);
  });

  it('fires a day short, on sustainWeeks, with the contract dates related', () => {
    const fw = framework(chain(), { contract: contract('2027-07-01') });
    const [f] = run(fw, 'payment-after-contract-end');
    assert.deepEqual({ line: f.line, column: f.column }, at(fw, 'sustainWeeks: ', '26'));
    assert.match(f.message, /takes 26 weeks from joining, so for someone who joins on the last recruitment day \(2027-01-01\) it completes about 1 week after the contract ends \(2027-07-01\)/);
    assert.deepEqual(f.finding.related?.map((r) => r.message), ['the contract ends here', 'the last day a participant may join']);
  });

  it('adds the weeks of a sustainment outcome of another domain that must be held first', () => {
    const fw = framework(chain() + outcome({ id: 'job-26w', domain: 'employment', stage: 'sustainment', extra: '    sustainWeeks: 52\n    requires: [sustained]\n' }), { contract: contract('2028-03-01') });
    const [f, ...rest] = run(fw, 'payment-after-contract-end');
    assert.equal(rest.length, 0);
    assert.match(f.message, /takes 78 weeks from joining \(with the outcomes it requires\)/);
  });

  it('counts a longer sustainment of the same domain from the same start (13 then 26 weeks is 26)', () => {
    // 52 weeks from 2027-01-01 is 2027-12-31: inside a contract ending 2028-01-01, though 26 + 52 would not be.
    const fw = framework(chain() + outcome({ id: 'sustained-52w', stage: 'sustainment', extra: '    sustainWeeks: 52\n    requires: [sustained]\n' }), { contract: contract('2028-01-01') });
    assert.deepEqual(run(fw, 'payment-after-contract-end'), []);
    const late = framework(chain() + outcome({ id: 'sustained-52w', stage: 'sustainment', extra: '    sustainWeeks: 52\n    requires: [sustained]\n' }), { contract: contract('2027-12-30') });
    const [f] = run(late, 'payment-after-contract-end');
    assert.match(f.message, /takes 52 weeks from joining,/);
  });
});

describe('subjective-only-trigger', () => {
  it('fires when every paid outcome of a domain is self-reported, at the first evidence kind', () => {
    const fw = framework(chain() + outcome({ id: 'confident', domain: 'wellbeing', stage: 'progression', evidence: 'self-reported' }));
    const [f] = run(fw, 'subjective-only-trigger');
    assert.deepEqual({ line: f.line, column: f.column }, at(fw, 'kind: ', 'self-reported', 1)); // the first is the indicator's
    assert.match(f.message, /Every paid outcome in wellbeing \(confident\) rests on self-reported evidence/);
  });

  it('does not fire when one paid outcome of the domain has other evidence', () => {
    const fw = framework(chain() + outcome({ id: 'confident', domain: 'wellbeing', stage: 'progression', evidence: 'self-reported' }) + outcome({ id: 'gp', domain: 'wellbeing', stage: 'attainment', evidence: 'verified' }));
    assert.deepEqual(run(fw, 'subjective-only-trigger'), []);
  });

  it("fires on a cohort whose rate card prices only self-reported outcomes", () => {
    const fw = framework(chain() + outcome({ id: 'confident', domain: 'wellbeing', stage: 'progression', evidence: 'self-reported' }) + outcome({ id: 'gp', domain: 'wellbeing', stage: 'attainment', evidence: 'verified' }), { cohorts: cohort('c') + cohort('d') });
    const rc = rateCard(line('entry', 1000, '    cohorts: [c]\n') + line('sustained', 1000, '    cohorts: [c]\n') + line('confident', 100, '    cohorts: [d]\n'));
    const [f] = run(fw, 'subjective-only-trigger', { rc });
    assert.deepEqual({ line: f.line, column: f.column }, at(fw, 'id: ', 'd'));
    assert.match(f.message, /Every outcome x-card pays for d \(confident\) rests on self-reported evidence/);
  });
});

describe('no-learning-indicators and no-person-led-outcomes', () => {
  const paidOnly = framework(outcome({ id: 'entry' }) + outcome({ id: 'sustained', stage: 'sustainment', extra: '    sustainWeeks: 26\n    requires: [entry]\n' }));

  it('no-learning-indicators fires (info) on the outcomes key when nothing is an indicator', () => {
    const [f] = run(paidOnly, 'no-learning-indicators');
    assert.equal(f.severity, 'info');
    assert.deepEqual({ line: f.line, column: f.column, text: f.text }, { ...at(paidOnly, '', 'outcomes:'), text: 'outcomes' });
    assert.deepEqual(run(framework(chain()), 'no-learning-indicators'), []);
  });

  it('no-person-led-outcomes is a hint, and quiet once one outcome is person-led', () => {
    const [f] = run(paidOnly, 'no-person-led-outcomes');
    assert.equal(f.severity, 'hint');
    assert.match(f.message, /No outcome is marked `personLed: true`/);
    assert.deepEqual(run(framework(chain()), 'no-person-led-outcomes'), []);
  });
});

describe('qualification-churn (framework)', () => {
  it('fires on a qualification with neither level nor guided hours, at its id', () => {
    const fw = framework(outcome({ id: 'any-cert', domain: 'education', stage: 'attainment' }) + indicator);
    const [f] = run(fw, 'qualification-churn');
    assert.equal(f.text, 'any-cert');
    assert.match(f.message, /neither its level \(`qualificationLevel`\) nor the least guided learning hours/);
  });

  it('does not fire with either, nor outside education and training', () => {
    assert.deepEqual(run(framework(outcome({ id: 'cert', domain: 'training', stage: 'attainment', extra: '    minGuidedHours: 120\n' }) + indicator), 'qualification-churn'), []);
    assert.deepEqual(run(framework(outcome({ id: 'cert', domain: 'practical-skills', stage: 'attainment' }) + indicator), 'qualification-churn'), []);
  });
});
