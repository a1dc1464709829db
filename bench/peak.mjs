// Run in a child process by bench/run.mjs: one cold full check of a pair, as the CLI would do
// it, then prints the time and the process's peak resident memory as JSON.
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

const [corePath, root, rateCard, framework, rulesPath] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const core = require(path.resolve(corePath));
// With a rules bundle given, every rule is turned off: the core's own cold figure.
const options = rulesPath ? { settings: require(path.resolve(rulesPath)).allRulesOff() } : {};
const start = performance.now();
const workspace = new core.Workspace(root, core.nodeHost);
const findings = core.checkFile(workspace, rateCard, options).findings.length + core.checkFile(workspace, framework, options).findings.length;
const ms = performance.now() - start;
process.stdout.write(JSON.stringify({ ms, findings, peakRssMB: process.resourceUsage().maxRSS / 1024 }) + '\n');
