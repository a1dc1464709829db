/**
 * The maximum liability under caps per payer with exclusive pathways (issue 20, 2): the engine's
 * worst mix against a brute-force enumeration of every way the participants may be spread over
 * the sets of outcomes one participant may achieve, on random small contracts read by the real parser.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import fc from 'fast-check';
import { computeTotals } from '../../server/src/core/totals';
import type { RateCardModel } from '../../server/src/core/model';
import { memoryRoot, memoryWorkspace } from '../support/workspace';

const PAYERS = ['fund', 'council', 'trust'];

const contract = fc.integer({ min: 2, max: 5 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    excludes: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { minLength: 1, maxLength: 4 }),
    requires: fc.array(fc.option(fc.nat(), { freq: 3 }), { minLength: n, maxLength: n }),
    // `requiresAnyOf`: one or two earlier outcomes, of which one is needed.
    anyOf: fc.array(fc.option(fc.tuple(fc.nat(), fc.nat()), { freq: 3 }), { minLength: n, maxLength: n }),
    prices: fc.array(fc.integer({ min: 0, max: 50 }).map((p) => p * 20), { minLength: n, maxLength: n }),
    // Each line paid by one payer, or split half and half between two.
    payers: fc.array(fc.oneof(fc.nat(2).map((p) => [p]), fc.tuple(fc.nat(2), fc.nat(2)).filter(([a, b]) => a !== b)), { minLength: n, maxLength: n }),
    caps: fc.array(fc.option(fc.integer({ min: 0, max: 40 }).map((c) => c * 50), { freq: 2 }), { minLength: 3, maxLength: 3 }),
    cohorts: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 2 }),
    perParticipant: fc.option(fc.integer({ min: 1, max: 40 }).map((c) => c * 50), { freq: 3 }),
  }),
);
type Contract = typeof contract extends fc.Arbitrary<infer T> ? T : never;

function files(c: Contract) {
  let outcomes = '';
  let lines = '';
  for (let i = 0; i < c.n; i++) {
    const excl = [...new Set(c.excludes.filter(([a, b]) => a === i && b !== i).map(([, b]) => `o${b}`))];
    const req = c.requires[i] === null || i === 0 ? [] : [`o${c.requires[i]! % i}`];
    const anyOf = anyOfOf(c, i).map((j) => `o${j}`);
    outcomes += `  - id: o${i}\n    title: o${i}\n    domain: employment\n    stage: entry\n    role: payment\n    evidence: { kind: administrative, source: Records }\n${req.length ? `    requires: [${req.join(', ')}]\n` : ''}${anyOf.length ? `    requiresAnyOf: [${anyOf.join(', ')}]\n` : ''}${excl.length ? `    excludes: [${excl.join(', ')}]\n` : ''}`;
    const split = c.payers[i].length === 1 ? `{ ${PAYERS[c.payers[i][0]]}: 100 }` : `{ ${PAYERS[c.payers[i][0]]}: 50, ${PAYERS[c.payers[i][1]]}: 50 }`;
    lines += `  - outcome: o${i}\n    price: ${c.prices[i]}\n    payers: ${split}\n`;
  }
  const caps = c.caps.map((cap, i) => (cap === null ? '' : `${PAYERS[i]}: ${cap}`)).filter(Boolean);
  const cohorts = c.cohorts.map((size, i) => `  - id: c${i}\n    title: c${i}\n    eligibility: [Anyone]\n    size: ${size}\n`).join('');
  return {
    'f.framework.yaml': `kind: OutcomeFramework\nschemaVersion: 1\nid: f\ntitle: F\ncurrency: GBP\npayers:\n${PAYERS.map((p) => `  - id: ${p}\n    name: ${p}\n`).join('')}cohorts:\n${cohorts}outcomes:\n${outcomes}`,
    'r.ratecard.yaml': `kind: RateCard\nschemaVersion: 1\nid: r\nframework: f.framework.yaml\ncurrency: GBP\n${caps.length || c.perParticipant !== null ? 'caps:\n' : ''}${caps.length ? `  perPayer: { ${caps.join(', ')} }\n` : ''}${c.perParticipant !== null ? `  perParticipant: ${c.perParticipant}\n` : ''}prices:\n${lines}`,
  };
}

/** The earlier outcomes of which outcome i needs one (none: no `requiresAnyOf`). */
function anyOfOf(c: Contract, i: number): number[] {
  const pair = c.anyOf[i];
  return pair === null || i === 0 ? [] : [...new Set([pair[0] % i, pair[1] % i])];
}

