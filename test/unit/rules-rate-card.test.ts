/** The rules that read prices: each fires where it should, at the right place, and not past its threshold's edge. */
import * as assert from 'node:assert/strict';
import type { RuleSettings } from '../../server/src/core/rules/types';
import { at, chain, checkRules, cohort, framework, FW, indicator, line, only, outcome, RC, rateCard } from './rules-support';

const run = (fw: string, rc: string, ruleId: string, settings?: RuleSettings) => only(checkRules({ [FW]: fw, [RC]: rc }, RC, { settings }), ruleId);

describe('repeatable-entry-payment', () => {
  it('is an error on accommodation, at maxClaims, saying it pays for moving people between homes', () => {
    const rc = rateCard(line('entry', 1000, '    maxClaims: 2\n') + line('sustained', 2000));
    const [f, ...rest] = run(framework(chain()), rc, 'repeatable-entry-payment');
    assert.equal(rest.length, 0);
    assert.equal(f.severity, 'error');
    assert.deepEqual({ line: f.line, column: f.column }, at(rc, 'maxClaims: ', '2'));
    assert.match(f.message, /up to 2 times/);
    assert.match(f.message, /moving people between homes/);
    assert.match(f.message, /Pay it once \(maxClaims: 1\)/);
    assert.equal(f.finding.fix?.title, 'Set maxClaims of entry from 2 to 1');
    assert.equal(f.finding.fix?.changesTerm, true);
    assert.equal(f.finding.related?.[0].message, 'the entry outcome this line pays for');
    assert.match(f.finding.related![0].file, /x\.framework\.yaml$/);
  });

  it('is an error on care placements too, naming placements', () => {
    const [f] = run(framework(chain('care-placement')), rateCard(line('entry', 1000, '    maxClaims: unlimited\n') + line('sustained', 2000)), 'repeatable-entry-payment');
    assert.equal(f.severity, 'error');
    assert.match(f.message, /any number of times/);
    assert.match(f.message, /moving people between placements/);
  });

  it('is a warning on other entry outcomes; engagement outcomes (assessments, sessions) are left to engagement-heavy', () => {
    const fw = framework(chain('employment') + outcome({ id: 'session', domain: 'engagement', stage: 'engagement' }));
    const found = run(fw, rateCard(line('entry', 1000, '    maxClaims: 2\n') + line('sustained', 2000) + line('session', 50, '    maxClaims: 3\n')), 'repeatable-entry-payment');
    assert.deepEqual(found.map((f) => f.severity), ['warning']);
    assert.match(found[0].message, /an entry outcome that may be paid up to 2 times/);
  });

  it('does not fire at maxClaims 1, nor on sustainment outcomes paid more than once', () => {
    const rc = rateCard(line('entry', 1000, '    maxClaims: 1\n') + line('sustained', 2000, '    maxClaims: 2\n'));
    assert.deepEqual(run(framework(chain()), rc, 'repeatable-entry-payment'), []);
  });

  it('reports on the rate card only, not when the framework is checked', () => {
    const files = { [FW]: framework(chain()), [RC]: rateCard(line('entry', 1000, '    maxClaims: 2\n') + line('sustained', 2000)) };
    assert.deepEqual(only(checkRules(files, FW), 'repeatable-entry-payment'), []);
  });
});

describe('front-loaded-chain', () => {
  it('does not fire when the entry is exactly half of its chain', () => {
    assert.deepEqual(run(framework(chain()), rateCard(line('entry', 1000) + line('sustained', 1000)), 'front-loaded-chain'), []);
  });

  it('fires just past half, on the entry price, with the sustainment line related', () => {
    const rc = rateCard(line('entry', 1001) + line('sustained', 999));
    const [f] = run(framework(chain()), rc, 'front-loaded-chain');
    assert.deepEqual({ line: f.line, column: f.column }, at(rc, 'price: ', '1001'));
    assert.match(f.message, /pays £1,001\.00, 50\.1% of the £2,000\.00 its chain can pay for one participant, every sustainment claim included \(more than 50%\)/);
    assert.match(f.message, /Move money from the entry price to the sustainment outcomes/);
    assert.deepEqual(f.finding.related?.map((r) => r.message), ['the sustainment payment in the chain (sustained)']);
  });

  it('counts every sustainment step of the chain, not just the next one', () => {
    const fw = framework(chain() + outcome({ id: 'sustained-52w', stage: 'sustainment', extra: '    sustainWeeks: 52\n    requires: [sustained]\n' }));
    // 1500 against 1500 + 1000 + 1000: 43%, although the entry is dearer than each later step.
    assert.deepEqual(run(fw, rateCard(line('entry', 1500) + line('sustained', 1000) + line('sustained-52w', 1000)), 'front-loaded-chain'), []);
  });

  it('honours maxEntryShare: at 0.6, 60% passes and just over fires', () => {
    const settings = { 'front-loaded-chain': { severity: 'warning' as const, thresholds: { maxEntryShare: 0.6 } } };
    assert.deepEqual(run(framework(chain()), rateCard(line('entry', 1500) + line('sustained', 1000)), 'front-loaded-chain', settings), []);
    assert.equal(run(framework(chain()), rateCard(line('entry', 1501) + line('sustained', 1000)), 'front-loaded-chain', settings).length, 1);
  });

  it('compares per cohort, using the cohort-specific sustainment price', () => {
    const fw = framework(chain(), { cohorts: cohort('c') + cohort('d') });
    const rc = rateCard(line('entry', 1000) + line('sustained', 1000) + line('sustained', 500, '    cohorts: [d]\n'));
    const [f] = run(fw, rc, 'front-loaded-chain');
    assert.match(f.message, /66\.7% of the £1,500\.00/);
  });

  it('does not fire when no sustainment outcome is priced', () => {
    assert.deepEqual(run(framework(chain()), rateCard(line('entry', 5000)), 'front-loaded-chain'), []);
  });
});

