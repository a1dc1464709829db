/**
 * `outcomes-lint totals --actuals F --format xlsx --output-file F.xlsx` as a process: the
 * workbook gains a "Plan against actual" sheet. It is read back (exceljs), every formula
 * recomputed by a formula engine (HyperFormula), and what it computes must equal the JSON of
 * `totals --actuals F --format json`: by period the plan, the actual, the share of plan and the
 * running sums; to date each figure's actual, plan and share of plan; the reforecast.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ExcelJS from 'exceljs';
import { HyperFormula } from 'hyperformula';
import { runCli } from '../support/cli';
import { sheetsOf } from '../support/workbook';

const near = (a: unknown, b: number, tolerance: number, what: string) => assert.ok(typeof a === 'number' && Math.abs(a - b) <= tolerance, `${what}: ${String(a)} vs ${b}`);

describe('outcomes-lint totals --actuals --format xlsx', function () {
  this.timeout(60000);
  let dir: string;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xlsx-actuals-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const actuals of ['samples/plan-against-actual/care-leavers.actuals.yaml', 'test/fixtures/actuals/behind.actuals.yaml']) {
    it(`${path.basename(actuals)}: the sheet's formulas, recomputed, give the JSON's figures`, async () => {
      const file = path.join(dir, `${path.basename(actuals)}.xlsx`);
      const run = runCli(['totals', '--actuals', actuals, '--format', 'xlsx', '--output-file', file]);
      const json = JSON.parse(runCli(['totals', '--actuals', actuals, '--format', 'json']).stdout);
      assert.equal(run.status, json.findings.errors ? 1 : 0, run.stderr);
      assert.equal(run.stdout, '');
      const sheets = await sheetsOf(file);
      // The rate card's own sheets come first, then the plan against actual.
      assert.equal(Object.keys(sheets).at(-1), 'Plan against actual');
      assert.equal(sheets['Plan against actual'][0][1], json.rateCard);
      assert.ok(Object.keys(sheets).includes('Summary') && Object.keys(sheets).includes('Lines'));
      const rows = sheets['Plan against actual'];
      const hf = HyperFormula.buildFromSheets(sheets, { licenseKey: 'gpl-v3' });
      const id = hf.getSheetId('Plan against actual')!;
      const value = (r: number, c: number) => hf.getCellValue({ sheet: id, row: r, col: c });

      // By period: plan, actual, share; the running sums as formulas.
      const head = rows.findIndex((row) => row[0] === 'Period');
      const periods = json.byPeriod as { period: string; actual: string; plan: string | null }[];
      assert.ok(periods.length >= 4);
      let plan = 0;
      let actual = 0;
      periods.forEach((p, i) => {
        const r = head + 1 + i;
        assert.equal(value(r, 0), p.period);
        assert.equal(value(r, 2), Number(p.actual));
        assert.equal(value(r, 1), Number(p.plan));
        plan += Number(p.plan);
        actual += Number(p.actual);
        assert.ok(typeof rows[r][4] === 'string' && String(rows[r][5]).startsWith('='), 'running sums are formulas');
        near(value(r, 4), plan, 0.005, `planned to date ${p.period}`);
        near(value(r, 5), actual, 0.005, `claimed to date ${p.period}`);
        if (Number(p.plan)) near(value(r, 3), Number(p.actual) / Number(p.plan), 1e-9, `share ${p.period}`);
      });
      // The running sums end at the figures to date (each period's plan is rounded once, so to a penny a period).
      near(value(head + periods.length, 5), Number(json.payments.actual), 0.005, 'claimed to date = payments claimed');
      near(value(head + periods.length, 4), Number(json.payments.plan), 0.005 * periods.length, 'planned to date = payments planned');

      // To date: each figure's actual and plan, and the share of plan recomputed = the JSON's.
      const label = (text: string) => rows.findIndex((row) => row[0] === text);
      const check = (text: string, figure: { actual: string; plan: string | null; shareOfPlan: number | null }, money: boolean) => {
        const r = label(text);
        assert.ok(r > head, `row ${text}`);
        assert.equal(value(r, 1), Number(figure.actual), text);
        if (figure.plan === null) return assert.equal(value(r, 2), null, text);
        near(value(r, 2), Number(figure.plan), money ? 0.005 : 0.5, `${text} plan`);
        assert.ok(String(rows[r][3]).startsWith('='), `${text}: share of plan is a formula`);
        if (figure.shareOfPlan !== null) near(value(r, 3), figure.shareOfPlan, 0.00005, `${text} share`);
      };
      check('participants started', json.participants, false);
      check('payments claimed', json.payments, true);
      for (const [outcome, figure] of Object.entries(json.outcomes)) check(`outcomes evidenced: ${outcome}`, figure as never, false);
      for (const [payer, figure] of Object.entries(json.byPayer)) check(`payments claimed by payer: ${payer}`, figure as never, true);
      if (json.investorBalance) {
        const r = label("investor's balance");
        assert.equal(value(r, 1), Number(json.investorBalance.actual));
        assert.equal(value(r, 2), Number(json.investorBalance.plan));
      }
      // The reforecast: the same values as the JSON.
      for (const [figure, f] of Object.entries(json.reforecast as Record<string, { value: string | null }>)) {
        const r = label(figure);
        assert.ok(r > head, `reforecast row ${figure}`);
        if (f.value === null) assert.equal(value(r, 1), null);
        else if (figure === 'performance so far') {
          // A formula: payments claimed ÷ planned to date (the JSON gives it to 4 decimals).
          assert.ok(String(rows[r][1]).startsWith('='));
          near(value(r, 1), Number(f.value), 0.00005, figure);
        } else assert.equal(value(r, 1), Number(f.value), figure);
      }
    });
  }

  it('amounts are in the currency format, shares as percents', async () => {
    const file = path.join(dir, 'formats.xlsx');
    assert.equal(runCli(['totals', '--actuals', 'samples/plan-against-actual/care-leavers.actuals.yaml', '--format', 'xlsx', '--output-file', file]).status, 0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet('Plan against actual')!;
    let head = 0;
    sheet.eachRow((row, r) => {
      if (row.getCell(1).value === 'Period') head = r;
    });
    const first = sheet.getRow(head + 1);
    assert.equal(typeof first.getCell(2).value, 'number');
    assert.match(first.getCell(2).numFmt, /"£"#,##0\.00/);
    assert.match(first.getCell(3).numFmt, /"£"#,##0\.00/);
    assert.equal(first.getCell(4).numFmt, '0.0%');
  });

  it('needs --output-file with --actuals too', () => {
    const run = runCli(['totals', '--actuals', 'test/fixtures/actuals/behind.actuals.yaml', '--format', 'xlsx']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--output-file/);
  });
});
