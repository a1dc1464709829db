/**
 * What a stranger's pull request can do to the linter in CI (issue 21), each through the built CLI
 * as a process, on real files, FIFOs, devices, symbolic links and git repositories: inputs whose
 * size or depth the file chooses, output targets that are not regular files, ignore files that
 * hang or blow up, text that would become a workflow command, and git's own reasons.
 */
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
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

describe('hostile input: --output-file never replaces what is not a regular file', () => {
  let dir: string | undefined;
  const isRoot = process.getuid?.() === 0;
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('writes to a character device (what /dev/null is) as a stream, leaving the device a device', function () {
    if (!posix || !isRoot) return this.skip(); // mknod needs root: this case runs only as root
    dir = makeWorkspace();
    assert.equal(spawnSync('mknod', [path.join(dir, 'null-device'), 'c', '1', '3']).status, 0);
    for (const args of [['--format', 'json', '-o', 'null-device', 'housing.ratecard.yaml'], ['totals', '-o', 'null-device', 'housing.ratecard.yaml']]) {
      const run = runCli(args, { cwd: dir });
      noStackTrace(run);
      assert.equal(run.status, args[0] === 'totals' ? 0 : 1, run.stderr);
      const after = fs.statSync(path.join(dir, 'null-device'));
      assert.ok(after.isCharacterDevice(), `${args.join(' ')}: still a character device`);
      assert.equal(after.rdev, fs.statSync('/dev/null').rdev);
    }
  });

  it('refuses a disk (block device) as a report, leaving it as it was', function () {
    if (!posix || !isRoot) return this.skip(); // mknod needs root: this case runs only as root
    dir = makeWorkspace();
    assert.equal(spawnSync('mknod', [path.join(dir, 'disk'), 'b', '7', '200']).status, 0);
    const run = runCli(['-o', 'disk', 'housing.ratecard.yaml'], { cwd: dir });
    noStackTrace(run);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^outcomes-lint: disk is a disk \(a block device\); a report is never written to one, so nothing was written/);
    assert.ok(fs.statSync(path.join(dir, 'disk')).isBlockDevice());
  });

  (posix ? it : it.skip)('writes to a FIFO for its reader, and leaves the FIFO a FIFO', async () => {
    dir = makeWorkspace();
    const fifo = path.join(dir, 'report.pipe');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    const reader = spawnAsync('sh', ['-c', 'cat report.pipe > received.json'], dir);
    const run = runCli(['--format', 'json', '-o', 'report.pipe', 'housing.ratecard.yaml'], { cwd: dir });
    noStackTrace(run);
    assert.equal(run.status, 1, run.stderr);
    await reader;
    const received = JSON.parse(fs.readFileSync(path.join(dir, 'received.json'), 'utf8')) as { filePath: string }[];
    assert.deepEqual(received.map((f) => f.filePath), ['housing.ratecard.yaml']);
    assert.ok(fs.statSync(fifo).isFIFO(), 'still a FIFO');
  });

  (posix ? it : it.skip)('writes -o /dev/stdout to standard output when it is a pipe (lint and totals)', () => {
    dir = makeWorkspace();
    const lint = runCli(['--format', 'json', '-o', '/dev/stdout', 'housing.ratecard.yaml'], { cwd: dir });
    noStackTrace(lint);
    assert.equal(lint.status, 1, lint.stderr);
    assert.equal((JSON.parse(lint.stdout) as unknown[]).length, 1);
    const totals = runCli(['totals', '--format', 'json', '-o', '/dev/stdout', 'housing.ratecard.yaml'], { cwd: dir });
    noStackTrace(totals);
    assert.equal(totals.status, 0, totals.stderr);
    assert.ok(JSON.parse(totals.stdout), 'the totals as JSON on standard output');
  });

  it('refuses a read-only report file with a clear message and leaves it as it was, as root too', () => {
    dir = makeWorkspace();
    const report = path.join(dir, 'report.json');
    fs.writeFileSync(report, 'kept\n');
    fs.chmodSync(report, 0o444);
    for (const args of [['--format', 'json', '-o', 'report.json', 'housing.ratecard.yaml'], ['totals', '-o', 'report.json', 'housing.ratecard.yaml']]) {
      const run = runCli(args, { cwd: dir });
      noStackTrace(run);
      assert.equal(run.status, 2);
      assert.match(run.stderr, /^outcomes-lint: report\.json is read-only; nothing was written to it\. Make it writable, or give --output-file another file\.$/m);
      assert.equal(fs.readFileSync(report, 'utf8'), 'kept\n');
      assert.equal(fs.statSync(report).mode & 0o777, 0o444);
    }
  });

  it('still replaces a regular report file atomically, keeping its mode', () => {
    dir = makeWorkspace();
    const report = path.join(dir, 'report.json');
    fs.writeFileSync(report, 'old\n');
    fs.chmodSync(report, 0o640);
    const run = runCli(['--format', 'json', '-o', 'report.json', 'housing.ratecard.yaml'], { cwd: dir });
    assert.equal(run.status, 1, run.stderr);
    assert.equal((JSON.parse(fs.readFileSync(report, 'utf8')) as unknown[]).length, 1);
    assert.equal(fs.statSync(report).mode & 0o777, 0o640);
    assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')), [], 'no temporary file left');
  });
});

function spawnAsync(command: string, args: string[], cwd: string): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: 'ignore' });
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`${command} did not finish`));
    }, 20000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}
