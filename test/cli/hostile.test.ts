/**
 * What a stranger's pull request can do to the linter in CI (issue 21), each through the built CLI
 * as a process, on real files, FIFOs, devices, symbolic links and git repositories: inputs whose
 * size or depth the file chooses, output targets that are not regular files, ignore files that
 * hang or blow up, text that would become a workflow command, and git's own reasons.
 */
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
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
      const device: fs.Stats = fs.statSync(path.join(dir, 'null-device'));
      assert.ok(device.isCharacterDevice(), `${args.join(' ')}: still a character device`);
      assert.equal(device.rdev, fs.statSync('/dev/null').rdev);
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

  (posix ? it : it.skip)('refuses a symbolic link at the report path that leads to a FIFO or device (one a pull request could commit)', () => {
    dir = makeWorkspace();
    assert.equal(spawnSync('mkfifo', [path.join(dir, 'control.pipe')]).status, 0);
    fs.symlinkSync('control.pipe', path.join(dir, 'report.json'));
    fs.symlinkSync('/dev/null', path.join(dir, 'report.xml'));
    for (const target of ['report.json', 'report.xml']) {
      const run = runCli(['--format', 'json', '-o', target, 'housing.ratecard.yaml'], { cwd: dir });
      assert.notEqual(run.status, null, 'finished without waiting for a reader');
      noStackTrace(run);
      assert.equal(run.status, 2);
      assert.match(run.stderr, new RegExp(`^outcomes-lint: ${target.replace('.', '\\.')} is a symbolic link to a device, FIFO or socket; a report is not written through such a link`, 'm'));
      assert.ok(fs.lstatSync(path.join(dir, target)).isSymbolicLink());
    }
    assert.ok(fs.statSync(path.join(dir, 'control.pipe')).isFIFO());
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

describe('hostile input: ignore files go through the one bounded reader and match in linear time', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  /** A workspace whose folder `sub` holds a copy of the rate card and the given ignore file. */
  function withSub(): string {
    const root = makeWorkspace({ 'sub/housing.framework.yaml': framework, 'sub/housing.ratecard.yaml': rateCard });
    return root;
  }
  const checked = (stdout: string) => (JSON.parse(stdout) as { filePath: string }[]).map((f) => f.filePath);

  (posix ? it : it.skip)('says a FIFO named .gitignore was not read, and does not wait on it', () => {
    dir = withSub();
    assert.equal(spawnSync('mkfifo', [path.join(dir, 'sub/.gitignore')]).status, 0);
    const run = runCli(['--format', 'json', '.'], { cwd: dir });
    assert.notEqual(run.status, null, 'the linter finished');
    noStackTrace(run);
    assert.match(run.stderr, /^outcomes-lint: sub\/\.gitignore: This is a FIFO \(named pipe\), not a regular file, so it was not read: .* Its patterns were not used\.$/m);
    assert.ok(checked(run.stdout).includes('sub/housing.ratecard.yaml'), 'the folder is still checked');
  });

  (posix ? it : it.skip)('says a committed link from .outcomes-lintignore to /dev/zero was not read, reading none of it', () => {
    dir = withSub();
    fs.symlinkSync('/dev/zero', path.join(dir, 'sub/.outcomes-lintignore'));
    const run = runCli(['--format', 'json', '.'], { cwd: dir });
    assert.notEqual(run.status, null);
    noStackTrace(run);
    assert.match(run.stderr, /^outcomes-lint: sub\/\.outcomes-lintignore: This is a device, not a regular file, so it was not read/m);
  });

  it('leaves out a line of 70,000 characters with its line number, and uses the other lines', () => {
    dir = withSub();
    fs.writeFileSync(path.join(dir, 'sub/.gitignore'), `${'x'.repeat(70000)}\nhousing.ratecard.yaml\n`);
    const run = runCli(['--format', 'json', '.'], { cwd: dir });
    noStackTrace(run);
    assert.equal(run.stderr, 'outcomes-lint: sub/.gitignore:1: This line is 70,000 characters long, more than the 4,096 a pattern may have, so it was not used.\n');
    assert.deepEqual(checked(run.stdout), ['housing.framework.yaml', 'housing.ratecard.yaml', 'sub/housing.framework.yaml'], 'line 2 still leaves out sub/housing.ratecard.yaml');
  });

  it('does not use an ignore file of 200,000 patterns or of more than 1 MB, and says so', () => {
    dir = withSub();
    fs.writeFileSync(path.join(dir, 'sub/.gitignore'), 'housing.ratecard.yaml\n'.concat('a\n'.repeat(200000)));
    fs.mkdirSync(path.join(dir, 'big'));
    fs.writeFileSync(path.join(dir, 'big/.outcomes-lintignore'), `# ${'x'.repeat(1024 * 1024)}\n*\n`);
    fs.writeFileSync(path.join(dir, 'big/housing.framework.yaml'), framework);
    const run = runCli(['--format', 'json', '.'], { cwd: dir });
    noStackTrace(run);
    assert.match(run.stderr, /^outcomes-lint: sub\/\.gitignore: This ignore file has 200,001 patterns, more than the 10,000 one file may have, so it was not used: the files it would leave out are checked\.$/m);
    assert.match(run.stderr, /^outcomes-lint: big\/\.outcomes-lintignore: This ignore file is larger than 1 MB, so it was not used: the files it would leave out are checked\.$/m);
    assert.ok(checked(run.stdout).includes('sub/housing.ratecard.yaml'));
    assert.ok(checked(run.stdout).includes('big/housing.framework.yaml'));
  });

  it('matches `*a*a*a*a*a*a*a*a*a*a*a*a*a*ac` against a 40-letter folder at once, as git would', () => {
    dir = withSub();
    const deep = 'a'.repeat(40);
    fs.mkdirSync(path.join(dir, deep));
    fs.writeFileSync(path.join(dir, deep, 'housing.framework.yaml'), framework);
    fs.mkdirSync(path.join(dir, `${deep}c`));
    fs.writeFileSync(path.join(dir, `${deep}c`, 'housing.framework.yaml'), framework);
    fs.writeFileSync(path.join(dir, '.gitignore'), '*a*a*a*a*a*a*a*a*a*a*a*a*a*ac\n');
    const started = Date.now();
    const run = runCli(['--format', 'json', '.'], { cwd: dir });
    noStackTrace(run);
    assert.ok(Date.now() - started < 10000, `took ${Date.now() - started} ms`);
    assert.equal(run.stderr, '');
    const files = checked(run.stdout);
    assert.ok(files.includes(`${deep}/housing.framework.yaml`), 'not matched: checked');
    assert.ok(!files.includes(`${deep}c/housing.framework.yaml`), 'matched (ends in c): left out');
  });

  it('stops matching ignore patterns past its bound of work, says so, and checks the files', () => {
    dir = withSub();
    // 250 patterns of 4,000 characters (1 MB) against a folder name of 120 letters: over 10^8 steps.
    fs.writeFileSync(path.join(dir, '.gitignore'), `${'*a'.repeat(2000)}\n`.repeat(250));
    const name = 'a'.repeat(120);
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, 'housing.framework.yaml'), framework);
    const run = runCli(['--format', 'json', '.'], { cwd: dir });
    noStackTrace(run);
    assert.match(run.stderr, /^outcomes-lint: \.gitignore: Matching the patterns of the ignore files took more than 100,000,000 steps .* Simplify the patterns, or run with --no-ignore\.$/m);
    assert.ok(checked(run.stdout).includes(`${name}/housing.framework.yaml`));
  });
});

