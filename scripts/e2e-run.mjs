// `npm run test:e2e`: the packaged extension in a real VS Code workbench (code-server in
// headless Chromium) and the built server in Neovim's LSP client. Installs what it needs on
// first use, stops every process it started however the run ends, and closes with the line
// `N passed, N failed`. Options: --only <text> (scenarios whose name contains it),
// --screenshots (refresh docs/screenshots), --no-nvim, --no-editor, --no-web (skip the pass in the
// web worker extension host, as on vscode.dev and github.dev), --no-workbook (skip LibreOffice's
// recalculation of the investor's workbook).
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureAll, SetupError } from '../test/e2e/runner/install.mjs';
import { buildDriver, buildProduct } from '../test/e2e/runner/build.mjs';
import { installExtension, runDirs, startCodeServer, writeSettings } from '../test/e2e/runner/code-server.mjs';
import { installCleanup, stopGroup, useLedger } from '../test/e2e/runner/processes.mjs';
import { makeCli } from '../test/e2e/runner/cli.mjs';
import { runPageChecks } from '../test/e2e/page/checks.mjs';
import { runWebPass } from '../test/e2e/page/web.mjs';
import { launch, openWorkbench } from '../test/e2e/page/workbench.mjs';
import { runNeovimChecks } from '../test/e2e/nvim/run.mjs';
import { runWorkbookChecks } from '../test/e2e/workbook/run.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: options } = parseArgs({ options: { only: { type: 'string', multiple: true }, screenshots: { type: 'boolean' }, 'no-nvim': { type: 'boolean' }, 'no-editor': { type: 'boolean' }, 'no-web': { type: 'boolean' }, 'no-workbook': { type: 'boolean' } } });
const RUN = path.join(repoRoot, '.e2e', 'run');
const ARTIFACTS = path.join(repoRoot, '.e2e', 'artifacts');
const WHOLE_RUN_LIMIT_MS = 15 * 60 * 1000;
const started = Date.now();
const log = (line) => process.stdout.write(`${line}\n`);
const results = [];

let browser;
installCleanup();
mkdirSync(path.join(repoRoot, '.e2e'), { recursive: true });
useLedger(path.join(repoRoot, '.e2e', 'process-groups.txt'), path.join(repoRoot, '.e2e'));
const watchdog = setTimeout(() => {
  log(`e2e: the run passed ${WHOLE_RUN_LIMIT_MS / 60000} minutes; stopping everything.`);
  process.exit(1); // the exit hook kills every process group
}, WHOLE_RUN_LIMIT_MS);
watchdog.unref();

