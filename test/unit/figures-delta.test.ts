/** The generic comparison of two totals reports: exact signed deltas, figures found without a list. */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { compareMagnitude, deltaTree, figureChanges, subtractDecimal } from '../../server/src/core/figures-delta';
import { figureLabel } from '../../server/src/cli/totals-formats/delta';

/** The obviously right subtraction: both as pence in BigInt. */
function byPence(a: bigint, b: bigint): string {
  const d = a - b;
  const abs = d < 0n ? -d : d;
  const text = `${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
  return d === 0n ? text : `${d < 0n ? '-' : '+'}${text}`;
}
const decimal = (p: bigint) => `${p < 0n ? '-' : ''}${(p < 0n ? -p : p) / 100n}.${((p < 0n ? -p : p) % 100n).toString().padStart(2, '0')}`;

describe('figure deltas', () => {
  it('subtracts decimal strings exactly, with a sign (property-tested against BigInt pence)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), (a, b) => {
        assert.equal(subtractDecimal(decimal(a), decimal(b)), byPence(a, b));
        const abs = (x: bigint) => (x < 0n ? -x : x);
        assert.equal(compareMagnitude(decimal(a), decimal(b)), abs(a) === abs(b) ? 0 : abs(a) > abs(b) ? 1 : -1);
      }),
    );
    assert.equal(subtractDecimal(0.1235, 0.1), '+0.0235');
    assert.equal(subtractDecimal(200, 240), '-40');
    assert.equal(subtractDecimal('2250000.00', '2250000.00'), '0.00');
  });

  it('compares every figure it finds, including ones it was never told about', () => {
    const base = { rateCard: 'a', maximumLiability: '100.00', expected: null, byCohort: { x: { participants: 10, expected: '5.00' } }, byQuarter: { Q1: '1.00' } };
    const now = { rateCard: 'b', maximumLiability: '120.50', expected: '7.00', byCohort: { x: { participants: 12, expected: '5.00' }, y: { participants: 3, expected: '2.00' } }, byQuarter: { Q1: '1.50', Q2: '0.25' } };
    const changes = figureChanges(now, base);
    const tree = deltaTree(changes);
    assert.deepEqual(tree, {
      maximumLiability: '+20.50',
      expected: null, // not projected at the base: no delta, never "+7.00"
      byCohort: { x: { participants: '+2', expected: '0.00' }, y: { participants: '+3', expected: '+2.00' } },
      byQuarter: { Q1: '+0.50', Q2: '+0.25' },
    });
    assert.equal(figureLabel(['byQuarter', 'Q2']), 'By quarter Q2');
    assert.equal(figureLabel(['byCohort', 'y', 'expected']), 'Expected, cohort y');
    assert.equal(figureLabel(['byYear', '2021']), 'Expected in 2021');
  });

  it('keeps the figures of an outcome called `constructor` as its own, and writes nothing onto Object', () => {
    const base = { byOutcome: { a: { expected: '1.00' } } };
    const now = { byOutcome: { a: { expected: '1.00' }, constructor: { expected: '4.00' } } };
    const tree = deltaTree(figureChanges(now, base));
    assert.equal(JSON.stringify(tree), '{"byOutcome":{"a":{"expected":"0.00"},"constructor":{"expected":"+4.00"}}}');
    assert.equal((Object as unknown as Record<string, unknown>).expected, undefined);
    // And a revision without it is not read as having Object's constructor there.
    assert.equal(JSON.stringify(deltaTree(figureChanges(base, now))), '{"byOutcome":{"a":{"expected":"0.00"},"constructor":{"expected":"-4.00"}}}');
  });

  it('names price lines by their outcome, not their position, so an inserted line moves nothing', () => {
    const line = (outcome: string, max: string) => ({ index: 0, outcome, cohorts: ['c'], maxPerParticipant: max });
    const changes = figureChanges({ byLine: [line('new', '9.00'), line('a', '1.00'), line('a', '3.00')] }, { byLine: [line('a', '1.00'), line('a', '2.00')] });
    assert.deepEqual(deltaTree(changes), { byLine: { 'outcome=new': { maxPerParticipant: '+9.00' }, 'outcome=a': { maxPerParticipant: '0.00' }, 'outcome=a#2': { maxPerParticipant: '+1.00' } } });
  });
});
