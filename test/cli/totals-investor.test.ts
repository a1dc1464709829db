/**
 * The investor's case in `outcomes-lint totals`, as a process: every figure of the JSON checked
 * against the cash flow it prints (sums, balances, the deepest point, the multiple, the IRR by a
 * plain float NPV), break-even checked by running the what-if at it and just below it, the same
 * figures in the table, markdown and CSV, the change under --base, and plain messages where an
 * investment has no costs or the contract no dates.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot, runCli } from '../support/cli';
import { commitAll, copyInto, edit, tempRepo } from '../support/git';

type Investor = {
  committed: string | null;
  costs: string | null;
  payments: string | null;
  peakFunding: string | null;
  fundingGap: string | null;
  moneyMultiple: number | null;
  irr: number | null;
  breakEvenAchievement: number | null;
  cashFlow: { period: string; costs: string; payments: string; balance: string }[];
  notEstimated?: Record<string, string>;
  missing?: string;
};

const panLondon = 'samples/pan-london-edge-of-care/pan-london-edge-of-care.ratecard.yaml';
const careLeavers = 'samples/care-leavers/care-leavers.ratecard.yaml';

/** "1234.56" → 123456 pence. */
const pence = (decimal: string) => Math.round(Number(decimal) * 100);

function investorOf(args: string[]): Investor {
  const run = runCli(['totals', ...args, '--format', 'json']);
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout).investor;
}

/** A copy of a sample folder with `change` applied to the file named. */
function editedSample(sample: string, file: string, change: (text: string) => string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'investor-'));
  copyInto(path.join(repoRoot, 'samples', sample), dir);
  const target = path.join(dir, file);
  fs.writeFileSync(target, change(fs.readFileSync(target, 'utf8')));
  return dir;
}