describe('inverted-progression', () => {
  const ladder = (domain = 'education') =>
    framework(outcome({ id: 'level-2', domain, stage: 'attainment', extra: '    qualificationLevel: 2\n' }) + outcome({ id: 'level-3', domain, stage: 'attainment', extra: '    qualificationLevel: 3\n' }) + indicator);

  it('fires on the higher level priced the same as the lower one', () => {
    const rc = rateCard(line('level-2', 4730) + line('level-3', 4730));
    const [f, ...rest] = run(ladder(), rc, 'inverted-progression');
    assert.equal(rest.length, 0);
    assert.deepEqual({ line: f.line, column: f.column }, at(rc, 'price: ', '4730', 1));
    assert.match(f.message, /\(level-3\), at level 3, pays £4,730\.00: the same as .*\(level-2\), at level 2, which pays £4,730\.00/);
    assert.deepEqual(f.finding.related?.map((r) => r.message), ["the lower level's price (level 2)"]);
  });

  it('fires when the higher level is cheaper, and not when it pays a penny more', () => {
    assert.match(run(ladder(), rateCard(line('level-2', 3300) + line('level-3', 2200)), 'inverted-progression')[0].message, /less than/);
    assert.deepEqual(run(ladder(), rateCard(line('level-2', 4730) + line('level-3', '4730.01')), 'inverted-progression'), []);
  });

  it('compares only within one domain', () => {
    const fw = framework(outcome({ id: 'level-2', domain: 'education', stage: 'attainment', extra: '    qualificationLevel: 2\n' }) + outcome({ id: 'level-3', domain: 'training', stage: 'attainment', extra: '    qualificationLevel: 3\n' }) + indicator);
    assert.deepEqual(run(fw, rateCard(line('level-2', 4730) + line('level-3', 1000)), 'inverted-progression'), []);
  });
});

describe('engagement-heavy', () => {
  const fw = framework(outcome({ id: 'assessment', domain: 'engagement', stage: 'engagement' }) + chain());

  it('does not fire at exactly 15% of the max per participant', () => {
    assert.deepEqual(run(fw, rateCard(line('assessment', 150) + line('entry', 350) + line('sustained', 500)), 'engagement-heavy'), []);
  });

  it('fires just past 15%, on the engagement price, with the figures', () => {
    const rc = rateCard(line('assessment', 151) + line('entry', 350) + line('sustained', 500));
    const [f] = run(fw, rc, 'engagement-heavy');
    assert.deepEqual({ line: f.line, column: f.column }, at(rc, 'price: ', '151'));
    assert.match(f.message, /can earn £151\.00 of the £1,001\.00 that is the most one participant of c can earn: 15\.1%, more than 15%/);
  });

  it('counts maxClaims', () => {
    assert.equal(run(fw, rateCard(line('assessment', 100, '    maxClaims: 2\n') + line('entry', 400) + line('sustained', 700)), 'engagement-heavy').length, 1);
  });

  it('fires on the share of expected payments when the maxima are fine', () => {
    const projection = 'projection:\n  - cohort: c\n    participants: 100\n    achievement: { assessment: 1, entry: 0.1, sustained: 0.05 }\n';
    const [f] = run(fw, rateCard(line('assessment', 100) + line('entry', 1000) + line('sustained', 1000), { projection }), 'engagement-heavy');
    assert.match(f.message, /expected to earn £10,000.00 of £25,000.00 expected payments: 40%/);
  });

  it('honours maxShare', () => {
    const settings = { 'engagement-heavy': { severity: 'warning' as const, thresholds: { maxShare: 0.2 } } };
    assert.deepEqual(run(fw, rateCard(line('assessment', 200) + line('entry', 300) + line('sustained', 500)), 'engagement-heavy', settings), []);
    assert.equal(run(fw, rateCard(line('assessment', 201) + line('entry', 300) + line('sustained', 500)), 'engagement-heavy', settings).length, 1);
  });
});

