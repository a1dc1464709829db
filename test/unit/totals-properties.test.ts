/**
 * Properties of the totals over random rate cards, written as YAML and read by the real parser:
 * the parts always add up to the whole to the penny, expected ≤ maximum liability, deadweight ≤
 * expected, and more participants scale the uncapped totals.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import fc from 'fast-check';
import { computeTotals, type Totals } from '../../server/src/core/totals';
import type { RateCardModel } from '../../server/src/core/model';
import { largestRemainder } from '../../server/src/core/totals/rational';
import { memoryRoot, memoryWorkspace } from '../support/workspace';

const OUTCOMES = ['o1', 'o2', 'o3', 'o4', 'o5'];
const COHORTS = ['c1', 'c2'];
const PAYERS = ['p1', 'p2', 'p3'];

const pence = fc.integer({ min: 0, max: 500000 }).map((p) => (p / 100).toFixed(2));
const share = fc.integer({ min: 0, max: 100 }).map((s) => (s / 100).toString());
/** Whole percentages adding up to 100 over the payers. */
const split = fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })).map(([a, b]) => {
  const [low, high] = a <= b ? [a, b] : [b, a];
  return { p1: low, p2: high - low, p3: 100 - high };
});
/** Year shares in hundredths adding up to 1. */
const profile = fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })).map(([a, b]) => {
  const [low, high] = a <= b ? [a, b] : [b, a];
  return { 2024: low / 100, 2025: (high - low) / 100, 2026: (100 - high) / 100 };
});

const line = fc.record({
  outcome: fc.constantFrom(...OUTCOMES),
  price: pence,
  maxClaims: fc.oneof(fc.constant(undefined), fc.integer({ min: 1, max: 4 }), fc.constant('unlimited' as const)),
  cohorts: fc.oneof(fc.constant(undefined), fc.subarray(COHORTS, { minLength: 1 })),
  payers: fc.oneof(fc.constant(undefined), split),
});

const card = fc.record({
  lines: fc.array(line, { minLength: 1, maxLength: 8 }),
  split,
  excludes: fc.array(fc.tuple(fc.constantFrom(...OUTCOMES), fc.constantFrom(...OUTCOMES)), { maxLength: 3 }),
  baseline: fc.dictionary(fc.constantFrom(...OUTCOMES), share),
  participants: fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 })),
  achievement: fc.tuple(fc.dictionary(fc.constantFrom(...OUTCOMES), share), fc.dictionary(fc.constantFrom(...OUTCOMES), share)),
  claims: fc.dictionary(fc.constantFrom(...OUTCOMES), fc.integer({ min: 1, max: 3 })),
  profiles: fc.tuple(profile, profile),
  capPerParticipant: fc.oneof(fc.constant(undefined), pence),
  capTotal: fc.oneof(fc.constant(undefined), fc.integer({ min: 0, max: 5000000 }).map(String)),
});

type Card = typeof card extends fc.Arbitrary<infer T> ? T : never;

const inline = (record: Record<string, unknown>) => `{ ${Object.entries(record).map(([k, v]) => `${k}: ${v}`).join(', ')} }`;

function yamlOf(c: Card, scale = 1, withCaps = true): Record<string, string> {
  const excludes = new Map<string, string[]>();
  for (const [a, b] of c.excludes) if (a !== b) excludes.set(a, [...(excludes.get(a) ?? []), b]);
  const outcomes = OUTCOMES.map(
    (id) =>
      `  - id: ${id}\n    title: ${id}\n    domain: employment\n    stage: entry\n    role: payment\n    evidence: { kind: administrative, source: Records }\n` +
      (excludes.has(id) ? `    excludes: [${excludes.get(id)!.join(', ')}]\n` : '') +
      (c.baseline[id] !== undefined ? `    baseline: { c1: ${c.baseline[id]}, c2: ${c.baseline[id]} }\n` : ''),
  ).join('');
  const framework = `kind: OutcomeFramework\nschemaVersion: 1\nid: f\ntitle: F\ncurrency: GBP\npayers:\n${PAYERS.map((p) => `  - id: ${p}\n    name: ${p}\n`).join('')}cohorts:\n${COHORTS.map((id) => `  - id: ${id}\n    title: ${id}\n`).join('')}outcomes:\n${outcomes}`;
  const caps = withCaps && (c.capPerParticipant !== undefined || c.capTotal !== undefined) ? `caps:\n${c.capPerParticipant !== undefined ? `  perParticipant: ${c.capPerParticipant}\n` : ''}${c.capTotal !== undefined ? `  total: ${c.capTotal}\n` : ''}` : '';
  const lines = c.lines
    .map((l) => `  - outcome: ${l.outcome}\n    price: ${l.price}\n` + (l.maxClaims !== undefined ? `    maxClaims: ${l.maxClaims}\n` : '') + (l.cohorts ? `    cohorts: [${l.cohorts.join(', ')}]\n` : '') + (l.payers ? `    payers: ${inline(l.payers)}\n` : ''))
    .join('');
  const projection = COHORTS.map(
    (id, i) =>
      `  - cohort: ${id}\n    participants: ${c.participants[i] * scale}\n` +
      (Object.keys(c.achievement[i]).length ? `    achievement: ${inline(c.achievement[i])}\n` : '    achievement: {}\n') +
      (Object.keys(c.claims).length ? `    claimsPerAchiever: ${inline(c.claims)}\n` : '') +
      `    profile: ${inline(c.profiles[i])}\n`,
  ).join('');
  const rateCard = `kind: RateCard\nschemaVersion: 1\nid: r\nframework: f.framework.yaml\ncurrency: GBP\npayers: ${inline(c.split)}\n${caps}prices:\n${lines}projection:\n${projection}`;
  return { 'f.framework.yaml': framework, 'r.ratecard.yaml': rateCard };
}

