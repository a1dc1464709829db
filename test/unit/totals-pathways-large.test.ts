/**
 * Exclusive pathways past 20 outcomes (issue 20): the exact search against a brute-force
 * enumerator on random components of 15–30 outcomes, against dynamic programming on chains,
 * cycles and trees of hundreds, and its speed on a 60-outcome component. Frameworks are written
 * as YAML and read by the real parser, as in totals-pathways.test.ts.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import fc from 'fast-check';
import { computeTotals, type Totals } from '../../server/src/core/totals';
import type { FrameworkModel, RateCardModel } from '../../server/src/core/model';
import { bestPathway, pathwaysOf } from '../../server/src/core/totals/pathways';
import * as Q from '../../server/src/core/totals/rational';
import { memoryRoot, memoryWorkspace } from '../support/workspace';

interface Spec {
  n: number;
  /** excludes[i]: outcomes i excludes. */
  excludes: number[][];
  /** requires[i]: outcomes i requires (only earlier ones). */
  requires: number[][];
  /** anyOf[i]: outcomes of which i requires at least one (`requiresAnyOf`, only earlier ones); none when absent. */
  anyOf?: number[][];
  /** Price in pounds, or null for an unpriced outcome. */
  prices: (number | null)[];
}

function load(spec: Spec): { totals: Totals; framework: FrameworkModel } {
  let outcomes = '';
  let lines = '';
  for (let i = 0; i < spec.n; i++) {
    outcomes +=
      `  - id: o${i}\n    title: o${i}\n    domain: employment\n    stage: entry\n    role: payment\n    evidence: { kind: administrative, source: Records }\n` +
      (spec.requires[i].length ? `    requires: [${spec.requires[i].map((r) => `o${r}`).join(', ')}]\n` : '') +
      (spec.anyOf?.[i]?.length ? `    requiresAnyOf: [${spec.anyOf[i].map((r) => `o${r}`).join(', ')}]\n` : '') +
      (spec.excludes[i].length ? `    excludes: [${spec.excludes[i].map((r) => `o${r}`).join(', ')}]\n` : '');
    if (spec.prices[i] !== null) lines += `  - outcome: o${i}\n    price: ${spec.prices[i]}\n`;
  }
  if (!lines) lines = '  - outcome: o0\n    price: 0\n';
  const workspace = memoryWorkspace({
    'f.framework.yaml': `kind: OutcomeFramework\nschemaVersion: 1\nid: f\ntitle: F\ncurrency: GBP\npayers:\n  - id: p\n    name: P\ncohorts:\n  - id: c1\n    title: C1\n    size: 10\noutcomes:\n${outcomes}`,
    'r.ratecard.yaml': `kind: RateCard\nschemaVersion: 1\nid: r\nframework: f.framework.yaml\ncurrency: GBP\nprices:\n${lines}`,
  });
  const model = workspace.analyze(path.join(memoryRoot, 'r.ratecard.yaml'))!.model as RateCardModel;
  const link = workspace.frameworkOf(model);
  assert.ok(link.ok);
  return { totals: computeTotals(model, link.framework), framework: link.framework };
}

/**
 * The most one participant may be paid, by the definition: every set of outcomes closed under
 * requires with no excluded pair, found by trying each outcome in and out in turn (a set is
 * only extended while it holds no excluded pair; closure is checked on each complete set).
 */
function bruteForce(spec: Spec): number {
  const clash = Array.from({ length: spec.n }, () => new Set<number>());
  spec.excludes.forEach((list, i) => list.forEach((j) => (clash[i].add(j), clash[j].add(i))));
  const chosen = new Uint8Array(spec.n);
  let best = 0;
  const walk = (i: number, sum: number) => {
    if (i === spec.n) {
      for (let k = 0; k < spec.n; k++) if (chosen[k] && spec.requires[k].some((r) => !chosen[r])) return;
      for (let k = 0; k < spec.n; k++) if (chosen[k] && spec.anyOf?.[k]?.length && !spec.anyOf[k].some((r) => chosen[r])) return;
      if (sum > best) best = sum;
      return;
    }
    walk(i + 1, sum);
    if ([...clash[i]].some((j) => chosen[j])) return;
    chosen[i] = 1;
    walk(i + 1, sum + (spec.prices[i] ?? 0) * 100);
    chosen[i] = 0;
  };
  walk(0, 0);
  return best;
}

/** A random component: a random tree of exclusions plus a few more, some requires back, some outcomes unpriced. */
const component = (min: number, max: number) =>
  fc.integer({ min, max }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      parents: fc.array(fc.nat(), { minLength: n, maxLength: n }),
      extra: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: Math.floor(n / 2) }),
      requires: fc.array(fc.option(fc.nat(), { freq: 4 }), { minLength: n, maxLength: n }),
      prices: fc.array(fc.option(fc.integer({ min: 0, max: 5000 }), { freq: 6 }), { minLength: n, maxLength: n }),
    }),
  );

function specOf(c: { n: number; parents: number[]; extra: [number, number][]; requires: (number | null)[]; prices: (number | null)[] }): Spec {
  const excludes: number[][] = Array.from({ length: c.n }, () => []);
  const add = (a: number, b: number) => {
    if (a !== b && !excludes[a].includes(b) && !excludes[b].includes(a)) excludes[a].push(b);
  };
  for (let i = 1; i < c.n; i++) add(i, c.parents[i] % i);
  for (const [a, b] of c.extra) add(a, b);
  const requires = c.requires.map((r, i) => (r === null || i === 0 ? [] : [r % i]));
  return { n: c.n, excludes, requires, prices: c.prices };
}

