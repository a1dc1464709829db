/**
 * Payment timing (core/timing) against a plain week-by-week simulation of docs/value.md: every
 * recruitment week a 1/W share of the cohort joins; an outcome is paid `delay` weeks after
 * joining; a line paid per period pays period k at ceil(k × its length in weeks) after that, the
 * last part-period in proportion; a payment after the last payment date is never made.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import * as Q from '../../server/src/core/totals/rational';
import { addMonths, dayOf, isoOf, monthsBetween, paymentSchedule, type Timeline } from '../../server/src/core/timing';

type Per = 'week' | 'month' | 'quarter';

/** The simulation: one loop over joining weeks, one over periods, no shortcuts. */
function simulate(parts: { amount: number; delay: number; periods?: { per: Per; expected: number } }[], weeks: number, lastWeek: number): { byWeek: Map<number, Q.Rational>; late: Q.Rational } {
  const byWeek = new Map<number, Q.Rational>();
  let late: Q.Rational = Q.ZERO;
  const pay = (week: number, amount: Q.Rational) => {
    if (week > lastWeek) late = Q.add(late, amount);
    else byWeek.set(week, Q.add(byWeek.get(week) ?? Q.ZERO, amount));
  };
  for (const part of parts) {
    for (let w = 0; w < weeks; w++) {
      const joined = Q.div(Q.int(part.amount), Q.int(weeks));
      if (!part.periods) {
        pay(w + part.delay, joined);
        continue;
      }
      const { per, expected } = part.periods;
      for (let k = 1; k - 1 < expected; k++) {
        // Period k ends ceil(k × length) weeks on: 1 week, 13/3 weeks (a month), 13 weeks.
        const after = per === 'week' ? k : per === 'quarter' ? 13 * k : Math.floor((13 * k + 2) / 3);
        const held = k <= expected ? Q.ONE : Q.sub(Q.int(expected), Q.int(k - 1));
        // expected is given in tenths below: held = expected − (k − 1) for the last part-period.
        pay(w + part.delay + after, Q.div(Q.mul(joined, held), Q.int(expected)));
      }
    }
  }
  return { byWeek, late };
}

const timeline = (weeks: number, lastWeek: number): Timeline => ({ start: dayOf('2020-01-01')!, recruitmentWeeks: weeks, serviceDays: 365, contractDays: 365 * 3, lastPaymentDay: dayOf('2020-01-01')! + 7 * lastWeek + 3 });

describe('payment timing', () => {
  it('equals a plain week-by-week simulation, and nothing is lost: paid + late = expected', () => {
    const part = fc.record({
      amount: fc.integer({ min: 0, max: 10_000_000 }),
      delay: fc.integer({ min: 0, max: 60 }),
      periods: fc.option(fc.record({ per: fc.constantFrom<Per>('week', 'month', 'quarter'), expected: fc.integer({ min: 1, max: 30 }) }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 300 }), (parts, weeks, lastWeek) => {
        const exact = paymentSchedule(
          parts.map((p) => ({ cohort: 'c', amount: Q.int(p.amount), delay: p.delay, periods: p.periods && { per: p.periods.per, expected: Q.int(p.periods.expected) } })),
          timeline(weeks, lastWeek),
        );
        const plain = simulate(parts, weeks, lastWeek);
        assert.equal(Q.compare(exact.late, plain.late), 0, 'late');
        const weeksSeen = new Set([...exact.byWeek.keys(), ...plain.byWeek.keys()]);
        for (const w of weeksSeen) assert.equal(Q.compare(exact.byWeek.get(w) ?? Q.ZERO, plain.byWeek.get(w) ?? Q.ZERO), 0, `week ${w}`);
        const paid = [...exact.byWeek.values()].reduce(Q.add, Q.ZERO);
        assert.equal(Q.compare(Q.add(paid, exact.late), Q.int(parts.reduce((s, p) => s + p.amount, 0))), 0);
      }),
      { numRuns: 150 },
    );
  });

  it('a part-period is paid in proportion: 2.5 expected weeks pay 2/5, 2/5 and 1/5 of the amount', () => {
    const { byWeek } = paymentSchedule([{ cohort: 'c', amount: Q.int(1000), delay: 0, periods: { per: 'week', expected: { n: 5, d: 2 } } }], timeline(1, 100));
    assert.deepEqual([...byWeek].map(([w, a]) => [w, Q.toNumber(a)]), [[1, 400], [2, 400], [3, 200]]);
  });

  it('a profile spreads each year evenly over the weeks that start in it, and pays no year after the last payment date', () => {
    const t = timeline(1, 60); // 2020-01-01 to about 2021-02
    const { byWeek, late } = paymentSchedule([{ cohort: 'c', amount: Q.int(3000), delay: 0 }], t, new Map([['c', new Map([['2020', { n: 1, d: 3 }], ['2021', { n: 1, d: 3 }], ['2030', { n: 1, d: 3 }]])]]));
    assert.equal(Q.toNumber(late), 1000);
    const in2020 = [...byWeek].filter(([w]) => w < 53).reduce((s, [, a]) => s + Q.toNumber(a), 0);
    assert.ok(Math.abs(in2020 - 1000) < 1e-9);
  });

  it('quarters are calendar months from the start: dates and month arithmetic are exact', () => {
    const start = dayOf('2019-01-31')!;
    assert.equal(isoOf(addMonths(start, 1)), '2019-02-28');
    assert.equal(isoOf(addMonths(start, 13)), '2020-02-29');
    assert.equal(monthsBetween(start, dayOf('2019-04-30')!), 3); // the 31st's third month ends on the 30th
    assert.equal(monthsBetween(start, dayOf('2019-04-01')!), 2);
    assert.equal(dayOf('2019-02-30'), undefined);
    fc.assert(fc.property(fc.integer({ min: -200000, max: 200000 }), (day) => assert.equal(dayOf(isoOf(day)), day)));
  });
});
