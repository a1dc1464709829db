// Neovim as a second, independent LSP client: runs check.lua headless against the built
// server (dist/server.js --stdio) and compares what Neovim received with the CLI.
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { amountsIn, digitsOf, priceLines } from '../shared/figures.mjs';
import { pickSamples } from '../runner/cli.mjs';
import { startGroup, stopGroup } from '../runner/processes.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Runs Neovim on `file` with the given OF_NVIM_* settings; resolves with what check.lua wrote. */
async function nvim(opts, file, name, settings) {
  const dir = path.join(opts.run, 'nvim', name);
  mkdirSync(dir, { recursive: true });
  const outFile = path.join(dir, 'out.json');
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(dir, 'config'), XDG_DATA_HOME: path.join(dir, 'data'),
    XDG_STATE_HOME: path.join(dir, 'state'), XDG_CACHE_HOME: path.join(dir, 'cache'),
    OF_NVIM_OUT: outFile, OF_NVIM_NODE: process.execPath, OF_NVIM_SERVER: path.join(opts.repoRoot, 'dist', 'server.js'),
    OF_NVIM_ROOT: opts.samples, ...settings,
  };
  const child = startGroup(opts.nvim, ['--headless', '--clean', '-n', '-i', 'NONE', file, '-c', `luafile ${path.join(here, 'check.lua')}`], { env, cwd: opts.samples, logFile: path.join(dir, 'nvim.log') });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const timedOut = new Promise((resolve) => setTimeout(() => resolve('timeout'), 60000).unref());
  const how = await Promise.race([exited, timedOut]);
  await stopGroup(child, 1000);
  if (how === 'timeout') throw new Error('Neovim did not finish within 60 s');
  if (!existsSync(outFile)) throw new Error(`Neovim wrote no results (see ${path.join(dir, 'nvim.log')})`);
  const out = JSON.parse(readFileSync(outFile, 'utf8'));
  const list = (v) => (Array.isArray(v) ? v : []); // json_encode writes {} for an empty table
  return { ...out, diagnostics: list(out.diagnostics), codeLens: list(out.codeLens), inlayHints: list(out.inlayHints), errors: list(out.errors) };
}

async function diagnosticsCheck(opts, { broken, brokenFindings }) {
  if (!broken) throw new Error('samples/broken has no rate card with findings.');
  const start = Date.now();
  const out = await nvim(opts, broken, 'diagnostics', { OF_NVIM_EXPECT_DIAGNOSTICS: String(brokenFindings.length) });
  if (out.errors.length) throw new Error(out.errors.join('; '));
  const key = (code, line, column) => `${code}@${line}:${column}`;
  const seen = out.diagnostics.map((d) => key(d.code, d.line, d.column)).sort();
  const wanted = brokenFindings.map((m) => key(m.ruleId, m.line, m.column)).sort();
  if (JSON.stringify(seen) !== JSON.stringify(wanted)) throw new Error(`Neovim got ${JSON.stringify(seen)}, the CLI gives ${JSON.stringify(wanted)}`);
  return [`${path.relative(opts.samples, broken)}: ${seen.length} diagnostics, same rule ids, lines and columns as the CLI, in ${Date.now() - start} ms`];
}

async function featuresCheck(opts, { good }) {
  if (!good) throw new Error('no rate card without errors in the samples.');
  const text = readFileSync(good, 'utf8');
  const line = priceLines(text)[0];
  const framework = parse(readFileSync(path.resolve(path.dirname(good), parse(text).framework), 'utf8'));
  const title = framework.outcomes.find((o) => o.id === line.outcome)?.title;
  const start = Date.now();
  const out = await nvim(opts, good, 'features', { OF_NVIM_HOVER: `${line.outcomeLine}:${line.outcomeColumn + 1}`, OF_NVIM_TOTALS: '1' });
  if (out.errors.length) throw new Error(out.errors.join('; '));
  const totals = opts.cli.totals(good, opts.samples);
  const digits = digitsOf(totals.maximumLiability ?? totals.expected);
  const problems = [];
  if (!out.hover?.includes(title)) problems.push(`hover on ${line.outcome} says ${JSON.stringify(out.hover)}, not its title "${title}"`);
  const lensAmounts = out.codeLens.flatMap((l) => amountsIn(l.title, digits));
  for (const [label, figure] of [['maximum liability', totals.maximumLiability], ['expected payments', totals.expected]]) {
    if (figure && !lensAmounts.includes(figure)) problems.push(`no code lens shows the ${label} ${figure} (lenses ${JSON.stringify(out.codeLens.map((l) => l.title))})`);
  }
  const lines = priceLines(text);
  const hinted = lines.filter((l) => out.inlayHints.some((h) => h.line >= l.firstLine && h.line <= l.lastLine && amountsIn(h.label, digits).length));
  if (hinted.length !== lines.length) problems.push(`inlay hints with an amount on ${hinted.length} of ${lines.length} price lines (hints ${JSON.stringify(out.inlayHints.slice(0, 3))})`);
  if (problems.length) throw new Error(problems.join('; '));
  return [
    `hover on ${line.outcome}: ${JSON.stringify(out.hover.slice(0, 100))}`,
    `code lenses ${JSON.stringify(out.codeLens.map((l) => l.title))} match the CLI (${totals.maximumLiability} / ${totals.expected}); ${out.inlayHints.length} inlay hints, e.g. ${JSON.stringify(out.inlayHints[0]?.label)}; ${Date.now() - start} ms`,
  ];
}

export async function runNeovimChecks(opts) {
  const picked = pickSamples(opts.cli, opts.samples);
  const checks = [
    { name: 'Neovim: diagnostics match the CLI', run: () => diagnosticsCheck(opts, picked) },
    { name: 'Neovim: hover, code lens and the inlay hint request', run: () => featuresCheck(opts, picked) },
  ];
  const results = [];
  for (const check of checks) {
    const start = Date.now();
    try {
      results.push({ suite: 'Neovim LSP client', name: check.name, ok: true, ms: Date.now() - start, saw: await check.run() });
      results.at(-1).ms = Date.now() - start;
    } catch (error) {
      results.push({ suite: 'Neovim LSP client', name: check.name, ok: false, ms: Date.now() - start, saw: [], error: error instanceof Error ? error.message : String(error) });
    }
  }
  opts.log(`e2e: Neovim checks done (${results.filter((r) => r.ok).length}/${results.length} passed)`);
  return results;
}
