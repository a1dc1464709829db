/** docs/value.md's worked example of the investor's case, worked by hand there, through the CLI. */
import { strict as assert } from 'node:assert';
import { runCli } from '../support/cli';

describe("docs/value.md: the investor's worked example", function () {
  this.timeout(30000);
  it('gives the figures worked by hand in the docs', () => {
    const run = runCli(['totals', 'test/fixtures/investor', '--format', 'json']);
    assert.equal(run.status, 0, run.stderr);
    const i = JSON.parse(run.stdout).investor;
    assert.deepEqual(
      i.cashFlow.map((q: { period: string; costs: string; payments: string; balance: string }) => [q.period, q.costs, q.payments, q.balance]),
      [
        ['2025-04-01', '215000.00', '97500.00', '-117500.00'],
        ['2025-07-01', '0.00', '12000.00', '-105500.00'],
        ['2025-10-01', '0.00', '144000.00', '38500.00'],
      ],
    );
    assert.deepEqual([i.committed, i.costs, i.payments, i.peakFunding, i.fundingGap], ['150000.00', '215000.00', '253500.00', '117500.00', '0.00']);
    assert.equal(i.moneyMultiple, 1.1791);
    assert.equal(i.irr, 0.8061);
    assert.equal(i.breakEvenAchievement, 0.8482);
    // The thin margin is said on the rate card.
    const lint = runCli(['test/fixtures/investor/investor.ratecard.yaml']);
    assert.match(lint.stdout, /break even only at 84\.82% of the projected achievement.*thin-investor-margin/);
  });
});
