/**
 * The README's install, as a new user does it from a fresh clone: `npm pack`, then a global
 * install of the tarball (here into a temporary prefix), then `outcomes-lint` on the samples.
 * No network: the package has no dependencies (the CLI is one bundle), and npm runs offline.
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync, type SpawnSyncOptionsWithStringEncoding } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot, runCli } from '../support/cli';

const npmEnv = { ...process.env, npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', NO_COLOR: '1' };

/** npm itself: the one running `npm test` when there is one, else the one on the PATH. */
function npm(args: string[], options: Omit<SpawnSyncOptionsWithStringEncoding, 'encoding'>): { status: number | null; stdout: string; stderr: string } {
  const cli = process.env.npm_execpath;
  const [command, prefix] = cli && /npm-cli\.js$/.test(cli) ? [process.execPath, [cli]] : ['npm', []];
  const result = spawnSync(command, [...prefix, ...args], { env: npmEnv, timeout: 120_000, shell: command === 'npm' && process.platform === 'win32', ...options, encoding: 'utf8' });
  return { status: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

describe('installing outcomes-lint from a fresh clone', function () {
  this.timeout(180_000);
  let dir: string;
  let clone: string;
  let prefix: string;

  before(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'outcomes-install-')));
    clone = path.join(dir, 'clone');
    prefix = path.join(dir, 'prefix');
    // The files a clone would have (tracked, and new ones not ignored), without dist/; the
    // clone's `npm ci` is stood in for by the installed node_modules.
    const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: repoRoot, encoding: 'utf8' }).split('\0').filter(Boolean);
    for (const file of files) {
      if (!fs.existsSync(path.join(repoRoot, file))) continue; // deleted, not yet committed
      fs.mkdirSync(path.dirname(path.join(clone, file)), { recursive: true });
      fs.copyFileSync(path.join(repoRoot, file), path.join(clone, file));
    }
    fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(clone, 'node_modules'), 'junction');
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('packs the bundled CLI alone, installs it without the network, and lints the samples as the README says', () => {
    assert.equal(fs.existsSync(path.join(clone, 'dist')), false);
    const pack = npm(['pack', '--json', '--pack-destination', dir], { cwd: clone });
    assert.equal(pack.status, 0, pack.stderr);
    const [packed] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as { filename: string; files: { path: string }[] }[];
    const shipped = packed.files.map((f) => f.path);
    assert.ok(shipped.includes('dist/cli.js') && shipped.includes('bin/outcomes-lint.js'), shipped.join(', '));
    assert.deepEqual(shipped.filter((f) => /^(server|client|test|node_modules)\/|^dist\/(client|server)\.js/.test(f)), [], 'sources, tests and the editor bundles stay out');

    const install = npm(['install', '--global', '--prefix', prefix, path.join(dir, packed.filename)], { cwd: dir });
    assert.equal(install.status, 0, install.stdout + install.stderr);
    const installed = process.platform === 'win32' ? path.join(prefix, 'outcomes-lint.cmd') : path.join(prefix, 'bin', 'outcomes-lint');
    assert.ok(fs.existsSync(installed), `no ${installed}`);
    assert.equal(fs.existsSync(path.join(prefix, 'lib', 'node_modules', 'outcome-frameworks', 'node_modules')), false, 'nothing besides the bundle is installed');

    const run = (args: string[]) => spawnSync(installed, args, { cwd: clone, encoding: 'utf8', env: npmEnv, shell: process.platform === 'win32' });
    const version = run(['--version']);
    assert.equal(version.stdout.trim(), JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version);
    // The same findings as the CLI built in the repository, with the same exit code.
    const lint = run(['samples', '--format', 'json']);
    const expected = runCli(['samples', '--format', 'json'], { cwd: repoRoot });
    assert.equal(lint.status, 1, lint.stderr);
    assert.equal(lint.status, expected.status);
    const summary = (stdout: string) => (JSON.parse(stdout) as { filePath: string; messages: { ruleId: string; line: number }[] }[]).map((r) => [r.filePath, r.messages.map((m) => `${m.ruleId}@${m.line}`)]);
    assert.deepEqual(summary(lint.stdout), summary(expected.stdout));
    const totals = run(['totals', 'samples/care-leavers']);
    assert.equal(totals.status, 0, totals.stderr);
    assert.match(totals.stdout, /Maximum liability/i);
  });
});