describe('hostile input: no line of plain output starts with text a file chose', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  /** Lines a GitHub Actions runner would obey as workflow commands. */
  const commands = (text: string) => text.split(/\r\n|\n|\r|\u2028|\u2029|\u0085/).filter((line) => /^\s*::/.test(line));

  (posix ? it : it.skip)('escapes an id holding a line break and a file name holding one, in the stylish report and every totals format', () => {
    const card = rateCard.replace('id: housing-2020', 'id: "housing\\n::add-mask::secret"').replace('- outcome: home-26w', '- outcome: "x\\n::error file=a,line=1::pwned"');
    assert.notEqual(card, rateCard);
    const evil = 'evil\n::stop-commands::token.ratecard.yaml';
    dir = makeWorkspace({ 'housing.ratecard.yaml': card, [evil]: card });
    const runs = [
      runCli(['.'], { cwd: dir }),
      runCli(['--format', 'junit', '.'], { cwd: dir }),
      ...['table', 'json', 'csv', 'markdown'].map((format) => runCli(['totals', '--format', format, '.'], { cwd: dir })),
      ...['table', 'markdown'].map((format) => runCli(['totals', '--achievement', '0.5', '--format', format, '.'], { cwd: dir })),
    ];
    for (const run of runs) {
      noStackTrace(run);
      assert.deepEqual(commands(run.stdout), [], run.stdout);
      assert.deepEqual(commands(run.stderr), [], run.stderr);
    }
    // Shown, escaped, where they were.
    assert.match(runs[0].stdout, /^evil\\n::stop-commands::token\.ratecard\.yaml$/m);
    assert.match(runs[0].stdout, /`x ::error file=a,line=1::pwned`/, 'the stylish report folds a message\'s line breaks into spaces');
    assert.match(runs[2].stdout, /^Payment totals: housing\\n::add-mask::secret {2}evil\\n::stop-commands::token\.ratecard\.yaml$/m);
    assert.match(runs[2].stderr, /^ {2}housing\.ratecard\.yaml:\d+:\d+ {2}.*`x\\n::error file=a,line=1::pwned`/m);
  });
});

