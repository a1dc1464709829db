/**
 * `totals --actuals F` on a rate card whose projection has no `profile`: the plan is timed from
 * the contract's dates (docs/actuals.md, "Plan to date"), and the figures are worked by hand here.
 * Without the dates the plan stays "not estimated", with the reason.
 */
import { strict as assert } from 'node:assert';
import { runCli } from '../support/cli';

const dir = 'test/fixtures/actuals-derived';

describe('outcomes-lint totals --actuals: the plan timed from the contract dates (no profile)', () => {
  it('worked by hand from the contract dates', () => {
    // contract.start 2021-01-01 and recruitmentEnd 2021-03-05: floor(63 ÷ 7) + 1 = 10 weeks of
    // joining, 1/10 of the cohort each week (weeks 0 to 9, 1 January to 5 March).
    // housed (entry, no delay): 20 × 0.5 = 10 outcomes × £1,000, paid in weeks 0–9: all in 2021-Q1.
    // housed-30w (sustainWeeks 30): 10 × £1,500, paid in weeks 30–39, days 210–273 from the start
    // (30 July to 1 October): weeks 30–38 by 30 September (day 272), 9 ÷ 10 of it in Q3, week 39 in Q4.
    // By period: Q1 £10,000.00, Q2 £0.00, Q3 £15,000 × 9/10 = £13,500.00; to date £23,500.00.
    const run = runCli(['totals', '--actuals', `${dir}/derived.actuals.yaml`, '--format', 'json']);
    assert.equal(run.status, 0, run.stderr);
    const json = JSON.parse(run.stdout);
    assert.deepEqual(json.byPeriod, [
      { period: '2021-Q1', actual: '8000.00', plan: '10000.00' },
      { period: '2021-Q2', actual: '0.00', plan: '0.00' },
      { period: '2021-Q3', actual: '9000.00', plan: '13500.00' },
    ]);
    assert.equal(json.payments.plan, '23500.00');
    assert.equal(json.payments.shareOfPlan, 0.7234); // £17,000 ÷ £23,500
    assert.equal(json.outcomes.housed.plan, '10');
    assert.equal(json.outcomes.housed.shareOfPlan, 0.8);
    assert.equal(json.outcomes['housed-30w'].plan, '9'); // 10 × 9/10
    assert.equal(json.outcomes['housed-30w'].shareOfPlan, 0.6667);
    assert.equal(json.byPayer.council.plan, '23500.00');
    // Recruitment January to March: all 20 planned to have started by September.
    assert.equal(json.participants.plan, '20');
    // The reforecast: £17,000 + (£17,000 ÷ £23,500) × (£25,000 − £23,500) = £18,085.106… → £18,085.11.
    assert.equal(json.reforecast['expected payments to the end'].value, '18085.11');
  });

  it('says the same in the table', () => {
    const run = runCli(['totals', '--actuals', `${dir}/derived.actuals.yaml`]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /payments claimed\s+£17,000\.00\s+£23,500\.00\s+72\.3%/);
    assert.doesNotMatch(run.stdout, /not estimated/);
  });

  it('without contract dates: not estimated, with the reason, never £0.00', () => {
    const run = runCli(['totals', '--actuals', `${dir}/undated.actuals.yaml`, '--format', 'json']);
    assert.equal(run.status, 0, run.stderr);
    const json = JSON.parse(run.stdout);
    assert.equal(json.payments.plan, null);
    assert.match(json.payments.note, /not estimated: no profile for young-people, and no timing can be derived from the contract's dates: the framework gives no contract\.start, contract\.recruitmentEnd, contract\.end/);
    assert.equal(json.outcomes.housed.plan, null);
    assert.ok(json.byPeriod.every((p: { plan: string | null }) => p.plan === null));
    assert.equal(json.reforecast['expected payments to the end'].value, null);
    const table = runCli(['totals', '--actuals', `${dir}/undated.actuals.yaml`]).stdout;
    assert.match(table, /not estimated — no profile for young-people/);
    assert.doesNotMatch(table, /£0\.00/);
  });
});
