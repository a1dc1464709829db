// Checks on the workbench page itself, as a user sees it: the Problems panel rows, the code
// lens text, the payment preview's table and charts, and the preview following an edit typed
// on the keyboard. Screenshots go to the artefacts (and, with --screenshots, to docs/).
import { copyFileSync, cpSync, mkdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { amountsIn, digitsOf, grouped, priceLines } from '../shared/figures.mjs';
import { filesUnder, pickSamples } from '../runner/cli.mjs';
import { goTo, openFile, restMouse, runCommand, tryCommand, until } from './workbench.mjs';

export const PREVIEW_LIMIT_MS = 1000;

const FOR_DOCS = new Set(['diagnostics', 'preview', 'preview-review', 'web-preview', 'preview-cash-flow']);

/** A screenshot in the artefacts (named with the pass's prefix: `web-` for the browser host), and in docs/ when asked. */
export async function shot(env, base) {
  const name = `${env.prefix ?? ''}${base}`;
  await restMouse(env.page);
  const file = path.join(env.artifacts, `${name}.png`);
  await env.page.screenshot({ path: file });
  if (env.updateDocs && FOR_DOCS.has(name)) {
    mkdirSync(path.join(env.repoRoot, 'docs', 'screenshots'), { recursive: true });
    copyFileSync(file, path.join(env.repoRoot, 'docs', 'screenshots', `${name}.png`));
  }
  return file;
}

/** The preview command's title as the palette shows it ("Category: Title"), from our manifest. */
export function previewTitle(repoRoot) {
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const command = (manifest.contributes?.commands ?? []).find((c) => /preview/i.test(c.command) || /preview/i.test(c.title));
  if (!command) throw new Error('package.json contributes no preview command.');
  return command.category ? `${command.category}: ${command.title}` : command.title;
}

/** The frame of a webview that holds a table (the payment preview), if one is showing. */
export async function previewFrame(page) {
  for (const frame of page.frames()) {
    if (frame === page.mainFrame()) continue;
    if ((await frame.locator('table').count().catch(() => 0)) > 0) return frame;
  }
  return undefined;
}

export async function problemsPanel(env) {
  const root = env.folder;
  const { broken, brokenFindings } = pickSamples(env.cli, root);
  if (!broken) throw new Error('samples/broken has no rate card with findings.');
  const relative = path.relative(env.folder, broken);
  await openFile(env.page, relative);
  const squiggles = await until('squiggles in the editor', async () => ((await env.page.locator('.squiggly-error, .squiggly-warning, .squiggly-info').count()) > 0 ? true : undefined), 20000);
  await runCommand(env.page, 'Problems: Focus on Problems View');
  const rows = env.page.locator('.markers-panel .monaco-list-row');
  await rows.first().waitFor({ timeout: 10000 });
  // Only this file's rows: the filter box takes a file name.
  const filter = env.page.locator('.markers-panel-container .viewpane-filter input, .pane-header .viewpane-filter input, .viewpane-filter input').first();
  if (await filter.count()) await filter.fill(path.basename(broken));
  let texts = [];
  const missing = () => brokenFindings.filter((m) => !texts.some((t) => t.includes(m.ruleId) && t.includes(`[Ln ${m.line}, Col ${m.column}]`)));
  await until('a Problems row for each finding of the CLI, with its rule id and position', async () => {
    texts = await rows.allInnerTexts();
    return missing().length === 0 ? true : undefined;
  }, 10000, () => `missing ${JSON.stringify(missing().map((m) => `${m.ruleId} [Ln ${m.line}, Col ${m.column}]`))}; rows ${JSON.stringify(texts.slice(0, 8))}`);
  const file = await shot(env, 'diagnostics');
  return [`${relative}: squiggles after ${squiggles.ms} ms; ${brokenFindings.length} Problems rows with rule ids and positions (${[...new Set(brokenFindings.map((m) => m.ruleId))].join(', ')}); screenshot ${path.relative(env.repoRoot, file)}`];
}

export async function previewPage(env) {
  const root = env.folder;
  const { good } = pickSamples(env.cli, root);
  if (!good) throw new Error('no rate card without errors in the samples.');
  const relative = path.relative(env.folder, good);
  const totals = env.cli.totals(good, root);
  const digits = digitsOf(totals.maximumLiability ?? totals.expected);
  // A clean stage for the screenshot: the rate card and its preview side by side.
  await tryCommand(env.page, 'View: Close All Editors');
  await tryCommand(env.page, 'View: Hide Panel');
  await tryCommand(env.page, 'View: Close Primary Side Bar');
  await openFile(env.page, relative);
  const lens = env.page.locator('.codelens-decoration');
  const lensSeen = await until('a code lens with an amount', async () => {
    const text = (await lens.allInnerTexts()).join(' | ');
    return amountsIn(text, digits).length ? text : undefined;
  }, 20000);
  await runCommand(env.page, previewTitle(env.repoRoot));
  const { value: frame, ms } = await until('the preview webview with a table', () => previewFrame(env.page), 15000);
  const charts = await until('a chart (svg or canvas) in the preview', async () => ((await frame.locator('svg, canvas').count()) > 0 ? true : undefined), 10000);
  const rows = await frame.locator('table tr').count();
  const text = await frame.locator('body').innerText();
  const wanted = [totals.maximumLiability, totals.expected].filter(Boolean).map(grouped);
  const absent = wanted.filter((w) => !text.includes(w));
  if (absent.length) throw new Error(`the preview does not show ${absent.join(', ')} (the CLI's maximum liability and expected payments).`);
  const file = await shot(env, 'preview');
  const notes = [`${relative}: lens "${lensSeen.value.slice(0, 120)}"; preview after ${ms} ms with ${rows} table rows, a chart, and ${wanted.join(' / ')}; screenshot ${path.relative(env.repoRoot, file)}`];

  // Type a new price in the editor: the open preview follows within a second.
  const editorText = readFileSync(good, 'utf8');
  const line = priceLines(editorText)[0];
  const newPrice = String(Number(line.price) + 1000);
  const lines = editorText.split('\n');
  lines[line.priceLine] = lines[line.priceLine].slice(0, line.priceColumn) + newPrice + lines[line.priceLine].slice(line.priceColumn + line.price.length);
  const after = env.cli.totalsOfText(good, root, lines.join('\n'));
  const byOutcome = (t) => t.byOutcome?.[line.outcome]?.expected;
  const changed = [[totals.expected, after.expected], [totals.maximumLiability, after.maximumLiability], [byOutcome(totals), byOutcome(after)]]
    .find(([b, a]) => a && b !== a && !text.includes(grouped(a)));
  if (!changed) throw new Error(`changing ${line.outcome}'s price changes no figure the preview shows; pick another sample.`);
  await env.page.locator('.monaco-editor .view-lines').first().click();
  await goTo(env.page, line.priceLine + 1, line.priceColumn + 1);
  await env.page.keyboard.press('Shift+End');
  await env.page.keyboard.type(newPrice);
  const typed = Date.now();
  let previewText = '';
  const followed = await until(`the preview to show ${grouped(changed[1])} after the price edit`, async () => {
    const f = await previewFrame(env.page);
    previewText = f ? await f.locator('body').innerText() : '';
    return previewText.includes(grouped(changed[1])) ? true : undefined;
  }, 5000, () => `preview text: ${JSON.stringify(previewText.slice(0, 300))}`);
  const followMs = Date.now() - typed;
  await shot(env, 'preview-after-edit');
  if (followMs > PREVIEW_LIMIT_MS) throw new Error(`the preview took ${followMs} ms to follow the edit; the limit is ${PREVIEW_LIMIT_MS} ms.`);
  notes.push(`typed ${line.outcome} price ${line.price} → ${newPrice}: the preview showed ${grouped(changed[0])} → ${grouped(changed[1])} after ${followMs} ms (poll ${followed.ms} ms)`);
  return notes;
}

/** A rate card in a git repository, edited: the lens against HEAD, the preview's HEAD beside now and its what-if. */
async function reviewPage(env) {
  // Not the card the preview check edited (its preview tab may still be open, under the same name).
  const { good: edited } = pickSamples(env.cli, env.folder);
  const good = filesUnder(env.folder, '.ratecard.yaml').find((file) => file !== edited && !file.split(path.sep).includes('broken') && !file.split(path.sep).includes('review') && !env.cli.findings(file, env.folder).some((m) => m.severity === 'error'));
  if (!good) throw new Error('no second rate card without errors in the samples.');
  // A repository of its own, with the sample committed as approved.
  const review = path.join(env.folder, 'review');
  cpSync(path.dirname(good), review, { recursive: true });
  for (const args of [['init', '-q'], ['add', '-A'], ['-c', 'user.email=analyst@example.org', '-c', 'user.name=Analyst', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'Approved']]) {
    const result = spawnSync('git', args, { cwd: review, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  }
  const card = path.join(review, path.basename(good));
  const relative = path.relative(env.folder, card).split(path.sep).join('/');
  await tryCommand(env.page, 'View: Close All Editors');
  await tryCommand(env.page, 'View: Hide Panel');
  await tryCommand(env.page, 'View: Close Primary Side Bar');
  await openFile(env.page, relative);
  const text = readFileSync(card, 'utf8');
  const line = priceLines(text)[0];
  const newPrice = String(Number(line.price) + 1000);
  await env.page.locator('.monaco-editor .view-lines').first().click();
  await goTo(env.page, line.priceLine + 1, line.priceColumn + 1);
  await env.page.keyboard.press('Shift+End');
  await env.page.keyboard.type(newPrice);
  const lens = env.page.locator('.codelens-decoration');
  const lensSeen = await until('a code lens with the change against HEAD', async () => {
    const texts = await lens.allInnerTexts();
    return texts.find((t) => /vs HEAD/.test(t));
  }, 15000, () => '');
  await runCommand(env.page, previewTitle(env.repoRoot));
  const { value: frame } = await until('the preview with HEAD beside now', async () => {
    const f = await previewFrame(env.page);
    return f && (await f.locator('body').innerText()).includes('Against HEAD') ? f : undefined;
  }, 15000);
  await frame.locator('#what-if-achievement').fill('1.2');
  await frame.locator('#what-if-achievement').press('Tab');
  await until('the what-if at achievement × 1.2', async () => ((await frame.locator('.what-if h2').innerText()).includes('achievement × 1.2') && (await frame.locator('.sensitivity-chart, .what-if .empty').count()) > 0 ? true : undefined), 15000);
  const headRows = await frame.locator('.head-delta tr').allInnerTexts();
  await frame.locator('.what-if').scrollIntoViewIfNeeded();
  // The top of the rate card, so the lens against HEAD is in the picture beside the what-if.
  await env.page.locator('.monaco-editor .view-lines').first().click();
  await env.page.keyboard.press('Control+Home');
  await until('the lens against HEAD in view', async () => ((await lens.allInnerTexts()).some((t) => /vs HEAD/.test(t)) ? true : undefined), 5000);
  const file = await shot(env, 'preview-review');
  const capText = await frame.locator('.cap-binds').innerText();
  return [`${relative}: typed ${line.outcome} ${line.price} → ${newPrice}; lens "${lensSeen.value}"; preview HEAD beside now ${JSON.stringify(headRows.slice(1).map((r) => r.replace(/\s+/g, ' ')))}; what-if × 1.2: "${capText}"; screenshot ${path.relative(env.repoRoot, file)}`];
}

/** "229862.52" → "£229,862.52", as the preview words a CLI amount. */
const pounds = (d) => `${d.startsWith('-') ? '-' : ''}£${grouped(d.replace(/^-/, ''))}.${d.split('.')[1] ?? '00'}`;

/** The pan-London sample's preview: the investor's cash-flow chart as the CLI computes it, and the what-if moving it; screenshot `preview-cash-flow.png`. */
async function cashFlowPage(env) {
  const card = path.join(env.folder, 'pan-london-edge-of-care', 'pan-london-edge-of-care.ratecard.yaml');
  const relative = path.relative(env.folder, card).split(path.sep).join('/');
  const investorOf = (args) => {
    const r = env.cli.run(['totals', relative, '--format', 'json', ...args], env.folder);
    if (r.status !== 0) throw new Error(`outcomes-lint totals ${args.join(' ')} failed (exit ${r.status}): ${r.stderr}`);
    const parsed = JSON.parse(r.stdout);
    const investor = (Array.isArray(parsed) ? parsed[0] : parsed).investor;
    if (!investor?.cashFlow?.length || investor.peakFunding === null) throw new Error(`the CLI gives no investor cash flow with a peak for ${relative}.`);
    return investor;
  };
  const now = investorOf([]);
  const doubled = investorOf(['--participants', '2']);
  await tryCommand(env.page, 'View: Close All Editors');
  await tryCommand(env.page, 'View: Hide Panel');
  await tryCommand(env.page, 'View: Close Primary Side Bar');
  await openFile(env.page, relative);
  const lens = env.page.locator('.codelens-decoration');
  const lensSeen = await until('the lens with the investor\'s multiple and peak', async () => (await lens.allInnerTexts()).find((t) => /Investor ×/.test(t)), 20000);
  await runCommand(env.page, previewTitle(env.repoRoot));
  const { value: frame } = await until('the preview with the cash-flow chart', async () => {
    const f = await previewFrame(env.page);
    return f && (await f.locator('svg.cash-flow-chart').count()) > 0 ? f : undefined;
  }, 15000);
  const chart = frame.locator('svg.cash-flow-chart').first();
  const bars = await chart.locator('rect').count();
  if (bars !== now.cashFlow.length) throw new Error(`the chart has ${bars} bars for the CLI's ${now.cashFlow.length} quarters.`);
  const peakTitle = await chart.locator('rect.peak title').textContent();
  const peakLabel = await chart.locator('text', { hasText: /^peak / }).textContent();
  const committedLabel = await chart.locator('text', { hasText: /^capital committed / }).textContent();
  const wanted = { peakTitle: `balance -${pounds(now.peakFunding)}`, peakLabel: `peak ${pounds(now.peakFunding)}`, committedLabel: `capital committed ${pounds(now.committed)}` };
  if (!peakTitle?.endsWith(wanted.peakTitle) || peakLabel !== wanted.peakLabel || committedLabel !== wanted.committedLabel) {
    throw new Error(`the chart shows ${JSON.stringify({ peakTitle, peakLabel, committedLabel })}, the CLI ${JSON.stringify(wanted)}.`);
  }
  // The preview may redraw (the totals refreshed) between finding the chart and scrolling to it:
  // scroll to the chart as it is then.
  await until('the cash-flow chart scrolled into view', async () => {
    try {
      await frame.locator('svg.cash-flow-chart').first().scrollIntoViewIfNeeded({ timeout: 2000 });
      return true;
    } catch {
      return undefined;
    }
  }, 15000);
  const file = await shot(env, 'preview-cash-flow');
  const notes = [`${relative}: lens "${lensSeen.value}"; the preview's cash-flow chart has the CLI's ${bars} quarters, "${peakLabel}" on the deepest bar and "${committedLabel}"; screenshot ${path.relative(env.repoRoot, file)}`];

  // The what-if, typed as a user would: participants × 2 draws a second chart with the CLI's --participants 2 peak.
  // Achievement back to × 1 first (a check before may have left × 1.2), then participants × 2.
  if ((await frame.locator('#what-if-achievement').inputValue()) !== '1') {
    await frame.locator('#what-if-achievement').fill('1');
    await frame.locator('#what-if-achievement').press('Tab');
    await until('the what-if at achievement × 1', async () => ((await frame.locator('section.what-if > h2').first().innerText()).includes('achievement × 1,') ? true : undefined), 15000);
  }
  await frame.locator('#what-if-participants').fill('2');
  await frame.locator('#what-if-participants').press('Tab');
  const movedPeak = `peak ${pounds(doubled.peakFunding)}`;
  let labels = [];
  const moved = await until(`the what-if's cash-flow chart to show "${movedPeak}"`, async () => {
    labels = await frame.locator('.what-if svg.cash-flow-chart text', { hasText: /^peak / }).allTextContents();
    return labels.includes(movedPeak) ? true : undefined;
  }, 15000, () => JSON.stringify(labels));
  notes.push(`participants × 2 typed in the what-if: its chart shows "${movedPeak}" (the CLI's --participants 2) after ${moved.ms} ms`);
  return notes;
}

export const pageChecks = [
  { name: 'page: the Problems panel lists each finding with its rule id and position', run: problemsPanel },
  { name: 'page: the payment preview shows a table, a chart and the totals, and follows a typed edit', run: previewPage },
  { name: 'page: in a git repository the lens and preview show the change against HEAD, and the preview a what-if', run: reviewPage },
  { name: "page: cash-flow: the preview charts the investor's balance by quarter, its peak and capital committed, moved by the what-if", run: cashFlowPage },
];

export async function runPageChecks(env) {
  const out = [];
  for (const check of pageChecks) {
    if (env.only?.length && !env.only.some((o) => check.name.includes(o))) continue;
    const start = Date.now();
    try {
      const saw = await check.run(env);
      out.push({ suite: 'code-server page', name: check.name, ok: true, ms: Date.now() - start, saw });
    } catch (error) {
      await env.page.screenshot({ path: path.join(env.artifacts, `failed-${out.length}.png`) }).catch(() => {});
      out.push({ suite: 'code-server page', name: check.name, ok: false, ms: Date.now() - start, saw: [], error: error instanceof Error ? error.message : String(error) });
    }
  }
  return out;
}
