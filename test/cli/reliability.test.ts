/**
 * The linter under the input an adversarial run found hard (issue 11): absurd numbers, FIFOs,
 * huge files, odd YAML, configs leading out of the workspace, and --fix on links, foreign
 * owners, read-only files, mixed line endings and unwritable folders. Each through the built CLI.
 */
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cliPath, runCli } from '../support/cli';
import { framework, makeWorkspace, messagesOf, rateCard } from './rules-fixture';

/** The fixture framework without its cohort's eligibility: broad-cohort's fix adds a placeholder list. */
const fixableFramework = framework.replace('    eligibility:\n      - Looked after for at least 13 weeks since age 14\n', '');
/** A rate card that checks clean, so only the framework has something to fix. */
const cleanRateCard = rateCard.replace('maxClaims: 3   # three moves allowed', 'maxClaims: 1');

const isRoot = process.getuid?.() === 0;
const posix = process.platform !== 'win32';

interface JsonFile {
  filePath: string;
  messages: { ruleId: string; message: string; line: number; column: number }[];
}

function json(stdout: string): JsonFile[] {
  return JSON.parse(stdout) as JsonFile[];
}

/**
 * Runs the built CLI as an unprivileged user when the tests run as root (root writes anywhere),
 * from a copy of the bundle that user can read; undefined when that user cannot run Node here.
 */
