/**
 * The pathway search on tangled components (issue 20): outcomes linked by many `excludes`
 * (cycles, not tree-like), `requires` and `requiresAnyOf`. Against an enumerator of every set of
 * outcomes one participant may achieve on components of 15–30, with and without a cap per payer;
 * and random tangled components of 60, which must come out exact within a fixed amount of work
 * (the time they take is reported in the test's title, not asserted: the machine may be busy).
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { computeTotals } from '../../server/src/core/totals';
import { bestPathway, pathwaysOf, SEARCH_BUDGET, type Valued } from '../../server/src/core/totals/pathways';
import * as Q from '../../server/src/core/totals/rational';
import { frameworkOf, seeded, type Spec, tangled } from './pathways-tangled';

/**
 * Every set of outcomes one participant may achieve, by the definition: each outcome tried in and
 * out (a set is only extended while it holds no excluded pair); a complete set counts when every
 * outcome in it has all it `requires` and one of its `requiresAnyOf`. Visits each set once.
 */
function eachAchievable(spec: Spec, visit: (chosen: Uint8Array) => void): void {
  const clash = Array.from({ length: spec.n }, () => new Set<number>());
  spec.excludes.forEach((list, i) => list.forEach((j) => (clash[i].add(j), clash[j].add(i))));
  const chosen = new Uint8Array(spec.n);
  const walk = (i: number) => {
    if (i === spec.n) {
      for (let k = 0; k < spec.n; k++) {
        if (!chosen[k]) continue;
        if (spec.requires[k].some((r) => !chosen[r])) return;
        if (spec.anyOf[k].length && !spec.anyOf[k].some((r) => chosen[r])) return;
      }
      visit(chosen);
      return;
    }
    walk(i + 1);
    for (const j of clash[i]) if (chosen[j]) return;
    chosen[i] = 1;
    walk(i + 1);
    chosen[i] = 0;
  };
  walk(0);
}

/** The most one participant may be paid, in pence. */
function bruteForce(spec: Spec): number {
  let best = 0;
  eachAchievable(spec, (chosen) => {
    let sum = 0;
    chosen.forEach((c, i) => (sum += c ? (spec.prices[i] ?? 0) * 100 : 0));
    if (sum > best) best = sum;
  });
  return best;
}

const shapes = fc.record({ seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }), n: fc.integer({ min: 15, max: 30 }), extra: fc.constantFrom(0.5, 1, 2) });

describe('totals: the pathway search on tangled components', () => {
  it('equals the enumerator on random tangled components of 15–30 outcomes with requires and requiresAnyOf', function () {
    this.timeout(300000);
    fc.assert(
      fc.property(shapes, ({ seed, n, extra }) => {
        const spec = tangled(seeded(seed), n, extra);
        const { model, framework } = frameworkOf(spec);
        const totals = computeTotals(model, framework);
        assert.equal(totals.uncappedMaxPerParticipant.c1, bruteForce(spec));
        assert.deepEqual(totals.upperBounds ?? {}, {});
      }),
      { numRuns: 60 },
    );
  });

  it('under a cap per payer, equals the worst of every mix of three participants over those sets, or says it is a bound no less', function () {
    this.timeout(300000);
    let exact = 0;
    let runs = 0;
    fc.assert(
      fc.property(shapes, fc.integer({ min: 0, max: 100 }), ({ seed, n, extra }, capShare) => {
        const spec = tangled(seeded(seed), n, extra);
        const random = seeded(seed ^ 0x5bd1e995);
        const payer = spec.prices.map(() => (random() < 0.5 ? 'fund' : 'council'));
        // What one participant on each achievable set costs each payer, in pence (kept once each).
        const vectors = new Map<string, [number, number]>();
        eachAchievable(spec, (chosen) => {
          let fund = 0;
          let council = 0;
          chosen.forEach((c, i) => {
            if (!c || spec.prices[i] === null) return;
            if (payer[i] === 'fund') fund += spec.prices[i]! * 100;
            else council += spec.prices[i]! * 100;
          });
          vectors.set(`${fund},${council}`, [fund, council]);
        });
        // A participant on a set that costs each payer no more than another set does never makes a worse mix: dropped.
        const all = [...vectors.values()];
        const list = all.filter(([f, c]) => !all.some(([g, d]) => g >= f && d >= c && (g > f || d > c)));
        const mostFund = Math.max(...list.map(([f]) => f));
        // The fund's cap: somewhere between nothing and three participants on its dearest set.
        const cap = Math.round((3 * mostFund * capShare) / 100 / 100) * 100;
        // Every way three participants may be spread over the sets: the fund is held to its cap.
        let worst = 0;
        for (let a = 0; a < list.length; a++)
          for (let b = a; b < list.length; b++)
            for (let c = b; c < list.length; c++) {
              const fund = list[a][0] + list[b][0] + list[c][0];
              const council = list[a][1] + list[b][1] + list[c][1];
              worst = Math.max(worst, Math.min(fund, cap) + council);
            }
        const { model, framework } = frameworkOf(spec, (i) => payer[i], `caps:\n  perPayer: { fund: ${(cap / 100).toFixed(2)} }\n`, 3);
        const totals = computeTotals(model, framework);
        const figure = totals.maximumLiability as number;
        runs++;
        if (totals.upperBounds?.maximumLiability) {
          // A bound: never less than the worst mix, and said to be one.
          assert.ok(figure >= worst, `at most ${figure} is below the worst mix ${worst}`);
        } else {
          exact++;
          assert.equal(figure, worst);
        }
      }),
      { numRuns: 60 },
    );
    this.test!.title += ` (${exact} of ${runs} exact)`;
    assert.ok(exact > 0, 'some contracts are worked out exactly');
  });

  it('random tangled components of 60 outcomes come out exact, within a twentieth of the search budget', function () {
    this.timeout(300000);
    const times: number[] = [];
    let most = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const spec = tangled(seeded(seed), 60, [0.5, 1, 2][seed % 3]);
      const { model, framework } = frameworkOf(spec);
      // Through the totals: no figure is said to be a bound.
      assert.deepEqual(computeTotals(model, framework).upperBounds ?? {}, {}, `seed ${seed}`);
      // The search alone, as the totals run it: each component of priced outcomes.
      const pathways = pathwaysOf(framework);
      const groups = new Map<unknown, Valued[]>();
      spec.prices.forEach((price, i) => {
        const id = `o${i}`;
        const component = pathways.componentOf.get(id);
        if (price === null || pathways.unpayable.has(id) || !component) return;
        (groups.get(component) ?? groups.set(component, []).get(component)!).push({ id, routes: pathways.routesOf.get(id)!, value: Q.int(price * 100) });
      });
      let ms = 0;
      for (const [component, valued] of groups) {
        const start = performance.now();
        const best = bestPathway(component as Parameters<typeof bestPathway>[0], valued);
        ms += performance.now() - start;
        assert.ok(best.exact, `seed ${seed}`);
        most = Math.max(most, best.steps);
      }
      times.push(ms);
    }
    assert.ok(most <= SEARCH_BUDGET / 20, `the most work was ${most} of a budget of ${SEARCH_BUDGET}`);
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(1);
    this.test!.title += ` (200 components: median ${at(0.5)} ms, 95th percentile ${at(0.95)} ms, most ${times[times.length - 1].toFixed(1)} ms; most work ${most} of ${SEARCH_BUDGET})`;
  });
});
