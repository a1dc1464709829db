// The web pass: the same .vsix in code-server's web worker extension host, the way vscode.dev
// and github.dev run it. The user setting `remote.extensionKind` moves the extension there; its
// language server then runs in a web worker and reads files through the client. Checked on the
// page as a user sees it: the Problems panel against the CLI, a hover, the totals lens, the
// payment preview, and the features a browser cannot have saying so.
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { filesUnder } from '../runner/cli.mjs';
import { installExtension, runDirs, startCodeServer, writeSettings } from '../runner/code-server.mjs';
import { stopGroup } from '../runner/processes.mjs';
import { previewFrame, previewPage, problemsPanel, shot } from './checks.mjs';
import { goTo, openFile, openWorkbench, runCommand, until } from './workbench.mjs';

export const WEB_PASS_LIMIT_MS = 90 * 1000;

/** The extension's id, as `remote.extensionKind` names it. */
function extensionId(repoRoot) {
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  return `${manifest.publisher}.${manifest.name}`;
}

/** Every finding of the CLI over the folder, by severity (hints are not in the Problems panel). */
function cliCounts(cli, folder) {
  const counts = { error: 0, warning: 0, info: 0 };
  // Actuals files too: the browser's scan finds them, and their findings count in the status bar.
  for (const file of [...filesUnder(folder, '.ratecard.yaml'), ...filesUnder(folder, '.framework.yaml'), ...filesUnder(folder, '.actuals.yaml'), ...filesUnder(folder, '.actuals.csv')]) {
    for (const m of cli.findings(file, folder)) if (m.severity in counts) counts[m.severity]++;
  }
  return counts;
}

/** The status bar's problem counts: "Errors: 3, Warnings: 5, Infos: 1" as VS Code labels the item. */
async function statusCounts(page) {
  const label = (await page.locator('#status\\.problems a, #status\\.problems').first().getAttribute('aria-label').catch(() => null)) ?? '';
  const count = (word) => Number((new RegExp(`(\\d+)\\s+${word}`, 'i').exec(label) ?? new RegExp(`${word}s?:\\s*(\\d+)`, 'i').exec(label) ?? [])[1] ?? NaN);
  return { label, error: count('error'), warning: count('warning'), info: count('info') };
}

async function everyFinding(env) {
  const wanted = cliCounts(env.cli, env.folder);
  let seen;
  await until('the status bar to count the CLI\'s errors and warnings over every sample', async () => {
    seen = await statusCounts(env.page);
    return seen.error === wanted.error && seen.warning === wanted.warning && (Number.isNaN(seen.info) ? wanted.info === 0 : seen.info === wanted.info) ? true : undefined;
  }, 30000, () => `CLI ${JSON.stringify(wanted)}; status bar "${seen?.label}"`);
  return [`every sample checked in the browser: ${wanted.error} errors, ${wanted.warning} warnings and ${wanted.info} infos, as the CLI finds ("${seen.label}")`];
}

/** The headline of a rule's page, as the hover quotes it. */
function pageHeadline(repoRoot, ruleId) {
  const file = path.join(repoRoot, 'docs', 'rules', `${ruleId}.md`);
  if (!existsSync(file)) return undefined;
  return /^#\s+(?:`[^`]+`:?\s*)?(.+)$/m.exec(readFileSync(file, 'utf8'))?.[1]?.trim();
}

async function hoverOnFinding(env) {
  // A finding of a rule with a page (the perverse-incentive sample has many).
  let target;
  for (const file of filesUnder(env.folder, '.ratecard.yaml')) {
    const finding = env.cli.findings(file, env.folder).find((m) => pageHeadline(env.repoRoot, m.ruleId));
    if (finding) {
      target = { file, finding };
      break;
    }
  }
  if (!target) throw new Error('no rate card in the samples has a finding of a rule with a page in docs/rules/.');
  const { file, finding } = target;
  // The hover starts the headline with a capital and ends it with a full stop: compare the middle of it.
  const headline = pageHeadline(env.repoRoot, finding.ruleId).slice(1, 40);
  await openFile(env.page, path.relative(env.folder, file).split(path.sep).join('/'));
  await env.page.locator('.squiggly-error, .squiggly-warning, .squiggly-info').first().waitFor({ timeout: 20000 });
  await goTo(env.page, finding.line, finding.column);
  const hover = env.page.locator('.monaco-hover:not(.hidden)');
  let text = '';
  await until(`a hover on ${finding.ruleId} quoting its page ("${headline}…")`, async () => {
    if (!(await hover.count()) || !(await hover.first().isVisible())) await runCommand(env.page, 'Show or Focus Hover');
    text = (await hover.allInnerTexts()).join('\n');
    return text.includes(finding.ruleId) && text.includes(headline) ? true : undefined;
  }, 15000, () => `hover text: ${JSON.stringify(text.slice(0, 300))}`);
  await env.page.keyboard.press('Escape');
  return [`${path.basename(file)} ${finding.line}:${finding.column}: the hover names ${finding.ruleId} and quotes its page: ${JSON.stringify(text.replace(/\s+/g, ' ').slice(0, 200))}`];
}

