// `npm run test:electron`: the same editor scenarios as `npm run test:e2e`, in the desktop
// VS Code that @vscode/test-electron downloads. For machines that can reach VS Code's download
// servers (a laptop, a hosted CI); offline it fails with a clear message instead of passing.
// Linux without a display: run it under `xvfb-run -a`.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { buildDriver } from '../test/e2e/runner/build.mjs';
import { runQuiet } from '../test/e2e/runner/processes.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUN = path.join(repoRoot, '.e2e', 'electron');
const version = process.env.VSCODE_VERSION ?? 'stable';
const log = (line) => process.stdout.write(`${line}\n`);

async function main() {
  let vscodeExecutable;
  try {
    vscodeExecutable = await downloadAndUnzipVSCode({ version, cachePath: path.join(repoRoot, '.e2e', 'vscode-test') });
  } catch (error) {
    log(`test:electron: could not download VS Code ${version} (${error instanceof Error ? error.message : String(error)}).`);
    log('This runner needs a machine that can reach update.code.visualstudio.com. Here, run the same');
    log('scenarios in code-server with: npm run test:e2e');
    log('0 passed, 1 failed');
    return 1;
  }
  runQuiet(process.execPath, ['esbuild.mjs'], { cwd: repoRoot });
  rmSync(RUN, { recursive: true, force: true });
  const driver = await buildDriver(repoRoot, path.join(RUN, 'driver'));
  const samples = path.join(RUN, 'samples');
  cpSync(path.join(repoRoot, 'samples'), samples, { recursive: true });
  const workspace = path.join(RUN, 'workspace');
  mkdirSync(path.join(workspace, 'scratch'), { recursive: true });
  const resultsFile = path.join(RUN, 'driver-results.json');
  const configFile = path.join(RUN, 'driver-config.json');
  writeFileSync(configFile, JSON.stringify({ samples, scratch: path.join(workspace, 'scratch'), cli: path.join(repoRoot, 'dist', 'cli.js'), node: process.execPath, resultsFile, only: [] }, null, 2));

  let failedToRun;
  try {
    await runTests({
      vscodeExecutablePath: vscodeExecutable,
      extensionDevelopmentPath: [repoRoot, driver.folder],
      extensionTestsPath: path.join(driver.folder, 'dist', 'extension.js'),
      extensionTestsEnv: { OF_E2E_CONFIG: configFile },
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes',
        '--user-data-dir', path.join(RUN, 'user-data'), '--extensions-dir', path.join(RUN, 'extensions')],
    });
  } catch (error) {
    failedToRun = error instanceof Error ? error.message : String(error);
  }
  const results = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')).results : [];
  for (const r of results) {
    log(`${r.ok ? '✔' : '✘'} ${r.name} (${r.ms} ms)`);
    for (const note of r.saw) log(`    saw: ${note}`);
    if (r.error) log(`    ${r.error}`);
  }
  const passed = results.filter((r) => r.ok).length;
  let failed = results.length - passed;
  if (failedToRun && failed === 0) {
    log(`test:electron: VS Code did not run the scenarios: ${failedToRun}`);
    failed = 1;
  }
  log(`${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

process.exit(await main());
