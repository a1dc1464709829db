import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../support/cli';

describe('outcomes-lint as a process', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outcomes-lint-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reports a misspelt key on its line with a did-you-mean, and exits 1', () => {
    fs.writeFileSync(path.join(dir, 'x.ratecard.yaml'), 'kind: RateCard\nschemaVersion: 1\nid: x\nframework: x.framework.yaml\ncurrency: GBP\nprices:\n  - outcome: a\n    pryce: 3\n');
    const run = runCli(['--format', 'json'], { cwd: dir });
    assert.equal(run.status, 1, run.stderr);
    const [file] = JSON.parse(run.stdout);
    const misspelt = file.messages.find((m: { message: string }) => m.message.includes('pryce'));
    assert.ok(misspelt, run.stdout);
    assert.deepEqual([misspelt.ruleId, misspelt.line, misspelt.column], ['schema', 8, 5]);
    assert.match(misspelt.message, /Did you mean `price`\?/);
  });

  it('exits 2 with a message for an unknown option', () => {
    const run = runCli(['--no-such-option'], { cwd: dir });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /outcomes-lint:/);
  });
});