function runUnprivileged(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } | undefined {
  if (!isRoot) return spawnSync(process.execPath, [cliPath, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-copy-'));
  fs.chmodSync(bin, 0o755);
  fs.copyFileSync(cliPath, path.join(bin, 'cli.js'));
  fs.chmodSync(path.join(bin, 'cli.js'), 0o644);
  const as = { uid: 65534, gid: 65534 };
  try {
    if (spawnSync(process.execPath, ['-e', '0'], as).status !== 0) return undefined;
    return spawnSync(process.execPath, [path.join(bin, 'cli.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, ...as });
  } finally {
    fs.rmSync(bin, { recursive: true, force: true });
  }
}

function noStackTrace(run: { stdout: string; stderr: string }): void {
  assert.doesNotMatch(run.stderr + run.stdout, /internal error|\n\s+at .+:\d+:\d+/, 'no internal error or stack trace');
}

describe('reliability: numbers, files and YAML the linter refuses clearly', () => {
  let dir: string;
  afterEach(() => {
    if (dir) {
      if (posix) spawnSync('chmod', ['-R', 'u+rwX', dir]);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports `price: 1e999999999` and `caps.total: 1e999999999` at the value, with no stack trace', () => {
    const card = cleanRateCard.replace('price: 1000', 'price: 1e999999999').replace('total: 500000', 'total: -1e-999999999');
    dir = makeWorkspace({ 'housing.framework.yaml': fixableFramework, 'housing.ratecard.yaml': card });
    const run = runCli(['--format', 'json', 'housing.ratecard.yaml'], { cwd: dir });
    noStackTrace(run);
    assert.equal(run.status, 1, run.stderr);
    const messages = json(run.stdout)[0].messages.filter((m) => /exponent/.test(m.message));
    const lines = card.split('\n');
    const at = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;
    assert.deepEqual(messages.map((m) => [m.ruleId, m.line, m.column]), [
      ['schema', at('total: -1e-999999999'), 10],
      ['schema', at('price: 1e999999999'), 12],
    ]);
    assert.match(messages[1].message, /The number 1e999999999 has an exponent of 999999999/);
    // Nothing else is said at those values (no "Infinity", no "cannot be read exactly").
    assert.ok(!json(run.stdout)[0].messages.some((m) => /Infinity|cannot be read exactly/.test(m.message)));
  });

  it('checks 19 prices of 1e530000000 in well under a second of work', () => {
    const prices = Array.from({ length: 19 }, () => '  - outcome: home-26w\n    cohorts: [leaving-care]\n    price: 1e530000000\n').join('');
    dir = makeWorkspace({ 'housing.framework.yaml': fixableFramework, 'housing.ratecard.yaml': cleanRateCard + prices });
    const started = Date.now();
    const run = runCli(['--format', 'json', 'housing.ratecard.yaml'], { cwd: dir });
    const took = Date.now() - started;
    noStackTrace(run);
    assert.equal(json(run.stdout)[0].messages.filter((m) => /exponent of 530000000/.test(m.message)).length, 19);
    assert.ok(took < 5000, `took ${took} ms`);
  });

  it('reports a number with thousands of digits in a share, without echoing all of it', () => {
    const card = cleanRateCard.replace('payers: { council: 100 }', `payers: { council: 1${'0'.repeat(5000)} }`);
    dir = makeWorkspace({ 'housing.framework.yaml': fixableFramework, 'housing.ratecard.yaml': card });
    const run = runCli(['--format', 'json', 'housing.ratecard.yaml'], { cwd: dir });
    noStackTrace(run);
    const message = json(run.stdout)[0].messages.find((m) => /digits/.test(m.message));
    assert.ok(message, run.stdout);
    assert.ok(message.message.length < 400, 'the message quotes only the start of the number');
  });

  (posix ? it : it.skip)('skips a FIFO named *.ratecard.yaml and .outcomes-lint.yaml with a diagnostic, never waiting on it', () => {
    dir = makeWorkspace({ 'housing.framework.yaml': fixableFramework, 'housing.ratecard.yaml': cleanRateCard });
    for (const name of ['pipe.ratecard.yaml', 'other.yaml', '.outcomes-lint.yaml']) assert.equal(spawnSync('mkfifo', [path.join(dir, name)]).status, 0);
    const run = runCli(['--format', 'json'], { cwd: dir });
    noStackTrace(run);
    assert.notEqual(run.status, null, 'the linter finished (did not block on the FIFO)');
    const files = json(run.stdout);
    const pipe = files.find((f) => f.filePath === 'pipe.ratecard.yaml');
    assert.ok(pipe!.messages.some((m) => /^This is a FIFO \(named pipe\), not a regular file, so it was not read/.test(m.message)), JSON.stringify(pipe));
    const config = files.find((f) => f.filePath === '.outcomes-lint.yaml');
    assert.match(config!.messages[0].message, /could not be read: this is a FIFO/i);
    assert.ok(!files.some((f) => f.filePath === 'other.yaml'), 'a FIFO not named as ours is not ours');
  });

  it('reports a 50 MB file as 50 MB, reading no more of it than the limit', () => {
    dir = makeWorkspace({ 'housing.framework.yaml': fixableFramework, 'housing.ratecard.yaml': cleanRateCard });
    const big = path.join(dir, 'big.ratecard.yaml');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, 50 * 1024 * 1024);
    const run = runCli(['--format', 'json', 'big.ratecard.yaml'], { cwd: dir });
    noStackTrace(run);
    assert.match(json(run.stdout)[0].messages[0].message, /^This file is 50 MB\. Outcome Frameworks checks files of up to 5 MB/);
  });

  it('refuses `cohorts: [-]` and `{ k: -}` as the yaml library does, instead of reading the text "-"', () => {
    const card = cleanRateCard.replace('  - outcome: home-26w\n', '  - outcome: home-26w\n    cohorts: [-]\n');
    dir = makeWorkspace({ 'housing.framework.yaml': fixableFramework, 'housing.ratecard.yaml': card, 'flow.ratecard.yaml': cleanRateCard.replace('payers: { council: 100 }', 'payers: { council: -}') });
    const run = runCli(['--format', 'json', 'housing.ratecard.yaml', 'flow.ratecard.yaml'], { cwd: dir });
    for (const file of json(run.stdout)) assert.ok(file.messages.some((m) => m.ruleId === 'yaml-syntax' && /Block collections are not allowed within flow collections/.test(m.message)), `${file.filePath}: ${JSON.stringify(file.messages)}`);
  });

  it('reports `{ 2023: 0.4, "2023": 0.2 }` as a repeated key', () => {
    const card = cleanRateCard + 'projection:\n  - cohort: leaving-care\n    participants: 10\n    achievement: { home-entry: 0.5 }\n    profile: { 2021: 0.4, "2021": 0.6 }\n';
    dir = makeWorkspace({ 'housing.framework.yaml': fixableFramework, 'housing.ratecard.yaml': card });
    const run = runCli(['--format', 'json', 'housing.ratecard.yaml'], { cwd: dir });
    const repeated = json(run.stdout)[0].messages.filter((m) => /appears twice/.test(m.message));
    assert.equal(repeated.length, 1, run.stdout);
    const line = card.split('\n').findIndex((l) => l.includes('"2021"')) + 1;
    assert.deepEqual([repeated[0].line, repeated[0].column], [line, card.split('\n')[line - 1].indexOf('"2021"') + 1]);
  });

  it('a profile year written `.inf` (read as Infinity) is an error, and the net present value is not estimated, with no hang (found by fuzzing)', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'profile-inf-'));
    const sample = path.resolve('samples/pan-london-edge-of-care');
    for (const name of fs.readdirSync(sample)) fs.copyFileSync(path.join(sample, name), path.join(dir, name));
    const card = path.join(dir, 'pan-london-edge-of-care.ratecard.yaml');
    fs.writeFileSync(card, fs.readFileSync(card, 'utf8').replace('2020: 0.2, 2021: 0.25', '2020: 0.2, .inf: 0.25'));
    const started = Date.now();
    const totals = runCli(['totals', 'pan-london-edge-of-care.ratecard.yaml', '--format', 'json'], { cwd: dir });
    assert.equal(totals.status, 1, `exit ${totals.status} after ${Date.now() - started} ms: ${totals.stderr}`);
    assert.match(totals.stderr, /`Infinity` is not a valid name of `profile`: a year of four digits/);
    const value = JSON.parse(totals.stdout).value;
    assert.equal(value.npv, null);
    assert.match(value.notEstimated.npv, /the payment profile names "Infinity", which is not a year/);
    const lint = runCli(['pan-london-edge-of-care.ratecard.yaml'], { cwd: dir });
    assert.equal(lint.status, 1, lint.stderr);
    noStackTrace(lint);
  });

  it('reads 200 lines of prose holding `[16, 25)`, instead of refusing the file as nested 200 deep', () => {
    const notes = Array.from({ length: 220 }, (_, i) => `      - Ages in [16, 25) at referral, note ${i}\n`).join('');
    const text = fixableFramework.replace('    size: 100\n', `    size: 100\n    notes:\n${notes}`).replace('    title: Young people leaving care\n', '    title: Young people leaving care\n    description: |\n' + '      [16, 25) and [25, 30)\n'.repeat(220));
    dir = makeWorkspace({ 'housing.framework.yaml': text, 'housing.ratecard.yaml': cleanRateCard });
    const run = runCli(['--format', 'json', 'housing.framework.yaml'], { cwd: dir });
    assert.ok(!/nests more than/.test(run.stdout), run.stdout.slice(0, 500));
  });

  it('refuses a 100,000-deep flow list after an apostrophe in a title, at once and clearly', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const text = fixableFramework.replace('title: Young people into stable homes', "title: Children's homes").replace('    size: 100\n', `    size: 100\n    notes: ${deep}\n`);
    dir = makeWorkspace({ 'housing.framework.yaml': text, 'housing.ratecard.yaml': cleanRateCard });
    const started = Date.now();
    const run = runCli(['--format', 'json', 'housing.framework.yaml'], { cwd: dir });
    noStackTrace(run);
    assert.match(json(run.stdout)[0].messages[0].message, /nests more than 200 levels deep here/);
    assert.doesNotMatch(run.stdout, /call stack/);
    assert.ok(Date.now() - started < 5000);
  });
});

describe('reliability: configuration that leads out of the workspace', () => {
  let dir: string;
  let outside: string;
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  (posix ? it : it.skip)('refuses a .outcomes-lint.yaml that is a symbolic link to a file outside, never quoting it', () => {
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'outside-'));
    // A "secret" that is also a config silencing the rule: neither obeyed nor echoed.
    fs.writeFileSync(path.join(outside, 'secret.yaml'), 'rules:\n  broad-cohort: off\n  password-hunter2: error\n');
    dir = makeWorkspace({ 'housing.framework.yaml': fixableFramework, 'housing.ratecard.yaml': cleanRateCard });
    fs.symlinkSync(path.join(outside, 'secret.yaml'), path.join(dir, '.outcomes-lint.yaml'));
    const run = runCli(['--format', 'json', '.', '.outcomes-lint.yaml'], { cwd: dir });
    assert.ok(messagesOf(run.stdout, 'housing.framework.yaml').some((m) => m[0] === 'broad-cohort'), 'the rule is not silenced');
    assert.doesNotMatch(run.stdout, /hunter2/);
    assert.match(run.stdout, /leads outside the workspace \(it is a symbolic link to a file elsewhere\), so it was not read/);
  });

  (posix ? it : it.skip)('refuses an `extends` that reaches outside through a symbolic link', () => {
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'outside-'));
    fs.writeFileSync(path.join(outside, 'base.yaml'), 'rules:\n  broad-cohort: off\n  hunter2: off\n');
    dir = makeWorkspace({ 'housing.framework.yaml': fixableFramework, 'housing.ratecard.yaml': cleanRateCard, '.outcomes-lint.yaml': 'extends: shared/base.yaml\n' });
    fs.symlinkSync(outside, path.join(dir, 'shared'));
    const run = runCli(['--format', 'json'], { cwd: dir });
    assert.ok(messagesOf(run.stdout, 'housing.framework.yaml').some((m) => m[0] === 'broad-cohort'));
    assert.doesNotMatch(run.stdout, /hunter2/);
    assert.match(run.stdout, /`extends` points outside the workspace \(shared\/base.yaml, through a symbolic link\)/);
  });
});

