/**
 * The expected payments and deadweight, in all and by cohort, line, outcome and payer, against a
 * plain re-implementation of docs/totals.md over random rate cards read by the real parser. The
 * engine keeps its sums in place and reads each outcome by a small number (slots.ts); the
 * reference sums BigInt fractions of its own, outcome by outcome as the page says. The cards
 * repeat outcomes (the first line for a cohort counts), price some outcomes for one cohort only,
 * name an outcome the framework does not declare, project outcomes no line prices, and are also
 * read without their framework.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import fc from 'fast-check';
import { computeTotals } from '../../server/src/core/totals';
import type { RateCardModel } from '../../server/src/core/model';
import { memoryRoot, memoryWorkspace } from '../support/workspace';

// ---- a plain fraction ----
type F = { n: bigint; d: bigint };
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
const f = (n: bigint, d = 1n): F => { const g = gcd(n, d) || 1n; return d < 0n ? { n: -n / g, d: -d / g } : { n: n / g, d: d / g }; };
const add = (a: F, b: F) => f(a.n * b.d + b.n * a.d, a.d * b.d);
const mul = (a: F, b: F) => f(a.n * b.n, a.d * b.d);
const div = (a: F, b: F) => f(a.n * b.d, a.d * b.n);
const cmp = (a: F, b: F) => { const x = a.n * b.d - b.n * a.d; return x > 0n ? 1 : x < 0n ? -1 : 0; };
const min = (a: F, b: F) => (cmp(a, b) <= 0 ? a : b);
const dec = (text: string): F => { const [w, fr = ''] = text.split('.'); return f(BigInt(w + fr), 10n ** BigInt(fr.length)); };
const ZERO = f(0n);
const ONE = f(1n);
const round = (a: F): number => Number((2n * a.n + a.d) / (2n * a.d));
/** Largest remainder: floors, then the leftover units one each to the largest remainders, ties to the first. */
function shareOut(whole: number, weights: F[]): number[] {
  const total = weights.reduce(add, ZERO);
  if (total.n === 0n) return weights.map(() => 0);
  const exact = weights.map((w) => div(mul(w, f(BigInt(whole))), total));
  const floors = exact.map((e) => e.n / e.d);
  let left = BigInt(whole) - floors.reduce((a, b) => a + b, 0n);
  const order = exact.map((e, i) => ({ i, rest: add(e, f(-floors[i])) })).sort((a, b) => cmp(b.rest, a.rest) || a.i - b.i);
  const out = floors.map(Number);
  for (const { i } of order) { if (left <= 0n) break; out[i]++; left--; }
  return out;
}

// ---- random cards ----
const DECLARED = ['o1', 'o2', 'o3'];
// u1 is priced but declared nowhere (the checks say so; the totals still count it, without a baseline);
// z9 is projected but priced by no line.
const PRICED = [...DECLARED, 'u1'];
const COHORTS = ['c1', 'c2'];
const share = fc.integer({ min: 0, max: 100 }).map((s) => (s / 100).toString());
const pounds = fc.integer({ min: 0, max: 300000 }).map((p) => (p / 100).toFixed(2));
const line = fc.record({
  outcome: fc.constantFrom(...PRICED),
  price: pounds,
  maxClaims: fc.integer({ min: 1, max: 3 }),
  cohorts: fc.constantFrom<string[] | undefined>(undefined, ['c1'], ['c2'], ['c1', 'c2']),
  dfe: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
});
const card = fc.record({
  lines: fc.array(line, { minLength: 1, maxLength: 9 }),
  dfe: fc.integer({ min: 0, max: 100 }),
  baseline: fc.tuple(fc.option(share, { nil: undefined }), fc.option(share, { nil: undefined }), fc.option(share, { nil: undefined })),
  participants: fc.tuple(fc.integer({ min: 0, max: 900 }), fc.integer({ min: 0, max: 900 })),
  achievement: fc.tuple(fc.dictionary(fc.constantFrom(...PRICED, 'z9'), share), fc.dictionary(fc.constantFrom(...PRICED, 'z9'), share)),
  claims: fc.dictionary(fc.constantFrom(...PRICED), fc.integer({ min: 1, max: 4 })),
  capPerParticipant: fc.option(pounds, { nil: undefined }),
  capTotal: fc.option(fc.integer({ min: 0, max: 90000000 }), { nil: undefined }),
  withFramework: fc.boolean(),
});
type Card = typeof card extends fc.Arbitrary<infer T> ? T : never;
const inline = (r: Record<string, unknown>) => `{ ${Object.entries(r).map(([k, v]) => `${k}: ${v}`).join(', ')} }`;

