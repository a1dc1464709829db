/** Actuals through the CLI as a process: each kind of wrong claim at its cell, a clean file, and plan against actual in every format. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../support/cli';

const dir = 'test/fixtures/actuals';

describe('outcomes-lint on actuals files', () => {
  it('passes clean results, in YAML and in CSV', () => {
    const run = runCli([`${dir}/clean.actuals.yaml`, `${dir}/contract.actuals.csv`]);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /No problems in 2 files/);
  });

  it('finds actuals files walking a folder, by name', () => {
    const run = runCli([dir, '--format', 'json']);
    const files = JSON.parse(run.stdout).map((f: { filePath: string }) => path.basename(f.filePath));
    for (const name of ['clean.actuals.yaml', 'contract.actuals.csv', 'wrong.actuals.yaml', 'wrong.actuals.csv', 'broken-quote.actuals.csv', 'behind.actuals.yaml']) assert.ok(files.includes(name), name);
  });

  it('reports each kind of wrong claim in the YAML at its row and cell, and exits 1', () => {
    const run = runCli([`${dir}/wrong.actuals.yaml`, '--format', 'json']);
    assert.equal(run.status, 1);
    const messages: { ruleId: string; line: number; column: number; message: string }[] = JSON.parse(run.stdout)[0].messages;
    const at = (id: string) => messages.filter((m) => m.ruleId === id).map((m) => `${m.line}:${m.column}`);
    assert.deepEqual(at('actuals-outside-contract'), ['6:15', '22:87']);
    assert.deepEqual(at('actuals-unpriced-outcome'), ['8:89', '9:55']);
    assert.deepEqual(at('actuals-price-mismatch'), ['11:89']);
    assert.deepEqual(at('actuals-over-max-claims'), ['6:74', '14:71']);
    assert.deepEqual(at('actuals-excluded-outcomes'), ['16:55']);
    assert.deepEqual(at('actuals-missing-prerequisite'), ['17:55']);
    assert.deepEqual(at('actuals-cap-exceeded'), ['18:109', '19:87', '20:91']);
    assert.deepEqual(at('actuals-late-start'), ['21:15']);
    const text = (id: string) => messages.filter((m) => m.ruleId === id).map((m) => m.message).join('\n');
    assert.match(text('actuals-cap-exceeded'), /P-002 has been claimed for £3,500\.00, past the cap per participant of £3,300\.00 by £200\.00/);
    assert.match(text('actuals-cap-exceeded'), /£49,850\.00 has been claimed to 2021-Q1, past the rate card's total cap of £40,000\.00 by £9,850\.00/);
    assert.match(text('actuals-excluded-outcomes'), /P-003 is claimed for college-entry and was already paid for job-entry/);
    assert.match(text('actuals-late-start'), /after recruitment closed on 2020-12-31/);
    assert.match(text('actuals-outside-contract'), /2023-05-02 is after the last date an outcome may be paid \(finalPaymentDate 2023-03-31\)/);
  });

  it('reports the CSV at its line and column, never echoing what a person cell holds', () => {
    const run = runCli([`${dir}/wrong.actuals.csv`]);
    assert.equal(run.status, 1);
    const lines = run.stdout.split('\n').filter((l) => /^\s+\d+:\d+/.test(l)).map((l) => l.trim().replace(/\s+/g, ' '));
    assert.deepEqual(lines.map((l) => l.split(' ').slice(0, 2).join(' ') + ' ' + l.split(' ').pop()), [
      '3:1 error schema',
      '4:32 error schema',
      '5:35 error actuals-price-mismatch',
      '6:36 error schema',
      '8:36 error actuals-over-max-claims',
      '9:39 error actuals-price-mismatch',
      '10:35 error schema',
      '11:27 error schema',
    ]);
    assert.match(run.stdout, /"1,600"/);
    assert.match(run.stdout, /800\.005 has 3\. Claims are never rounded here/);
    assert.match(run.stdout, /£600\.00 is claimed for college-entry \(1 evidenced\), but at the card's price of £450\.00 \(after its 25% discount\)/);
    assert.doesNotMatch(run.stdout + run.stderr, /Jane|Smith/);
  });

  it('a quote left open is one csv-syntax error at the quote', () => {
    const run = runCli([`${dir}/broken-quote.actuals.csv`, '--format', 'json']);
    assert.equal(run.status, 1);
    const messages = JSON.parse(run.stdout)[0].messages;
    assert.deepEqual(messages.map((m: { ruleId: string; line: number; column: number }) => `${m.ruleId} ${m.line}:${m.column}`), ['csv-syntax 3:9']);
  });

  it('lists the actuals rules with the others, and lets .outcomes-lint.yaml set them', () => {
    const run = runCli(['rules', '--format', 'json']);
    const ids = JSON.parse(run.stdout).rules.map((r: { id: string }) => r.id);
    for (const id of ['actuals-price-mismatch', 'actuals-optimism', 'actuals-cap-exceeded']) assert.ok(ids.includes(id), id);
    const quiet = runCli([`${dir}/wrong.actuals.yaml`, '--rule', 'actuals-cap-exceeded=off', '--format', 'json']);
    assert.ok(!JSON.parse(quiet.stdout)[0].messages.some((m: { ruleId: string }) => m.ruleId === 'actuals-cap-exceeded'));
  });
});

describe('outcomes-lint totals --actuals', () => {
  it('sets the clean results beside the plan, the same from YAML and from CSV', () => {
    const yaml = runCli(['totals', '--actuals', `${dir}/clean.actuals.yaml`, '--format', 'csv']);
    const csv = runCli(['totals', `${dir}/contract.ratecard.yaml`, '--actuals', `${dir}/contract.actuals.csv`, '--format', 'csv']);
    assert.equal(yaml.status, 0, yaml.stderr);
    assert.equal(csv.status, 0, csv.stderr);
    assert.equal(yaml.stdout, csv.stdout);
    assert.match(yaml.stdout, /^actuals-test-2020,2020-Q4,payments claimed,,15300\.00,13816\.00,1\.1074,GBP,\r$/m);
    assert.match(yaml.stdout, /^actuals-test-2020,2020-Q4,participants started,,20,20,1,,\r$/m);
  });

  it('worked by hand: the figures of docs/actuals.md, in a table', () => {
    const run = runCli(['totals', '--actuals', `${dir}/behind.actuals.yaml`]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^payments claimed\s+£9,000\.00\s+£13,816\.00\s+65\.1%$/m);
    assert.match(run.stdout, /^ {2}housed-26w\s+2\s+5\s+41\.7%$/m);
    assert.match(run.stdout, /^expected payments to the end\s+£22,500\.00 \(plan: £34,540\.00\)$/m);
    assert.match(run.stdout, /^maximum liability still open\s+at most £31,000\.00$/m);
    assert.match(run.stdout, /^cap headroom \(fund\)\s+£2,300\.00$/m);
    assert.match(run.stdout, /3 warnings/);
  });

  it('gives JSON with exact decimal strings and Markdown with the same figures', () => {
    const json = JSON.parse(runCli(['totals', '--actuals', `${dir}/behind.actuals.yaml`, '--format', 'json']).stdout);
    assert.deepEqual(json.payments, { actual: '9000.00', plan: '13816.00', shareOfPlan: 0.6514 });
    assert.equal(json.reforecast['expected payments to the end'].value, '22500.00');
    assert.equal(json.asAt.period, '2020-Q4');
    assert.deepEqual(json.byPeriod[3], { period: '2020-Q4', actual: '3000.00', plan: '3454.00' });
    const md = runCli(['totals', '--actuals', `${dir}/behind.actuals.yaml`, '--format', 'markdown']).stdout;
    assert.match(md, /\| payments claimed \| £9,000\.00 \| £13,816\.00 \| 65\.1% \|/);
  });

  it('makes no figure from a file that does not read, and says where it is wrong', () => {
    const run = runCli(['totals', '--actuals', `${dir}/wrong.actuals.csv`]);
    assert.equal(run.status, 1);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /no plan-against-actual figure is made from it/);
    assert.match(run.stderr, /wrong\.actuals\.csv:3 /);
  });

  it('shows the sample programme near 83% of plan', () => {
    const run = runCli(['totals', '--actuals', 'samples/plan-against-actual/care-leavers.actuals.yaml']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^participants started\s+150\s+200\s+75\.0%$/m);
    assert.match(run.stdout, /^payments claimed\s+£381,700\.00\s+£465,456\.75\s+82\.0%$/m);
    // With the framework's values and the card's investment: savings and the investor's balance, worked in docs/actuals.md.
    assert.match(run.stdout, /^savings\s+at least £150,797\.79\s+at least £205,342\.50\s+73\.4%$/m);
    assert.match(run.stdout, /^investor's balance\s+-£362,195\.90\s+-£278,439\.15$/m);
    assert.match(run.stdout, /^investor's money multiple to the end\s+×1\.0723 \(plan: ×1\.3076\)$/m);
    assert.match(run.stdout, /^expected payments to the end\s+£925,333\.33 \(plan: £1,128,380\.00\)$/m);
    const lint = runCli(['samples/plan-against-actual']);
    assert.equal(lint.status, 0);
    assert.equal((lint.stdout.match(/actuals-optimism/g) ?? []).length, 3);
  });

  it('checks a 10,000-row CSV and totals it exactly', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'actuals-big-'));
    try {
      for (const name of ['contract.framework.yaml', 'contract.ratecard.yaml']) fs.copyFileSync(path.join(dir, name), path.join(tmp, name));
      const rows = ['period,cohort,started,outcome,evidenced,claimed,person,date', '2020-01,young-people,20,,,,,'];
      for (let i = 0; i < 9999; i++) rows.push(`2020-${String((i % 12) + 1).padStart(2, '0')},young-people,,housed,,1000,P-${i},2020-${String((i % 12) + 1).padStart(2, '0')}-15`);
      fs.writeFileSync(path.join(tmp, 'contract.actuals.csv'), rows.join('\r\n') + '\r\n');
      const run = runCli(['totals', '--actuals', path.join(tmp, 'contract.actuals.csv'), '--format', 'json', '--root', tmp]);
      assert.equal(run.status, 1); // far past the caps: reported, and the figures still given
      const json = JSON.parse(run.stdout);
      assert.equal(json.payments.actual, '9999000.00');
      assert.equal(json.outcomes.housed.actual, '9999');
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
