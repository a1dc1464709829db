/** The actuals capability in the core: the CSV reader against a simple one, the rule pages and their examples, exact figures. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { actualsRules, checkActuals } from '../../server/src/core/actuals';
import { parseCsv } from '../../server/src/core/actuals/csv';
import { ruleCatalog } from '../../server/src/core/config/catalog';
import { nodeHost } from '../../server/src/core/node-host';
import { Workspace } from '../../server/src/core/workspace';

const repoRoot = path.resolve(__dirname, '../..');
const fixtures = path.join(repoRoot, 'test/fixtures/actuals');
const docsDir = path.join(repoRoot, 'docs/rules');

/** The files of the examples tagged `tag` in a rule page, each named by its `# file:` first line. */
function examples(markdown: string, tag: 'fires' | 'passes'): Record<string, string> {
  const files: Record<string, string> = {};
  for (const match of markdown.matchAll(new RegExp('```yaml ' + tag + '\\n([\\s\\S]*?)```', 'g'))) files[/^# file: (\S+)/.exec(match[1])?.[1] ?? 'example.actuals.yaml'] = match[1];
  return files;
}

/** Writes CSV the obvious way: every field quoted when it needs to be, quotes doubled. */
function writeCsv(rows: string[][], eol: string): string {
  return rows.map((r) => r.map((f) => (/[",\r\n]/.test(f) || f === '' ? `"${f.replace(/"/g, '""')}"` : f)).join(',')).join(eol) + eol;
}

function checkIn(dir: string, name: string) {
  const workspace = new Workspace(dir, nodeHost);
  return checkActuals(workspace, path.join(dir, name))!;
}

describe('actuals: the CSV reader', () => {
  it('reads back any table written by RFC 4180 rules, each cell at its place', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r\n', ' ', 'é', '1') });
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 }), fc.constantFrom('\r\n', '\n'), (rows, eol) => {
        const text = writeCsv(rows, eol);
        const table = parseCsv(text);
        assert.equal(table.problem, undefined);
        assert.deepEqual(table.records.map((r) => r.cells.map((c) => c.text)), rows);
        // Each cell's span holds exactly what was written for it.
        for (const record of table.records) for (const cell of record.cells) {
          const source = text.slice(cell.span.start, cell.span.end);
          assert.equal(source.startsWith('"') ? source.slice(1, -1).replace(/""/g, '"') : source, cell.text);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('refuses what RFC 4180 does not allow, at the character', () => {
    assert.deepEqual(parseCsv('a,b"c\n').problem?.span, { start: 3, end: 4 });
    assert.deepEqual(parseCsv('a,"b"c\n').problem?.span, { start: 5, end: 6 });
    assert.deepEqual(parseCsv('a\n"open,b\n').problem?.span, { start: 2, end: 3 });
  });
});

describe('actuals: the rule pages', () => {
  it('every actuals rule is known to the configuration, and listed in docs/rules/README.md', () => {
    const readme = fs.readFileSync(path.join(docsDir, 'README.md'), 'utf8');
    for (const rule of actualsRules) {
      assert.ok(ruleCatalog.rules.some((r) => r.id === rule.meta.id));
      assert.match(readme, new RegExp(`\\[\`${rule.meta.id}\`\\]\\(${rule.meta.id}\\.md\\) \\| ${rule.meta.defaultSeverity} \\|`));
    }
  });

  for (const rule of actualsRules) {
    describe(rule.meta.id, () => {
      const markdown = fs.readFileSync(path.join(docsDir, `${rule.meta.id}.md`), 'utf8');
      it('has a page stating its default severity and thresholds', () => {
        assert.equal(rule.meta.docs, `docs/rules/${rule.meta.id}.md`);
        assert.match(markdown, new RegExp(`Default severity: \\*\\*${rule.meta.defaultSeverity}\\*\\*`));
        for (const [name, threshold] of Object.entries(rule.meta.thresholds)) assert.match(markdown, new RegExp(`\\| \`${name}\` \\| ${threshold.default} \\|`));
        if (Object.keys(rule.meta.thresholds).length === 0) assert.match(markdown, /## Thresholds\n\nNone\./);
        assert.match(markdown, new RegExp(`# outcomes-lint-disable-next-line ${rule.meta.id} -- `));
      });
      for (const tag of ['fires', 'passes'] as const) {
        it(`${tag === 'fires' ? 'fires on' : 'does not fire on'} its "${tag}" example, which otherwise reads`, () => {
          const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'actuals-doc-'));
          try {
            for (const name of ['contract.framework.yaml', 'contract.ratecard.yaml']) fs.copyFileSync(path.join(fixtures, name), path.join(dir, name));
            const files = examples(markdown, tag);
            assert.ok(Object.keys(files).length > 0);
            for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
            const report = checkIn(dir, 'example.actuals.yaml');
            assert.equal(report.unreadable, false, report.findings.map((f) => f.message).join('\n'));
            const own = report.findings.filter((f) => f.ruleId === rule.meta.id);
            if (tag === 'fires') assert.ok(own.length > 0, `${rule.meta.id} did not fire`);
            else assert.deepEqual(own.map((f) => f.message), []);
          } finally {
            fs.rmSync(dir, { recursive: true, force: true });
          }
        });
      }
    });
  }
});

describe('actuals: one schema, two forms', () => {
  it('the clean YAML and the clean CSV give the same figures, exactly', () => {
    const yaml = checkIn(fixtures, 'clean.actuals.yaml');
    const csv = checkIn(fixtures, 'contract.actuals.csv');
    assert.deepEqual(yaml.findings, []);
    assert.deepEqual(csv.findings, []);
    const a = yaml.plan()!;
    const b = csv.plan()!;
    assert.deepEqual({ ...a, rateCard: '' }, { ...b, rateCard: '' });
    // 1,000 + 2,000 + 3,000 + 1,500 + 2,400 + 4,500 + 900 (two college entries at £600 less 25%).
    assert.equal(a.payments.actual, 1530000);
    // £34,540.00 expected × 40% of the profile in 2020, by the end of 2020-Q4.
    assert.equal(a.payments.plan, 1381600);
    // By payer, 70/30, adding up to the whole to the penny.
    assert.equal(a.byPayer.council.actual + a.byPayer.fund.actual, a.payments.actual);
    assert.equal(a.byPayer.fund.actual, 459000);
  });

  it('a row with an error counts in no figure, and the file is marked unreadable', () => {
    const report = checkIn(fixtures, 'wrong.actuals.csv');
    assert.equal(report.unreadable, true);
    // Neither the unreadable "1,600" nor the unreadable 800.005 is in the claims read.
    assert.ok(!report.rows.some((r) => r.row.claimed?.value === '"1,600"' || r.row.claimed?.value === '800.005'));
  });
});