/** Every mix, tried: each participant of each cohort on each achievable set of outcomes. */
function bruteForce(c: Contract): number {
  const excludes = Array.from({ length: c.n }, () => new Set<number>());
  for (const [a, b] of c.excludes) if (a !== b) (excludes[a].add(b), excludes[b].add(a));
  const requires = c.requires.map((r, i) => (r === null || i === 0 ? [] : [r % i]));
  // Each achievable set as what it costs each payer, in pence.
  const vectors: number[][] = [];
  for (let bits = 0; bits < 1 << c.n; bits++) {
    const has = (i: number) => (bits & (1 << i)) !== 0;
    let ok = true;
    for (let i = 0; i < c.n && ok; i++) if (has(i) && (requires[i].some((r) => !has(r)) || [...excludes[i]].some(has))) ok = false;
    for (let i = 0; i < c.n && ok; i++) if (has(i) && anyOfOf(c, i).length > 0 && !anyOfOf(c, i).some(has)) ok = false;
    if (!ok) continue;
    const v = [0, 0, 0];
    for (let i = 0; i < c.n; i++) {
      if (!has(i)) continue;
      const pence = c.prices[i] * 100;
      if (c.payers[i].length === 1) v[c.payers[i][0]] += pence;
      else for (const p of c.payers[i]) v[p] += pence / 2;
    }
    // caps.perParticipant cuts every payer's part of one participant's payments in proportion.
    const total = v[0] + v[1] + v[2];
    const most = c.perParticipant === null ? Infinity : c.perParticipant * 100;
    vectors.push(total > most ? v.map((x) => (x * most) / total) : v);
  }
  // Every cohort is priced by the same lines: participants differ only by the set they achieve,
  // so every mix is a multiset of sets (each participant's set index never below the previous one's).
  const distinct = [...new Map(vectors.map((v) => [v.join(','), v])).values()];
  const participants = c.cohorts.reduce((a, b) => a + b, 0);
  let best = 0;
  const walk = (left: number, from: number, sums: number[]) => {
    if (left === 0) {
      const worth = sums.reduce((s, x, p) => s + (c.caps[p] === null ? x : Math.min(x, c.caps[p]! * 100)), 0);
      if (worth > best) best = worth;
      return;
    }
    for (let k = from; k < distinct.length; k++) walk(left - 1, k, sums.map((x, p) => x + distinct[k][p]));
  };
  walk(participants, 0, [0, 0, 0]);
  return best;
}

describe('totals: caps per payer over every mix of pathways', () => {
  it('the maximum liability equals the most over every mix, tried one by one (500 random contracts, with requires and requiresAnyOf)', function () {
    this.timeout(120000);
    fc.assert(
      fc.property(contract, (c) => {
        const workspace = memoryWorkspace(files(c));
        const model = workspace.analyze(path.join(memoryRoot, 'r.ratecard.yaml'))!.model as RateCardModel;
        const link = workspace.frameworkOf(model);
        assert.ok(link.ok);
        const t = computeTotals(model, link.framework);
        const most = Math.round(bruteForce(c));
        if (t.upperBounds.maximumLiability) {
          // Only an upper bound (a per-participant cut under caps per payer): never below the most.
          assert.ok(t.maximumLiability! >= most, `bound ${t.maximumLiability} below ${most}`);
          return;
        }
        // Exact in the engine; the enumerator's floats may stray by a fraction of a penny.
        assert.ok(Math.abs(t.maximumLiability! - most) <= 1, `${t.maximumLiability} against ${most}`);
        // The payers' parts add up to the whole, and none is over its cap.
        const parts = Object.values(t.byPayer).map((p) => p.maximumLiability!);
        if (c.perParticipant !== null) return; // parts after a per-participant cut are shared out with their own rounding
        assert.equal(parts.reduce((a, b) => a + b, 0), t.maximumLiability);
        PAYERS.forEach((p, i) => c.caps[i] !== null && assert.ok(t.byPayer[p].maximumLiability! <= c.caps[i]! * 100));
      }),
      { numRuns: 500 },
    );
  });
});
