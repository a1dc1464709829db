/**
 * Golden files for what `outcomes-lint samples/broken` prints, in both formats. After a
 * deliberate change of wording or layout, refresh them with
 * `UPDATE_GOLDEN=1 npm test -- test/cli/lint-golden.test.ts` and review the diff.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, runCli } from '../support/cli';

const goldenDir = path.join(__dirname, 'golden');

function matchesGolden(name: string, actual: string): void {
  const file = path.join(goldenDir, name);
  if (process.env.UPDATE_GOLDEN) {
    fs.writeFileSync(file, actual);
    return;
  }
  assert.ok(fs.existsSync(file), `no golden file ${name}: run with UPDATE_GOLDEN=1 to create it`);
  assert.equal(actual, fs.readFileSync(file, 'utf8'), `output differs from test/cli/golden/${name} (UPDATE_GOLDEN=1 refreshes it after a deliberate change)`);
}

describe('outcomes-lint samples/broken: golden output', () => {
  it('stylish', () => {
    const run = runCli(['samples/broken'], { cwd: repoRoot });
    assert.equal(run.status, 1, run.stderr);
    matchesGolden('broken.stylish.txt', run.stdout);
  });

  it('json, in the shape of format.md, each mistake on its line', () => {
    const run = runCli(['samples/broken', '--format', 'json'], { cwd: repoRoot });
    assert.equal(run.status, 1, run.stderr);
    matchesGolden('broken.json', run.stdout);
    const results = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string; severity: string; line: number; column: number; endLine: number; endColumn: number; message: string }[]; errorCount: number; warningCount: number }[];
    assert.deepEqual(results.map((r) => r.filePath), ['samples/broken/broken.framework.yaml', 'samples/broken/broken.ratecard.yaml']);
    const card = results[1];
    assert.deepEqual(card.messages.map((m) => [m.line, m.ruleId, m.severity]), [[15, 'payer-split', 'error'], [20, 'unknown-reference', 'error'], [24, 'schema', 'error'], [27, 'schema', 'error']]);
    assert.equal(card.errorCount, 4);
    for (const m of card.messages) assert.deepEqual(Object.keys(m), ['ruleId', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn']);
  });
});
