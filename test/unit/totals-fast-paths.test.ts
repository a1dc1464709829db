/**
 * The totals' fast paths of issue 25 (fifth round) against the plain computations they replace:
 * a sum taking products unreduced, payer splits fed part by part, each outcome's dearest line
 * found by slot, largest remainder choosing its units without a full sort, and the by-outcome
 * breakdown for outcomes named like Object's own members.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import fc from 'fast-check';
import { computeTotals, paymentFigures } from '../../server/src/core/totals';
import { type Amount, addAmount, PayerSplitter, roundAmount, scale } from '../../server/src/core/totals/amounts';
import { linesPricing } from '../../server/src/core/totals/figures';
import { blockedLines, cohortIdsOf } from '../../server/src/core/totals/inputs';
import { maxPerParticipant } from '../../server/src/core/totals/maxima';
import * as Q from '../../server/src/core/totals/rational';
import { outcomeSlots } from '../../server/src/core/totals/slots';
import type { FrameworkModel, RateCardModel } from '../../server/src/core/model';
import { memoryRoot, memoryWorkspace } from '../support/workspace';

/** Fractions small and past 2^51, as the totals meet them. */
const integer = fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 10 ** 9 }), fc.bigInt({ min: 0n, max: 10n ** 20n }));
const positive = fc.oneof(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 10 ** 8 }), fc.bigInt({ min: 1n, max: 10n ** 18n }));
const fraction = fc.tuple(integer, positive).map(([n, d]) => Q.div(Q.int(n), Q.int(d)));
const same = (a: Q.Rational, b: Q.Rational) => Q.compare(a, b) === 0;