describe('high-deadweight', () => {
  const projection = 'projection:\n  - cohort: c\n    participants: 100\n    achievement: { entry: 0.5 }\n';
  const fw = (baseline: string) => framework(outcome({ id: 'entry', domain: 'employment', baseline: `c: ${baseline}` }) + indicator);

  it('does not fire at exactly 30% deadweight', () => {
    assert.deepEqual(run(fw('0.15'), rateCard(line('entry', 1000), { projection }), 'high-deadweight'), []);
  });

  it('fires just past 30%, on the projection of the cohort, with the baseline related', () => {
    const rc = rateCard(line('entry', 1000), { projection });
    const [f] = run(fw('0.16'), rc, 'high-deadweight');
    assert.deepEqual({ line: f.line, column: f.column }, at(rc, 'cohort: ', 'c'));
    assert.match(f.message, /£16,000.00 of the £50,000.00 expected payments \(32%, more than 30%\)/);
    assert.match(f.finding.related![0].message, /baseline for c: 16% would achieve entry anyway/);
  });

  it('does not fire without a projection', () => {
    assert.deepEqual(run(fw('0.9'), rateCard(line('entry', 1000)), 'high-deadweight'), []);
  });

  it('honours maxShare', () => {
    const settings = { 'high-deadweight': { severity: 'warning' as const, thresholds: { maxShare: 0.5 } } };
    assert.deepEqual(run(fw('0.25'), rateCard(line('entry', 1000), { projection }), 'high-deadweight', settings), []);
    assert.equal(run(fw('0.26'), rateCard(line('entry', 1000), { projection }), 'high-deadweight', settings).length, 1);
  });
});

describe('uniform-price-mixed-needs', () => {
  const fw = (a: string, b: string) => framework(chain(), { cohorts: cohort('c', `    needs: ${a}\n`) + cohort('d', `    needs: ${b}\n`) });

  it('fires (info) on a shared price for cohorts of different needs', () => {
    const rc = rateCard(line('entry', 1000) + line('sustained', 2000));
    const found = run(fw('medium', 'high'), rc, 'uniform-price-mixed-needs');
    assert.equal(found.length, 1, 'once for the card, the other line related');
    assert.equal(found[0].severity, 'info');
    assert.deepEqual({ line: found[0].line, column: found[0].column }, at(rc, 'price: ', '1000'));
    assert.match(found[0].message, /^2 outcomes \(entry and sustained\) each have one price although they apply to cohorts of medium needs and high needs \(c and d\)/);
    assert.equal(found[0].finding.related?.length, 1);
  });

  it('fires for one cohort of mixed needs', () => {
    const fwMixed = framework(chain(), { cohorts: cohort('c', '    needs: mixed\n') });
    assert.match(run(fwMixed, rateCard(line('entry', 1000) + line('sustained', 2000)), 'uniform-price-mixed-needs')[0].message, /c is a cohort of mixed needs/);
  });

  it('does not fire when needs are the same, or each cohort has its own price', () => {
    assert.deepEqual(run(fw('high', 'high'), rateCard(line('entry', 1000) + line('sustained', 2000)), 'uniform-price-mixed-needs'), []);
    const split = rateCard(line('entry', 1000, '    cohorts: [c]\n') + line('entry', 1500, '    cohorts: [d]\n') + line('sustained', 2000, '    cohorts: [c]\n') + line('sustained', 3000, '    cohorts: [d]\n'));
    assert.deepEqual(run(fw('medium', 'high'), split, 'uniform-price-mixed-needs'), []);
  });
});

