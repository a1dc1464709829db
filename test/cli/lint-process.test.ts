/** outcomes-lint as a process on real files: exit codes, options, discovery, colour. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { framework, rateCard } from '../unit/core-fixtures';
import { repoRoot, runCli } from '../support/cli';

interface JsonResult {
  filePath: string;
  messages: { ruleId: string; severity: string; line: number; column: number; message: string }[];
  errorCount: number;
  warningCount: number;
}

describe('outcomes-lint: exit codes and options', () => {
  let dir: string;
  const write = (name: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  };
  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'outcomes-lint-')));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** A pair whose only finding is a warning: a cohort with no eligibility criteria (broad-cohort). */
  const writeWarningOnlyPair = () => {
    write('care.framework.yaml', framework.replace('    eligibility:\n      - Aged 17 or 18 at referral\n', ''));
    write('care.ratecard.yaml', rateCard);
  };

  it('exits 0 on the clean samples and says so', () => {
    const run = runCli(['samples/care-leavers', 'samples/homelessness', 'samples/youth-engagement'], { cwd: repoRoot });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.equal(run.stdout, '✔ No problems in 6 files.\n');
  });

  it('exits 1 on errors', () => {
    write('care.framework.yaml', framework);
    write('care.ratecard.yaml', rateCard.replace('price: 660', 'price: 500.125'));
    const run = runCli(['--format', 'json'], { cwd: dir });
    assert.equal(run.status, 1, run.stderr);
    const results = JSON.parse(run.stdout) as JsonResult[];
    const card = results.find((r) => r.filePath === 'care.ratecard.yaml')!;
    assert.deepEqual(card.messages.map((m) => [m.ruleId, m.line, m.column]), [['schema', 11, 12]]);
  });

  it('exits 2 on usage errors: an unknown option, a missing path, an unknown format', () => {
    for (const args of [['--no-such-option'], ['no/such/folder'], ['--format', 'xml']]) {
      const run = runCli(args, { cwd: dir });
      assert.equal(run.status, 2, `${args.join(' ')}: ${run.stdout}${run.stderr}`);
      assert.match(run.stderr, /outcomes-lint:/);
      assert.equal(run.stdout, '');
    }
  });

  it('warnings alone exit 0; --max-warnings turns too many into exit 1', () => {
    writeWarningOnlyPair();
    const plain = runCli([], { cwd: dir });
    assert.equal(plain.status, 0, plain.stdout + plain.stderr);
    assert.match(plain.stdout, /16:9 +warning .*broad-cohort/);
    assert.match(plain.stdout, /1 problem \(0 errors, 1 warning\)/);
    assert.equal(runCli(['--max-warnings', '1'], { cwd: dir }).status, 0);
    const strict = runCli(['--max-warnings', '0'], { cwd: dir });
    assert.equal(strict.status, 1);
    assert.match(strict.stderr, /1 warnings?, more than --max-warnings 0/);
    assert.equal(runCli(['--max-warnings', 'lots'], { cwd: dir }).status, 2);
  });

  it('--quiet reports errors only', () => {
    writeWarningOnlyPair();
    write('bad.ratecard.yaml', rateCard.replace('currency: GBP', 'currency: EUR'));
    const run = runCli(['--quiet', '--format', 'json'], { cwd: dir });
    assert.equal(run.status, 1);
    const messages = (JSON.parse(run.stdout) as JsonResult[]).flatMap((r) => r.messages);
    assert.deepEqual(messages.map((m) => m.ruleId), ['currency-mismatch']);
  });

  it('--root sets the workspace: a framework outside it is refused, inside it is found', () => {
    write('shared/care.framework.yaml', framework);
    write('cards/care.ratecard.yaml', rateCard.replace('framework: care.framework.yaml', 'framework: ../shared/care.framework.yaml'));
    const cards = path.join(dir, 'cards');
    const narrow = runCli(['--format', 'json'], { cwd: cards });
    assert.equal(narrow.status, 1);
    const [result] = JSON.parse(narrow.stdout) as JsonResult[];
    assert.deepEqual(result.messages.map((m) => [m.ruleId, m.line, m.column]), [['framework-not-found', 4, 12]]);
    assert.match(result.messages[0].message, /outside the workspace/);
    const wide = runCli(['--root', dir, '--format', 'json'], { cwd: cards });
    assert.equal(wide.status, 0, wide.stdout);
  });

  it('says so when the rate card itself lies outside the workspace, naming the folder and --root', () => {
    write('project/care.framework.yaml', framework);
    write('project/care.ratecard.yaml', rateCard);
    const elsewhere = path.join(dir, 'elsewhere');
    fs.mkdirSync(elsewhere);
    const run = runCli(['--format', 'json', path.join(dir, 'project')], { cwd: elsewhere });
    assert.equal(run.status, 1);
    const card = (JSON.parse(run.stdout) as JsonResult[]).find((r) => r.filePath.endsWith('care.ratecard.yaml'))!;
    assert.deepEqual(card.messages.map((m) => [m.ruleId, m.line, m.column]), [['framework-not-found', 4, 12]]);
    assert.match(card.messages[0].message, /This rate card is outside the workspace folder \(.*elsewhere\).*--root/);
    assert.equal(runCli(['--root', dir, path.join(dir, 'project')], { cwd: elsewhere }).status, 0);
  });

  it('finds *.framework.yaml, *.ratecard.yaml and .yaml files whose kind is ours; skips other YAML', () => {
    write('a/care.framework.yaml', framework);
    write('a/care.ratecard.yaml', rateCard);
    write('b/plain-named.yaml', `# a rate card under another name\n${rateCard.replace('framework: care.framework.yaml', 'framework: ../a/care.framework.yaml')}`);
    write('b/also.yml', framework.replace('id: care-leavers-eet', 'id: also'));
    write('c/docker-compose.yaml', 'services:\n  web:\n    image: nginx\n');
    write('c/other.yaml', 'kind: Deployment\nmetadata: { name: x }\n');
    write('node_modules/pkg/x.framework.yaml', 'kind: OutcomeFramework\n');
    const run = runCli(['--format', 'json'], { cwd: dir });
    const files = (JSON.parse(run.stdout) as JsonResult[]).map((r) => r.filePath);
    assert.deepEqual(files, ['a/care.framework.yaml', 'a/care.ratecard.yaml', 'b/also.yml', 'b/plain-named.yaml']);
    assert.equal(run.status, 0, run.stdout);
  });

  it('colour: none when piped or with NO_COLOR; --color forces it; --no-color wins', () => {
    write('care.ratecard.yaml', rateCard);
    const escape = /\u001b\[/;
    assert.doesNotMatch(runCli([], { cwd: dir, env: { NO_COLOR: '' } }).stdout, escape);
    assert.doesNotMatch(runCli([], { cwd: dir, env: { NO_COLOR: '1' } }).stdout, escape);
    const forced = runCli(['--color'], { cwd: dir, env: { NO_COLOR: '' } });
    assert.match(forced.stdout, escape);
    assert.match(forced.stdout.replace(/\u001b\[\d+m/g, ''), /4:12 +error .*does not exist/);
    assert.doesNotMatch(runCli(['--color', '--no-color'], { cwd: dir }).stdout, escape);
  });

  it('--output-file writes the format given before it, and stdout keeps the other', () => {
    write('care.framework.yaml', framework);
    write('care.ratecard.yaml', rateCard.replace('currency: GBP', 'currency: EUR'));
    const out = path.join(dir, 'report', 'lint.json');
    const run = runCli(['--format', 'json', '--output-file', out, '--format', 'stylish', '--rule', 'broad-cohort=off'], { cwd: dir });
    assert.equal(run.status, 1);
    const written = JSON.parse(fs.readFileSync(out, 'utf8')) as JsonResult[];
    assert.equal(written.flatMap((r) => r.messages)[0].ruleId, 'currency-mismatch');
    assert.match(run.stdout, /5:11 +error .*currency-mismatch/);
  });

  it('a file that vanishes or is binary is reported, not crashed on', () => {
    write('junk.ratecard.yaml', '\u0000\u0001binary');
    const run = runCli(['--format', 'json'], { cwd: dir });
    assert.equal(run.status, 1);
    const [result] = JSON.parse(run.stdout) as JsonResult[];
    assert.match(result.messages[0].message, /not text/);
  });
});

