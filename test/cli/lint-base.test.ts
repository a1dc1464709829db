/**
 * `outcomes-lint --base REF` as a process in a real git repository: only the findings a change
 * brings are reported, in every format, and the exit code counts only those. Old findings are
 * matched by fingerprint, so moved lines and changed amounts do not make them new.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot, runCli } from '../support/cli';
import { commitAll, copyInto, edit, git, tempRepo } from '../support/git';

describe('outcomes-lint --base', function () {
  this.timeout(60000);
  let repo: string;
  let base: string;
  const card = () => path.join(repo, 'cards/perverse/perverse.ratecard.yaml');

  before(() => {
    repo = tempRepo();
    copyInto(path.join(repoRoot, 'samples/perverse'), path.join(repo, 'cards/perverse'));
    base = commitAll(repo, 'An old rate card with known problems');
    // Lines inserted above every finding, and a price raised (messages quoting amounts change)...
    edit(card(), /^/, '# Reviewed by the commissioning panel\n# (second reading)\n');
    edit(card(), '  - outcome: training-level-2\n    price: 2500', '  - outcome: training-level-2\n    price: 2600');
    // ...and one new problem: a job start that may be paid twice.
    edit(card(), '  - outcome: employment-entry\n    price: 2000\n', '  - outcome: employment-entry\n    price: 2000\n    maxClaims: 2\n');
    commitAll(repo, 'Panel changes');
  });

  after(() => fs.rmSync(repo, { recursive: true, force: true }));

  it('reports only the new finding, and its exit code ignores the old error', () => {
    const all = runCli(['cards', '--format', 'json'], { cwd: repo });
    assert.equal(all.status, 1, 'the old repeatable accommodation entry is an error');
    const everything = JSON.parse(all.stdout).flatMap((r: { messages: unknown[] }) => r.messages);
    assert.ok(everything.length > 20);

    const run = runCli(['cards', '--base', base, '--format', 'json'], { cwd: repo });
    assert.equal(run.status, 0, run.stderr);
    const files = JSON.parse(run.stdout);
    const messages = files.flatMap((r: { messages: { ruleId: string; line: number; message: string }[] }) => r.messages);
    assert.deepEqual(messages.map((m: { ruleId: string }) => m.ruleId), ['repeatable-entry-payment']);
    assert.match(messages[0].message, /employment-entry.*up to 2 times/);
    assert.equal(fs.readFileSync(card(), 'utf8').split('\n')[messages[0].line - 1].trim(), 'maxClaims: 2');
    assert.equal(files.reduce((n: number, r: { warningCount: number }) => n + r.warningCount, 0), 1);
    assert.match(run.stderr, new RegExp(`${everything.length - 1} findings were already there at ${base}`));
  });

  it('exits 1 when the change brings an error', () => {
    const run = runCli(['cards', '--base', base, '--rule', 'repeatable-entry-payment=error'], { cwd: repo });
    assert.equal(run.status, 1);
    assert.match(run.stdout, /1 problem \(1 error, 0 warnings\)/);
    assert.equal(runCli(['cards', '--base', 'HEAD'], { cwd: repo }).status, 0, 'nothing is new against itself');
  });

  it('every output format carries only the new finding', () => {
    const run = (format: string) => {
      const r = runCli(['cards', '--base', base, '--format', format], { cwd: repo });
      assert.equal(r.status, 0, r.stderr);
      return r.stdout;
    };
    assert.equal((run('stylish').match(/^ {2}\d+:\d+ /gm) ?? []).length, 1);
    const sarif = JSON.parse(run('sarif')).runs[0].results;
    assert.deepEqual(sarif.map((r: { ruleId: string }) => r.ruleId), ['repeatable-entry-payment']);
    const gitlab = JSON.parse(run('gitlab'));
    assert.deepEqual(gitlab.map((i: { check_name: string }) => i.check_name), ['repeatable-entry-payment']);
    assert.equal(gitlab[0].fingerprint, sarif[0].partialFingerprints['outcomesLint/v1'], 'one fingerprint for both');
    assert.equal(run('github').trim().split('\n').length, 1);
    assert.match(run('github'), /^::warning file=cards\/perverse\/perverse\.ratecard\.yaml,line=\d+,.*title=repeatable-entry-payment/);
    assert.match(run('junit'), /<failure message="1 warning" type="warning">/);
  });

  it('keeps every old finding\'s fingerprint across moved lines and changed amounts', () => {
    git(repo, 'checkout', '-q', base);
    const before = JSON.parse(runCli(['cards', '--format', 'gitlab'], { cwd: repo }).stdout);
    git(repo, 'checkout', '-q', 'main');
    const after = JSON.parse(runCli(['cards', '--format', 'gitlab'], { cwd: repo }).stdout);
    const prints = new Set(after.map((i: { fingerprint: string }) => i.fingerprint));
    for (const issue of before) assert.ok(prints.has(issue.fingerprint), `${issue.check_name} at line ${issue.location.lines.begin} lost its fingerprint`);
    assert.ok(before.some((b: { location: { lines: { begin: number } }; fingerprint: string; description: string }) => after.some((a: typeof b) => a.fingerprint === b.fingerprint && a.location.lines.begin !== b.location.lines.begin && a.description !== b.description)), 'some moved and were reworded');
  });

  it('refuses outside a git repository, and with --fix', () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'outcomes-nogit-'));
    try {
      copyInto(path.join(repoRoot, 'samples/perverse'), path.join(outside, 'perverse'));
      const run = runCli(['perverse', '--base', 'main'], { cwd: outside, env: { GIT_CEILING_DIRECTORIES: path.dirname(outside) } });
      assert.equal(run.status, 2);
      assert.match(run.stderr, /is not inside a git repository/);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
    assert.equal(runCli(['cards', '--base', base, '--fix'], { cwd: repo }).status, 2);
  });
});
