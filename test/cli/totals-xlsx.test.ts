/**
 * `outcomes-lint totals --format xlsx --output-file F.xlsx` as a process: the workbook is read
 * back (exceljs) and every formula recomputed by a formula engine (HyperFormula), and what it
 * computes must equal the JSON report: the balance by quarter, the totals, the peak funding need,
 * the money multiple and the IRR; NPV against a plain float sum. Amounts are numbers in the
 * currency's format, never text.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ExcelJS from 'exceljs';
import { HyperFormula } from 'hyperformula';
import { runCli } from '../support/cli';
import { sheetsOf } from '../support/workbook';

describe('outcomes-lint totals --format xlsx', function () {
  this.timeout(60000);
  let dir: string;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xlsx-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const card of ['samples/care-leavers/care-leavers.ratecard.yaml', 'samples/pan-london-edge-of-care/pan-london-edge-of-care.ratecard.yaml']) {
    it(`${path.basename(card)}: the formulas, recomputed, give the JSON's figures`, async () => {
      const file = path.join(dir, `${path.basename(card)}.xlsx`);
      const run = runCli(['totals', card, '--format', 'xlsx', '--output-file', file]);
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stdout, '');
      const json = JSON.parse(runCli(['totals', card, '--format', 'json']).stdout);
      const sheets = await sheetsOf(file);
      assert.deepEqual(Object.keys(sheets).filter((n) => n !== 'Value by body'), ['Summary', 'Cash flow', 'Lines']);
      const hf = HyperFormula.buildFromSheets(sheets, { licenseKey: 'gpl-v3' });
      const cash = hf.getSheetId('Cash flow')!;
      const summary = hf.getSheetId('Summary')!;
      const value = (sheet: number, a1: string) => hf.getCellValue(hf.simpleCellAddressFromString(a1, sheet)!);
      const pounds = (decimal: string) => Number(decimal);
      const quarters = json.investor.cashFlow as { period: string; costs: string; payments: string; balance: string }[];
      quarters.forEach((q, i) => {
        const r = i + 2;
        assert.equal(value(cash, `B${r}`), q.period);
        assert.ok(Math.abs((value(cash, `F${r}`) as number) - pounds(q.balance)) < 0.005, `balance ${q.period}: ${value(cash, `F${r}`)} vs ${q.balance}`);
      });
      const label = (text: string) => sheets.Summary.findIndex((row) => row[0] === text) + 1;
      const figure = (text: string) => value(summary, `B${label(text)}`) as number;
      assert.ok(Math.abs(figure('Investor: costs (delivery and fees)') - pounds(json.investor.costs)) < 0.005);
      assert.ok(Math.abs(figure('Investor: outcome payments received') - pounds(json.investor.payments)) < 0.005);
      assert.ok(Math.abs(figure('Investor: peak funding need') - pounds(json.investor.peakFunding)) < 0.005);
      assert.ok(Math.abs(figure('Investor: funding gap') - pounds(json.investor.fundingGap)) < 0.005);
      assert.equal(Math.round(figure('Investor: money multiple') * 10000) / 10000, json.investor.moneyMultiple);
      // The spreadsheet's IRR is a float search; ours is exact: the same to within the rounding.
      assert.ok(Math.abs(figure('Investor: IRR a year') - json.investor.irr) <= 0.00005 + 1e-9, `${figure('Investor: IRR a year')} vs ${json.investor.irr}`);
      assert.ok(Math.abs(figure('Expected payments') - pounds(json.expected)) < 0.005);
      // NPV at the Green Book's 3.5%, against a plain sum; then the reader changes the rate and it follows.
      const npvRow = sheets['Cash flow'].findIndex((row) => row[0] === 'Net present value at that rate') + 1;
      const npv = (rate: number) => quarters.reduce((s, q, k) => s + (pounds(q.payments) - pounds(q.costs)) / Math.pow(1 + rate, k / 4), 0);
      assert.ok(Math.abs((value(cash, `B${npvRow}`) as number) - npv(0.035)) < 0.01);
      hf.setCellContents(hf.simpleCellAddressFromString(`B${npvRow - 1}`, cash)!, 0.1);
      assert.ok(Math.abs((value(cash, `B${npvRow}`) as number) - npv(0.1)) < 0.01);
    });
  }

  it('amounts are numbers in the currency format, text from the files is text', async () => {
    const file = path.join(dir, 'formats.xlsx');
    assert.equal(runCli(['totals', 'samples/care-leavers', '--format', 'xlsx', '--output-file', file]).status, 0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const cash = workbook.getWorksheet('Cash flow')!;
    assert.equal(typeof cash.getCell('C2').value, 'number');
    assert.match(cash.getCell('C2').numFmt, /"£"#,##0\.00/);
    const lines = workbook.getWorksheet('Lines')!;
    assert.equal(lines.getCell('B2').value, 'education-agreed');
    assert.equal(typeof lines.getCell('D2').value, 'number');
  });

  it('needs --output-file, and is refused with --base', () => {
    const run = runCli(['totals', 'samples/care-leavers', '--format', 'xlsx']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--format xlsx writes a workbook: give the file to write with --output-file/);
    assert.equal(run.stdout, '');
    const base = runCli(['totals', 'samples/care-leavers', '--format', 'xlsx', '--output-file', path.join(dir, 'x.xlsx'), '--base', 'HEAD']);
    assert.equal(base.status, 2);
  });
});