describe('a workspace reached through a symbolic link', () => {
  it('finds the framework whether the root or the files are named through the link', () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'linked-root-'));
    const real = path.join(base, 'real');
    fs.mkdirSync(real);
    fs.cpSync(path.join(repoRoot, 'samples', 'care-leavers'), path.join(real, 'care-leavers'), { recursive: true });
    const link = path.join(base, 'OneDrive - Council (2024)');
    fs.symlinkSync(real, link);
    for (const [root, files] of [[link, path.join(real, 'care-leavers')], [real, path.join(link, 'care-leavers')], [link, path.join(link, 'care-leavers')]]) {
      const run = runCli(['--root', root, files, '--format', 'json'], { cwd: base });
      const messages = JSON.parse(run.stdout).flatMap((r: { messages: { ruleId: string }[] }) => r.messages);
      assert.deepEqual(messages.map((m: { ruleId: string }) => m.ruleId), [], `--root ${root} ${files}: ${run.stdout}`);
      assert.equal(run.status, 0);
    }
    // A link inside the workspace that leads out of it is still outside.
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'outside-'));
    fs.cpSync(path.join(repoRoot, 'samples', 'care-leavers', 'care-leavers.framework.yaml'), path.join(outside, 'care-leavers.framework.yaml'));
    const project = path.join(base, 'project');
    fs.mkdirSync(project);
    fs.copyFileSync(path.join(real, 'care-leavers', 'care-leavers.ratecard.yaml'), path.join(project, 'care-leavers.ratecard.yaml'));
    fs.symlinkSync(path.join(outside, 'care-leavers.framework.yaml'), path.join(project, 'care-leavers.framework.yaml'));
    const escaped = runCli(['--root', project, project, '--format', 'json'], { cwd: base });
    assert.ok(JSON.parse(escaped.stdout).flatMap((r: { messages: { ruleId: string }[] }) => r.messages).some((m: { ruleId: string }) => m.ruleId === 'framework-not-found'), escaped.stdout);
  });
});
