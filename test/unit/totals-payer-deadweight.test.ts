/**
 * Deadweight by payer under caps per payer, over random rate cards read by the real parser: each
 * payer's deadweight is its part of the uncapped deadweight cut by its own cut of its expected
 * payments (checked against that simple sum from the same card without caps), never more than
 * its expected payments, and the payers add up to the whole.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import fc from 'fast-check';
import { computeTotals, type Totals } from '../../server/src/core/totals';
import type { RateCardModel } from '../../server/src/core/model';
import { memoryRoot, memoryWorkspace } from '../support/workspace';

const OUTCOMES = ['o1', 'o2', 'o3'];
const PAYERS = ['p1', 'p2', 'p3'];
const inline = (record: Record<string, unknown>) => `{ ${Object.entries(record).map(([k, v]) => `${k}: ${v}`).join(', ')} }`;
const share = fc.integer({ min: 0, max: 100 }).map((s) => s / 100);
const split = fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })).map(([a, b]) => {
  const [low, high] = a <= b ? [a, b] : [b, a];
  return { p1: low, p2: high - low, p3: 100 - high };
});

const card = fc.record({
  lines: fc.array(fc.record({ outcome: fc.constantFrom(...OUTCOMES), price: fc.integer({ min: 0, max: 500000 }).map((p) => (p / 100).toFixed(2)), payers: fc.option(split, { nil: undefined }) }), { minLength: 1, maxLength: 5 }),
  split,
  baseline: fc.record({ o1: share, o2: share, o3: share }),
  achievement: fc.record({ o1: share, o2: share, o3: share }),
  participants: fc.integer({ min: 0, max: 1000 }),
  caps: fc.dictionary(fc.constantFrom(...PAYERS), fc.integer({ min: 0, max: 300000 }), { minKeys: 1 }),
  total: fc.option(fc.integer({ min: 0, max: 3000000 }), { nil: undefined }),
});
type Card = typeof card extends fc.Arbitrary<infer T> ? T : never;

function totalsOf(c: Card, withCaps: boolean): Totals {
  const outcomes = OUTCOMES.map((id) => `  - id: ${id}\n    title: ${id}\n    domain: employment\n    stage: entry\n    role: payment\n    evidence: { kind: administrative, source: Records }\n    baseline: { c: ${c.baseline[id as 'o1']} }\n`).join('');
  const framework = `kind: OutcomeFramework\nschemaVersion: 1\nid: f\ntitle: F\ncurrency: GBP\npayers:\n${PAYERS.map((p) => `  - id: ${p}\n    name: ${p}\n`).join('')}cohorts:\n  - id: c\n    title: c\n    size: ${c.participants}\noutcomes:\n${outcomes}`;
  const caps = withCaps ? `caps:\n  perPayer: ${inline(c.caps)}\n${c.total !== undefined ? `  total: ${c.total}\n` : ''}` : '';
  const lines = c.lines.map((l) => `  - outcome: ${l.outcome}\n    price: ${l.price}\n` + (l.payers ? `    payers: ${inline(l.payers)}\n` : '')).join('');
  const rateCard = `kind: RateCard\nschemaVersion: 1\nid: r\nframework: f.framework.yaml\ncurrency: GBP\npayers: ${inline(c.split)}\n${caps}prices:\n${lines}projection:\n  - cohort: c\n    achievement: ${inline(c.achievement)}\n`;
  const workspace = memoryWorkspace({ 'f.framework.yaml': framework, 'r.ratecard.yaml': rateCard });
  const model = workspace.analyze(path.join(memoryRoot, 'r.ratecard.yaml'))!.model as RateCardModel;
  const link = workspace.frameworkOf(model);
  assert.ok(link.ok);
  return computeTotals(model, link.framework);
}

describe('totals: deadweight by payer under caps per payer', () => {
  it("never exceeds the payer's expected payments, adds up to the whole, and follows each payer's own cut", () => {
    fc.assert(
      fc.property(card, (c) => {
        const capped = totalsOf(c, true);
        const free = totalsOf(c, false);
        assert.ok(capped.deadweight !== null && capped.expected !== null);
        let sum = 0;
        for (const id of PAYERS) {
          const { expected, deadweight } = capped.byPayer[id];
          assert.ok(expected !== null && deadweight !== null);
          assert.ok(deadweight <= expected, `${id}: deadweight ${deadweight} > expected ${expected}`);
          sum += deadweight;
          // The simple way: the payer's uncapped deadweight × (its capped expected ÷ its uncapped expected).
          const before = free.byPayer[id];
          const want = before.expected === 0 ? 0 : (before.deadweight! * expected) / before.expected!;
          // Each of the three figures is rounded to the penny on its own: a few pence apart at most.
          assert.ok(Math.abs(deadweight - want) <= 3, `${id}: deadweight ${deadweight}, by its own cut ${want.toFixed(2)}`);
        }
        assert.equal(sum, capped.deadweight);
      }),
      { numRuns: 200 },
    );
  });
});
