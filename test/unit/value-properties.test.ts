/**
 * Every value figure against a plain re-implementation of docs/value.md, over random frameworks
 * and rate cards written as YAML and read by the real parser. The reference works in BigInt
 * fractions of its own (not the totals' rational module), sums the definitions as the page
 * writes them, rounds once and shares out parts by a simple largest remainder.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import fc from 'fast-check';
import { computeTotals } from '../../server/src/core/totals';
import { computeValue } from '../../server/src/core/value';
import type { FrameworkModel, RateCardModel } from '../../server/src/core/model';
import { memoryRoot, memoryWorkspace } from '../support/workspace';

// ---- a plain fraction ----
type F = { n: bigint; d: bigint };
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
const f = (n: bigint, d = 1n): F => { const g = gcd(n, d) || 1n; return d < 0n ? { n: -n / g, d: -d / g } : { n: n / g, d: d / g }; };
const add = (a: F, b: F) => f(a.n * b.d + b.n * a.d, a.d * b.d);
const sub = (a: F, b: F) => f(a.n * b.d - b.n * a.d, a.d * b.d);
const mul = (a: F, b: F) => f(a.n * b.n, a.d * b.d);
const div = (a: F, b: F) => f(a.n * b.d, a.d * b.n);
const dec = (text: string): F => { const [w, fr = ''] = text.split('.'); return f(BigInt(w + fr), 10n ** BigInt(fr.length)); };
const ZERO = f(0n);
/** Halves away from zero. */
const round = (a: F): number => { const neg = a.n < 0n; const n = neg ? -a.n : a.n; const r = (2n * n + a.d) / (2n * a.d); return Number(neg ? -r : r); };
const cmp = (a: F, b: F) => { const x = a.n * b.d - b.n * a.d; return x > 0n ? 1 : x < 0n ? -1 : 0; };
/** Largest remainder: floors, then the leftover units one each to the largest remainders, ties to the first. */
function shareOut(whole: number, weights: F[]): number[] {
  const total = weights.reduce(add, ZERO);
  if (total.n === 0n) return weights.map(() => 0);
  const exact = weights.map((w) => div(mul(w, f(BigInt(whole))), total));
  const floors = exact.map((e) => e.n / e.d - (e.n % e.d !== 0n && e.n < 0n ? 1n : 0n));
  let left = BigInt(whole) - floors.reduce((a, b) => a + b, 0n);
  const order = exact.map((e, i) => ({ i, rest: sub(e, f(floors[i])) })).sort((a, b) => cmp(b.rest, a.rest) || a.i - b.i);
  const out = floors.map(Number);
  for (const { i } of order) { if (left <= 0n) break; out[i]++; left--; }
  return out;
}

// ---- random contracts ----
const OUTCOMES = ['o1', 'o2', 'o3'];
const COHORTS = ['c1', 'c2'];
// x1 is declared nowhere (an error the checks report): the figures still count its savings, last.
const BODIES = ['p1', 'p2', 'b1', 'b2', 'cohort', 'x1'];
const pounds = fc.integer({ min: 0, max: 300000 }).map((p) => (p / 100).toFixed(2));
const share = fc.integer({ min: 0, max: 100 }).map((s) => (s / 100).toString());
const profile = fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })).map(([a, b]) => {
  const [low, high] = a <= b ? [a, b] : [b, a];
  return { 2024: (low / 100).toString(), 2025: ((high - low) / 100).toString(), 2026: ((100 - high) / 100).toString() };
});
const outcomeSpec = fc.record({
  price: pounds,
  perWeek: fc.boolean(),
  maxClaims: fc.integer({ min: 1, max: 3 }),
  maxPeriods: fc.integer({ min: 1, max: 60 }),
  fiscal: fc.dictionary(fc.constantFrom(...BODIES), pounds, { maxKeys: 3 }),
  economic: fc.option(pounds, { nil: undefined }),
  social: fc.option(pounds, { nil: undefined }),
  years: fc.integer({ min: 1, max: 3 }),
  valued: fc.boolean(),
  baseline: fc.option(share, { nil: undefined }),
  // How the rate card prices the outcome: one line for every cohort; a line for c1 and one for
  // the rest; two lines for every cohort (the first counts); a line for c1 only; no line.
  lines: fc.constantFrom('one', 'split', 'duplicate', 'c1only', 'none'),
  maxClaims2: fc.integer({ min: 1, max: 3 }),
  maxPeriods2: fc.integer({ min: 1, max: 60 }),
  aboveBaseline: fc.boolean(),
}).map((o) => (o.perWeek && (o.lines === 'none' || o.lines === 'c1only') ? { ...o, lines: 'one' as const } : o));
const contract = fc.record({
  outcomes: fc.tuple(outcomeSpec, outcomeSpec, outcomeSpec),
  participants: fc.tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 500 })),
  achievement: fc.tuple(fc.tuple(share, share, share), fc.tuple(share, share, share)),
  claims: fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })),
  periods: fc.tuple(fc.integer({ min: 1, max: 80 }), fc.integer({ min: 1, max: 80 }), fc.integer({ min: 1, max: 80 })),
  profiles: fc.tuple(profile, profile),
  rate: fc.constantFrom(3.5, 0, 7, 1.25),
});
type Contract = typeof contract extends fc.Arbitrary<infer T> ? T : never;
const inline = (r: Record<string, unknown>) => `{ ${Object.entries(r).map(([k, v]) => `${k}: ${v}`).join(', ')} }`;

