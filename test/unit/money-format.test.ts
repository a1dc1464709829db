/** Money as analysts read it, and the exact arithmetic under it. */
import { strict as assert } from 'node:assert';
import { formatMoney } from '../../server/src/core/totals';
import { largestRemainder, parseDecimal, readShare, roundHalfUp } from '../../server/src/core/totals/rational';
import { readAmount, toDecimalString } from '../../server/src/core/money';

/** A fraction as BigInts, whichever form (numbers when small) the totals hold it in. */
const exact = (q: { n: bigint | number; d: bigint | number } | undefined) => q && { n: BigInt(q.n), d: BigInt(q.d) };

describe('money: formatMoney', () => {
  it("uses the currency's symbol, grouping and minor digits", () => {
    assert.equal(formatMoney(134250000, 'GBP', 2), '£1,342,500.00');
    assert.equal(formatMoney(5, 'GBP', 2), '£0.05');
    assert.equal(formatMoney(0, 'EUR', 2), '€0.00');
    assert.equal(formatMoney(99999, 'USD', 2), '$999.99');
    assert.equal(formatMoney(1500000, 'JPY', 0), '¥1,500,000');
    assert.equal(formatMoney(1234567, 'KWD', 3), 'KWD 1,234.567');
    assert.equal(formatMoney(120000, 'CHF', 2), 'CHF 1,200.00');
  });

  it('says unbounded for null', () => {
    assert.equal(formatMoney(null, 'GBP', 2), 'unbounded');
  });

  it('keeps amounts beyond a billion exact', () => {
    assert.equal(formatMoney(Number.MAX_SAFE_INTEGER, 'GBP', 2), '£90,071,992,547,409.91');
  });
});

describe('money: exact decimals', () => {
  it('reads shares and percentages from their digits, never via binary floating point', () => {
    assert.deepEqual(exact(parseDecimal('0.35')), { n: 7n, d: 20n });
    assert.deepEqual(exact(parseDecimal('33.3333')), { n: 333333n, d: 10000n });
    assert.deepEqual(exact(parseDecimal('1e-1')), { n: 1n, d: 10n });
    assert.deepEqual(exact(parseDecimal('70')), { n: 70n, d: 1n });
    assert.equal(parseDecimal('abc'), undefined);
    assert.equal(parseDecimal('.'), undefined);
  });

  it('rounds half up', () => {
    assert.equal(roundHalfUp({ n: 5n, d: 2n }), 3);
    assert.equal(roundHalfUp({ n: 7n, d: 3n }), 2);
    assert.equal(roundHalfUp({ n: 3n, d: 2n }), 2);
  });

  it('splits by largest remainder so the parts add up to the whole', () => {
    // 100 pence in thirds: 33.33… each; the one penny left goes to the first.
    assert.deepEqual(largestRemainder(100, [{ n: 1n, d: 1n }, { n: 1n, d: 1n }, { n: 1n, d: 1n }]), [34, 33, 33]);
    // 10 pence 30/70 with no remainder.
    assert.deepEqual(largestRemainder(10, [{ n: 30n, d: 1n }, { n: 70n, d: 1n }]), [3, 7]);
    // Remainders .6 and .4: the larger gets the penny.
    assert.deepEqual(largestRemainder(1, [{ n: 2n, d: 1n }, { n: 3n, d: 1n }]), [0, 1]);
  });

  it('reads amounts from their typed digits and writes them back', () => {
    assert.deepEqual(readAmount('500.10', 2), { ok: true, minor: 50010 });
    assert.deepEqual(readAmount('1.5e3', 2), { ok: true, minor: 150000 });
    assert.equal(readAmount('10.555', 2).ok, false);
    assert.equal(toDecimalString(50010, 2), '500.10');
    assert.equal(toDecimalString(7, 2), '0.07');
    assert.equal(toDecimalString(1500, 0), '1500');
  });
});

describe('money: shares read exactly', () => {
  it('keeps every digit typed, even past what a binary number holds', () => {
    assert.deepEqual(exact(readShare(() => '0.35', 0.35)), { n: 7n, d: 20n });
    assert.deepEqual(exact(readShare(() => '0.1234567890123456789', 0.1234567890123456789)), { n: 1234567890123456789n, d: 10000000000000000000n });
    assert.deepEqual(exact(readShare(() => undefined, 0.5)), { n: 1n, d: 2n });
  });
});
