/**
 * Money exact at every edge (issue 20, items 4, 9b, 9c and 10), through the built CLI on real
 * files: a percent read from its digits, the time an entry or attainment takes, a discount that
 * is the deadweight adjustment, and prices compared only with outcomes like them.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { runCli } from '../support/cli';
import type { JsonFile } from './rules-fixture';
import { makeWorkspace } from './rules-fixture';

const header = (contract: string) =>
  `kind: OutcomeFramework\nschemaVersion: 1\nid: f\ntitle: Care leavers into learning and work\ncurrency: GBP\n${contract}payers:\n  - id: council\n    name: Example County Council\ncohorts:\n  - id: care-leavers\n    title: Care leavers aged 18 to 21\n    eligibility: [Left care at 18, Lives in the county]\n    size: 100\noutcomes:\n`;
const outcome = (id: string, lines: string) => `  - id: ${id}\n    title: ${id}\n${lines}    role: payment\n    evidence: { kind: administrative, source: Awarding body record }\n    baseline: { care-leavers: 0.05 }\n`;

function lint(dir: string, ...files: string[]) {
  const run = runCli(['--format', 'json', ...files], { cwd: dir });
  const results = JSON.parse(run.stdout) as JsonFile[];
  const all = results.flatMap((r) => r.messages.map((m) => ({ ...m, file: r.filePath })));
  return { run, all, rule: (id: string) => all.filter((m) => m.ruleId === id) };
}

describe('contract terms: the time an entry or attainment takes (weeksToAchieve)', () => {
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  // Recruitment ends 2027-08-31, the contract two years later. Level 2 takes 26 weeks from joining,
  // level 3 78 weeks, a degree 182 weeks: a late recruit can reach level 3 (2029-02-26) but not
  // the degree (2031-02-24).
  const ladder =
    header('contract:\n  start: 2025-09-01\n  recruitmentEnd: 2027-08-31\n  end: 2029-08-31\n') +
    outcome('level-2', '    domain: training\n    stage: attainment\n    qualificationLevel: 2\n    weeksToAchieve: 26\n') +
    outcome('level-3', '    domain: training\n    stage: attainment\n    qualificationLevel: 3\n    weeksToAchieve: 78\n    requires: [level-2]\n') +
    outcome('degree', '    domain: education\n    stage: attainment\n    qualificationLevel: 6\n    weeksToAchieve: 182\n    requires: [level-3]\n');

  it('sees that a late recruit cannot climb a level 2 → level 3 → degree ladder before the contract ends', () => {
    dir = makeWorkspace({ 'housing.framework.yaml': ladder });
    const { all, rule } = lint(dir, 'housing.framework.yaml');
    assert.deepEqual(all.filter((m) => m.ruleId === 'schema'), [], 'weeksToAchieve is a field of an outcome');
    const late = rule('payment-after-contract-end');
    assert.equal(late.length, 1, JSON.stringify(late));
    assert.match(late[0].message, /"degree" \(degree\) takes 182 weeks from joining to achieve, so for someone who joins on the last recruitment day \(2027-08-31\) it comes about 78 weeks after the contract ends \(2029-08-31\)/);
    // On the degree's own weeksToAchieve.
    const lines = ladder.split('\n');
    assert.equal(lines[late[0].line - 1].trim(), 'weeksToAchieve: 182');
  });

  it('adds the time an entry takes to the sustainment that follows it', () => {
    // Job entry 40 weeks after joining, then 26 weeks in work: 66 weeks; recruitment ends 60 weeks before the end.
    const framework =
      header('contract:\n  start: 2025-09-01\n  recruitmentEnd: 2027-08-31\n  end: 2028-10-24\n') +
      outcome('job-entry', '    domain: employment\n    stage: entry\n    weeksToAchieve: 40\n') +
      outcome('job-26w', '    domain: employment\n    stage: sustainment\n    sustainWeeks: 26\n    requires: [job-entry]\n');
    dir = makeWorkspace({ 'housing.framework.yaml': framework });
    const late = lint(dir, 'housing.framework.yaml').rule('payment-after-contract-end');
    assert.equal(late.length, 1, JSON.stringify(late));
    assert.match(late[0].message, /"job-26w" \(job-26w\) takes 66 weeks from joining \(with the outcomes it requires\)/);
    // Without the entry's 40 weeks the 26 weeks fit: the finding is the entry's time.
    fs.writeFileSync(`${dir}/housing.framework.yaml`, framework.replace('    weeksToAchieve: 40\n', ''));
    assert.deepEqual(lint(dir, 'housing.framework.yaml').rule('payment-after-contract-end'), []);
  });

  it('refuses weeksToAchieve on a sustainment outcome, once, saying sustainWeeks counts its weeks', () => {
    const framework = header('') + outcome('job-entry', '    domain: employment\n    stage: entry\n') + outcome('job-26w', '    domain: employment\n    stage: sustainment\n    sustainWeeks: 26\n    weeksToAchieve: 30\n    requires: [job-entry]\n');
    dir = makeWorkspace({ 'housing.framework.yaml': framework });
    const schema = lint(dir, 'housing.framework.yaml').rule('schema');
    assert.equal(schema.length, 1, JSON.stringify(schema));
    assert.equal(schema[0].message, '`weeksToAchieve` cannot be used on a sustainment outcome: it counts its weeks with `sustainWeeks`. Remove `weeksToAchieve`.');
  });
});

describe('contract terms: a percent read from its digits', () => {
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const framework = header('') + outcome('job', '    domain: employment\n    stage: entry\n').replace('0.05', '0.2');
  const card = (discount: string) => `kind: RateCard\nschemaVersion: 1\nid: r\nframework: f.framework.yaml\ncurrency: GBP\ncaps:\n  total: 1000000\nprices:\n  - outcome: job\n    price: 1000\n    discount: ${discount}\nprojection:\n  - cohort: care-leavers\n    achievement: { job: 0.5 }\n`;

  for (const percent of ['33.33', '14.29', '16.67']) {
    it(`takes discount: ${percent} as written (no "multiple of 0.01" error)`, () => {
      dir = makeWorkspace({ 'f.framework.yaml': framework, 'r.ratecard.yaml': card(percent) });
      const { run, rule } = lint(dir, 'r.ratecard.yaml');
      assert.deepEqual(rule('schema'), []);
      assert.equal(run.status, 0, run.stdout);
    });
  }

  it('gives the expected payments of a 33.33% discount plainly, exact to the penny, not withheld behind an error', () => {
    dir = makeWorkspace({ 'f.framework.yaml': framework, 'r.ratecard.yaml': card('33.33') });
    const run = runCli(['totals', 'r.ratecard.yaml', '--format', 'json'], { cwd: dir });
    assert.equal(run.status, 0, run.stderr);
    const t = JSON.parse(run.stdout);
    // £1,000 less 33.33% is £666.70; 100 participants, half achieve: £33,335.00; a baseline of 0.2: £13,334.00 deadweight.
    assert.deepEqual([t.maxPerParticipant['care-leavers'], t.maximumLiability, t.expected, t.deadweight], ['666.70', '66670.00', '33335.00', '13334.00']);
    assert.equal(t.errors, undefined);
    assert.equal(t.affectedByErrors, undefined);
    const table = runCli(['totals', 'r.ratecard.yaml'], { cwd: dir });
    assert.equal(table.status, 0, table.stderr);
    assert.doesNotMatch(table.stdout, /\(!\)/);
    assert.match(table.stdout, /^Total +£66,670\.00 +£33,335\.00 +£13,334\.00$/m);
  });

  it('adds a payer split up exactly as typed: 33.333 + 33.333 + 33.334 is 100, and 33.335 in place of the last is over by 0.001%', () => {
    const three = header('').replace('payers:\n  - id: council\n    name: Example County Council\n', 'payers:\n  - { id: a, name: Council A }\n  - { id: b, name: Council B }\n  - { id: c, name: Council C }\n') + outcome('job', '    domain: employment\n    stage: entry\n');
    const split = (last: string) => `kind: RateCard\nschemaVersion: 1\nid: r\nframework: f.framework.yaml\ncurrency: GBP\ncaps:\n  total: 1000000\npayers: { a: 33.333, b: 33.333, c: ${last} }\nprices:\n  - outcome: job\n    price: 1000\n`;
    dir = makeWorkspace({ 'f.framework.yaml': three, 'r.ratecard.yaml': split('33.334') });
    assert.deepEqual(lint(dir, 'r.ratecard.yaml').rule('payer-split'), []);
    fs.writeFileSync(`${dir}/r.ratecard.yaml`, split('33.335'));
    assert.deepEqual(lint(dir, 'r.ratecard.yaml').rule('payer-split').map((m) => m.message), ['The default payer split adds up to 100.001%, not 100% (a 33.333 + b 33.333 + c 33.335). Payers would pay 0.001% more than the outcome is worth.']);
    fs.writeFileSync(`${dir}/r.ratecard.yaml`, split('33.333'));
    assert.deepEqual(lint(dir, 'r.ratecard.yaml').rule('payer-split').map((m) => m.message), ['The default payer split adds up to 99.999%, not 100% (a 33.333 + b 33.333 + c 33.333). 0.001% of each payment would have no payer.']);
  });

  it('still refuses a percent past the hundredth, on the value, with what to do', () => {
    dir = makeWorkspace({ 'f.framework.yaml': framework, 'r.ratecard.yaml': card('33.333') });
    const { run, rule } = lint(dir, 'r.ratecard.yaml');
    assert.equal(run.status, 1);
    assert.deepEqual(rule('schema').map((m) => [m.line, m.column, m.message]), [[11, 15, '`discount` is a percent to the hundredth, with at most 2 decimal places; 33.333 has 3. Round it to 2 decimal places.']]);
  });
});

describe('contract terms: a discount that is the deadweight adjustment (discountCoversDeadweight)', () => {
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  // A job paid £3,000, 100 care leavers, half expected in work, a baseline of 0.2 (Norfolk-style:
  // the payments are discounted 33% for what would have happened anyway).
  const framework = header('') + outcome('job', '    domain: employment\n    stage: entry\n').replace('0.05', '0.2');
  const card = (line: string) => `kind: RateCard\nschemaVersion: 1\nid: r\nframework: f.framework.yaml\ncurrency: GBP\ncaps:\n  total: 1000000\nprices:\n  - outcome: job\n    price: 3000\n${line}projection:\n  - cohort: care-leavers\n    achievement: { job: 0.5 }\n`;
  const totals = (text: string) => {
    dir = makeWorkspace({ 'f.framework.yaml': framework, 'r.ratecard.yaml': text });
    const run = runCli(['totals', 'r.ratecard.yaml', '--format', 'json'], { cwd: dir });
    assert.equal(run.status, 0, run.stderr + run.stdout);
    return JSON.parse(run.stdout);
  };

  it('counts the deadweight once: what the baseline says would happen anyway, less what the discount took off', () => {
    // Expected: 100 × 0.5 × £3,000 × 0.67 = £100,500. The discount took £49,500 off; the baseline
    // says 100 × 0.2 × £3,000 = £60,000 would have been earned anyway, so £10,500 of deadweight is left.
    const t = totals(card('    discount: 33\n    discountCoversDeadweight: true\n'));
    assert.deepEqual([t.expected, t.deadweight, t.byCohort['care-leavers'].deadweight, t.byPayer.council.deadweight], ['100500.00', '10500.00', '10500.00', '10500.00']);
    // Without the term the discount is a cut like any other, and the deadweight is cut with it: £40,200.
    assert.deepEqual([totals(card('    discount: 33\n')).deadweight], ['40200.00']);
  });

  it('leaves no deadweight when the discount is at least the baseline share of the achievers, and says £0.00, not "not estimated"', () => {
    const t = totals(card('    discount: 40\n    discountCoversDeadweight: true\n'));
    assert.deepEqual([t.expected, t.deadweight], ['90000.00', '0.00']);
    assert.equal(t.notEstimated?.deadweight, undefined);
  });

  it('high-deadweight reads the deadweight after the adjustment: silent when the discount is the adjustment', () => {
    dir = makeWorkspace({ 'f.framework.yaml': framework, 'r.ratecard.yaml': card('    discount: 33\n') });
    // 40% of the expected payments is deadweight without the term: the rule fires.
    const before = lint(dir, 'r.ratecard.yaml').rule('high-deadweight');
    assert.equal(before.length, 1, JSON.stringify(before));
    assert.match(before[0].message, /^£40,200\.00 of the £100,500\.00 expected payments \(40%/);
    fs.writeFileSync(`${dir}/r.ratecard.yaml`, card('    discount: 33\n    discountCoversDeadweight: true\n'));
    // £10,500 of £100,500 is about 10%: under the 30% threshold (and not silent for an error of its own).
    const after = lint(dir, 'r.ratecard.yaml');
    assert.deepEqual(after.all.filter((m) => m.severity === 'error'), []);
    assert.deepEqual(after.rule('high-deadweight'), []);
  });

  it('asks for the discount when the term is given without one', () => {
    dir = makeWorkspace({ 'f.framework.yaml': framework, 'r.ratecard.yaml': card('    discountCoversDeadweight: true\n') });
    const schema = lint(dir, 'r.ratecard.yaml').rule('schema');
    assert.deepEqual(schema.map((m) => m.message), ['Price line for `job` says its discount covers deadweight (`discountCoversDeadweight: true`), so it needs `discount`: the percent taken off every payment, such as 33.']);
  });
});

describe('contract terms: prices compared only with outcomes like them (price-context)', () => {
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  // A domestic abuse service (Kirklees-style): the risk from domestic abuse reduced to standard, priced £2,000.
  const abuse = (domain: string, extra = '') =>
    header('') + `  - id: risk-reduced\n    title: Domestic abuse risk reduced to standard\n    domain: ${domain}\n    stage: progression\n    role: payment\n${extra}    evidence: { kind: verified, source: DASH risk assessment }\n    baseline: { care-leavers: 0.1 }\n`;
  const card = 'kind: RateCard\nschemaVersion: 1\nid: r\nframework: f.framework.yaml\ncurrency: GBP\ncaps:\n  total: 500000\nprices:\n  - outcome: risk-reduced\n    price: 2000\n';
  const run = (framework: string) => {
    dir = makeWorkspace({ 'f.framework.yaml': framework, 'r.ratecard.yaml': card });
    const result = lint(dir, 'f.framework.yaml', 'r.ratecard.yaml');
    fs.rmSync(dir, { recursive: true, force: true });
    return result;
  };

  it('knows the domains real UK outcomes need: domestic abuse, safety, money, health service use', () => {
    for (const domain of ['domestic-abuse', 'safety', 'money', 'health-service-use']) {
      assert.deepEqual(run(abuse(domain)).rule('schema'), [], domain);
    }
  });

  it('does not compare a domestic-abuse risk reduction with the care leavers\' "Feels safe" (£220)', () => {
    // Before, with no domain for it, it was filed under wellbeing and compared with "Feels safe".
    for (const domain of ['domestic-abuse', 'wellbeing']) {
      const found = run(abuse(domain)).rule('price-context');
      assert.deepEqual(found, [], `${domain}: ${JSON.stringify(found)}`);
    }
  });

  it('still compares a safety outcome with "Feels safe", and an outcome marked notComparable with nothing, its reason given', () => {
    const compared = run(abuse('safety')).rule('price-context');
    assert.equal(compared.length, 1, JSON.stringify(compared));
    assert.match(compared[0].message, /^£2,000\.00 is more than 2 times the highest real UK price for this kind of outcome \(safety · progression\): £220, paid by DfE care leavers SIBs \(2018\)/);
    const marked = run(abuse('safety', '    notComparable: Paid on a DASH risk assessment falling to standard, unlike feeling safe\n'));
    assert.deepEqual(marked.rule('price-context'), []);
    assert.deepEqual(marked.rule('schema'), []);
  });

  it('refuses an empty notComparable: the reason is what makes the mark worth having', () => {
    const found = run(abuse('safety', '    notComparable: ""\n')).rule('schema');
    assert.equal(found.length, 1, JSON.stringify(found));
    assert.match(found[0].message, /`notComparable` must not be empty/);
  });
});