function yamlOf(c: Card): Record<string, string> {
  const outcomes = DECLARED.map((id, i) =>
    `  - id: ${id}\n    title: ${id}\n    domain: employment\n    stage: entry\n    role: payment\n    evidence: { kind: administrative, source: Records }\n` +
    (c.baseline[i] !== undefined ? `    baseline: { c1: ${c.baseline[i]}, c2: ${c.baseline[i]} }\n` : '')).join('');
  const framework = `kind: OutcomeFramework\nschemaVersion: 1\nid: f\ntitle: F\ncurrency: GBP\npayers:\n  - id: dfe\n    name: DfE\n  - id: council\n    name: Council\ncohorts:\n${COHORTS.map((id) => `  - id: ${id}\n    title: ${id}\n`).join('')}outcomes:\n${outcomes}`;
  const caps = c.capPerParticipant !== undefined || c.capTotal !== undefined ? `caps:\n${c.capPerParticipant !== undefined ? `  perParticipant: ${c.capPerParticipant}\n` : ''}${c.capTotal !== undefined ? `  total: ${(c.capTotal / 100).toFixed(2)}\n` : ''}` : '';
  const lines = c.lines.map((l) =>
    `  - outcome: ${l.outcome}\n    price: ${l.price}\n    maxClaims: ${l.maxClaims}\n` + (l.cohorts ? `    cohorts: [${l.cohorts.join(', ')}]\n` : '') +
    (l.dfe !== undefined ? `    payers: { dfe: ${l.dfe}, council: ${100 - l.dfe} }\n` : '')).join('');
  const projection = COHORTS.map((id, k) =>
    `  - cohort: ${id}\n    participants: ${c.participants[k]}\n    achievement: ${inline(c.achievement[k])}\n` +
    (Object.keys(c.claims).length ? `    claimsPerAchiever: ${inline(c.claims)}\n` : '')).join('');
  const rateCard = `kind: RateCard\nschemaVersion: 1\nid: r\nframework: ${c.withFramework ? 'f' : 'missing'}.framework.yaml\ncurrency: GBP\npayers: { dfe: ${c.dfe}, council: ${100 - c.dfe} }\n${caps}prices:\n${lines}projection:\n${projection}`;
  return { 'f.framework.yaml': framework, 'r.ratecard.yaml': rateCard };
}

