/**
 * The value figures through the built CLI as a process: `totals` in every format on a card with
 * values (test/fixtures/value, worked by hand in docs/value.md) and on one without, `--base`'s
 * change lines in a real git repository, `--discount-rate`, and errors at the value.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, runCli } from '../support/cli';
import { commitAll, copyInto, edit, tempRepo } from '../support/git';

const card = 'test/fixtures/value/value.ratecard.yaml';
type Json = Record<string, any>;

describe('outcomes-lint totals: value for money', function () {
  this.timeout(60000);

  it('table: the value section with the figures of docs/value.md\'s worked example', () => {
    const run = runCli(['totals', card]);
    assert.equal(run.status, 0, run.stderr);
    const out = run.stdout;
    assert.match(out, /Expected savings \(fiscal\) {2}£170,000\.00\n/);
    assert.match(out, /Payment-to-savings {9}0\.6471\n/);
    assert.match(out, /Net present value at 3\.5% {2}£56,492\.16\n/);
    assert.match(out, /Economic value {13}£60,000\.00\n/);
    assert.match(out, /Benefit–cost ratio {9}2\.2727\n/);
    assert.match(out, /Cost per participant {7}£1,100\.00\n/);
    assert.match(out, /Cost per outcome paid for {2}£1,375\.00\n/);
    assert.match(out, /council {3}£30,000\.00 {2}£110,000\.00 {3}-£80,000\.00/);
    assert.match(out, /2026 {2}£37,500\.00 {7}£0\.00/);
  });

  it('json: the value object of the issue, money as exact decimal strings, ratios to four decimals', () => {
    const run = runCli(['totals', card, '--format', 'json']);
    const value = (JSON.parse(run.stdout) as Json).value;
    assert.equal(value.savings, '170000.00');
    assert.deepEqual(value.byBody.dwp, { savings: '120000.00', pays: '0.00', net: '120000.00' });
    assert.deepEqual(value.byBody.council, { savings: '30000.00', pays: '110000.00', net: '-80000.00' });
    assert.deepEqual(value.byOutcome['employment-entry'], { savings: '150000.00', payments: '50000.00', paymentToSavings: 0.2 });
    assert.deepEqual(value.byCohort['care-leavers'], { savings: '170000.00', payments: '110000.00' });
    assert.deepEqual(value.byYear, { 2024: { savings: '47500.00', payments: '55000.00' }, 2025: { savings: '85000.00', payments: '55000.00' }, 2026: { savings: '37500.00', payments: '0.00' } });
    assert.equal(value.paymentToSavings, 0.6471);
    assert.equal(value.costPerParticipant, '1100.00');
    assert.equal(value.costPerOutcome, '1375.00');
    assert.equal(value.npv, '56492.16');
    assert.equal(value.discountRate, 3.5);
    assert.equal(value.social, '20000.00');
    assert.deepEqual(value.notEstimated, {});
  });

  it('--discount-rate changes the net present value only; a rate that is no percentage is a usage error', () => {
    const value = (JSON.parse(runCli(['totals', card, '--format', 'json', '--discount-rate', '0']).stdout) as Json).value;
    // Undiscounted: Σ savings − Σ payments = 170,000 − 110,000.
    assert.equal(value.npv, '60000.00');
    assert.equal(value.discountRate, 0);
    assert.equal(value.savings, '170000.00');
    const bad = runCli(['totals', card, '--discount-rate', 'lots']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--discount-rate needs a percentage a year such as 3\.5/);
  });

  it('csv and markdown carry the same figures', () => {
    const csv = runCli(['totals', card, '--format', 'csv']).stdout;
    assert.match(csv, /\r\nvalue-example-2024,savings,,dwp,,,120000\.00,GBP,\r\n/);
    assert.match(csv, /\r\nvalue-example-2024,paymentToSavings,,,,,0\.6471,,\r\n/);
    assert.match(csv, /\r\nvalue-example-2024,npv,,,,,56492\.16,GBP,\r\n/);
    const md = runCli(['totals', card, '--format', 'markdown']).stdout;
    assert.match(md, /#### Value: savings beside payments/);
    assert.match(md, /\| Payment-to-savings \| 0\.6471 \|/);
    assert.match(md, /\| council \| £30,000\.00 \| £110,000\.00 \| -£80,000\.00 \|/);
  });

  it('a card whose framework gives no value: no section in the table, and JSON says not estimated (never 0) with why', () => {
    const table = runCli(['totals', 'test/fixtures/totals/care/care.ratecard.yaml']);
    assert.doesNotMatch(table.stdout, /Value \(docs\/value\.md\)/);
    const value = (JSON.parse(runCli(['totals', 'test/fixtures/totals/care/care.ratecard.yaml', '--format', 'json']).stdout) as Json).value;
    assert.equal(value.savings, null);
    assert.equal(value.notEstimated.savings, 'no outcome has a value');
    assert.equal(value.npv, null);
    assert.equal(value.paymentToSavings, null);
    assert.notEqual(value.costPerParticipant, null);
  });

  it('an undeclared body and a negative value: errors at the value, exit 1, savings not estimated', () => {
    const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'value-errors-'));
    try {
      copyInto(path.join(repoRoot, 'test/fixtures/value'), dir);
      edit(path.join(dir, 'value.framework.yaml'), 'fiscal: { moj: 1000 }', 'fiscal: { mjo: 1000 }');
      const lint = runCli(['.'], { cwd: dir });
      assert.equal(lint.status, 1);
      assert.match(lint.stdout, /42:17 +error +The saving is split to `mjo`, which is not a body or payer of this framework\. Did you mean `moj`\?/);
      edit(path.join(dir, 'value.framework.yaml'), 'fiscal: { dwp: 2000, council: 500 }', 'fiscal: { dwp: -2000, council: 500 }');
      const again = runCli(['.'], { cwd: dir });
      assert.match(again.stdout, /28:22 +error +`dwp` must be at least 0; found -2000\./);
      const totals = runCli(['totals', 'value.ratecard.yaml', '--format', 'json'], { cwd: dir });
      assert.equal(totals.status, 1);
      const value = (JSON.parse(totals.stdout) as Json).value;
      assert.equal(value.savings, null);
      assert.equal(value.notEstimated.savings, 'a value of employment-entry cannot be read');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--base says what a change does to the value: "Payment-to-savings 0.6471 → …", in the PR comment\'s markdown too', () => {
    const repo = tempRepo();
    copyInto(path.join(repoRoot, 'test/fixtures/value'), path.join(repo, 'value'));
    commitAll(repo, 'As approved');
    edit(path.join(repo, 'value/value.ratecard.yaml'), '    price: 2000', '    price: 3000');
    commitAll(repo, 'Sustained job dearer');
    const table = runCli(['totals', 'value', '--base', 'HEAD~1'], { cwd: repo });
    assert.equal(table.status, 0, table.stderr);
    // Payments 110,000 → 140,000 over savings of 170,000: 0.6471 → 0.8235.
    assert.match(table.stdout, /Payment-to-savings +0\.6471 → 0\.8235/);
    assert.match(table.stdout, /Net present value/);
    const md = runCli(['totals', 'value', '--base', 'HEAD~1', '--format', 'markdown'], { cwd: repo });
    assert.match(md.stdout, /Payment-to-savings/);
    fs.rmSync(repo, { recursive: true, force: true });
  });
});

describe('outcomes-lint totals: a bound on savings is not a bound on payments', function () {
  this.timeout(60000);

  it('pan-London: savings "at least" (a paid outcome has no value), what each borough pays stated as it is', () => {
    const run = runCli(['totals', 'samples/pan-london-edge-of-care']);
    assert.equal(run.status, 0, run.stderr);
    const sutton = run.stdout.split('\n').find((line) => /^sutton +at least £/.test(line));
    assert.ok(sutton, run.stdout);
    // saves at least …, pays exactly its expected payments, net at least …
    assert.match(sutton, /^sutton +at least £[\d,.]+ +£248,400\.00 +at least \+£[\d,.]+$/);
    const csv = runCli(['totals', 'samples/pan-london-edge-of-care', '--format', 'csv']).stdout;
    const pays = csv.split('\n').find((line) => line.includes(',pays,') && line.includes(',sutton,'));
    assert.ok(pays && !/at least|at most|about/.test(pays), pays);
  });
});
