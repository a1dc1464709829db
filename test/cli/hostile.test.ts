/**
 * What a stranger's pull request can do to the linter in CI (issue 21), each through the built CLI
 * as a process, on real files, FIFOs, devices, symbolic links and git repositories: inputs whose
 * size or depth the file chooses, output targets that are not regular files, ignore files that
 * hang or blow up, text that would become a workflow command, and git's own reasons.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cliPath, runCli } from '../support/cli';
import { framework, makeWorkspace, rateCard } from './rules-fixture';

const posix = process.platform !== 'win32';

function noStackTrace(run: { stdout: string; stderr: string }): void {
  assert.doesNotMatch(run.stderr + run.stdout, /internal error|RangeError|\n\s+at .+:\d+:\d+/, 'no internal error or stack trace');
}

/** The framework's outcome list replaced by `count` outcomes, each requiring the next, the last the first. */
function requiresLoop(count: number): string {
  const head = framework.slice(0, framework.indexOf('outcomes:\n') + 'outcomes:\n'.length);
  let outcomes = '';
  for (let i = 0; i < count; i++) {
    outcomes += `  - id: o${i}\n    title: Outcome ${i}\n    domain: education\n    stage: progression\n    role: payment\n    requires: [o${(i + 1) % count}]\n    evidence: { kind: administrative, source: Records }\n`;
  }
  return head + outcomes;
}

/** The CPU time (user + system, seconds) the built CLI takes for `args`, measured by bash around the process. */
function cpuSeconds(args: string[], cwd: string): { seconds: number; stdout: string; stderr: string; status: number | null } {
  const quoted = [process.execPath, cliPath, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const run = spawnSync('bash', ['-c', `TIMEFORMAT='%3U %3S'; { time ${quoted} >out.txt 2>err.txt; } 2>time.txt; echo $? >status.txt`], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60000 });
  assert.equal(run.status, 0, run.stderr);
  const [user, system] = fs.readFileSync(path.join(cwd, 'time.txt'), 'utf8').trim().split(/\s+/).map(Number);
  return { seconds: user + system, stdout: fs.readFileSync(path.join(cwd, 'out.txt'), 'utf8'), stderr: fs.readFileSync(path.join(cwd, 'err.txt'), 'utf8'), status: Number(fs.readFileSync(path.join(cwd, 'status.txt'), 'utf8')) };
}

describe('hostile input: sizes and depths a file chooses', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('reports a `requires` loop of 5,000 outcomes as a loop, with no stack overflow', () => {
    dir = makeWorkspace({ 'housing.framework.yaml': requiresLoop(5000) });
    const run = runCli(['--format', 'json', 'housing.framework.yaml'], { cwd: dir });
    noStackTrace(run);
    assert.equal(run.status, 1, run.stderr);
    const messages = (JSON.parse(run.stdout) as { messages: { ruleId: string; message: string }[] }[])[0].messages.filter((m) => m.ruleId === 'requires-cycle');
    assert.equal(messages.length, 1);
    assert.match(messages[0].message, /^These outcomes require each other in a loop: `o0` → `o1` → .* → `o4999` → `o0`\./);
  });

  it('checks standard input as a file whose name (300 characters) or folder is too long for the system', () => {
    dir = makeWorkspace();
    const long = `${'a'.repeat(300)}.ratecard.yaml`;
    for (const name of [long, `${'b'.repeat(300)}/housing.ratecard.yaml`]) {
      const run = runCli(['--stdin', '--stdin-filename', name, '--format', 'json'], { cwd: dir, input: rateCard });
      noStackTrace(run);
      const files = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string; message: string }[] }[];
      assert.equal(files.length, 1, `only the piped file is reported (no unreadable config beside it): ${run.stdout.slice(0, 400)}`);
      assert.equal(files[0].filePath, name);
      assert.equal(run.status, 1);
      assert.ok(files[0].messages.length > 0, 'the piped rate card was checked');
    }
  });

  it('answers `totals` on a rate card with 10,000 schema errors in under 2 s of CPU, as fast as lint', function () {
    this.timeout(120000);
    dir = makeWorkspace();
    let card = rateCard.slice(0, rateCard.indexOf('prices:\n') + 'prices:\n'.length);
    for (let i = 0; i < 5001; i++) card += `  - outcome: home-entry\n    cohorts: [leaving-care]\n    price: 10\n    bogus${i}: 1\n`;
    fs.writeFileSync(path.join(dir, 'housing.ratecard.yaml'), card);
    const totals = cpuSeconds(['totals', 'housing.ratecard.yaml'], dir);
    noStackTrace(totals);
    assert.equal(totals.status, 1);
    const listed = totals.stderr.split('\n').filter((l) => /^ {2}housing\.ratecard\.yaml:\d+:\d+ {2}/.test(l)).length;
    assert.ok(listed >= 10000, `${listed} errors listed`);
    assert.ok(totals.seconds < 2, `totals took ${totals.seconds} s of CPU for ${listed} errors`);
  });
});