/** After the preview check: its rate card and preview are still open. */
async function gitUnavailable(env) {
  // The folder is a git repository: in VS Code on a desktop this card would be compared with HEAD.
  // A lens with no command is a span, not a link; its tooltip is the element's title.
  const lens = env.page.locator('.codelens-decoration [title]', { hasText: 'vs HEAD' });
  const { value: tooltip } = await until('a lens saying the card is not compared with HEAD, with why in its tooltip', async () => {
    if (!(await lens.count())) return undefined;
    const title = await lens.first().getAttribute('title');
    return title && /no git/.test(title) ? title : undefined;
  }, 20000);
  const lensText = await lens.first().innerText();
  const { value: note } = await until('the preview saying it does not compare with HEAD', async () => {
    const frame = await previewFrame(env.page);
    const p = frame?.locator('.head-delta.unavailable p');
    if (!p || !(await p.count())) return undefined;
    return { text: await p.innerText(), title: await p.getAttribute('title') };
  }, 15000);
  if (!/no git/.test(note.title ?? '')) throw new Error(`the preview's note does not say why: ${JSON.stringify(note)}`);
  if (await env.page.locator('.notifications-toasts .notification-toast', { hasText: /outcome|git/i }).count()) throw new Error('an error notification was shown for the missing git');
  return [`lens "${lensText}" (tooltip "${tooltip.slice(0, 80)}…"); preview "${note.text}"`];
}

export const webChecks = [
  { name: 'web: every sample shows as many errors and warnings as the CLI finds', run: everyFinding },
  { name: 'web: the Problems panel lists each finding with its rule id and position', run: problemsPanel },
  { name: 'web: a hover on a finding explains its rule (the rule pages ship in the bundle)', run: hoverOnFinding },
  { name: 'web: the totals lens and the payment preview show the CLI\'s totals, and follow a typed edit', run: previewPage },
  // On the rate card and preview the check before left open.
  { name: 'web: without git, the lens and the preview say HEAD is not compared, and why, without an error', run: gitUnavailable },
];

/** Runs the web pass on its own code-server; returns results like the other suites'. */
export async function runWebPass({ paths, repoRoot, vsix, extensions, cli, samples, run, browser, artifacts, updateDocs, log, only }) {
  const checks = webChecks.filter((check) => !only?.length || only.some((o) => check.name.includes(o) || o === 'web'));
  if (!checks.length) return [];
  const started = Date.now();
  const out = [];
  const dirs = runDirs(path.join(run, 'code-server-web'));
  // The .vsix the first pass installed, in its extensions folder; else installed here.
  if (extensions) dirs.extensions = extensions;
  else installExtension(paths, dirs, vsix);
  writeSettings(dirs, { 'remote.extensionKind': { [extensionId(repoRoot)]: ['web'] } });
  // A git repository with the samples committed: on a desktop the lens would compare with HEAD.
  const folder = path.join(run, 'web');
  cpSync(samples, folder, { recursive: true });
  for (const args of [['init', '-q'], ['add', '-A'], ['-c', 'user.email=analyst@example.org', '-c', 'user.name=Analyst', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'Approved']]) {
    const result = spawnSync('git', args, { cwd: folder, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  }
  const server = await startCodeServer(paths, dirs, folder);
  log(`e2e: web pass on code-server ${server.url} (web worker extension host)`);
  let page;
  try {
    page = await openWorkbench(browser, server.url, folder);
    const env = { page, cli, folder, artifacts, repoRoot, updateDocs, log, prefix: 'web-' };
    for (const check of checks) {
      const start = Date.now();
      try {
        const saw = await check.run(env);
        out.push({ suite: 'code-server web worker host', name: check.name, ok: true, ms: Date.now() - start, saw });
      } catch (error) {
        await page.screenshot({ path: path.join(artifacts, `web-failed-${out.length}.png`) }).catch(() => {});
        out.push({ suite: 'code-server web worker host', name: check.name, ok: false, ms: Date.now() - start, saw: [], error: error instanceof Error ? error.message : String(error) });
      }
    }
  } finally {
    await page?.close().catch(() => {});
    await stopGroup(server.child);
  }
  const ms = Date.now() - started;
  out.push({ suite: 'code-server web worker host', name: `web: the pass takes at most ${WEB_PASS_LIMIT_MS / 1000} s`, ok: ms <= WEB_PASS_LIMIT_MS, ms, saw: [`${(ms / 1000).toFixed(1)} s from starting its code-server to the last check (machine load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores)`], ...(ms > WEB_PASS_LIMIT_MS ? { error: `the web pass took ${(ms / 1000).toFixed(1)} s` } : {}) });
  return out;
}

export { shot };