describe('hostile input: git\'s own reasons, said plainly', () => {
  let dir: string | undefined;
  let home: string | undefined;
  afterEach(() => {
    for (const d of [dir, home]) if (d) fs.rmSync(d, { recursive: true, force: true });
    dir = home = undefined;
  });

  /** A repository with one commit; git reads no global configuration but an empty one of ours. */
  function repository(): { env: NodeJS.ProcessEnv } {
    dir = makeWorkspace();
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'git-home-'));
    fs.writeFileSync(path.join(home, '.gitconfig'), '');
    const env = { GIT_CONFIG_GLOBAL: path.join(home, '.gitconfig'), GIT_CONFIG_NOSYSTEM: '1' };
    const git = (...args: string[]) => assert.equal(spawnSync('git', ['-c', 'user.email=a@example.org', '-c', 'user.name=A', ...args], { cwd: dir, env: { ...process.env, ...env } }).status, 0, args.join(' '));
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'first');
    return { env };
  }

  it('says git refuses a repository owned by another user, with git\'s fix (safe.directory)', function () {
    if (!posix || process.getuid?.() !== 0) return this.skip(); // needs root to give the repository away
    const { env } = repository();
    spawnSync('chown', ['-R', '65534:65534', dir!]);
    for (const args of [['--base', 'HEAD', '.'], ['totals', '--base', 'HEAD', 'housing.ratecard.yaml']]) {
      const run = runCli(args, { cwd: dir, env });
      noStackTrace(run);
      assert.equal(run.status, 2);
      assert.match(run.stderr, new RegExp(`^outcomes-lint: --base HEAD: git refuses to read the repository at ${dir!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: it belongs to another user .*git config --global --add safe\\.directory ${dir!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)`, 'm'));
      assert.doesNotMatch(run.stderr, /not inside a git repository/);
    }
  });

  it('says `^HEAD` is not one commit, instead of git\'s "Not a valid object name"', () => {
    const { env } = repository();
    for (const args of [['--base', '^HEAD', '.'], ['totals', '--base', '^HEAD', 'housing.ratecard.yaml']]) {
      const run = runCli(args, { cwd: dir, env });
      noStackTrace(run);
      assert.equal(run.status, 2);
      assert.match(run.stderr, /^outcomes-lint: --base \^HEAD: "\^HEAD" is not one commit \(a leading \^ means "not reachable from", which has no files\)\. Give a branch, tag or commit, such as HEAD~1, main or origin\/main\.$/m);
      assert.doesNotMatch(run.stderr, /Not a valid object name/);
    }
  });
});
