/**
 * `overlapping-outcomes`' "needed on every route" (stopsWith) against the definition it stands
 * for, by brute force over every set of outcomes: Y is needed on every route of X when no set
 * that holds X, is closed under `requires` and holds one of each member's `requiresAnyOf` (a
 * pathway one participant can follow, docs/totals.md) leaves Y out. Random frameworks without
 * loops (a loop is an error of its own), of up to 8 outcomes.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { OutcomeEntry } from '../../server/src/core/model';
import { stopsWith } from '../../server/src/core/rules/overlapping-outcomes';

interface Plain {
  id: string;
  requires: string[];
  requiresAnyOf: string[];
  paid: boolean;
}

/** Each outcome may require, or follow any of, outcomes listed before it (no loops). */
const framework = fc.integer({ min: 2, max: 8 }).chain((n) =>
  fc.tuple(
    ...Array.from({ length: n }, (_, i) =>
      fc.record({
        requires: fc.subarray(Array.from({ length: i }, (_, j) => `o${j}`), { maxLength: Math.min(2, i) }),
        anyOf: fc.subarray(Array.from({ length: i }, (_, j) => `o${j}`), { maxLength: Math.min(3, i) }),
        // A repeated route is allowed in a file: it must not count twice.
        repeat: fc.boolean(),
        paid: fc.boolean(),
      }),
    ),
  ).map((rows) => rows.map((r, i): Plain => ({ id: `o${i}`, requires: r.requires, requiresAnyOf: r.anyOf.length >= 2 ? (r.repeat ? [...r.anyOf, r.anyOf[0]] : r.anyOf) : [], paid: r.paid }))),
);

const entry = (o: Plain) => ({ id: o.id, requires: o.requires, requiresAnyOf: o.requiresAnyOf, excludes: [], value: { role: o.paid ? 'payment' : 'indicator' } }) as unknown as OutcomeEntry;

/** Whether some pathway holds `x` and leaves `y` out. */
function reachableWithout(outcomes: Plain[], x: string, y: string): boolean {
  const n = outcomes.length;
  for (let mask = 0; mask < 1 << n; mask++) {
    const has = (id: string) => (mask >> Number(id.slice(1))) & 1;
    if (!has(x) || has(y)) continue;
    const pathway = outcomes.every((o) => !has(o.id) || (o.requires.every(has) && (o.requiresAnyOf.length === 0 || o.requiresAnyOf.some(has))));
    if (pathway) return true;
  }
  return false;
}

describe('overlapping-outcomes: needed on every route, against every pathway', () => {
  it('finds exactly the paid outcomes that no pathway reaches without the one named', () => {
    fc.assert(
      fc.property(framework, (outcomes) => {
        const stops = stopsWith(outcomes.map(entry));
        for (const y of outcomes) {
          const found = new Set(stops(y.id).map((o) => o.id));
          const expected = new Set(outcomes.filter((x) => x.id !== y.id && x.paid && !reachableWithout(outcomes, x.id, y.id)).map((x) => x.id));
          assert.deepEqual([...found].sort(), [...expected].sort(), `needed on every route of ${y.id}`);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('a 13-week payment after a job entry or an apprenticeship needs neither; after a job entry or a job with training, the job entry', () => {
    const plain = (id: string, requires: string[] = [], requiresAnyOf: string[] = []): Plain => ({ id, requires, requiresAnyOf, paid: true });
    const either = [plain('o0'), plain('o1'), plain('o2', [], ['o0', 'o1'])];
    assert.deepEqual(stopsWith(either.map(entry))('o0'), []);
    const training = [plain('o0'), { ...plain('o1', ['o0']), paid: false }, plain('o2', [], ['o0', 'o1'])];
    assert.deepEqual(stopsWith(training.map(entry))('o0').map((o) => o.id), ['o2']);
  });
});
