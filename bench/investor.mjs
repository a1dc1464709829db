// The investor row of `npm run bench` alone (issue 23), for measuring and profiling:
//   node bench/investor.mjs [--runs N] [--warmup W] [--no-profile]
//   node --cpu-prof bench/investor.mjs --runs 1000   a profile of the investor's figures
// The same card, investment and interleaving as bench/run.mjs's section 7c (measure.mjs,
// timeTotalsWithInvestor). --no-profile drops the projections' `profile`, so that every part is
// timed from the contract's dates (the card's cohorts are otherwise timed by their profiles).
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { writePair } from './generate.mjs';
import { ms, timeTotalsWithInvestor, x } from './measure.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const option = (name, fallback) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : fallback);
const runs = option('--runs', 21);
const warmup = option('--warmup', 5);
const profiled = !argv.includes('--no-profile');
const out = path.join(root, '.bench');
const filesDir = path.join(out, 'files');
mkdirSync(filesDir, { recursive: true });
const outfile = path.join(out, 'investor.cjs');
await esbuild.build({
  stdin: { contents: ["export { computeTotals } from './server/src/core/totals';", "export { investorFigures } from './server/src/core/investor';", "export { Workspace } from './server/src/core/workspace';", "export { nodeHost } from './server/src/core/node-host';"].join('\n'), resolveDir: root, loader: 'ts' },
  bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile, logLevel: 'silent', define: { __VERSION__: '"bench"' },
});
const core = createRequire(import.meta.url)(outfile);

const workspace = new core.Workspace(filesDir, core.nodeHost);
const model = workspace.analyze(writePair(filesDir, 1111).rateCard).model;
const link = workspace.frameworkOf(model);
const framework = link.ok ? link.framework : undefined;
const afresh = () => ({ ...model, projection: model.projection.map((p) => ({ ...p })) });
const investment = { committed: 500_000_000, costs: { perParticipant: 4_500_000, perYear: 10_000_000, fixed: 5_000_000 }, fees: { perYear: 2_000_000 } };
const invested = profiled ? () => ({ ...afresh(), investment }) : () => ({ ...model, projection: model.projection.map((p) => ({ ...p, profile: undefined })), investment });
// bench/run.mjs's row 7 comes first: the totals alone, 21 runs after 5.
for (let i = 0; i < 26; i++) core.computeTotals(afresh(), framework);
const figures = core.investorFigures(invested(), framework);
if (!figures || figures.missing) throw new Error(`the investor's figures cannot be computed: ${figures?.missing}`);

const t = timeTotalsWithInvestor(core, afresh, invested, framework, { runs, warmup });
console.log(`load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}, ${runs} runs after ${warmup}, ${profiled ? 'cohorts timed by their profiles' : 'no profiles: every part timed from the dates'}`);
console.log(`investor's figures added to totals: ${x(t.ratio)} (investor part ${ms(t.investor)} on totals ${ms(t.totals)}; target ≤ 1.15×)`);
console.log(`totals then investor ÷ totals alone, medians (the row's old reading): ${x(t.withInvestor / t.totalsAlone)}`);
