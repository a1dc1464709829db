/** Which real UK prices compare with an outcome, and the figures drawn from them. */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { comparablePrices, comparePrices, medianText, placeAmong, poundsText } from '../../server/src/core/prices/compare';

describe('comparable UK prices', () => {
  it('matches domain, stage and sustain period, counting each programme\'s price once', () => {
    const prices = comparablePrices({ domain: 'accommodation', stage: 'sustainment', sustainWeeks: 26 });
    assert.deepEqual(prices.map((p) => [p.programme.id, poundsText(p.price), p.projects.length]), [
      ['fair-chance-fund', '£1,500', 7],
      ['rough-sleeping-sibs', '£1,500', 2],
    ]);
  });

  it('without a sustain period, takes every period of the domain; with one no programme paid, takes none', () => {
    const any = comparablePrices({ domain: 'accommodation', stage: 'sustainment' });
    assert.ok(any.some((p) => p.outcomes.some((o) => o.sustainWeeks === 104)));
    assert.ok(any.some((p) => p.outcomes.some((o) => o.sustainWeeks === 13)));
    assert.deepEqual(comparablePrices({ domain: 'accommodation', stage: 'sustainment', sustainWeeks: 30 }), []);
  });

  it('compares a qualification only with qualifications of the same level, where the level is given', () => {
    const level2 = comparablePrices({ domain: 'education', stage: 'attainment', qualificationLevel: 2 });
    assert.ok(level2.length >= 5);
    assert.ok(level2.every((p) => p.outcomes.every((o) => o.qualificationLevel === 2)));
    assert.ok(level2.some((p) => p.programme.id === 'skill-mill' && poundsText(p.price) === '£9,340'));
  });

  it('leaves out prices marked not comparable, and the catch-all domain', () => {
    assert.deepEqual(comparablePrices({ domain: 'physical-health', stage: 'progression' }), []);
    assert.deepEqual(comparablePrices({ domain: 'other', stage: 'progression' }), []);
    assert.deepEqual(comparablePrices({ domain: 'accommodation' }), []);
  });

  it('gives lowest, median and highest, exactly, and places a price among them as counting would', () => {
    const comparison = comparePrices({ domain: 'employment', stage: 'sustainment', sustainWeeks: 26 });
    assert.ok(comparison);
    assert.equal(poundsText(comparison.lowest), '£1,000');
    assert.equal(poundsText(comparison.highest), '£3,500');
    assert.equal(medianText(comparison), '£2,000');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (price) => {
        const place = placeAmong(comparison, price);
        const all = comparison.prices.map((p) => p.price);
        assert.deepEqual(place, { below: all.filter((p) => p < price).length, equal: all.filter((p) => p === price).length, above: all.filter((p) => p > price).length });
      }),
    );
  });

  it('keeps a median of an even count exact to the half penny', () => {
    const comparison = comparePrices({ domain: 'employment', stage: 'sustainment', sustainWeeks: 26 })!;
    const odd = { ...comparison, twiceMedian: 2 * 38250 + 1 };
    assert.equal(medianText(odd), '£382.50½');
  });
});