function totalsOf(files: Record<string, string>): Totals {
  const workspace = memoryWorkspace(files);
  const model = workspace.analyze(path.join(memoryRoot, 'r.ratecard.yaml'))!.model as RateCardModel;
  const link = workspace.frameworkOf(model);
  assert.ok(link.ok);
  return computeTotals(model, link.framework);
}

const sum = (values: (number | null)[]) => values.reduce<number>((a, b) => a + (b ?? NaN), 0);
const runs = { numRuns: 150 };

describe('totals: properties over random rate cards', () => {
  it('payer and year parts add up to the whole to the penny', () => {
    fc.assert(
      fc.property(card, (c) => {
        const t = totalsOf(yamlOf(c));
        assert.deepEqual(t.blockedBy, []);
        const payers = Object.values(t.byPayer);
        assert.equal(sum(payers.map((p) => p.expected)), t.expected);
        // Deadweight is not estimated (null, with why) when a projected cohort has no baselines; never £0.00 for it.
        if (t.deadweight === null) assert.equal(t.notEstimated.deadweight, 'no baselines');
        else assert.equal(sum(payers.map((p) => p.deadweight)), t.deadweight);
        if (t.maximumLiability !== null && payers.every((p) => p.maximumLiability !== null)) {
          // Shared out of the whole when every part is bounded.
          if (!Object.values(t.maxPerParticipant).includes(null)) assert.equal(sum(payers.map((p) => p.maximumLiability)), t.maximumLiability);
        }
        assert.equal(sum(Object.values(t.byYear)), t.expected);
        assert.equal(sum(Object.values(t.byCohort).map((x) => x.expected)), t.expected);
        assert.equal(sum(t.byLine.map((l) => l.expected ?? 0)), t.expected);
      }),
      runs,
    );
  });

  it('expected ≤ maximum liability and deadweight ≤ expected, never negative, never NaN', () => {
    fc.assert(
      fc.property(card, (c) => {
        const t = totalsOf(yamlOf(c));
        for (const value of [t.maximumLiability, t.expected, t.deadweight, ...Object.values(t.maxPerParticipant)]) {
          assert.ok(value === null || (Number.isSafeInteger(value) && value >= 0), `not a whole, non-negative amount: ${value}`);
        }
        assert.ok(t.expected !== null);
        // A cohort's deadweight is estimated exactly when some outcome priced for it has a baseline; the whole, when every cohort's is.
        const estimated = COHORTS.map((cohort) => t.byLine.some((l) => l.cohorts.includes(cohort) && c.baseline[l.outcome] !== undefined));
        COHORTS.forEach((cohort, i) => assert.equal(t.byCohort[cohort].deadweight === null, !estimated[i], `deadweight of ${cohort}`));
        assert.equal(t.deadweight === null, estimated.includes(false));
        if (t.maximumLiability !== null) assert.ok(t.expected <= t.maximumLiability, `expected ${t.expected} > maximum ${t.maximumLiability}`);
        if (t.deadweight !== null) assert.ok(t.deadweight <= t.expected, `deadweight ${t.deadweight} > expected ${t.expected}`);
        for (const cohort of Object.values(t.byCohort)) {
          if (cohort.maximumLiability !== null && cohort.expected !== null && !t.capsApplied.includes('total.maximumLiability')) assert.ok(cohort.expected <= cohort.maximumLiability);
        }
      }),
      runs,
    );
  });

  it('scaling the participants by k scales the uncapped totals by k', () => {
    fc.assert(
      fc.property(card, fc.integer({ min: 2, max: 7 }), (c, k) => {
        const one = totalsOf(yamlOf(c, 1, false));
        const many = totalsOf(yamlOf(c, k, false));
        assert.equal(many.maximumLiability, one.maximumLiability === null ? null : one.maximumLiability * k);
        // Expected payments are rounded once, so k × the rounded figure may be off by up to k/2 pence.
        assert.ok(Math.abs(many.expected! - one.expected! * k) <= (k + 1) / 2, `${many.expected} vs ${k} × ${one.expected}`);
        assert.ok(Math.abs(many.deadweight! - one.deadweight! * k) <= (k + 1) / 2);
      }),
      runs,
    );
  });
});