function yamlOf(c: Contract): Record<string, string> {
  const outcomes = OUTCOMES.map((id, i) => {
    const o = c.outcomes[i];
    let text = `  - id: ${id}\n    title: ${id}\n    domain: employment\n    stage: entry\n    role: payment\n    evidence: { kind: administrative, source: Records }\n`;
    if (o.baseline !== undefined) text += `    baseline: { c1: ${o.baseline}, c2: ${o.baseline} }\n`;
    if (o.valued) {
      text += `    value:\n      fiscal: ${inline(o.fiscal)}\n      source: Test\n`;
      if (o.perWeek) text += `      per: week\n`;
      else text += `      years: ${o.years}\n`;
      if (o.economic !== undefined) text += `      economic: ${o.economic}\n`;
      if (o.social !== undefined) text += `      social: ${o.social}\n`;
    }
    return text;
  }).join('');
  const framework = `kind: OutcomeFramework\nschemaVersion: 1\nid: f\ntitle: F\ncurrency: GBP\npayers:\n  - id: p1\n    name: P1\n  - id: p2\n    name: P2\nbodies:\n  - id: b1\n    name: B1\n  - id: b2\n    name: B2\ncohorts:\n  - id: c1\n    title: C1\n    payer: p1\n  - id: c2\n    title: C2\n    payer: p2\noutcomes:\n${outcomes}`;
  const lines = OUTCOMES.map((id, i) => {
    const o = c.outcomes[i];
    const line = (most: number, mostPeriods: number, cohorts?: string) =>
      `  - outcome: ${id}\n    price: ${o.price}\n` + (o.perWeek ? `    per: week\n    maxPeriods: ${mostPeriods}\n` : `    maxClaims: ${most}\n`) +
      (o.aboveBaseline ? '    aboveBaseline: true\n' : '') + (cohorts ? `    cohorts: [${cohorts}]\n` : '');
    const general = line(o.maxClaims, o.maxPeriods);
    const specific = line(o.maxClaims2, o.maxPeriods2, 'c1');
    return { one: general, split: specific + general, duplicate: general + line(o.maxClaims2, o.maxPeriods2), c1only: specific, none: '' }[o.lines];
  }).join('');
  const projection = COHORTS.map((id, k) =>
    `  - cohort: ${id}\n    participants: ${c.participants[k]}\n    achievement: ${inline(Object.fromEntries(OUTCOMES.map((o, i) => [o, c.achievement[k][i]])))}\n` +
    `    claimsPerAchiever: ${inline(Object.fromEntries(OUTCOMES.map((o, i) => [o, c.claims[i]])))}\n` +
    `    periodsPerAchiever: ${inline(Object.fromEntries(OUTCOMES.map((o, i) => [o, c.periods[i]])))}\n` +
    `    profile: ${inline(c.profiles[k])}\n`).join('');
  const rateCard = `kind: RateCard\nschemaVersion: 1\nid: r\nframework: f.framework.yaml\ncurrency: GBP\npayers: { cohort: 100 }\nprices:\n${lines}projection:\n${projection}`;
  return { 'f.framework.yaml': framework, 'r.ratecard.yaml': rateCard };
}

function modelsOf(files: Record<string, string>): { card: RateCardModel; framework: FrameworkModel } {
  const workspace = memoryWorkspace(files);
  const card = workspace.analyze(path.join(memoryRoot, 'r.ratecard.yaml'))!.model as RateCardModel;
  const link = workspace.frameworkOf(card);
  assert.ok(link.ok);
  return { card, framework: link.framework };
}

