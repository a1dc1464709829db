// code-server (VS Code's own server) on a free loopback port, with throwaway user data,
// extensions and XDG folders under the run folder so nothing lands in the home folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { codeServerEnv } from './install.mjs';
import { runQuiet, startGroup } from './processes.mjs';

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export function runDirs(run) {
  const dirs = { data: path.join(run, 'data'), extensions: path.join(run, 'extensions'), xdg: path.join(run, 'xdg'), logs: path.join(run, 'logs') };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  return dirs;
}

function env(paths, dirs) {
  return {
    ...codeServerEnv(paths),
    XDG_CONFIG_HOME: path.join(dirs.xdg, 'config'),
    XDG_DATA_HOME: path.join(dirs.xdg, 'data'),
    XDG_STATE_HOME: path.join(dirs.xdg, 'state'),
    XDG_CACHE_HOME: path.join(dirs.xdg, 'cache'),
  };
}

export function installExtension(paths, dirs, vsix) {
  runQuiet(paths.node24Bin, [paths.codeServerEntry, '--user-data-dir', dirs.data, '--extensions-dir', dirs.extensions, '--install-extension', vsix, '--force'], { env: env(paths, dirs), timeout: 120000 });
}

/** User settings: the driver's configuration, and a quiet workbench (no welcome page, no trust prompt). */
export function writeSettings(dirs, settings) {
  const user = path.join(dirs.data, 'User');
  mkdirSync(user, { recursive: true });
  writeFileSync(path.join(user, 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'update.mode': 'none',
    'editor.codeLens': true,
    'editor.inlayHints.enabled': 'on',
    'files.autoSave': 'off',
    'chat.disableAIFeatures': true,
    'git.enabled': false,
    'git.openRepositoryInParentFolders': 'never',
    'workbench.enableExperiments': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'outcomeFrameworks.preview.openAutomatically': false,
    ...settings,
  }, null, 2));
}

export async function startCodeServer(paths, dirs, workspace) {
  const port = await freePort();
  const child = startGroup(paths.node24Bin, [
    paths.codeServerEntry,
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--cert', 'false',
    '--user-data-dir', dirs.data, '--extensions-dir', dirs.extensions,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    // Without a short grace time the extension host and the language server outlive the browser.
    '--reconnection-grace-time', '5',
    workspace,
  ], { env: env(paths, dirs), logFile: path.join(dirs.logs, 'code-server.log') });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode} before answering; see ${path.join(dirs.logs, 'code-server.log')}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) throw new Error(`code-server did not answer ${url}/healthz within 30 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, url, port };
}