/** A random component as above, where some outcomes also require any of one to three earlier ones. */
const withAnyOf = (min: number, max: number) =>
  component(min, max).chain((c) =>
    fc.record({ c: fc.constant(c), anyOf: fc.array(fc.option(fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), { freq: 2 }), { minLength: c.n, maxLength: c.n }) }),
  );

function specWithAnyOf({ c, anyOf }: { c: Parameters<typeof specOf>[0]; anyOf: (number[] | null)[] }): Spec {
  const spec = specOf(c);
  spec.anyOf = anyOf.map((list, i) => (list === null || i === 0 ? [] : [...new Set(list.map((r) => r % i))]));
  return spec;
}

describe('totals: the pathway search past 20 outcomes', () => {
  it('equals the brute-force enumerator on random components of 15–24 outcomes with requiresAnyOf', function () {
    this.timeout(120000);
    fc.assert(
      fc.property(withAnyOf(15, 24), (input) => {
        const spec = specWithAnyOf(input);
        const { totals } = load(spec);
        assert.equal(totals.uncappedMaxPerParticipant.c1, bruteForce(spec));
        assert.deepEqual(totals.upperBounds ?? {}, {});
      }),
      { numRuns: 60 },
    );
  });

  it('equals the brute-force enumerator on random components of 15–30 outcomes', function () {
    this.timeout(120000);
    fc.assert(
      fc.property(component(15, 30), (c) => {
        const spec = specOf(c);
        const { totals } = load(spec);
        assert.equal(totals.uncappedMaxPerParticipant.c1, bruteForce(spec));
        assert.deepEqual(totals.upperBounds ?? {}, {});
      }),
      { numRuns: 60 },
    );
  });

  /** Max weight of a set with no two neighbours on a path (or a cycle: the first and last are neighbours). */
  function dp(weights: number[], cycle: boolean): number {
    const path = (w: number[]) => {
      let [take, skip] = [0, 0];
      for (const x of w) [take, skip] = [skip + x, Math.max(take, skip)];
      return Math.max(take, skip);
    };
    return cycle ? Math.max(path(weights.slice(1)), path(weights.slice(0, -1))) : path(weights);
  }

  it('equals dynamic programming on chains and cycles of hundreds of outcomes', function () {
    this.timeout(120000);
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 400 }), fc.boolean(), fc.array(fc.integer({ min: 0, max: 9999 }), { minLength: 400, maxLength: 400 }), (n, cycle, all) => {
        const prices = all.slice(0, n);
        const excludes = prices.map((_, i) => (i + 1 < n ? [i + 1] : cycle ? [0] : []));
        const { totals } = load({ n, excludes, requires: prices.map(() => []), prices });
        assert.equal(totals.uncappedMaxPerParticipant.c1, dp(prices, cycle) * 100);
        assert.deepEqual(totals.upperBounds ?? {}, {});
      }),
      { numRuns: 12 },
    );
  });

  /** Max weight independent set on a tree, by dynamic programming from the leaves. */
  function treeDp(parents: number[], weights: number[]): number {
    const n = weights.length;
    const take = weights.slice();
    const skip = new Array<number>(n).fill(0);
    for (let i = n - 1; i > 0; i--) {
      take[parents[i]] += skip[i];
      skip[parents[i]] += Math.max(take[i], skip[i]);
    }
    return Math.max(take[0], skip[0]);
  }

  it('equals dynamic programming on trees of hundreds, and a 60-outcome component takes under 50 ms', function () {
    this.timeout(120000);
    fc.assert(
      fc.property(fc.integer({ min: 60, max: 300 }), fc.array(fc.nat(), { minLength: 300, maxLength: 300 }), fc.array(fc.integer({ min: 0, max: 9999 }), { minLength: 300, maxLength: 300 }), (n, rawParents, all) => {
        const prices = all.slice(0, n);
        const parents = rawParents.slice(0, n).map((p, i) => (i === 0 ? 0 : p % i));
        const excludes = prices.map((_, i) => (i === 0 ? [] : [parents[i]]));
        const { totals, framework } = load({ n, excludes, requires: prices.map(() => []), prices });
        assert.equal(totals.uncappedMaxPerParticipant.c1, treeDp(parents, prices) * 100);
        if (n === 60 || n < 70) {
          // The search alone, as the totals run it for this component.
          const pathways = pathwaysOf(framework);
          const comp = pathways.componentOf.get('o0')!;
          const valued = prices.map((p, i) => ({ id: `o${i}`, routes: pathways.routesOf.get(`o${i}`)!, value: Q.int(p * 100) }));
          const times = [0, 1, 2].map(() => {
            const start = performance.now();
            assert.ok(bestPathway(comp, valued).exact);
            return performance.now() - start;
          });
          assert.ok(Math.min(...times) < 50, `${n} outcomes took ${Math.min(...times).toFixed(1)} ms`);
        }
      }),
      { numRuns: 20 },
    );
  });

  it('a component past the search budget is counted whole and said to be an upper bound', () => {
    // Twelve outcomes, each pair excluding each other but one: a budget of 3 subproblems is not enough.
    const n = 12;
    const spec: Spec = { n, excludes: Array.from({ length: n }, (_, i) => (i + 1 < n ? [i + 1] : [])), requires: Array.from({ length: n }, () => []), prices: Array.from({ length: n }, () => 100) };
    const { framework } = load(spec);
    const pathways = pathwaysOf(framework);
    const comp = pathways.componentOf.get('o0')!;
    const valued = spec.prices.map((p, i) => ({ id: `o${i}`, routes: pathways.routesOf.get(`o${i}`)!, value: Q.int(p! * 100) }));
    const over = bestPathway(comp, valued, 3);
    assert.equal(over.exact, false);
    assert.equal(over.ids.length, n);
    const within = bestPathway(comp, valued);
    assert.ok(within.exact);
    assert.equal(within.ids.length, 6);
  });
});
