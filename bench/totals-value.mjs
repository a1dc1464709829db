// The totals and value rows of `npm run bench` alone (issues 22 and 25), for profiling:
//   node bench/totals-value.mjs [--runs N]            prints the same figures as the full bench
//   node --cpu-prof bench/totals-value.mjs --runs 300  a profile of those computations
// The same files and the same interleaving as bench/run.mjs's sections 7 and 7b.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import * as esbuild from 'esbuild';
import { writeValuedPair } from './generate.mjs';
import { median, ms, timeTotalsWithValue, x } from './measure.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const runs = Number(argv[argv.indexOf('--runs') + 1]) || 21;
const out = path.join(root, '.bench');
const filesDir = path.join(out, 'files');
mkdirSync(filesDir, { recursive: true });
const outfile = path.join(out, 'totals-value.cjs');
await esbuild.build({
  stdin: { contents: ["export { computeTotals } from './server/src/core/totals';", "export { computeValue } from './server/src/core/value';", "export { Workspace } from './server/src/core/workspace';", "export { nodeHost } from './server/src/core/node-host';"].join('\n'), resolveDir: root, loader: 'ts' },
  bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile, logLevel: 'silent', define: { __VERSION__: '"bench"' },
});
const core = createRequire(import.meta.url)(outfile);

// The valued 1,000-price card, as in bench/run.mjs (7b).
const { plain, valued } = writeValuedPair(filesDir);
const workspace = new core.Workspace(valued.dir, core.nodeHost);
const analyzed = workspace.analyze(valued.rateCard);
const link = workspace.frameworkOf(analyzed.model);
const framework = link.ok ? link.framework : undefined;
const model = analyzed.model;
const afresh = () => ({ ...model, projection: model.projection.map((p) => ({ ...p })) });

// bench/run.mjs's row 7: the totals of the plain 1,000-price card (no values), 21 runs after 5.
const plainWorkspace = new core.Workspace(filesDir, core.nodeHost);
const plainCard = plainWorkspace.analyze(plain.rateCard).model;
const plainLink = plainWorkspace.frameworkOf(plainCard);
const plainFresh = () => ({ ...plainCard, projection: plainCard.projection.map((p) => ({ ...p })) });
const plainTimes = [];
for (let i = 0; i < runs + 5; i++) {
  const card = plainFresh();
  const start = performance.now();
  core.computeTotals(card, plainLink.ok ? plainLink.framework : undefined);
  if (i >= 5) plainTimes.push(performance.now() - start);
}

const { totals: t, withValue: v, lens, paired, ratio, reportTotals, withReport, report, reportPaired, reportRatio } = timeTotalsWithValue(core, afresh, framework, runs);
console.log(`load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}, ${runs} runs`);
console.log(`totals on a 1,000-price rate card (warm, fresh model), as bench/run.mjs's row: ${ms(median(plainTimes))} (target < 5 ms)`);
console.log(`totals of the 1,000-price card (valued framework): ${ms(t)} (target ≤ 5 ms)`);
console.log(`value figures added to totals: 1 + value part ÷ totals ${x(ratio)} (target ≤ 1.15×); totals + value figures ${ms(v)} ÷ totals ${ms(t)}: ${x(v / t)}, median of each run's ratio ${x(paired)}`);
console.log(`value part after the totals (the lens after an edit): ${ms(lens)} (target < 5 ms)`);
console.log(`with the by-outcome breakdown built, as the reports read it: 1 + value part ÷ totals ${x(reportRatio)}; totals + value figures ${ms(withReport)} ÷ totals ${ms(reportTotals)}: ${x(withReport / reportTotals)} (median of each run's ratio ${x(reportPaired)}); value part ${ms(report)} (no target)`);