describe('totals: caps per payer over random rate cards', () => {
  const payerCaps = fc.dictionary(fc.constantFrom(...PAYERS), fc.integer({ min: 0, max: 300000 }), { minKeys: 1 });

  it('keeps a capped payer within its cap when sharing out the rounded whole would give it a penny more (found by the property below)', () => {
    const c: Card = { lines: [{ outcome: 'o1', price: '1150.28', maxClaims: 1, cohorts: undefined, payers: undefined }], split: { p1: 91, p2: 1, p3: 8 }, excludes: [], baseline: {}, participants: [0, 476], achievement: [{}, {}], claims: {}, profiles: [{ 2024: 0, 2025: 0, 2026: 1 }, { 2024: 0, 2025: 0, 2026: 1 }], capPerParticipant: '1150.28', capTotal: undefined };
    const files = yamlOf(c);
    const t = totalsOf({ ...files, 'r.ratecard.yaml': files['r.ratecard.yaml'].replace('caps:\n', 'caps:\n  perPayer: { p1: 136884 }\n') });
    // 476 × 1,150.28 = 547,533.28: p1's 91% stops at 136,884; p2 1% = 5,475.3328, p3 8% = 43,802.6624;
    // the whole rounds up to 186,162.00 and its extra penny goes to p2, not to the capped p1.
    assert.deepEqual([t.maximumLiability, t.byPayer.p1.maximumLiability, t.byPayer.p2.maximumLiability, t.byPayer.p3.maximumLiability], [18616200, 13688400, 547534, 4380266]);
  });

  it('no payer pays more than its cap, the payers add up to the whole, and the whole is what the payers pay', () => {
    fc.assert(
      fc.property(card, payerCaps, (c, caps) => {
        const files = yamlOf(c);
        const capText = `  perPayer: { ${Object.entries(caps).map(([p, v]) => `${p}: ${v}`).join(', ')} }\n`;
        const rateCard = files['r.ratecard.yaml'].includes('caps:\n') ? files['r.ratecard.yaml'].replace('caps:\n', `caps:\n${capText}`) : files['r.ratecard.yaml'].replace('prices:\n', `caps:\n${capText}prices:\n`);
        const capped = totalsOf({ ...files, 'r.ratecard.yaml': rateCard });
        const free = totalsOf(files);
        for (const figure of ['maximumLiability', 'expected'] as const) {
          for (const [payer, cap] of Object.entries(caps)) {
            const paid = capped.byPayer[payer][figure];
            if (paid !== null) assert.ok(paid <= cap * 100, `${payer} pays ${paid} > its cap ${cap * 100} (${figure})`);
          }
          const whole = capped[figure];
          const parts = Object.values(capped.byPayer).map((p) => p[figure]);
          // Shared out of the whole when every part is bounded (as without payer caps, docs/totals.md).
          const bounded = figure === 'expected' || !Object.values(capped.maxPerParticipant).includes(null);
          if (whole !== null && bounded && !parts.includes(null)) assert.equal(sum(parts), whole, `${figure}: the payers add up to the whole`);
          // A cap per payer never raises a figure.
          if (whole !== null && free[figure] !== null) assert.ok(whole <= free[figure]!, `${figure} ${whole} > ${free[figure]} without payer caps`);
        }
      }),
      runs,
    );
  });
});