describe('uncapped-liability', () => {
  it('fires without caps.total, on prices, giving the maximum liability', () => {
    const rc = rateCard(line('entry', 1000) + line('sustained', 2000), { caps: null });
    const [f] = run(framework(chain()), rc, 'uncapped-liability');
    assert.deepEqual({ line: f.line, column: f.column, text: f.text }, { ...at(rc, '', 'prices:'), text: 'prices' });
    assert.match(f.message, /no total cap \(caps\.total\)/);
    assert.match(f.message, /£300,000\.00 is the maximum liability today/);
  });

  it('fires on the caps key when caps has only a per-participant cap', () => {
    const rc = rateCard(line('entry', 1000), { caps: 'caps:\n  perParticipant: 5000\n' });
    const [f] = run(framework(chain()), rc, 'uncapped-liability');
    assert.equal(f.text, 'caps');
  });

  it('fires on an unlimited line without a per-participant cap, and not with one', () => {
    const rc = rateCard(line('entry', 1000) + line('sustained', 100, '    maxClaims: unlimited\n'));
    const [f] = run(framework(chain()), rc, 'uncapped-liability');
    assert.equal(f.text, 'unlimited');
    assert.match(f.message, /unlimited number of times and there is no per-participant cap/);
    assert.deepEqual(run(framework(chain()), rateCard(line('entry', 1000) + line('sustained', 100, '    maxClaims: unlimited\n'), { caps: 'caps:\n  perParticipant: 5000\n  total: 100000\n' }), 'uncapped-liability'), []);
  });

  it('does not fire with caps.total', () => {
    assert.deepEqual(run(framework(chain()), rateCard(line('entry', 1000) + line('sustained', 2000)), 'uncapped-liability'), []);
  });
});

describe('cap-binds', () => {
  it('fires (info) when one participant could earn more than caps.perParticipant, not at it', () => {
    const over = rateCard(line('entry', 1000) + line('sustained', 2000), { caps: 'caps:\n  perParticipant: 2999\n  total: 1000000\n' });
    const [f] = run(framework(chain()), over, 'cap-binds');
    assert.equal(f.severity, 'info');
    assert.equal(f.text, '2999');
    assert.match(f.message, /A participant of c could earn up to £3,000\.00 across the price lines, more than the per-participant cap of £2,999\.00/);
    const atCap = rateCard(line('entry', 1000) + line('sustained', 2000), { caps: 'caps:\n  perParticipant: 3000\n  total: 1000000\n' });
    assert.deepEqual(run(framework(chain()), atCap, 'cap-binds'), []);
  });

  it('counts only the dearest of an excludes set', () => {
    const fw = framework(outcome({ id: 'a', domain: 'employment' }) + outcome({ id: 'b', domain: 'employment', extra: '    excludes: [a]\n' }) + indicator);
    const rc = rateCard(line('a', 2000) + line('b', 1500), { caps: 'caps:\n  perParticipant: 2000\n  total: 1000000\n' });
    assert.deepEqual(run(fw, rc, 'cap-binds'), []);
  });

  it('fires when expected payments reach caps.total, and not below', () => {
    const projection = 'projection:\n  - cohort: c\n    participants: 100\n    achievement: { entry: 0.5 }\n';
    const card = (total: number) => rateCard(line('entry', 1000), { caps: `caps:\n  total: ${total}\n`, projection });
    const [f] = run(framework(chain()), card(50000), 'cap-binds');
    assert.equal(f.text, '50000');
    assert.match(f.message, /Expected payments reach the total cap of £50,000\.00/);
    assert.equal(run(framework(chain()), card(40000), 'cap-binds').length, 1);
    assert.deepEqual(run(framework(chain()), card(50001), 'cap-binds'), []);
  });
});

describe('qualification-churn (rate card)', () => {
  const fw = framework(outcome({ id: 'level-2', domain: 'training', stage: 'attainment', extra: '    qualificationLevel: 2\n' }) + indicator);

  it('fires on a qualification paid more than once, at maxClaims', () => {
    const rc = rateCard(line('level-2', 1000, '    maxClaims: 2\n'));
    const [f] = run(fw, rc, 'qualification-churn');
    assert.deepEqual({ line: f.line, column: f.column }, at(rc, 'maxClaims: ', '2'));
    assert.match(f.message, /may be paid 2 times for one participant, each time for another level 2 qualification/);
  });

  it('does not fire at maxClaims 1', () => {
    assert.deepEqual(run(fw, rateCard(line('level-2', 1000)), 'qualification-churn'), []);
  });
});

describe('payment-after-contract-end (projection)', () => {
  const contract = 'contract:\n  start: 2025-01-01\n  recruitmentEnd: 2025-06-30\n  end: 2027-12-31\n';
  const projection = (year: number) => `projection:\n  - cohort: c\n    participants: 10\n    achievement: { entry: 0.5 }\n    profile: { 2026: 0.5, ${year}: 0.5 }\n`;

  it('fires on a profile year after the contract ends, at the year', () => {
    const rc = rateCard(line('entry', 1000) + line('sustained', 1000), { projection: projection(2028) });
    const [f] = run(framework(chain(), { contract }), rc, 'payment-after-contract-end');
    assert.equal(f.text, '2028');
    assert.match(f.message, /expects 50% of its payments in 2028, after the contract ends \(2027-12-31\)/);
  });

  it('does not fire for the year the contract ends in', () => {
    assert.deepEqual(run(framework(chain(), { contract }), rateCard(line('entry', 1000) + line('sustained', 1000), { projection: projection(2027) }), 'payment-after-contract-end'), []);
  });
});
