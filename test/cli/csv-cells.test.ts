/**
 * The totals CSV (the CLI's, which the editor's export is too) never hands a spreadsheet a
 * formula: text from a file that starts with =, +, -, @, a tab or a carriage return is kept text.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { csvCell } from '../../server/src/core/totals/csv';
import { repoRoot, runCli } from '../support/cli';

/** The cells of an RFC 4180 line (enough for these files: quoted cells may hold commas and quotes). */
function cells(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)) out.push(m[1].startsWith('"') ? m[1].slice(1, -1).replace(/""/g, '"') : m[1]);
  return out;
}

describe('totals CSV: formula cells defused', () => {
  it('keeps a cell that a spreadsheet would run as a formula as text, and numbers as numbers', () => {
    assert.equal(csvCell('=HYPERLINK("http://example.com","x")'), `"'=HYPERLINK(""http://example.com"",""x"")"`);
    // A carriage return is shown escaped (`\r`): no line break of a file's reaches the CSV.
    for (const start of ['+', '-', '@', '\t', '\r']) assert.ok(csvCell(`${start}SUM(A1:A9)`).replace(/^"/, '').startsWith(`'${start === '\r' ? '\\r' : start}`), JSON.stringify(start));
    assert.equal(csvCell('-1250.50'), '-1250.50');
    assert.equal(csvCell('1250.50'), '1250.50');
    assert.equal(csvCell('care-leavers-2017'), 'care-leavers-2017');
    assert.equal(csvCell('a, b'), '"a, b"');
  });

  it('defuses ids and payer keys from a broken rate card in `totals --format csv`', () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'outcomes-csv-')));
    try {
      const source = path.join(repoRoot, 'test/fixtures/totals/care');
      for (const name of fs.readdirSync(source)) fs.copyFileSync(path.join(source, name), path.join(dir, name));
      const file = path.join(dir, 'care.ratecard.yaml');
      const text = fs.readFileSync(file, 'utf8');
      const evil = text.replace(/^id: .*$/m, 'id: "=HYPERLINK(\\"http://example.com\\",\\"x\\")"').replace(/^payers: \{ (\w+):/m, 'payers: { "@$1":');
      assert.notEqual(evil, text);
      fs.writeFileSync(file, evil);
      const run = runCli(['totals', 'care.ratecard.yaml', '--format', 'csv'], { cwd: dir });
      const rows = run.stdout.trimEnd().split('\r\n').slice(1).map(cells);
      assert.ok(rows.length > 5, run.stdout + run.stderr);
      for (const row of rows) {
        assert.equal(row[0], `'=HYPERLINK("http://example.com","x")`);
        for (const cell of row) assert.doesNotMatch(cell, /^[=+@\t\r]|^-(?!\d)/, JSON.stringify(row));
        if (row[6]) assert.match(row[6], /^-?\d+(\.\d+)?$/);
      }
      assert.ok(rows.some((row) => row[3].startsWith("'@")), 'the payer key is in the CSV, defused');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
