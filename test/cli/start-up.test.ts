/**
 * `outcomes-lint` starts like a small tool: a plain run loads no module it does not use (hashing,
 * child processes) and asks ICU for nothing (its collator and date formats cost 10–25 ms each to
 * load). The installed command (bin/outcomes-lint.js) is what is run, as a user runs it.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../support/cli';

/** Loaded before the CLI: records the built-in modules loaded and every call that loads ICU data. */
const WATCH = `
const icu = [];
for (const [owner, name] of [[String.prototype, 'localeCompare'], [Date.prototype, 'toLocaleString'], [Date.prototype, 'toLocaleDateString'], [Number.prototype, 'toLocaleString']]) {
  const original = owner[name];
  owner[name] = function (...args) { icu.push(name); return original.apply(this, args); };
}
for (const name of ['Collator', 'DateTimeFormat', 'NumberFormat']) {
  const Original = Intl[name];
  Intl[name] = function (...args) { icu.push('Intl.' + name); return new Original(...args); };
}
// The V8 flags the command sets, and when the bundle is compiled, in order.
const steps = [];
const v8 = require('node:v8');
const setFlags = v8.setFlagsFromString;
v8.setFlagsFromString = function (flags) { steps.push('flags ' + flags); return setFlags.call(this, flags); };
const vm = require('node:vm');
const Script = vm.Script;
vm.Script = function (...args) { steps.push('compile'); return new Script(...args); };
process.on('exit', () => require('node:fs').writeFileSync(process.env.WATCH_OUT, JSON.stringify({ icu, steps, modules: process.moduleLoadList })));
`;

function run(args: string[], entry = 'bin/outcomes-lint.js'): { status: number | null; stdout: string; icu: string[]; steps: string[]; modules: string[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outcomes-lint-start-'));
  try {
    const watch = path.join(dir, 'watch.js');
    fs.writeFileSync(watch, WATCH);
    const out = path.join(dir, 'out.json');
    const result = spawnSync(process.execPath, ['-r', watch, path.join(repoRoot, entry), ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', WATCH_OUT: out }, timeout: 30000 });
    const seen = JSON.parse(fs.readFileSync(out, 'utf8')) as { icu: string[]; steps: string[]; modules: string[] };
    return { status: result.status, stdout: result.stdout, ...seen };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const samples = ['samples/care-leavers', 'samples/homelessness', 'samples/youth-engagement'];

describe('outcomes-lint: start-up', () => {
  it('checks the samples without loading hashing or child processes, and without asking ICU for anything', () => {
    const result = run(samples);
    assert.equal(result.status, 0, result.stdout);
    assert.match(result.stdout, /No problems in 6 files/);
    assert.deepEqual(result.icu, [], 'no ICU collator, number or date format was used');
    const loaded = result.modules.filter((m) => /^NativeModule (crypto|child_process)$/.test(m));
    assert.deepEqual(loaded, [], 'node:crypto and node:child_process are not loaded');
    // Findings are sorted, and the real UK prices cited, without ICU too.
    const findings = run(['samples/perverse']);
    assert.equal(findings.status, 1);
    assert.match(findings.stdout, /price-context/);
    assert.deepEqual(findings.icu, [], 'no ICU collator, number or date format was used for findings');
  });

  it('still loads them when a run needs them: fingerprints for SARIF, git for --base', () => {
    const sarif = run([...samples, 'samples/perverse', '--format', 'sarif']);
    const log = JSON.parse(sarif.stdout) as { runs: { results: { partialFingerprints?: Record<string, string> }[] }[] };
    const results = log.runs[0].results;
    assert.ok(results.length > 0, 'the perverse sample has findings');
    assert.ok(results.every((r) => Object.values(r.partialFingerprints ?? {}).some((f) => /^[0-9a-f]{64}$/.test(f))), 'every result carries its fingerprint');
    assert.ok(sarif.modules.includes('NativeModule crypto'));
    const base = run([...samples, '--base', 'HEAD']);
    assert.ok(base.modules.includes('NativeModule child_process'), 'git was run for --base');
  });

  it('reads the bundle as one-byte text: every character of it is ASCII', () => {
    // One other character makes Node decode the whole 3 MB as UTF-8 into a two-byte string.
    const bytes = fs.readFileSync(path.join(repoRoot, 'dist/cli.js'));
    const at = bytes.findIndex((b) => b > 0x7f);
    assert.equal(at, -1, `a non-ASCII byte at ${at}: ${bytes.subarray(Math.max(0, at - 60), at + 20).toString('utf8')}`);
  });

  it("on Node 20 raises TurboFan's budget before compiling the bundle, and reports exactly what the bundle run alone reports", function () {
    if (!/^11\./.test(process.versions.v8)) this.skip(); // set on V8 11 (Node 20) only
    const args = [...samples, 'samples/perverse', 'samples/pyramid', '--format', 'json'];
    const installed = run(args);
    assert.deepEqual(installed.steps.slice(0, 2), ['flags --interrupt-budget=1081344', 'compile'], installed.steps.join(', '));
    // The bundle run directly (no flag, no code cache): the same findings, places and exit code.
    const direct = run(args, 'dist/cli.js');
    assert.deepEqual(direct.steps, []);
    assert.equal(installed.status, 1);
    assert.deepEqual([installed.status, installed.stdout], [direct.status, direct.stdout]);
    assert.ok((JSON.parse(installed.stdout) as { messages: unknown[] }[]).some((r) => r.messages.length > 0), 'the runs have findings to compare');
  });
});