describe('reliability: --fix writes', () => {
  let dir: string;
  let reference: string;
  afterEach(() => {
    for (const d of [dir, reference]) {
      if (!d) continue;
      if (posix) spawnSync('chmod', ['-R', 'u+rwX', d]);
      fs.rmSync(d, { recursive: true, force: true });
    }
  });

  /** What --fix makes of the framework in a plain folder: the text every other case must end with. */
  function fixedReference(text = fixableFramework): string {
    reference = makeWorkspace({ 'housing.framework.yaml': text, 'housing.ratecard.yaml': cleanRateCard });
    const run = runCli(['--fix', 'housing.framework.yaml'], { cwd: reference });
    assert.equal(run.status, 0, run.stderr + run.stdout);
    const fixed = fs.readFileSync(path.join(reference, 'housing.framework.yaml'), 'utf8');
    assert.notEqual(fixed, text, 'the reference run fixed something');
    return fixed;
  }

  (posix ? it : it.skip)('writes through a symbolic link to its target, and the link stays a link', () => {
    const expected = fixedReference();
    dir = makeWorkspace({ 'housing.ratecard.yaml': cleanRateCard, 'real/housing.framework.yaml': fixableFramework });
    fs.rmSync(path.join(dir, 'housing.framework.yaml'));
    fs.symlinkSync('real/housing.framework.yaml', path.join(dir, 'housing.framework.yaml'));
    const run = runCli(['--fix', 'housing.framework.yaml'], { cwd: dir });
    assert.equal(run.status, 0, run.stderr);
    assert.ok(fs.lstatSync(path.join(dir, 'housing.framework.yaml')).isSymbolicLink(), 'still a link');
    assert.equal(fs.readFileSync(path.join(dir, 'real/housing.framework.yaml'), 'utf8'), expected);
  });

  (posix ? it : it.skip)('keeps hard links: every name sees the fix', () => {
    const expected = fixedReference();
    dir = makeWorkspace({ 'housing.framework.yaml': fixableFramework, 'housing.ratecard.yaml': cleanRateCard });
    fs.linkSync(path.join(dir, 'housing.framework.yaml'), path.join(dir, 'copy.yaml.bak'));
    const inode = fs.statSync(path.join(dir, 'housing.framework.yaml')).ino;
    assert.equal(runCli(['--fix', 'housing.framework.yaml'], { cwd: dir }).status, 0);
    assert.equal(fs.statSync(path.join(dir, 'housing.framework.yaml')).ino, inode);
    assert.equal(fs.statSync(path.join(dir, 'housing.framework.yaml')).nlink, 2);
    assert.equal(fs.readFileSync(path.join(dir, 'copy.yaml.bak'), 'utf8'), expected);
  });

  (posix ? it : it.skip)('keeps the mode, whatever the umask', () => {
    fixedReference();
    dir = makeWorkspace({ 'housing.framework.yaml': fixableFramework, 'housing.ratecard.yaml': cleanRateCard });
    const file = path.join(dir, 'housing.framework.yaml');
    // Group-writable: a new file under the usual umask (022) would not be.
    fs.chmodSync(file, 0o664);
    assert.equal(runCli(['--fix', 'housing.framework.yaml'], { cwd: dir }).status, 0);
    assert.equal(fs.statSync(file).mode & 0o7777, 0o664);
  });

  (posix && isRoot ? it : it.skip)('keeps the owner of a file owned by someone else', () => {
    const expected = fixedReference();
    dir = makeWorkspace({ 'housing.framework.yaml': fixableFramework, 'housing.ratecard.yaml': cleanRateCard });
    const file = path.join(dir, 'housing.framework.yaml');
    fs.chownSync(file, 65534, 65534);
    assert.equal(runCli(['--fix', 'housing.framework.yaml'], { cwd: dir }).status, 0);
    const stat = fs.statSync(file);
    assert.deepEqual([stat.uid, stat.gid], [65534, 65534]);
    assert.equal(fs.readFileSync(file, 'utf8'), expected);
  });

  (posix ? it : it.skip)('refuses a read-only file with a clear message and leaves it as it was', () => {
    fixedReference();
    dir = makeWorkspace({ 'housing.framework.yaml': fixableFramework, 'housing.ratecard.yaml': cleanRateCard });
    const file = path.join(dir, 'housing.framework.yaml');
    fs.chmodSync(file, 0o444);
    const run = runCli(['--fix', 'housing.framework.yaml'], { cwd: dir });
    noStackTrace(run);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /housing\.framework\.yaml is read-only; nothing was written to it/);
    assert.equal(fs.readFileSync(file, 'utf8'), fixableFramework);
    assert.equal(fs.statSync(file).mode & 0o777, 0o444);
  });

  (posix ? it : it.skip)('says plainly that a folder it cannot write was not written, with no stack trace', function () {
    fixedReference();
    dir = makeWorkspace({ 'housing.framework.yaml': fixableFramework, 'housing.ratecard.yaml': cleanRateCard });
    fs.chmodSync(dir, 0o555);
    // Root writes anywhere: run as nobody then (the folder and the file stay readable to all).
    // The file is the runner's and writable: only the folder stops the write.
    if (isRoot) fs.chownSync(path.join(dir, 'housing.framework.yaml'), 65534, 65534);
    fs.chmodSync(path.join(dir, 'housing.framework.yaml'), 0o644);
    const run = runUnprivileged(['--fix', 'housing.framework.yaml'], dir);
    if (!run) return this.skip(); // nobody cannot run Node on this machine
    noStackTrace(run);
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /housing\.framework\.yaml could not be written: the folder \S+ is not writable \(permission denied\); nothing was written/);
    assert.equal(fs.readFileSync(path.join(dir, 'housing.framework.yaml'), 'utf8'), fixableFramework);
  });

  (posix ? it : it.skip)('writes --output-file with the same writer: through a link, and a plain message for a folder it cannot write', function () {
    reference = '';
    dir = makeWorkspace({ 'housing.framework.yaml': fixableFramework, 'housing.ratecard.yaml': cleanRateCard });
    fs.mkdirSync(path.join(dir, 'reports'));
    fs.writeFileSync(path.join(dir, 'reports', 'real.json'), '');
    fs.symlinkSync('real.json', path.join(dir, 'reports', 'lint.json'));
    runCli(['--format', 'json', '--output-file', 'reports/lint.json', 'housing.framework.yaml'], { cwd: dir });
    assert.ok(fs.lstatSync(path.join(dir, 'reports', 'lint.json')).isSymbolicLink());
    assert.ok(Array.isArray(JSON.parse(fs.readFileSync(path.join(dir, 'reports', 'real.json'), 'utf8'))));
    fs.mkdirSync(path.join(dir, 'locked'));
    fs.chmodSync(path.join(dir, 'locked'), 0o555);
    fs.chmodSync(dir, 0o755);
    const run = runUnprivileged(['--format', 'json', '--output-file', 'locked/lint.json', 'housing.framework.yaml'], dir);
    if (!run) return this.skip();
    noStackTrace(run);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /locked\/lint\.json could not be written: the folder locked is not writable \(permission denied\); nothing was written/);
  });

  it('keeps each line ending of a file with mixed endings: an inserted line does not gain a CR', () => {
    // The header in Windows line ends, the rest in Unix ones, as after a paste.
    const lines = fixableFramework.split('\n');
    const mixed = lines.slice(0, 5).join('\r\n') + '\r\n' + lines.slice(5).join('\n');
    const expected = fixedReference(mixed);
    const inserted = expected.slice(expected.indexOf('eligibility:') - 20, expected.indexOf('eligibility:') + 120);
    assert.doesNotMatch(inserted, /\r/, JSON.stringify(inserted));
    assert.equal(expected.split('\r\n').length, mixed.split('\r\n').length, 'the CRLF lines stay CRLF, and no more');
  });

  it('refuses to write a file that is not UTF-8, keeping its bytes', () => {
    fixedReference();
    const latin1 = Buffer.from(fixableFramework.replace('Young people into stable homes', 'Jeunes pr\u00e9parés'), 'latin1');
    dir = makeWorkspace({ 'housing.ratecard.yaml': cleanRateCard });
    fs.writeFileSync(path.join(dir, 'housing.framework.yaml'), latin1);
    const run = runCli(['--fix', 'housing.framework.yaml'], { cwd: dir });
    noStackTrace(run);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /is not UTF-8 text; --fix writes UTF-8 only, so nothing was written to it/);
    assert.ok(fs.readFileSync(path.join(dir, 'housing.framework.yaml')).equals(latin1));
  });

  it('inserts a fix into the right entry when its last line is followed by a deeper-indented comment', () => {
    for (const comment of ['        # deeper\n', '  # shallower\n        # deeper\n', '        # deeper\n\n', '# column 0\n      # deeper\n']) {
      const text = fixableFramework.replace('    size: 100\n', `    size: 100\n${comment}  - id: young-parents\n    title: Young parents\n    eligibility:\n      - A parent under 21\n    size: 20\n`);
      dir = makeWorkspace({ 'housing.framework.yaml': text, 'housing.ratecard.yaml': cleanRateCard });
      const run = runCli(['--fix', '--format', 'json', 'housing.framework.yaml'], { cwd: dir });
      const fixed = fs.readFileSync(path.join(dir, 'housing.framework.yaml'), 'utf8');
      assert.ok(!json(run.stdout)[0].messages.some((m) => m.ruleId === 'yaml-syntax'), `${JSON.stringify(comment)}: ${run.stdout}`);
      const first = fixed.slice(fixed.indexOf('- id: leaving-care'), fixed.indexOf('- id: young-parents'));
      assert.match(first, /eligibility:/, `${JSON.stringify(comment)}: the fix went into leaving-care\n${fixed}`);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps another program\'s edit made while --fix runs: it stops and says so', async function () {
    this.timeout(60_000);
    // A framework large enough that fixing it takes a while, so the edit lands between read and write.
    const many = Array.from({ length: 600 }, (_, i) => `  - id: extra-${i}\n    title: Extra ${i}\n    size: 10\n`).join('');
    const text = fixableFramework.replace('outcomes:\n', `${many}outcomes:\n`);
    dir = makeWorkspace({ 'housing.framework.yaml': text, 'housing.ratecard.yaml': cleanRateCard });
    const file = path.join(dir, 'housing.framework.yaml');
    // How long a --fix of the same text takes, on a copy.
    reference = makeWorkspace({ 'housing.framework.yaml': text, 'housing.ratecard.yaml': cleanRateCard });
    const timing = Date.now();
    runCli(['--fix', 'housing.framework.yaml'], { cwd: reference });
    const took = Date.now() - timing;
    const edited = text.replace('title: Young people into stable homes', 'title: Edited by someone else');
    fs.utimesSync(file, new Date(0), new Date());
    const child = spawn(process.execPath, [cliPath, '--fix', 'housing.framework.yaml'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    // Write as soon as the linter has read the file: its read moves the access time, which is set
    // before the modification time here, so even `relatime` mounts record it. (On a `noatime`
    // mount, fall back to a third of the time a fix takes.)
    const deadline = Date.now() + Math.max(400, took / 3);
    while (fs.statSync(file).atimeMs === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 2));
    fs.writeFileSync(file, edited);
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(fs.readFileSync(file, 'utf8'), edited, 'the other edit is kept');
    assert.equal(status, 2, stderr.slice(0, 300));
    assert.match(stderr, /changed on disk while it was being fixed \(another program wrote to it\); nothing was written, so that edit is kept/);
  });
});