describe('outcomes-lint totals: the investor', function () {
  this.timeout(60000);

  for (const card of [panLondon, careLeavers]) {
    it(`${path.basename(card)}: the wholes, the peak, the gap, the multiple and the IRR follow from the cash flow printed`, () => {
      const i = investorOf([card]);
      const flows = i.cashFlow;
      assert.ok(flows.length > 4);
      assert.equal(flows.reduce((s, q) => s + pence(q.costs), 0), pence(i.costs!));
      assert.equal(flows.reduce((s, q) => s + pence(q.payments), 0), pence(i.payments!));
      let balance = 0;
      let deepest = 0;
      for (const q of flows) {
        balance += pence(q.payments) - pence(q.costs);
        assert.equal(pence(q.balance), balance, q.period);
        deepest = Math.min(deepest, balance);
      }
      assert.equal(pence(i.peakFunding!), -deepest);
      assert.equal(pence(i.fundingGap!), Math.max(0, -deepest - pence(i.committed!)));
      assert.equal(i.moneyMultiple, Math.round((pence(i.payments!) / pence(i.costs!)) * 10000) / 10000);
      // The IRR discounts the quarterly flows to zero: NPV changes sign across its rounding.
      assert.notEqual(i.irr, null, JSON.stringify(i.notEstimated));
      const npv = (rate: number) => flows.reduce((s, q, k) => s + (pence(q.payments) - pence(q.costs)) / Math.pow(1 + rate, k / 4), 0);
      assert.ok(npv(i.irr! - 0.00005) > 0 && npv(i.irr! + 0.00005) < 0, `NPV ${npv(i.irr! - 0.00005)} / ${npv(i.irr! + 0.00005)}`);
      // Quarters are three calendar months from the contract's start.
      assert.match(flows[0].period, /^\d{4}-\d{2}-\d{2}$/);
    });
  }

  it('the pan-London sample: £4.5m committed, and the investors break even only at 95% of the planned achievement', () => {
    const i = investorOf([panLondon]);
    assert.equal(i.committed, '4500000.00');
    assert.equal(i.fundingGap, '0.00');
    assert.ok(i.breakEvenAchievement! > 0.83);
  });

  it('break-even: at the scale given the payments cover the costs, a ten-thousandth below they do not', () => {
    for (const card of [panLondon, careLeavers]) {
      const scale = investorOf([card]).breakEvenAchievement!;
      const at = investorOf([card, '--achievement', scale.toFixed(4)]);
      const below = investorOf([card, '--achievement', (scale - 0.0001).toFixed(4)]);
      assert.ok(pence(at.payments!) >= pence(at.costs!), `${card} at ${scale}: ${at.payments} < ${at.costs}`);
      assert.ok(pence(below.payments!) < pence(below.costs!), `${card} below ${scale}: ${below.payments} >= ${below.costs}`);
      // The what-if moves every figure, and the break-even stays where it is.
      assert.equal(at.breakEvenAchievement, scale);
    }
  });

  it('--participants and --achievement move the costs, payments and peak', () => {
    const plain = investorOf([careLeavers]);
    const more = investorOf([careLeavers, '--participants', '1.5']);
    const less = investorOf([careLeavers, '--achievement', '0.8']);
    assert.ok(pence(more.costs!) > pence(plain.costs!));
    assert.ok(pence(less.payments!) < pence(plain.payments!));
    assert.equal(less.costs, plain.costs);
    assert.ok(less.moneyMultiple! < plain.moneyMultiple!);
  });

  it('the table, markdown and CSV show the same figures', () => {
    const i = investorOf([careLeavers]);
    const table = runCli(['totals', careLeavers]).stdout;
    assert.match(table, /Peak funding need\s+£537,172\.31/);
    assert.match(table, new RegExp(`Money multiple \\(payments ÷ costs\\)\\s+×${i.moneyMultiple!.toFixed(4).replace('.', '\\.')}`));
    assert.match(table, /Quarter from\s+costs\s+payments\s+balance/);
    const markdown = runCli(['totals', careLeavers, '--format', 'markdown']).stdout;
    assert.match(markdown, /\| Peak funding need \| £537,172\.31 \|/);
    assert.match(markdown, /<summary>Cash flow by quarter<\/summary>/);
    const csv = runCli(['totals', careLeavers, '--format', 'csv']).stdout.split('\r\n');
    assert.ok(csv.includes(`care-leavers-2018,investor.peakFunding,,,,,${i.peakFunding},GBP,`));
    assert.ok(csv.includes(`care-leavers-2018,investor.irr,,,,,${i.irr!.toFixed(4)},,`));
    const q = i.cashFlow[3];
    assert.ok(csv.includes(`care-leavers-2018,investor.cashFlow.balance,,,,${q.period},${q.balance},GBP,`));
  });

  it('a rate card without an investment has no investor section', () => {
    const run = runCli(['totals', 'samples/homelessness', '--format', 'json']);
    assert.equal(JSON.parse(run.stdout).investor, undefined);
    assert.doesNotMatch(runCli(['totals', 'samples/homelessness']).stdout, /Investor/);
  });

  it('an investment without costs says what is missing, and shows no figure', () => {
    const dir = editedSample('care-leavers', 'care-leavers.ratecard.yaml', (t) => t.replace(/  costs:\n    perParticipant: 2664\n    perYear: 80000\n    fixed: 50000\n/, ''));
    try {
      const run = runCli(['totals', dir, '--format', 'json'], { cwd: dir });
      const i = JSON.parse(run.stdout).investor as Investor;
      assert.equal(i.committed, '600000.00');
      assert.equal(i.costs, null);
      assert.equal(i.irr, null);
      assert.deepEqual(i.cashFlow, []);
      assert.match(i.missing!, /no delivery costs.*investment\.costs/);
      const table = runCli(['totals', dir], { cwd: dir }).stdout;
      assert.match(table, /Costs \(delivery and fees\)\s+not estimated — see below/);
      assert.match(table, /The investment gives no delivery costs/);
      assert.doesNotMatch(table, /Peak funding need\s+£0\.00/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a contract without dates says which dates are missing', () => {
    const dir = editedSample('care-leavers', 'care-leavers.framework.yaml', (t) => t.replace(/contract:\n  start: 2018-10-01\n  recruitmentEnd: 2019-09-30\n/, 'contract:\n'));
    try {
      const i = JSON.parse(runCli(['totals', dir, '--format', 'json'], { cwd: dir }).stdout).investor as Investor;
      assert.equal(i.payments, null);
      assert.match(i.missing!, /contract\.start, contract\.recruitmentEnd/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an outcome evidenced after the last payment date is never paid, and the report says how much', () => {
    // Care leavers recruited to the end of 2019-09 and paid by 2022-03-31: move the end a year earlier.
    const dir = editedSample('care-leavers', 'care-leavers.framework.yaml', (t) => t.replace('end: 2022-03-31', 'end: 2021-03-31'));
    try {
      const cut = JSON.parse(runCli(['totals', dir, '--format', 'json'], { cwd: dir }).stdout);
      const late = pence(cut.investor.notPaidAfterLastPaymentDate);
      assert.ok(late > 0);
      assert.equal(pence(cut.investor.payments) + late, pence(cut.expected));
      assert.ok(cut.investor.cashFlow.every((q: { period: string }) => q.period <= '2021-03-31'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--base shows how a change moved the investor: peak, multiple and IRR', () => {
    const repo = tempRepo();
    try {
      copyInto(path.join(repoRoot, 'samples/care-leavers'), path.join(repo, 'care'));
      commitAll(repo, 'base');
      edit(path.join(repo, 'care/care-leavers.ratecard.yaml'), 'perParticipant: 2664', 'perParticipant: 3000');
      const run = runCli(['totals', 'care', '--base', 'HEAD'], { cwd: repo });
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /Investor costs £862,909\.59 → £930,109\.59 \(\+£67,200\.00\)/);
      assert.match(run.stdout, /Investor money multiple 1\.3076 → \d\.\d{4} \(-0\.\d+\)/);
      assert.doesNotMatch(run.stdout, /quarter from/, 'the table lists the wholes, not every quarter');
      const json = JSON.parse(runCli(['totals', 'care', '--base', 'HEAD', '--format', 'json'], { cwd: repo }).stdout);
      assert.equal(json.rateCards[0].delta.investor.costs, '+67200.00');
    } finally {
      fs.rmSync(repo, { recursive: true, force: true });
    }
  });
});
