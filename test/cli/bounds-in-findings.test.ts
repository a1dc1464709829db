/**
 * Findings that quote a figure which is only an upper bound say "at most" and claim nothing the
 * bound cannot prove (issue 20): `cap-binds` on caps.perParticipant and caps.total, through the
 * built CLI. The bound comes from an outcome with more routes through requiresAnyOf than are
 * searched, where the true maximum is below the cap and the bound above it.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { runCli } from '../support/cli';
import { makeWorkspace } from './rules-fixture';
import { cardYaml, cohortYaml, findings, frameworkYaml, outcomeYaml, totalsJson } from './totals-edge-fixture';

/**
 * `x` needs `q` (after any of q1–q8) and any of p1–p9: 72 routes. Every p and q excludes `z`, so
 * one participant is paid z (£5,000) or x (£1,000), never both: £5,000 exactly, at most £6,000 as counted.
 */
function manyRoutes(caps: string, projection = '', extra = { outcomes: '', prices: '' }) {
  const many = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);
  const outcomes =
    outcomeYaml('z', extra.outcomes ? '    baseline: { c: 0.5 }\n' : '') +
    [...many('p', 9), ...many('q', 8)].map((id) => outcomeYaml(id, '    excludes: [z]\n')).join('') +
    outcomeYaml('q', `    requiresAnyOf: [${many('q', 8).join(', ')}]\n`) +
    outcomeYaml('x', `    requires: [q]\n    requiresAnyOf: [${many('p', 9).join(', ')}]\n`) +
    extra.outcomes;
  return makeWorkspace({
    'f.framework.yaml': frameworkYaml(cohortYaml('c', 10), outcomes),
    'r.ratecard.yaml': cardYaml(`prices:\n  - outcome: z\n    price: 5000\n  - outcome: x\n    price: 1000\n${extra.prices}${caps}${projection}`),
  });
}

describe('cap-binds quotes a bound as a bound (issue 20)', () => {
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('caps.perParticipant £5,500 against a maximum of at most £6,000: "possibly more", never "more than the cap"', () => {
    dir = manyRoutes('caps:\n  perParticipant: 5500\n  total: 100000\n');
    const { t } = totalsJson(dir);
    assert.ok(t.upperBounds['uncappedMaxPerParticipant.c'], 'the fixture no longer gives a bound: the test proves nothing');
    const [finding, ...rest] = findings(runCli(['r.ratecard.yaml', '--format', 'json'], { cwd: dir }).stdout, 'cap-binds');
    assert.equal(rest.length, 0);
    assert.match(finding.message, /^A participant of c could earn at most £6,000\.00 across the price lines, only an upper bound \(.+\), so possibly more than the per-participant cap of £5,500\.00\. Someone who achieves everything may hit the cap/);
    assert.doesNotMatch(finding.message, /up to £6,000\.00/);
  });

  /** With y (£2,000, excluding z) and everything projected achieved, the expected payments are held to the maximum: a bound too. */
  const heldToTheBound = () =>
    manyRoutes('caps:\n  total: 40000\n', 'projection:\n  - cohort: c\n    participants: 10\n    achievement: { z: 1, x: 1, y: 1 }\n', {
      outcomes: outcomeYaml('y', '    excludes: [z]\n'),
      prices: '  - outcome: y\n    price: 2000\n',
    });

  it('expected payments that are a bound "may reach" caps.total; high-deadweight says "at most" of both figures', () => {
    dir = heldToTheBound();
    const { t } = totalsJson(dir);
    assert.equal(t.expected, '40000.00');
    assert.ok(t.upperBounds.expected && t.upperBounds.deadweight, 'the fixture no longer gives bounded expected payments: the test proves nothing');
    const stdout = runCli(['r.ratecard.yaml', '--format', 'json'], { cwd: dir }).stdout;
    const [cap] = findings(stdout, 'cap-binds');
    assert.match(cap.message, /^Expected payments may reach the total cap of £40,000\.00: they are at most £40,000\.00, only an upper bound \(.+\), and on that bound the cap cuts them\./);
    const [dead] = findings(stdout, 'high-deadweight');
    assert.match(dead.message, /^At most £12,500\.00 of expected payments of at most £40,000\.00 \(31\.3%, more than 30%; both only upper bounds, as .+\) would pay/);
  });

  it('an exact maximum over the cap is still said plainly', () => {
    dir = makeWorkspace({
      'f.framework.yaml': frameworkYaml(cohortYaml('c', 10), outcomeYaml('a') + outcomeYaml('b')),
      'r.ratecard.yaml': cardYaml('prices:\n  - outcome: a\n    price: 5000\n  - outcome: b\n    price: 1000\ncaps:\n  perParticipant: 5500\n  total: 100000\n'),
    });
    const [finding] = findings(runCli(['r.ratecard.yaml', '--format', 'json'], { cwd: dir }).stdout, 'cap-binds');
    assert.match(finding.message, /^A participant of c could earn up to £6,000\.00 across the price lines, more than the per-participant cap of £5,500\.00\. Someone who achieves everything would hit the cap/);
  });
});