/** docs/value.md, as written. */
function reference(c: Contract, payments: { expected: number; byYear: Record<string, number> }) {
  const parts: { cohort: string; outcome: string; body: string; amount: F; years: Map<string, F> }[] = [];
  let economic = ZERO;
  let social = ZERO;
  let anyEconomic = false;
  let anySocial = false;
  let noBaseline = false;
  let outcomesPaid = ZERO;
  COHORTS.forEach((cohort, k) => {
    const N = f(BigInt(c.participants[k]));
    OUTCOMES.forEach((outcome, i) => {
      const o = c.outcomes[i];
      const a = dec(c.achievement[k][i]);
      // The line that prices this outcome for this cohort: a line naming the cohort, else the first for every cohort.
      const specific = { maxClaims: o.maxClaims2, maxPeriods: o.maxPeriods2 };
      const general = { maxClaims: o.maxClaims, maxPeriods: o.maxPeriods };
      const line = { one: general, split: k === 0 ? specific : general, duplicate: general, c1only: k === 0 ? specific : undefined, none: undefined }[o.lines];
      if (line) {
        const paidShare = o.aboveBaseline ? (o.baseline !== undefined && cmp(a, dec(o.baseline)) > 0 ? sub(a, dec(o.baseline)) : o.baseline === undefined ? a : ZERO) : a;
        const claimsPaid = o.perWeek ? f(1n) : f(BigInt(Math.min(c.claims[i], line.maxClaims)));
        outcomesPaid = add(outcomesPaid, mul(mul(N, paidShare), claimsPaid));
      }
      if (!o.valued) return;
      if (o.economic !== undefined) anyEconomic = true;
      if (o.social !== undefined) anySocial = true;
      if (a.n === 0n) return;
      if (o.baseline === undefined) noBaseline = true;
      const b = o.baseline === undefined ? ZERO : dec(o.baseline);
      const added = cmp(a, b) > 0 ? sub(a, b) : ZERO;
      // An outcome no line prices for the cohort is still valued: its claims as projected.
      const claims = o.perWeek ? f(BigInt(Math.min(c.periods[i], line!.maxPeriods))) : f(BigInt(line ? Math.min(c.claims[i], line.maxClaims) : c.claims[i]));
      const years = o.perWeek ? 1 : o.years;
      const per = (pounds: string) => mul(mul(mul(N, added), claims), mul(mul(dec(pounds), f(100n)), f(BigInt(years))));
      for (const [key, amount] of Object.entries(o.fiscal)) {
        const body = key === 'cohort' ? (cohort === 'c1' ? 'p1' : 'p2') : key;
        const total = per(amount);
        if (total.n === 0n) continue;
        const byYear = new Map<string, F>();
        for (const [year, s] of Object.entries(c.profiles[k])) for (let y = 0; y < years; y++) {
          const key2 = String(Number(year) + y);
          byYear.set(key2, add(byYear.get(key2) ?? ZERO, div(mul(total, dec(s)), f(BigInt(years)))));
        }
        parts.push({ cohort, outcome, body, amount: total, years: byYear });
      }
      if (o.economic !== undefined) economic = add(economic, per(o.economic));
      if (o.social !== undefined) social = add(social, per(o.social));
    });
  });
  const savings = round(parts.reduce((s, p) => add(s, p.amount), ZERO));
  const by = (keys: string[], keyOf: (p: (typeof parts)[number]) => string) => {
    const split = shareOut(savings, keys.map((k) => parts.filter((p) => keyOf(p) === k).reduce((s, p) => add(s, p.amount), ZERO)));
    return Object.fromEntries(keys.map((k, i) => [k, split[i]]));
  };
  const years = [...new Set([...parts.flatMap((p) => [...p.years.keys()]), ...Object.keys(payments.byYear)])].sort();
  const yearSavings = shareOut(savings, years.map((y) => parts.reduce((s, p) => add(s, p.years.get(y) ?? ZERO), ZERO)));
  let npv = ZERO;
  years.forEach((y, i) => {
    let factor = f(1n);
    for (let t = 0; t < Number(y) - Number(years[0]); t++) factor = mul(factor, add(f(1n), div(dec(String(c.rate)), f(100n))));
    npv = add(npv, div(f(BigInt(yearSavings[i] - (payments.byYear[y] ?? 0))), factor));
  });
  const people = c.participants[0] + c.participants[1];
  return {
    savings,
    byBody: by(['b1', 'b2', 'p1', 'p2', ...(parts.some((p) => p.body === 'x1') ? ['x1'] : [])], (p) => p.body),
    byOutcome: by(OUTCOMES.filter((_, i) => c.outcomes[i].valued), (p) => p.outcome),
    byCohort: by(COHORTS, (p) => p.cohort),
    byYear: Object.fromEntries(years.map((y, i) => [y, yearSavings[i]])),
    npv: round(npv),
    economic: anyEconomic ? round(economic) : null,
    social: anySocial ? round(social) : null,
    paymentToSavings: savings === 0 ? null : round(f(BigInt(payments.expected) * 10000n, BigInt(savings))) / 10000,
    costPerParticipant: people === 0 ? null : round(f(BigInt(payments.expected), BigInt(people))),
    costPerOutcome: outcomesPaid.n === 0n ? null : round(div(f(BigInt(payments.expected)), outcomesPaid)),
    noBaseline,
  };
}