async function main() {
  let paths;
  try {
    paths = ensureAll(repoRoot, log);
  } catch (error) {
    if (!(error instanceof SetupError)) throw error;
    log(`\ne2e set-up FAILED: ${error.message}\nThe editor tests did not run; this is a failure, not a pass.`);
    results.push({ suite: 'set-up', name: 'install the e2e tools', ok: false, ms: Date.now() - started, saw: [], error: error.message });
    return;
  }
  log(`e2e: tools ready after ${((Date.now() - started) / 1000).toFixed(0)} s; building and packaging the extension…`);
  rmSync(RUN, { recursive: true, force: true });
  rmSync(ARTIFACTS, { recursive: true, force: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  const vsix = buildProduct(repoRoot);
  const driver = await buildDriver(repoRoot, path.join(RUN, 'driver'));
  const cli = makeCli(repoRoot);

  // Pristine samples outside the workspace (each scenario copies them), and one copy for the page checks.
  const samples = path.join(RUN, 'samples');
  cpSync(path.join(repoRoot, 'samples'), samples, { recursive: true });
  const workspace = path.join(RUN, 'workspace');
  mkdirSync(path.join(workspace, 'scratch'), { recursive: true });
  // The page checks get a folder of their own (a second window), where the driver stays idle.
  const pageFolder = path.join(RUN, 'page');
  cpSync(samples, pageFolder, { recursive: true });
  mkdirSync(path.join(pageFolder, '.vscode'), { recursive: true });
  writeFileSync(path.join(pageFolder, '.vscode', 'settings.json'), JSON.stringify({ 'outcomeFrameworksE2e.config': '', 'files.exclude': { '.vscode': true } }));

  if (!options['no-nvim']) results.push(...(await runNeovimChecks({ repoRoot, cli, samples, run: RUN, nvim: paths.nvim, log })));
  if (!options['no-workbook']) results.push(...(await runWorkbookChecks({ repoRoot, cli, samples, run: RUN, log, only: options.only })));
  if (options['no-editor']) return;

  const dirs = runDirs(path.join(RUN, 'code-server'));
  installExtension(paths, dirs, vsix);
  installExtension(paths, dirs, driver.vsix);
  const resultsFile = path.join(RUN, 'driver-results.json');
  const configFile = path.join(RUN, 'driver-config.json');
  writeFileSync(configFile, JSON.stringify({ samples, scratch: path.join(workspace, 'scratch'), cli: cli.cliPath, node: process.execPath, resultsFile, only: options.only ?? [] }, null, 2));
  writeSettings(dirs, { 'outcomeFrameworksE2e.config': configFile });

  const server = await startCodeServer(paths, dirs, workspace);
  log(`e2e: code-server ${server.url} (logs in ${path.relative(repoRoot, dirs.logs)})`);
  try {
    browser = await launch(paths.chromium, path.join(RUN, 'chromium-profile'));
    const page = await openWorkbench(browser, server.url, workspace);
    const driverResults = await waitForDriver(resultsFile, server.child);
    for (const r of driverResults.results) results.push({ suite: `VS Code ${driverResults.vscodeVersion} API`, ...r });
    if (!driverResults.done) results.push({ suite: 'VS Code API', name: 'the driver finished every scenario', ok: false, ms: 0, saw: [], error: driverResults.error ?? 'the driver stopped before the end' });
    await page.close();
    const userPage = await openWorkbench(browser, server.url, pageFolder);
    results.push(...(await runPageChecks({ page: userPage, cli, folder: pageFolder, artifacts: ARTIFACTS, repoRoot, updateDocs: options.screenshots, log, only: options.only })));
  } finally {
    await browser?.close().catch(() => {});
    browser = undefined;
    await stopGroup(server.child);
  }

  // The same .vsix in the web worker extension host (vscode.dev, github.dev), on a code-server of its own.
  if (options['no-web']) return;
  browser = await launch(paths.chromium, path.join(RUN, 'chromium-web-profile'));
  try {
    results.push(...(await runWebPass({ paths, repoRoot, vsix, extensions: dirs.extensions, cli, samples, run: RUN, browser, artifacts: ARTIFACTS, updateDocs: options.screenshots, log, only: options.only })));
  } finally {
    await browser?.close().catch(() => {});
    browser = undefined;
  }
}

/** Waits for the driver extension to write `done`, failing early if code-server dies or nothing starts. */
async function waitForDriver(file, codeServer) {
  const deadline = Date.now() + 8 * 60 * 1000;
  const startDeadline = Date.now() + 90 * 1000;
  let last = { done: false, results: [] };
  for (;;) {
    if (existsSync(file)) {
      try { last = JSON.parse(readFileSync(file, 'utf8')); } catch { /* being written */ }
      if (last.done) return last;
    } else if (Date.now() > startDeadline) {
      return { ...last, error: 'the driver extension never started in the extension host (no results file after 90 s); see the code-server logs' };
    }
    if (codeServer.exitCode !== null) return { ...last, error: `code-server exited (${codeServer.exitCode}) during the scenarios` };
    if (Date.now() > deadline) return { ...last, error: 'the scenarios did not finish within 8 minutes' };
    await new Promise((r) => setTimeout(r, 200));
  }
}

function report() {
  let passed = 0;
  let failed = 0;
  log('');
  for (const r of results) {
    if (r.ok) passed++; else failed++;
    log(`${r.ok ? '✔' : '✘'} [${r.suite}] ${r.name} (${r.ms} ms)`);
    for (const note of r.saw ?? []) log(`    saw: ${note}`);
    if (r.error) log(`    ${r.error.split('\n').join('\n    ')}`);
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(path.join(ARTIFACTS, 'results.json'), JSON.stringify(results, null, 2));
  log(`\ne2e: ${((Date.now() - started) / 1000).toFixed(0)} s in all; artefacts in ${path.relative(repoRoot, ARTIFACTS)}/`);
  log(`${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

let code = 1;
try {
  await main();
  code = report();
} catch (error) {
  results.push({ suite: 'runner', name: 'the e2e run itself', ok: false, ms: Date.now() - started, saw: [], error: error instanceof Error ? error.stack ?? error.message : String(error) });
  code = report();
} finally {
  await browser?.close().catch(() => {});
}
process.exit(code);
