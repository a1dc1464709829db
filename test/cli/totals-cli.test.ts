/** `outcomes-lint totals` as a process: every report format against its golden, and the exit codes. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot, runCli } from '../support/cli';

const card = 'test/fixtures/totals/care/care.ratecard.yaml';
const golden = (name: string) => path.join(__dirname, 'golden/totals', name);

/** Compares with the golden file; UPDATE_GOLDEN=1 rewrites it instead. */
function matchGolden(actual: string, name: string): void {
  if (process.env.UPDATE_GOLDEN) fs.writeFileSync(golden(name), actual);
  assert.equal(actual, fs.readFileSync(golden(name), 'utf8'), `${name} differs from its golden (UPDATE_GOLDEN=1 to accept)`);
}

describe('outcomes-lint totals', () => {
  for (const [format, file] of [['table', 'care.table.txt'], ['json', 'care.json'], ['csv', 'care.csv'], ['markdown', 'care.md']] as const) {
    it(`--format ${format} matches its golden`, () => {
      const run = runCli(['totals', card, '--format', format]);
      assert.equal(run.status, 0, run.stderr);
      matchGolden(run.stdout, file);
    });
  }

  it('prints a table by default, with pounds and pence as an analyst reads them', () => {
    const run = runCli(['totals', card]);
    assert.equal(run.status, 0, run.stderr);
    // 200 × (1,000 + 2,000 + 1,200) + 40 × (1,500 + 2,000 + 1,200) = 840,000 + 188,000.
    assert.match(run.stdout, /^Total\s+£1,028,000\.00\s+£334,010\.00\s+£70,000\.00$/m);
    assert.match(run.stdout, /^high-needs\s+40\s+£4,700\.00\s+£188,000\.00\s+not projected\s+not projected$/m);
  });

  it('gives format.md\'s JSON shape: decimal strings with the currency\'s digits, null when not projected', () => {
    const run = runCli(['totals', card, '--format', 'json']);
    const report = JSON.parse(run.stdout);
    assert.equal(report.rateCard, 'care-leavers-2017');
    assert.equal(report.currency, 'GBP');
    assert.deepEqual(report.maxPerParticipant, { 'leaving-care': '4200.00', 'high-needs': '4700.00' });
    assert.equal(report.maximumLiability, '1028000.00');
    assert.equal(report.expected, '334010.00');
    assert.equal(report.deadweight, '70000.00');
    assert.equal(report.byCohort['high-needs'].expected, null);
    assert.deepEqual(report.byPayer.dfe, { maximumLiability: '404400.00', expected: '132203.00', deadweight: '21000.00' });
    assert.deepEqual(report.byYear, { 2018: '100203.00', 2019: '167005.00', 2020: '66802.00' });
  });

  it('gives an array for several rate cards, and finds rate cards in a folder', () => {
    const run = runCli(['totals', 'test/fixtures/totals/care', 'samples/homelessness/homelessness.ratecard.yaml', '--format', 'json']);
    assert.equal(run.status, 0, run.stderr);
    const reports = JSON.parse(run.stdout);
    assert.ok(Array.isArray(reports));
    assert.deepEqual(reports.map((r: { rateCard: string }) => r.rateCard).sort(), ['care-leavers-2017', 'fair-chance-2015']);
  });

  it('writes the report to --output-file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'totals-'));
    try {
      const out = path.join(dir, 'summary.md');
      const run = runCli(['totals', card, '--format', 'markdown', '--output-file', out]);
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stdout, '');
      assert.equal(fs.readFileSync(out, 'utf8'), fs.readFileSync(golden('care.md'), 'utf8'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 1 and names the line when a price cannot be read, still printing what it can', () => {
    const run = runCli(['totals', 'test/fixtures/formats/ci.ratecard.yaml']);
    assert.equal(run.status, 1);
    assert.match(run.stdout, /test\/fixtures\/formats\/ci\.ratecard\.yaml:13:12  The price for employment-sustained-26w cannot be read exactly/);
    assert.match(run.stdout, /cannot be computed/);
    assert.match(run.stderr, /has 3 errors/);
  });

  it('exits 1 for a file that is not a rate card', () => {
    const run = runCli(['totals', 'test/fixtures/totals/care/care.framework.yaml']);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /care\.framework\.yaml is not a rate card/);
  });

  it('exits 2 for usage errors', () => {
    assert.equal(runCli(['totals']).status, 2);
    const unknown = runCli(['totals', card, '--format', 'xml']);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /Unknown totals format "xml"\. Formats: table, json, csv, markdown/);
    const missing = runCli(['totals', 'no/such.ratecard.yaml']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /No such file or folder: no\/such\.ratecard\.yaml/);
  });

  it('resolves the framework through --root, refusing one outside it', () => {
    const run = runCli(['totals', path.join(repoRoot, card), '--root', path.join(repoRoot, 'samples')]);
    assert.equal(run.status, 1);
    assert.match(run.stdout, /Framework: could not be read/);
  });
});
