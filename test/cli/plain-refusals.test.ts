/**
 * What the CLI says when there is nothing it can stand behind: a participant count that failed
 * validation is not shown as a figure, a refused scale says what is accepted, and a path with
 * no framework or rate card is said plainly rather than "No problems in 0 files".
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot, runCli } from '../support/cli';

describe('outcomes-lint: plain words where there is nothing to show', function () {
  this.timeout(30000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outcomes-plain-'));
    fs.cpSync(path.join(repoRoot, 'samples/care-leavers'), dir, { recursive: true });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a participant count past what stays exact is an error, and the table shows it as not readable', () => {
    const card = path.join(dir, 'care-leavers.ratecard.yaml');
    fs.writeFileSync(card, fs.readFileSync(card, 'utf8').replace('participants: 200', 'participants: 99999999999999999999999'));
    for (const format of ['table', 'markdown']) {
      const run = runCli(['totals', '.', '--format', format], { cwd: dir });
      assert.match(run.stderr, /larger than any count or amount can be/);
      assert.match(run.stdout, /leaving-care.*not readable/, run.stdout);
      assert.doesNotMatch(run.stdout, /100,000,000,000,000,000,000,000/);
    }
  });

  it('--achievement 1e9 is refused with what is accepted', () => {
    const run = runCli(['totals', '.', '--achievement', '1e9'], { cwd: dir });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /needs a scale such as 1\.2 or 0\.8: a plain decimal of 0 or more, written without an exponent \(1e9 is not accepted\)/);
    assert.doesNotMatch(run.stderr, /\(a number, 0 or more\)/);
  });

  it('a folder named like a rate card holds nothing to check: said plainly, exit 2 as in totals', () => {
    const folder = path.join(dir, 'dir.ratecard.yaml');
    fs.mkdirSync(folder);
    const run = runCli([folder]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /No framework or rate card found in .*dir\.ratecard\.yaml: nothing was checked/);
    assert.doesNotMatch(run.stdout, /No problems in 0 files/);
    assert.equal(runCli(['totals', folder]).status, 2);
    // The default folder with nothing in it is a note, not a failure: a hook in a new repository passes.
    const here = runCli([], { cwd: folder });
    assert.equal(here.status, 0);
    assert.match(here.stderr, /No framework or rate card found in this folder/);
    assert.match(here.stdout, /Nothing was checked/);
  });
});