/** docs/totals.md's expected payments and deadweight, as written. */
function reference(c: Card) {
  const pounds100 = (p: string) => mul(dec(p), f(100n));
  const linePart: F[] = c.lines.map(() => ZERO);
  const counted = c.lines.map(() => false);
  let expected = ZERO;
  let deadweight = ZERO;
  let deadweightKnown = true;
  const byCohort: F[] = [];
  COHORTS.forEach((cohort, k) => {
    // The lines pricing this cohort: a line naming it, or a line naming no cohort where no line for that outcome names it; the first per outcome.
    const named = (o: string) => c.lines.some((l) => l.outcome === o && l.cohorts?.includes(cohort));
    const first = new Map<string, number>();
    c.lines.forEach((l, i) => {
      const prices = l.cohorts ? l.cohorts.includes(cohort) : !named(l.outcome);
      if (prices && !first.has(l.outcome)) first.set(l.outcome, i);
    });
    let pay = ZERO;
    let dead = ZERO;
    let hasBaseline = false;
    const pays = new Map<number, F>();
    for (const [outcome, i] of first) {
      const l = c.lines[i];
      const a = c.achievement[k][outcome] === undefined ? ZERO : dec(c.achievement[k][outcome]);
      const declared = DECLARED.indexOf(outcome);
      const b = c.withFramework && declared >= 0 && c.baseline[declared] !== undefined ? dec(c.baseline[declared]!) : undefined;
      if (b !== undefined) hasBaseline = true;
      const claims = f(BigInt(Math.min(c.claims[outcome] ?? 1, l.maxClaims)));
      const p = mul(mul(a, pounds100(l.price)), claims);
      pays.set(i, p);
      pay = add(pay, p);
      if (b !== undefined) dead = add(dead, mul(mul(min(a, b), pounds100(l.price)), claims));
    }
    const capped = c.capPerParticipant === undefined ? pay : min(pay, pounds100(c.capPerParticipant));
    const cut = pay.n === 0n ? ONE : div(capped, pay);
    const N = f(BigInt(c.participants[k]));
    byCohort.push(mul(capped, N));
    expected = add(expected, mul(capped, N));
    deadweight = add(deadweight, mul(mul(dead, cut), N));
    if (!hasBaseline) deadweightKnown = false;
    for (const [i, p] of pays) {
      counted[i] = true;
      linePart[i] = add(linePart[i], mul(mul(p, cut), N));
    }
  });
  const whole = c.capTotal === undefined ? expected : min(expected, f(BigInt(c.capTotal)));
  const totalCut = expected.n === 0n ? ONE : div(whole, expected);
  const total = round(whole);
  const lineIndexes = c.lines.map((_, i) => i).filter((i) => counted[i]);
  const lineShares = shareOut(total, lineIndexes.map((i) => mul(linePart[i], totalCut)));
  const byLine: (number | null)[] = c.lines.map(() => null);
  lineIndexes.forEach((i, j) => (byLine[i] = lineShares[j]));
  const byOutcome: Record<string, number | null> = {};
  c.lines.forEach((l, i) => {
    byOutcome[l.outcome] ??= null;
    if (byLine[i] !== null) byOutcome[l.outcome] = (byOutcome[l.outcome] ?? 0) + byLine[i]!;
  });
  // Each line's split, else the card's.
  let dfe = ZERO;
  let council = ZERO;
  c.lines.forEach((l, i) => {
    const pct = f(BigInt(l.dfe ?? c.dfe), 100n);
    const part = mul(linePart[i], totalCut);
    dfe = add(dfe, mul(part, pct));
    council = add(council, mul(part, add(ONE, f(-pct.n, pct.d))));
  });
  const [dfeShare, councilShare] = shareOut(total, [dfe, council]);
  return {
    expected: total,
    deadweight: deadweightKnown ? round(mul(deadweight, totalCut)) : null,
    byCohort: shareOut(total, byCohort.map((e) => mul(e, totalCut))),
    byLine,
    byOutcome,
    byPayer: { dfe: dfeShare, council: councilShare },
  };
}

describe('totals: expected payments and deadweight against a plain re-implementation of docs/totals.md', () => {
  it('in all, by cohort, line, outcome and payer, to the penny', () => {
    fc.assert(
      fc.property(card, (c) => {
        const workspace = memoryWorkspace(yamlOf(c));
        const model = workspace.analyze(path.join(memoryRoot, 'r.ratecard.yaml'))!.model as RateCardModel;
        const link = workspace.frameworkOf(model);
        assert.equal(link.ok, c.withFramework);
        const totals = computeTotals(model, link.ok ? link.framework : undefined);
        const r = reference(c);
        assert.equal(totals.expected, r.expected, 'expected');
        assert.equal(totals.deadweight, r.deadweight, 'deadweight');
        assert.deepEqual(COHORTS.map((k) => totals.byCohort[k].expected), r.byCohort, 'by cohort');
        assert.deepEqual(totals.byLine.map((l) => l.expected), r.byLine, 'by line');
        assert.deepEqual(Object.fromEntries(Object.entries(totals.byOutcome).map(([o, e]) => [o, e.expected])), r.byOutcome, 'by outcome');
        assert.deepEqual({ dfe: totals.byPayer.dfe?.expected, council: totals.byPayer.council?.expected }, r.byPayer, 'by payer');
      }),
      { numRuns: 300 },
    );
  });
});
