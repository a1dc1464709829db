/**
 * What-if totals over random rate cards: scaling by rewriting the text gives the same figures as
 * a card written with the scaled numbers, and the bisection for where caps.total binds agrees
 * with trying every step.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import fc from 'fast-check';
import type { FrameworkModel, RateCardModel } from '../../server/src/core/model';
import { computeTotals } from '../../server/src/core/totals';
import { achievementSensitivity, capBindsAt, capBindsAtByScan, whatIfTotals } from '../../server/src/core/what-if';
import { memoryRoot, memoryWorkspace } from '../support/workspace';

const OUTCOMES = ['o1', 'o2', 'o3'];

const card = fc.record({
  prices: fc.tuple(...OUTCOMES.map(() => fc.integer({ min: 1, max: 5000 }))),
  /** Achievement in hundredths, at least 0.25 so a scan stays short. */
  shares: fc.tuple(...OUTCOMES.map(() => fc.integer({ min: 25, max: 100 }))),
  participants: fc.integer({ min: 1, max: 500 }),
  size: fc.integer({ min: 1, max: 500 }),
  capTotal: fc.integer({ min: 1, max: 3_000_000 }),
  capPerParticipant: fc.oneof(fc.constant(undefined), fc.integer({ min: 1, max: 8000 })),
});
type Card = typeof card extends fc.Arbitrary<infer T> ? T : never;

/** Two cohorts: one with projected participants, one sized only in the framework. */
function files(c: Card, shares: string[] = c.shares.map((s) => String(s / 100)), participants = c.participants, size = c.size): Record<string, string> {
  const outcomes = OUTCOMES.map((id) => `  - id: ${id}\n    title: ${id}\n    domain: employment\n    stage: entry\n    role: payment\n    evidence: { kind: administrative, source: Records }\n    baseline: { a: 0.1, b: 0.1 }\n`).join('');
  const framework = `kind: OutcomeFramework\nschemaVersion: 1\nid: f\ntitle: F\ncurrency: GBP\npayers:\n  - id: p\n    name: P\ncohorts:\n  - id: a\n    title: A\n  - id: b\n    title: B\n    size: ${size}\noutcomes:\n${outcomes}`;
  const caps = `caps:\n  total: ${c.capTotal}\n${c.capPerParticipant !== undefined ? `  perParticipant: ${c.capPerParticipant}\n` : ''}`;
  const prices = OUTCOMES.map((id, i) => `  - outcome: ${id}\n    price: ${c.prices[i]}\n`).join('');
  const achievement = `{ ${OUTCOMES.map((id, i) => `${id}: ${shares[i]}`).join(', ')} }`;
  const rateCard = `kind: RateCard\nschemaVersion: 1\nid: r\nframework: f.framework.yaml\ncurrency: GBP\n${caps}prices:\n${prices}projection:\n  - cohort: a\n    participants: ${participants}\n    achievement: ${achievement}\n  - cohort: b\n    achievement: ${achievement}\n`;
  return { 'f.framework.yaml': framework, 'r.ratecard.yaml': rateCard };
}

function models(f: Record<string, string>): { rateCard: RateCardModel; framework: FrameworkModel } {
  const workspace = memoryWorkspace(f);
  const rateCard = workspace.analyze(path.join(memoryRoot, 'r.ratecard.yaml'))!.model as RateCardModel;
  const link = workspace.frameworkOf(rateCard);
  assert.ok(link.ok);
  return { rateCard, framework: link.framework };
}

/** The figures a person compares, without the file-specific parts. */
const figures = (t: ReturnType<typeof computeTotals>) => ({ ...t, blockedBy: [] });

describe('what-if totals', () => {
  it('× an achievement scale equals the card written with each share × scale (at most 1)', () => {
    fc.assert(
      fc.property(card, fc.integer({ min: 0, max: 300 }), (c, percent) => {
        const { rateCard, framework } = models(files(c));
        const scaled = c.shares.map((s) => {
          const hundredths = s * percent; // share (÷100) × scale (÷100), in ten-thousandths
          return hundredths >= 10000 ? '1' : String(hundredths / 10000);
        });
        const expected = models(files(c, scaled));
        assert.deepEqual(figures(whatIfTotals(rateCard, framework, { achievement: String(percent / 100) })), figures(computeTotals(expected.rateCard, expected.framework)));
      }),
      { numRuns: 60 },
    );
  });

  it('× a participants scale scales projected participants and cohort sizes, to whole people (halves up)', () => {
    fc.assert(
      fc.property(card, fc.integer({ min: 0, max: 300 }), (c, percent) => {
        const { rateCard, framework } = models(files(c));
        const round = (n: number) => Math.floor((n * percent * 2 + 100) / 200);
        const expected = models(files(c, undefined, round(c.participants), round(c.size)));
        assert.deepEqual(figures(whatIfTotals(rateCard, framework, { participants: String(percent / 100) })), figures(computeTotals(expected.rateCard, expected.framework)));
      }),
      { numRuns: 60 },
    );
  });

  it('finds where caps.total starts to bind by bisection, as trying every step does', () => {
    fc.assert(
      fc.property(card, (c) => {
        const { rateCard, framework } = models(files(c));
        assert.equal(capBindsAt(rateCard, framework).scale, capBindsAtByScan(rateCard, framework));
      }),
      { numRuns: 15 },
    );
  });

  it('ranks outcomes by how much a tenth more achievement moves the expected payments', () => {
    const c: Card = { prices: [1000, 3000, 200], shares: [50, 40, 90], participants: 100, size: 10, capTotal: 10_000_000, capPerParticipant: undefined };
    const { rateCard, framework } = models(files(c));
    const ranked = achievementSensitivity(rateCard, framework);
    assert.deepEqual(ranked.map((s) => s.outcome), ['o2', 'o1', 'o3']);
    // o2: 110 people × 0.04 more × £3,000 = £13,200. o3: 0.9 × 1.1 = 0.99 → 0.09 more × £200 × 110 = £1,980.
    assert.deepEqual(ranked.map((s) => s.moves), [1_320_000, 550_000, 198_000]);
    // The editor's limit keeps to the outcomes with the largest expected payments: here o2 and o1.
    assert.deepEqual(achievementSensitivity(rateCard, framework, {}, 2).map((s) => [s.outcome, s.moves]), [['o2', 1_320_000], ['o1', 550_000]]);
  });
});
