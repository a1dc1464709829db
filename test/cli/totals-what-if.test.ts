/** `outcomes-lint totals --achievement SCALE --participants SCALE` as a process, checked against plain runs on edited copies. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot, runCli } from '../support/cli';

const fixture = path.join(repoRoot, 'test/fixtures/totals/care');

/** A copy of the care fixture with `edit` applied to its rate card and framework. */
function editedCopy(edit: (text: string, name: string) => string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'what-if-'));
  for (const name of fs.readdirSync(fixture)) fs.writeFileSync(path.join(dir, name), edit(fs.readFileSync(path.join(fixture, name), 'utf8'), name));
  return dir;
}

const figures = (json: Record<string, unknown>) => {
  const { file: _f, framework: _fw, whatIf: _w, blockedBy: _b, ...rest } = json;
  return rest;
};

describe('outcomes-lint totals what-if', () => {
  it('--achievement 1.2 gives the totals of the card with every share × 1.2', () => {
    const run = runCli(['totals', fixture, '--achievement', '1.2', '--format', 'json']);
    assert.equal(run.status, 0, run.stderr);
    const copy = editedCopy((text, name) => (name.endsWith('.ratecard.yaml') ? text.replace('accommodation-entry: 0.6', 'accommodation-entry: 0.72').replace('accommodation-sustained-26w: 0.4', 'accommodation-sustained-26w: 0.48').replace('entry-level-qualification: 0.1', 'entry-level-qualification: 0.12').replace('level-1-qualification: 0.15', 'level-1-qualification: 0.18') : text));
    try {
      const plain = runCli(['totals', copy, '--format', 'json'], { cwd: copy });
      const whatIf = JSON.parse(run.stdout);
      assert.deepEqual(figures(whatIf), figures(JSON.parse(plain.stdout)));
      assert.notEqual(whatIf.expected, JSON.parse(runCli(['totals', fixture, '--format', 'json']).stdout).expected, 'the what-if changed something');
      assert.equal(whatIf.whatIf.achievement, '1.2');
      assert.equal(whatIf.whatIf.capNeverBinds, 'no-cap');
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });

  it('--participants 1.5 gives the totals with 1.5 times the people (projected and cohort sizes)', () => {
    const run = runCli(['totals', fixture, '--participants', '1.5', '--format', 'json']);
    assert.equal(run.status, 0, run.stderr);
    const copy = editedCopy((text) => text.replace('participants: 200', 'participants: 300').replace('size: 250', 'size: 375').replace('size: 40', 'size: 60'));
    try {
      assert.deepEqual(figures(JSON.parse(run.stdout)), figures(JSON.parse(runCli(['totals', copy, '--format', 'json'], { cwd: copy }).stdout)));
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });

  it('says the achievement scale at which caps.total starts to bind, and it does bind there and not just below', () => {
    const card = 'samples/care-leavers/care-leavers.ratecard.yaml';
    const run = runCli(['totals', card, '--achievement', '1']);
    assert.equal(run.status, 0, run.stderr);
    const scale = /caps\.total starts to cut the expected payments at achievement × (\d+\.\d+)/.exec(run.stdout)?.[1];
    assert.ok(scale, run.stdout);
    const at = runCli(['totals', card, '--achievement', scale]).stdout;
    const below = runCli(['totals', card, '--achievement', (Number(scale) - 0.01).toFixed(2)]).stdout;
    assert.match(at, /caps\.total cuts the expected payments\./);
    assert.doesNotMatch(below, /caps\.total cuts the expected payments\./);
  });

  it('ranks the outcomes whose achievement moves expected payments most, in every format', () => {
    const table = runCli(['totals', fixture, '--achievement', '1']).stdout;
    assert.match(table, /^What if: achievement × 1 \(each share at most 1\)$/m);
    const rows = [...table.matchAll(/^ {2}([a-z0-9-]+)\s+£[\d,.]+\s+\+£([\d,.]+)$/gm)].map((m) => [m[1], Number(m[2].replace(/,/g, ''))] as const);
    // 200 people × a tenth of each share × price: 0.04 × £2,000, 0.06 × £1,000, 0.015 × £1,200, 0.01 × £900.50.
    assert.deepEqual(rows, [['accommodation-sustained-26w', 16000], ['accommodation-entry', 12000], ['level-1-qualification', 3600], ['entry-level-qualification', 1801]]);
    const markdown = runCli(['totals', fixture, '--achievement', '1', '--format', 'markdown']).stdout;
    assert.match(markdown, /^> \*\*What if:\*\* achievement × 1/m);
    assert.match(markdown, /^\| accommodation-sustained-26w \| £160,000\.00 \| \+£16,000\.00 \|$/m);
    const csv = runCli(['totals', fixture, '--achievement', '1', '--format', 'csv']).stdout;
    assert.match(csv, /^care-leavers-2017,expectedMovedByTenPercentMoreAchievement,,,accommodation-sustained-26w,,16000\.00,GBP,\r$/m);
  });

  it('refuses a scale that is not a number, and a what-if with --base', () => {
    const bad = runCli(['totals', fixture, '--achievement', 'lots']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--achievement needs a scale such as 1\.2/);
    assert.equal(runCli(['totals', fixture, '--participants', '-1']).status, 2);
    assert.equal(runCli(['totals', fixture, '--achievement', '1.1', '--base', 'HEAD']).status, 2);
  });
});