describe('totals fast paths: the same figures as the plain computations', () => {
  it('a running sum of products (Sum.addProduct) equals adding each product made with mul', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fraction, fraction), { maxLength: 40 }), (pairs) => {
        const sum = new Q.Sum();
        let plain = Q.ZERO;
        for (const [a, b] of pairs) {
          sum.addProduct(a, b);
          plain = Q.add(plain, Q.mul(a, b));
        }
        assert.ok(same(sum.value(), plain), `${sum.value().n}/${sum.value().d} ≠ ${plain.n}/${plain.d}`);
      }),
      { numRuns: 1500 },
    );
  });

  it('payer splits fed part by part give each payer the sum of its share of every part, after each cohort’s cut', () => {
    const payers = ['p1', 'p2', 'p3'];
    const cohorts = ['c1', 'c2', 'c3'];
    const split = fc.oneof(
      fc.constant(undefined),
      fc.dictionary(fc.constantFrom('p1', 'p2', 'p4', 'cohort'), fraction, { minKeys: 1 }).map((record) => new Map(Object.entries(record))),
    );
    const amount: fc.Arbitrary<Amount> = fc.oneof({ arbitrary: fraction, weight: 8 }, { arbitrary: fc.constantFrom('unbounded' as const, 'blocked' as const), weight: 1 });
    const part = fc.record({ cohort: fc.constantFrom(...cohorts), line: fc.integer({ min: 0, max: 9 }), amount });
    fc.assert(
      fc.property(fc.array(split, { minLength: 10, maxLength: 10 }), fc.array(part, { maxLength: 30 }), fc.array(fc.option(fraction), { minLength: 3, maxLength: 3 }), fc.option(fraction), (splits, parts, cuts, factor) => {
        // A cohort's parts come together, as the figures visit them; each cohort has one cut.
        const ordered = cohorts.flatMap((c) => parts.filter((p) => p.cohort === c));
        const cutOf = (cohort: string) => cuts[cohorts.indexOf(cohort)] ?? undefined;
        const cohortPayer = (cohort: string) => (cohort === 'c3' ? undefined : cohort === 'c1' ? 'p1' : 'p3');
        const splitter = new PayerSplitter(splits);
        for (const p of ordered) splitter.add(p.cohort, cutOf(p.cohort), p.line, p.amount);
        const fast = splitter.byPayer(new Set(payers), factor ?? undefined, cohortPayer);

        const plain = new Map<string, Amount>(payers.map((id) => [id, Q.ZERO]));
        for (const p of ordered) {
          const lineSplit = splits[p.line];
          if (!lineSplit) continue;
          for (const [named, share] of lineSplit) {
            const payer = named === 'cohort' ? cohortPayer(p.cohort) : named;
            if (payer === undefined) continue;
            const cut = cutOf(p.cohort);
            plain.set(payer, addAmount(plain.get(payer) ?? Q.ZERO, cut ? scale(scale(p.amount, share), cut) : scale(p.amount, share)));
          }
        }
        if (factor) for (const [id, value] of plain) plain.set(id, scale(value, factor));
        assert.deepEqual([...fast.keys()].sort(), [...plain.keys()].sort());
        for (const [id, value] of plain) {
          const got = fast.get(id)!;
          if (typeof value === 'object' && typeof got === 'object') assert.ok(same(got, value), `${id}: ${got.n}/${got.d} ≠ ${value.n}/${value.d}`);
          else assert.equal(got, value, id);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('largest remainder gives the parts the method defines when many weights tie or nearly tie', () => {
    /** The method as docs/totals.md writes it, in BigInt, with exact comparisons only. */
    function reference(whole: number, weights: Q.Rational[]): number[] {
      const ws = weights.map((w) => ({ n: BigInt(w.n), d: BigInt(w.d) }));
      const total = ws.reduce((acc, w) => ({ n: acc.n * w.d + w.n * acc.d, d: acc.d * w.d }), { n: 0n, d: 1n });
      if (total.n === 0n) return ws.map(() => 0);
      const exact = ws.map((w) => ({ n: w.n * total.d * BigInt(whole), d: w.d * total.n }));
      const floors = exact.map((e) => e.n / e.d);
      let left = BigInt(whole) - floors.reduce((a, b) => a + b, 0n);
      const order = exact.map((e, i) => ({ i, n: e.n - floors[i] * e.d, d: e.d })).sort((a, b) => (a.n * b.d > b.n * a.d ? -1 : a.n * b.d < b.n * a.d ? 1 : a.i - b.i));
      for (let k = 0; left > 0n; k++, left--) floors[order[k].i] += 1n;
      return floors.map(Number);
    }
    // A few prices and shares, cut by one large factor, make the thousand-line card's weights: many equal, some a hair apart.
    const base = fc.array(fc.tuple(fc.integer({ min: 0, max: 10 ** 7 }), fc.constantFrom(1, 3, 5, 7, 20, 2592567)), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(base, fc.array(fc.nat(), { minLength: 1, maxLength: 120 }), fc.tuple(fc.integer({ min: 1, max: 10 ** 8 }), fc.integer({ min: 1, max: 10 ** 8 })), fc.integer({ min: 0, max: 10 ** 12 }), fc.nat(3), (bases, picks, [cutN, cutD], whole, nudge) => {
        const cut = Q.div(Q.int(cutN), Q.int(cutD));
        const weights = picks.map((k, i) => {
          const [n, d] = bases[k % bases.length];
          const w = Q.mul(Q.div(Q.int(n), Q.int(d)), cut);
          // Now and then a weight a hair above another: remainders closer than a double tells apart.
          return nudge > 0 && i % (nudge + 3) === 0 ? Q.add(w, Q.div(Q.ONE, Q.int(10n ** 25n))) : w;
        });
        const parts = Q.largestRemainder(whole, weights);
        assert.deepEqual(parts, reference(whole, weights));
      }),
      { numRuns: 600 },
    );
  });
});

describe('totals fast paths: over whole rate cards', () => {
  const OUTCOMES = ['o1', 'o2', 'o3', 'o4', 'o5', 'o6'];
  const line = fc.record({
    outcome: fc.constantFrom(...OUTCOMES, 'elsewhere'),
    price: fc.oneof(fc.integer({ min: 0, max: 500000 }).map((p) => (p / 100).toFixed(2)), fc.constant('abc')),
    maxClaims: fc.oneof(fc.constant(undefined), fc.integer({ min: 1, max: 4 }), fc.constant('unlimited' as const)),
    cohorts: fc.oneof(fc.constant(undefined), fc.subarray(['c1', 'c2'], { minLength: 1 })),
    discount: fc.oneof(fc.constant(undefined), fc.integer({ min: 0, max: 50 })),
  });
  const card = fc.record({
    lines: fc.array(line, { maxLength: 14 }),
    excludes: fc.array(fc.tuple(fc.constantFrom(...OUTCOMES), fc.constantFrom(...OUTCOMES)), { maxLength: 3 }),
    cap: fc.option(fc.integer({ min: 0, max: 5000 })),
  });
  type Card = typeof card extends fc.Arbitrary<infer T> ? T : never;

  function modelsOf(c: Card): { card: RateCardModel; framework: FrameworkModel } {
    const excludes = new Map<string, string[]>();
    for (const [a, b] of c.excludes) if (a !== b) excludes.set(a, [...(excludes.get(a) ?? []), b]);
    const outcomes = OUTCOMES.map((id) => `  - id: ${id}\n    title: ${id}\n    domain: employment\n    stage: entry\n    role: payment\n    evidence: { kind: administrative, source: Records }\n` + (excludes.has(id) ? `    excludes: [${excludes.get(id)!.join(', ')}]\n` : '')).join('');
    const framework = `kind: OutcomeFramework\nschemaVersion: 1\nid: f\ntitle: F\ncurrency: GBP\npayers:\n  - id: p1\n    name: P1\ncohorts:\n  - id: c1\n    title: c1\n  - id: c2\n    title: c2\noutcomes:\n${outcomes}`;
    const lines = c.lines.map((l) => `  - outcome: ${l.outcome}\n    price: ${l.price}\n` + (l.maxClaims !== undefined ? `    maxClaims: ${l.maxClaims}\n` : '') + (l.cohorts ? `    cohorts: [${l.cohorts.join(', ')}]\n` : '') + (l.discount !== undefined ? `    discount: ${l.discount}\n` : '')).join('');
    const rateCard = `kind: RateCard\nschemaVersion: 1\nid: r\nframework: f.framework.yaml\ncurrency: GBP\n${c.cap !== null ? `caps:\n  perParticipant: ${c.cap}\n` : ''}prices:\n${lines || '  []\n'}`;
    const workspace = memoryWorkspace({ 'f.framework.yaml': framework, 'r.ratecard.yaml': rateCard });
    const model = workspace.analyze(path.join(memoryRoot, 'r.ratecard.yaml'))!.model as RateCardModel;
    const link = workspace.frameworkOf(model);
    assert.ok(link.ok);
    return { card: model, framework: link.framework };
  }

  it('each cohort’s maxima are the same with the dearest line found by slot as with the Map by outcome', () => {
    fc.assert(
      fc.property(card, (c) => {
        const { card: model, framework } = modelsOf(c);
        const problems = blockedLines(model, framework, []);
        const linesFor = linesPricing(model);
        const shared = { slots: outcomeSlots(model, framework), values: [] };
        for (const cohort of cohortIdsOf(model, framework)) {
          const lines = linesFor(cohort);
          const plain = maxPerParticipant(lines, problems, framework, model.caps.perParticipant);
          const fast = maxPerParticipant(lines, problems, framework, model.caps.perParticipant, shared);
          const show = (a: Amount | undefined) => (typeof a === 'object' ? `${Q.normalise(a).n}/${Q.normalise(a).d}` : String(a));
          assert.equal(show(fast.total), show(plain.total));
          assert.equal(show(fast.uncapped), show(plain.uncapped));
          const partsOf = (maxima: typeof fast) => {
            const out: [number, string][] = [];
            maxima.eachPart((line, amount) => out.push([line, show(amount)]));
            return out;
          };
          assert.deepEqual(partsOf(fast), partsOf(plain));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives each cohort the maxima of its own lines when a cohort priced by the same lines takes the one before’s (the figures work them out once)', () => {
    let shared = 0;
    fc.assert(
      fc.property(card, (c) => {
        const { card: model, framework } = modelsOf(c);
        const figures = paymentFigures(model, framework);
        const problems = blockedLines(model, framework, []);
        const linesFor = linesPricing(model);
        const cohorts = cohortIdsOf(model, framework);
        cohorts.forEach((cohort, i) => {
          if (i > 0 && linesFor(cohort).length > 0 && linesFor(cohort).every((l, j) => linesFor(cohorts[i - 1])[j] === l) && linesFor(cohort).length === linesFor(cohorts[i - 1]).length) shared++;
          const plain = maxPerParticipant(linesFor(cohort), problems, framework, model.caps.perParticipant);
          assert.equal(figures.maxPerParticipant[cohort], roundAmount(plain.total), `maxPerParticipant of ${cohort}`);
          assert.equal(figures.uncappedMaxPerParticipant[cohort], roundAmount(plain.uncapped), `uncapped of ${cohort}`);
        });
      }),
      { numRuns: 300 },
    );
    assert.ok(shared > 20, `cohorts priced by the same lines came up ${shared} times`);
  });

  it('lists each line’s cohorts in the framework’s order, as the lines that price each cohort say', () => {
    fc.assert(
      fc.property(card, (c) => {
        const { card: model, framework } = modelsOf(c);
        const totals = computeTotals(model, framework);
        const linesFor = linesPricing(model);
        const cohorts = cohortIdsOf(model, framework);
        for (const line of totals.byLine) assert.deepEqual(line.cohorts, cohorts.filter((cohort) => linesFor(cohort).some((l) => l.index === line.index)), `line ${line.index}`);
      }),
      { numRuns: 200 },
    );
  });
});

describe('totals: outcomes named like Object’s own members', () => {
  it('gives `constructor` and `__proto__` their own by-outcome entries and writes nothing onto Object', () => {
    const outcome = (id: string) => `  - id: ${id}\n    title: ${id}\n    domain: employment\n    stage: entry\n    role: payment\n    evidence: { kind: administrative, source: Records }\n`;
    const workspace = memoryWorkspace({
      'f.framework.yaml': `kind: OutcomeFramework\nschemaVersion: 1\nid: f\ntitle: F\ncurrency: GBP\npayers:\n  - id: p1\n    name: P1\ncohorts:\n  - id: c1\n    title: c1\n    size: 10\noutcomes:\n${outcome('o1')}${outcome('__proto__')}${outcome('constructor')}`,
      'r.ratecard.yaml': 'kind: RateCard\nschemaVersion: 1\nid: r\nframework: f.framework.yaml\ncurrency: GBP\nprices:\n  - outcome: o1\n    price: 100\n  - outcome: __proto__\n    price: 200\n  - outcome: constructor\n    price: 300\nprojection:\n  - cohort: c1\n    participants: 10\n    achievement: { o1: 0.5, constructor: 0.25 }\n',
    });
    const model = workspace.analyze(path.join(memoryRoot, 'r.ratecard.yaml'))!.model as RateCardModel;
    const link = workspace.frameworkOf(model);
    assert.ok(link.ok);
    const totals = computeTotals(model, link.framework);
    // 10 × (0.5 × £100 + 0.25 × £300) = £1,250.00; `__proto__` is not projected.
    assert.equal(totals.expected, 125000);
    assert.equal(JSON.stringify(totals.byOutcome), '{"o1":{"expected":50000,"share":0.4},"__proto__":{"expected":0,"share":0},"constructor":{"expected":75000,"share":0.6}}');
    assert.equal(Object.getPrototypeOf(totals.byOutcome), Object.prototype);
    assert.equal(({} as Record<string, unknown>).expected, undefined, 'nothing written onto Object.prototype');
    assert.equal((Object as unknown as Record<string, unknown>).expected, undefined, 'nothing written onto Object');
  });

  it('pays an outcome called `constructor` when the projection gives claims per achiever for others (it read as no claims: £0)', () => {
    const outcome = (id: string) => `  - id: ${id}\n    title: ${id}\n    domain: employment\n    stage: entry\n    role: payment\n    evidence: { kind: administrative, source: Records }\n    baseline: { c1: 0.1 }\n`;
    const workspace = memoryWorkspace({
      'f.framework.yaml': `kind: OutcomeFramework\nschemaVersion: 1\nid: f\ntitle: F\ncurrency: GBP\npayers:\n  - id: p1\n    name: P1\ncohorts:\n  - id: c1\n    title: c1\n    size: 10\noutcomes:\n${outcome('o1')}${outcome('constructor')}`,
      'r.ratecard.yaml': 'kind: RateCard\nschemaVersion: 1\nid: r\nframework: f.framework.yaml\ncurrency: GBP\nprices:\n  - outcome: o1\n    price: 100\n    maxClaims: 3\n  - outcome: constructor\n    price: 300\nprojection:\n  - cohort: c1\n    participants: 10\n    achievement: { o1: 0.5, constructor: 0.25 }\n    claimsPerAchiever: { o1: 2 }\n',
    });
    const model = workspace.analyze(path.join(memoryRoot, 'r.ratecard.yaml'))!.model as RateCardModel;
    const link = workspace.frameworkOf(model);
    assert.ok(link.ok);
    const totals = computeTotals(model, link.framework);
    // o1: 10 × 0.5 × 2 claims × £100 = £1,000; constructor: 10 × 0.25 × 1 claim × £300 = £750.
    assert.deepEqual(totals.byLine.map((l) => [l.outcome, l.expected]), [['o1', 100000], ['constructor', 75000]]);
    // Deadweight: the baseline of 0.1 of each: 10 × 0.1 × (2 × £100 + £300) = £500.
    assert.equal(totals.deadweight, 50000);
  });
});
