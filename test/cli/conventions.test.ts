/**
 * The conventions other linters have, as a process on real files and real git repositories:
 * ignore files when walking folders, `--stdin` with `--stdin-filename`, `--print-config FILE`.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { edit, framework, rateCard } from '../unit/core-fixtures';
import { runCli } from '../support/cli';

interface JsonResult {
  filePath: string;
  messages: { ruleId: string; severity: string; line: number; column: number; message: string }[];
}

describe('outcomes-lint: ignore files, --stdin, --print-config', () => {
  let dir: string;
  const write = (name: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  };
  const checked = (args: string[], cwd = dir) => {
    const run = runCli([...args, '--format', 'json'], { cwd });
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    return (JSON.parse(run.stdout) as JsonResult[]).map((r) => r.filePath).sort();
  };
  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'outcomes-lint-conventions-')));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe('ignore files', () => {
    beforeEach(() => {
      for (const folder of ['live', 'drafts', 'archive/2019', 'archive/2020']) {
        write(`${folder}/care.framework.yaml`, framework);
        write(`${folder}/care.ratecard.yaml`, rateCard);
      }
    });

    it('skips what .gitignore and .outcomes-lintignore name, with git\'s syntax, re-includes and nesting', () => {
      write('.gitignore', '# drafts are not for review\ndrafts/\n');
      write('.outcomes-lintignore', 'archive/*\n!archive/2020/\n');
      write('archive/2020/.outcomes-lintignore', '*.ratecard.yaml\n');
      assert.deepEqual(checked([]), ['archive/2020/care.framework.yaml', 'live/care.framework.yaml', 'live/care.ratecard.yaml']);
      // A folder named on the command line is walked with the same ignore files above it.
      assert.deepEqual(checked(['archive']), ['archive/2020/care.framework.yaml']);
      // --no-ignore checks everything; a file named explicitly is always checked.
      assert.equal(checked(['--no-ignore']).length, 8);
      assert.deepEqual(checked(['drafts/care.ratecard.yaml']), ['drafts/care.ratecard.yaml']);
    });

    it('reads the .gitignore at the top of the git repository when run from a folder inside it', () => {
      assert.equal(spawnSync('git', ['init', '-q', dir]).status, 0);
      write('.gitignore', '/live/care.ratecard.yaml\n');
      assert.deepEqual(checked(['.'], path.join(dir, 'live')), ['care.framework.yaml']);
      // Outside the repository's folders the same pattern means nothing.
      assert.deepEqual(checked(['.'], path.join(dir, 'drafts')), ['care.framework.yaml', 'care.ratecard.yaml']);
    });

    it('applies to totals as well', () => {
      write('.outcomes-lintignore', 'drafts\narchive\n');
      const run = runCli(['totals', '.', '--format', 'json'], { cwd: dir });
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /live\/care\.ratecard\.yaml/);
      assert.doesNotMatch(run.stdout, /drafts|archive/);
    });
  });

  describe('--stdin', () => {
    beforeEach(() => write('care.framework.yaml', framework));

    it('checks piped text as the file --stdin-filename names: its framework link and its config', () => {
      write('.outcomes-lint.yaml', 'rules:\n  high-deadweight: off\n');
      const text = edit(rateCard, 'outcome: employment-26w', 'outcome: employment-62w');
      const run = runCli(['--stdin', '--stdin-filename', 'care.ratecard.yaml', '--format', 'json'], { cwd: dir, input: text });
      assert.equal(run.status, 1, run.stderr);
      const [result] = JSON.parse(run.stdout) as JsonResult[];
      assert.equal(result.filePath, 'care.ratecard.yaml');
      const unknown = result.messages.find((m) => m.ruleId === 'unknown-reference');
      assert.ok(unknown, JSON.stringify(result.messages));
      assert.deepEqual([unknown.line, unknown.column], [12, 14]);
      assert.match(unknown.message, /employment-26w/);
      // The file on disk is not read, and was never there.
      assert.equal(fs.existsSync(path.join(dir, 'care.ratecard.yaml')), false);
    });

    it('prints fixes for piped text as a diff, and refuses to write them', () => {
      const broad = edit(framework, '    eligibility:\n      - Aged 17 or 18 at referral\n', '');
      const diff = runCli(['--stdin', '--stdin-filename', 'care.framework.yaml', '--fix-dry-run'], { cwd: dir, input: broad });
      assert.match(diff.stdout, /^\+\s+eligibility:/m, diff.stdout + diff.stderr);
      assert.equal(fs.readFileSync(path.join(dir, 'care.framework.yaml'), 'utf8'), framework);
      const run = runCli(['--stdin', '--stdin-filename', 'care.framework.yaml', '--fix'], { cwd: dir, input: broad });
      assert.equal(run.status, 2);
      assert.match(run.stderr, /--fix-dry-run/);
      assert.equal(runCli(['--stdin-filename', 'x.ratecard.yaml'], { cwd: dir }).status, 2);
      assert.equal(runCli(['--stdin', 'care.framework.yaml'], { cwd: dir, input: '' }).status, 2);
      assert.equal(runCli(['--stdin', '--stdin-filename', '.'], { cwd: dir, input: '' }).status, 2);
    });

    it('names the piped text <stdin> without --stdin-filename, and reports broken YAML on its line', () => {
      const run = runCli(['--stdin'], { cwd: dir, input: 'kind: RateCard\nschemaVersion: 1\nprices: [\n' });
      assert.equal(run.status, 1, run.stderr);
      assert.match(run.stdout, /^<stdin>\n/);
      assert.doesNotMatch(run.stderr, /internal error/);
    });
  });

  describe('--print-config', () => {
    it('prints the settings that apply to a file after extends, overrides and --rule', () => {
      write('shared/base.yaml', 'rules:\n  broad-cohort: error\n  front-loaded-chain: { thresholds: { maxEntryShare: 0.6 } }\n');
      write('.outcomes-lint.yaml', 'extends: shared/base.yaml\noverrides:\n  - files: ["legacy/**"]\n    rules:\n      broad-cohort: off\n');
      const run = runCli(['--print-config', 'legacy/old.ratecard.yaml', '--rule', 'high-deadweight=error'], { cwd: dir });
      assert.equal(run.status, 0, run.stderr);
      const printed = JSON.parse(run.stdout) as { file: string; configFiles: string[]; rules: Record<string, { severity: string; thresholds: Record<string, number> }> };
      assert.equal(printed.file, 'legacy/old.ratecard.yaml');
      assert.deepEqual(printed.configFiles, ['.outcomes-lint.yaml', 'shared/base.yaml']);
      assert.equal(printed.rules['broad-cohort'].severity, 'off');
      assert.equal(printed.rules['front-loaded-chain'].thresholds.maxEntryShare, 0.6);
      assert.equal(printed.rules['high-deadweight'].severity, 'error');
      const elsewhere = JSON.parse(runCli(['--print-config', 'live/new.ratecard.yaml'], { cwd: dir }).stdout);
      assert.equal(elsewhere.rules['broad-cohort'].severity, 'error');
    });

    it('exits 1 and shows the problem when the configuration is broken', () => {
      write('.outcomes-lint.yaml', 'rules:\n  no-such-rule: error\n');
      const run = runCli(['--print-config', 'a.ratecard.yaml'], { cwd: dir });
      assert.equal(run.status, 1);
      assert.match(run.stderr, /\.outcomes-lint\.yaml/);
      assert.match(run.stderr, /no-such-rule/);
      assert.ok(JSON.parse(run.stdout).rules['broad-cohort']);
    });
  });
});

describe('outcomes-lint: the README documents every option', () => {
  it('lists each option of --help in the README\'s options table', () => {
    const help = runCli(['--help']).stdout;
    const options = [...help.matchAll(/^\s+(?:-\w, )?(--[\w-]+)/gm)].map((m) => m[1]).filter((o) => o !== '--help' && o !== '--version');
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    const table = readme.split('\n').filter((line) => line.startsWith('| `--'));
    assert.ok(options.length >= 14, options.join(' '));
    assert.deepEqual(options.filter((o) => !table.some((row) => row.includes(`\`${o}`) || row.includes(` ${o}`))), []);
  });
});
