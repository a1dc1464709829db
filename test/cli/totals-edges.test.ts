/**
 * Money at the edges (issue 20), through the built CLI on real files: exclusive pathways past 20
 * outcomes, caps per payer over every pathway mix, deadweight cut by the cap when another cohort
 * has no baselines, huge numbers, the what-if on banded lines, and the rules that quote the figures.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { runCli } from '../support/cli';
import { makeWorkspace } from './rules-fixture';

export const outcomeYaml = (id: string, extra = '', stage = 'entry') =>
  `  - id: ${id}\n    title: ${id}\n    domain: employment\n    stage: ${stage}\n    role: payment\n    evidence: { kind: administrative, source: Records }\n${extra}`;

export function frameworkYaml(cohorts: string, outcomes: string, payers = '  - id: p\n    name: P\n'): string {
  return `kind: OutcomeFramework\nschemaVersion: 1\nid: f\ntitle: F\ncurrency: GBP\npayers:\n${payers}cohorts:\n${cohorts}outcomes:\n${outcomes}`;
}
export const cohortYaml = (id: string, size: number | undefined, extra = '') => `  - id: ${id}\n    title: ${id}\n    eligibility: [Anyone referred]\n${size === undefined ? '' : `    size: ${size}\n`}${extra}`;
export const cardYaml = (rest: string) => `kind: RateCard\nschemaVersion: 1\nid: r\nframework: f.framework.yaml\ncurrency: GBP\n${rest}`;

/** The lint JSON's messages of one rule, over every file. */
export function findings(stdout: string, ruleId: string): { message: string; line: number }[] {
  return (JSON.parse(stdout) as { messages: { ruleId: string; message: string; line: number }[] }[]).flatMap((f) => f.messages.filter((m) => m.ruleId === ruleId));
}

export function totalsJson(dir: string, ...args: string[]) {
  const run = runCli(['totals', 'r.ratecard.yaml', '--format', 'json', ...args], { cwd: dir });
  return { run, t: JSON.parse(run.stdout) };
}

/** n outcomes o0…o(n-1), each excluding the next, priced prices[i] pounds. */
function chain(n: number, price: (i: number) => number, size = 10) {
  let outcomes = '';
  let prices = '';
  for (let i = 0; i < n; i++) {
    outcomes += outcomeYaml(`o${i}`, i + 1 < n ? `    excludes: [o${i + 1}]\n` : '');
    prices += `  - outcome: o${i}\n    price: ${price(i)}\n`;
  }
  return { 'f.framework.yaml': frameworkYaml(cohortYaml('c', size), outcomes), 'r.ratecard.yaml': cardYaml(`prices:\n${prices}`) };
}

describe('outcomes-lint totals: exclusive pathways past 20 outcomes (issue 20, 1)', () => {
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('21 outcomes at £100, each excluding the next, 10 participants: at most £11,000, not £21,000', () => {
    dir = makeWorkspace(chain(21, () => 100));
    const { run, t } = totalsJson(dir);
    assert.equal(run.status, 0, run.stderr);
    // A participant takes every other outcome: o0, o2, …, o20 = 11 × £100.
    assert.equal(t.maxPerParticipant.c, '1100.00');
    assert.equal(t.maximumLiability, '11000.00');
    assert.deepEqual(t.upperBounds ?? {}, {});
    const table = runCli(['totals', 'r.ratecard.yaml'], { cwd: dir }).stdout;
    assert.match(table, /£11,000\.00/);
    assert.doesNotMatch(table, /£21,000\.00|at most/);
  });

  it('a 24-outcome chain priced £1,000–£1,023: £12,144 per participant, not £24,276', () => {
    dir = makeWorkspace(chain(24, (i) => 1000 + i));
    const { t } = totalsJson(dir);
    // The odd ones: 1,001 + 1,003 + … + 1,023 = 12 × 1,012 = 12,144.
    assert.equal(t.maxPerParticipant.c, '12144.00');
    assert.equal(t.maximumLiability, '121440.00');
  });

  it('uncapped-liability quotes the exact maximum of a long chain', () => {
    dir = makeWorkspace(chain(21, () => 100));
    const run = runCli(['r.ratecard.yaml', '--format', 'json'], { cwd: dir });
    const [finding] = findings(run.stdout, 'uncapped-liability');
    assert.ok(finding, run.stdout);
    assert.match(finding.message, /£11,000\.00/);
    assert.doesNotMatch(finding.message, /£21,000\.00/);
  });
});
