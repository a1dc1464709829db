/**
 * An adversarial framework: 10,000 outcomes in one long `requires` chain. Each entry's chain is
 * everything after it, so judging each entry by walking its chain is 50 million steps (14 s and
 * more); the chain rules must finish in seconds, with every finding still there.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { cliPath } from '../support/cli';
import type { JsonFile } from './rules-fixture';

const N = 10000;

/** Outcome i requires outcome i - 1; `stageOf(i)` says which are entries and which sustainments. */
function chainPair(stageOf: (i: number) => 'entry' | 'sustainment', priceOf: (i: number) => number): { framework: string; card: string } {
  const outcomes: string[] = [];
  const prices: string[] = [];
  for (let i = 0; i < N; i++) {
    const stage = stageOf(i);
    outcomes.push(`  - id: o${i}\n    title: Step ${i}\n    domain: employment\n    stage: ${stage}\n    role: payment\n${stage === 'sustainment' ? '    sustainWeeks: 26\n' : ''}${i > 0 ? `    requires: [o${i - 1}]\n` : ''}    evidence: { kind: administrative, source: Payroll }\n    baseline: { c1: 0.1, c2: 0.1 }\n`);
    prices.push(`  - outcome: o${i}\n    price: ${priceOf(i)}\n`);
  }
  const framework = `kind: OutcomeFramework\nschemaVersion: 1\nid: chain\ntitle: One long chain\ncurrency: GBP\npayers:\n  - id: dfe\n    name: DfE\ncohorts:\n  - id: c1\n    title: Cohort one\n    size: 100\n  - id: c2\n    title: Cohort two\n    size: 50\noutcomes:\n${outcomes.join('')}`;
  const card = `kind: RateCard\nschemaVersion: 1\nid: chain-card\nframework: chain.framework.yaml\ncurrency: GBP\npayers: { dfe: 100 }\nprices:\n${prices.join('')}`;
  return { framework, card };
}

let dir: string;
function lint(pair: { framework: string; card: string }) {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'outcomes-lint-chain-')));
  fs.writeFileSync(path.join(dir, 'chain.framework.yaml'), pair.framework);
  fs.writeFileSync(path.join(dir, 'chain.ratecard.yaml'), pair.card);
  const started = Date.now();
  // The built CLI as a process (runCli's 1 MB of output is too little for 10,000 findings).
  const run = spawnSync(process.execPath, [cliPath, '--format', 'json'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 512 * 1024 * 1024, timeout: 50000 });
  const ms = Date.now() - started;
  assert.ok(run.stdout, `the CLI finished with output (status ${run.status}, ${ms} ms): ${run.stderr}`);
  const results = JSON.parse(run.stdout) as JsonFile[];
  const all = results.flatMap((r) => r.messages.map((m) => ({ ...m, file: path.basename(r.filePath) })));
  return { ms, rule: (id: string) => all.filter((m) => m.ruleId === id) };
}

describe('a 10,000-outcome requires chain', function () {
  this.timeout(60000);
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('entry then sustainment, all the way down: front-loaded-chain judges every entry against the rest of its chain, in seconds', () => {
    // Every entry pays £5,000 and every sustainment £100: an entry with fewer than 50 sustainments after it is most of its chain.
    const { ms, rule } = lint(chainPair((i) => (i % 2 === 0 ? 'entry' : 'sustainment'), (i) => (i % 2 === 0 ? 5000 : 100)));
    assert.ok(ms < 8000, `linted in ${ms} ms (walking each chain took 14 s and more)`);
    const front = rule('front-loaded-chain');
    assert.equal(front.length, 49, 'the last 49 entries, each with 1 to 49 sustainments after it');
    const last = front.find((m) => m.message.startsWith('"Step 9998" (o9998)'));
    assert.ok(last, 'the last entry is reported');
    assert.match(last.message, /£5,000\.00, 98% of the £5,100\.00/);
    const first = front.find((m) => m.message.startsWith('"Step 9902" (o9902)'));
    assert.ok(first, 'the entry with 49 sustainments after it is reported');
    assert.match(first.message, /£5,000\.00, 50\.5% of the £9,900\.00/);
    assert.ok(!front.some((m) => m.message.startsWith('"Step 9900" (o9900)')), 'exactly half (£5,000 of £10,000) is not more than half');
    assert.deepEqual(rule('entry-without-sustainment'), [], 'every entry has a paid sustainment after it');
  });

  it('entries all the way down: entry-without-sustainment finds no sustainment for any of them, in seconds', () => {
    const { ms, rule } = lint(chainPair(() => 'entry', () => 1000));
    assert.ok(ms < 8000, `linted in ${ms} ms (walking each chain took 30 s)`);
    assert.equal(rule('entry-without-sustainment').filter((m) => m.file === 'chain.framework.yaml').length, N);
    assert.deepEqual(rule('front-loaded-chain'), []);
  });
});