describe('value figures: every figure against a plain re-implementation of docs/value.md', () => {
  it('savings by body, outcome, cohort and year, ratios, costs, NPV, economic and social value', () => {
    fc.assert(
      fc.property(contract.filter((c) => c.outcomes.some((o) => o.valued)), (c) => {
        const { card, framework } = modelsOf(yamlOf(c));
        const totals = computeTotals(card, framework);
        assert.ok(totals.expected !== null);
        const v = computeValue(card, framework, { discountRate: c.rate });
        const r = reference(c, { expected: totals.expected, byYear: totals.byYear });
        assert.deepEqual(v.notEstimated.savings, undefined, JSON.stringify(v.notEstimated));
        assert.equal(v.savings, r.savings);
        for (const body of Object.keys(r.byBody)) assert.equal(v.byBody[body]?.savings, r.byBody[body], `body ${body}`);
        assert.deepEqual(Object.keys(v.byBody), Object.keys(r.byBody), 'the bodies in order');
        assert.equal(v.byBody.p1.pays, totals.byPayer.p1?.expected ?? 0);
        assert.equal(v.byBody.b1.pays, 0);
        assert.equal(v.byBody.p2.net, v.byBody.p2.savings! - v.byBody.p2.pays!);
        for (const [outcome, amount] of Object.entries(r.byOutcome)) assert.equal(v.byOutcome[outcome].savings, amount, `outcome ${outcome}`);
        for (const cohort of COHORTS) assert.equal(v.byCohort[cohort].savings, r.byCohort[cohort], `cohort ${cohort}`);
        assert.deepEqual(Object.fromEntries(Object.entries(v.byYear).map(([y, x]) => [y, x.savings])), r.byYear);
        assert.equal(v.npv, r.npv);
        assert.equal(v.economic, r.economic);
        assert.equal(v.social, r.social);
        assert.equal(v.paymentToSavings, r.paymentToSavings);
        assert.equal(v.costPerParticipant, r.costPerParticipant);
        assert.equal(v.costPerOutcome, r.costPerOutcome);
        // A cohort counted without a baseline makes the savings a bound, said so; never silently.
        const unvalued = OUTCOMES.some((o, i) => !c.outcomes[i].valued && (totals.byOutcome[o]?.expected ?? 0) > 0);
        assert.equal(v.atMost.savings !== undefined, r.noBaseline && !unvalued, 'at most: counted without a baseline');
        assert.equal(v.atLeast.savings !== undefined, unvalued && !r.noBaseline, 'at least: paid outcomes without a value');
        assert.equal(v.about.savings !== undefined, unvalued && r.noBaseline, 'about: both');
      }),
      { numRuns: 200 },
    );
  });

  it('without values, every savings figure is not estimated (with why), never 0', () => {
    fc.assert(
      fc.property(contract.map((c) => ({ ...c, outcomes: c.outcomes.map((o) => ({ ...o, valued: false })) as Contract['outcomes'] })), (c) => {
        const { card, framework } = modelsOf(yamlOf(c));
        const v = computeValue(card, framework);
        for (const key of ['savings', 'npv', 'paymentToSavings', 'economic', 'social', 'benefitCostRatio'] as const) {
          assert.equal(v[key], null);
          assert.equal(v.notEstimated[key], 'no outcome has a value');
        }
        assert.ok(Object.values(v.byBody).every((b) => b.savings === null && b.net === null));
      }),
      { numRuns: 30 },
    );
  });
});