describe('totals: never crash on bad input', () => {
  const junk = fc.oneof(fc.constant(undefined), fc.anything({ maxDepth: 2 }), fc.integer(), fc.double(), fc.string());
  const anyLine = fc.record({ outcome: fc.oneof(fc.constantFrom(...OUTCOMES), junk), price: fc.oneof(fc.integer({ min: -5, max: 5000 }), junk), maxClaims: junk, cohorts: fc.oneof(fc.subarray(COHORTS), junk), payers: junk }, { requiredKeys: [] });
  const anyCard = fc.record({
    payers: fc.oneof(junk, fc.dictionary(fc.constantFrom(...PAYERS), fc.oneof(fc.integer({ min: -10, max: 200 }), junk))),
    caps: fc.oneof(junk, fc.record({ perParticipant: junk, total: junk }, { requiredKeys: [] })),
    prices: fc.oneof(junk, fc.array(fc.oneof(anyLine, junk), { maxLength: 6 })),
    projection: fc.oneof(junk, fc.array(fc.record({ cohort: fc.oneof(fc.constantFrom(...COHORTS), junk), participants: junk, achievement: fc.oneof(junk, fc.dictionary(fc.constantFrom(...OUTCOMES), fc.oneof(fc.double(), junk))), claimsPerAchiever: junk, profile: junk }, { requiredKeys: [] }), { maxLength: 3 })),
  }, { requiredKeys: [] });

  it('computes something, with whole amounts or null, for any rate card the parser accepts', () => {
    fc.assert(
      fc.property(anyCard, (c) => {
        const base = yamlOf({ lines: [{ outcome: 'o1', price: '1', maxClaims: undefined, cohorts: undefined, payers: undefined }], split: { p1: 100, p2: 0, p3: 0 }, excludes: [['o1', 'o2']], baseline: {}, participants: [1, 1], achievement: [{}, {}], claims: {}, profiles: [{ 2024: 1, 2025: 0, 2026: 0 }, { 2024: 1, 2025: 0, 2026: 0 }], capPerParticipant: undefined, capTotal: undefined });
        // JSON is YAML: the rate card's fields as random JSON values.
        const card = { kind: 'RateCard', schemaVersion: 1, id: 'r', framework: 'f.framework.yaml', currency: 'GBP', ...JSON.parse(JSON.stringify(c, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? 0 : v)) ?? '{}') };
        const t = totalsOf({ 'f.framework.yaml': base['f.framework.yaml'], 'r.ratecard.yaml': JSON.stringify(card) });
        const amounts = [t.maximumLiability, t.expected, t.deadweight, ...Object.values(t.maxPerParticipant), ...Object.values(t.byYear), ...t.byLine.flatMap((l) => [l.expected, l.maxPerParticipant])];
        for (const value of amounts) assert.ok(value === null || Number.isInteger(value), `not a whole amount: ${value}`);
      }),
      { numRuns: 300 },
    );
  });
});

describe('totals: largest remainder', () => {
  /** The method as written in docs/totals.md, with exact comparisons only. */
  function reference(whole: number, weights: { n: bigint; d: bigint }[]): number[] {
    const total = weights.reduce((acc, w) => ({ n: acc.n * w.d + w.n * acc.d, d: acc.d * w.d }), { n: 0n, d: 1n });
    if (total.n === 0n) return weights.map(() => 0);
    const exact = weights.map((w) => ({ n: w.n * total.d * BigInt(whole), d: w.d * total.n }));
    const floors = exact.map((e) => e.n / e.d);
    let left = BigInt(whole) - floors.reduce((a, b) => a + b, 0n);
    const order = exact.map((e, i) => ({ i, n: e.n - floors[i] * e.d, d: e.d })).sort((a, b) => (a.n * b.d > b.n * a.d ? -1 : a.n * b.d < b.n * a.d ? 1 : a.i - b.i));
    for (let k = 0; left > 0n; k++, left--) floors[order[k].i] += 1n;
    return floors.map(Number);
  }
  const weight = fc.record({ n: fc.bigInt({ min: 0n, max: 10n ** 30n }), d: fc.bigInt({ min: 1n, max: 10n ** 30n }) });

  it('gives the parts of the whole the method defines, adding up to it exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), fc.array(weight, { minLength: 1, maxLength: 12 }), (whole, weights) => {
        const parts = largestRemainder(whole, weights);
        assert.deepEqual(parts, reference(whole, weights));
        if (weights.some((w) => w.n > 0n)) assert.equal(parts.reduce((a, b) => a + b, 0), whole);
      }),
      { numRuns: 300 },
    );
  });
});
