/**
 * The investor's costs and payments by quarter, and the quarterly cash flow (docs/value.md, "The
 * investor's case"). Time runs in weeks from the contract's start (core/timing); quarters are
 * three calendar months from it. Costs: fixed costs and fees at the start; a participant's
 * delivery cost the week they join; running costs and fees a year by day (÷ 365) while the
 * service (fees: the contract) runs. Exact to the end, then each column rounded once and shared
 * out by quarter (largest remainder), so the quarters add up to the wholes.
 *
 * Every amount is constant over runs of weeks (a cohort's year under a profile, the recruitment
 * window, a year's running costs), so it is put in each quarter once, times the quarter's count
 * of those weeks, rather than week by week: the same exact sums, a few hundred fewer fractions.
 * test/unit/investor-cash-flow.test.ts checks this against a plain week-by-week reckoning.
 */
import type { InvestmentModel, Period } from '../model';
import * as Q from '../totals/rational';
import { addMonths, isoOf, spreadOf, yearOf, type Timeline } from '../timing';

/** How a timeline's weeks fall into quarters and years: a pure function of its dates, so worked out once per timeline. */
export interface Calendar {
  timeline: Timeline;
  /** The last week a payment can be made in (negative when the last payment date is before the start). */
  lastWeek: number;
  /** The quarter (0 for the contract's first) of each week from 0 to the last week anything falls in. */
  quarterOfWeek: Int32Array;
  /** Per calendar year: how many of its weeks (those starting in it) are payment weeks, and how many of them fall in each quarter. */
  paymentWeeksByYear: Map<number, { count: number; byQuarter: [quarter: number, weeks: number][] }>;
  /** The share of a timing (delay, periods) paid in each quarter, and after the last payment date; made when first asked for. */
  spreads: Map<string, Spread>;
}

/** A timing's shares by quarter (as far as `last`, the last quarter it pays in; -1 when none), and its share paid late. */
interface Spread {
  byQuarter: Q.Rational[];
  last: number;
  late: Q.Rational;
}

const calendars = new Map<string, Calendar>();

/** The calendar of a timeline, made once per set of dates (a few are kept: the what-if and break-even share the framework's). */
export function calendarOf(timeline: Timeline): Calendar {
  const key = `${timeline.start}|${timeline.recruitmentWeeks}|${timeline.serviceDays}|${timeline.contractDays}|${timeline.lastPaymentDay}`;
  const known = calendars.get(key);
  if (known) return known;
  if (calendars.size >= 8) calendars.clear();
  const calendar = makeCalendar(timeline);
  calendars.set(key, calendar);
  return calendar;
}

function makeCalendar(timeline: Timeline): Calendar {
  const lastWeek = Math.floor((timeline.lastPaymentDay - timeline.start) / 7);
  const weeks = Math.max(lastWeek + 1, timeline.recruitmentWeeks, Math.ceil(timeline.serviceDays / 7), Math.ceil(timeline.contractDays / 7), 1);
  // A week's quarter: the last quarter starting on or before the week's first day (addMonths only grows).
  const quarterOfWeek = new Int32Array(weeks);
  let quarter = 0;
  let next = addMonths(timeline.start, 3);
  for (let w = 0; w < weeks; w++) {
    const day = timeline.start + 7 * w;
    while (day >= next) next = addMonths(timeline.start, 3 * (++quarter + 1));
    quarterOfWeek[w] = quarter;
  }
  const paymentWeeksByYear: Calendar['paymentWeeksByYear'] = new Map();
  for (let w = 0; w <= lastWeek; w++) {
    const year = yearOf(timeline.start + 7 * w);
    let entry = paymentWeeksByYear.get(year);
    if (!entry) paymentWeeksByYear.set(year, (entry = { count: 0, byQuarter: [] }));
    entry.count++;
    const last = entry.byQuarter[entry.byQuarter.length - 1];
    if (last && last[0] === quarterOfWeek[w]) last[1]++;
    else entry.byQuarter.push([quarterOfWeek[w], 1]);
  }
  return { timeline, lastWeek, quarterOfWeek, paymentWeeksByYear, spreads: new Map() };
}

/** Exact amounts by quarter, summed in place, and the last quarter anything was put in (even a zero, as a cohort's payments cut to nothing by a cap: the cash flow runs to it). */
export class Quarters {
  readonly sums: Q.Sum[] = [];
  last = 0;

  add(quarter: number, amount: Q.Rational): void {
    if (quarter > this.last) this.last = quarter;
    while (this.sums.length <= quarter) this.sums.push(new Q.Sum());
    this.sums[quarter].add(amount);
  }

  value(quarter: number): Q.Rational {
    return quarter < this.sums.length ? this.sums[quarter].value() : Q.ZERO;
  }
}

/** One cohort's payments by quarter before its final factor (per participant, before caps), and what would be paid after the last payment date. */
export interface CohortSchedule {
  quarters: Map<number, Q.Rational>;
  late: Q.Rational;
}

/**
 * A cohort's payments by quarter from its parts grouped by timing (delay, and periods for a line
 * paid per period), each group's amount the exact sum of its parts: as core/timing's
 * paymentSchedule times them, bucketed by quarter.
 */
export function timedByQuarter(groups: Iterable<{ amount: Q.Rational; delay: number; periods?: { per: Period; expected: Q.Rational } }>, calendar: Calendar): CohortSchedule {
  const quarters = new Map<number, Q.Rational>();
  let late: Q.Rational = Q.ZERO;
  for (const group of groups) {
    if (Q.isZero(group.amount)) continue;
    const spread = spreadByQuarter(calendar, group.delay, group.periods);
    for (let q = 0; q <= spread.last; q++) {
      const share = spread.byQuarter[q];
      if (share === undefined || Q.isZero(share)) continue;
      quarters.set(q, Q.add(quarters.get(q) ?? Q.ZERO, Q.mul(group.amount, share)));
    }
    if (!Q.isZero(spread.late)) late = Q.add(late, Q.mul(group.amount, spread.late));
  }
  return { quarters, late };
}

/** spreadOf's shares of one timing, by quarter; kept in the calendar (a pure function of the dates and the timing). */
function spreadByQuarter(calendar: Calendar, delay: number, periods: { per: Period; expected: Q.Rational } | undefined): Spread {
  const key = periods ? `${delay}|${periods.per}|${periods.expected.n}/${periods.expected.d}` : `${delay}`;
  const known = calendar.spreads.get(key);
  if (known) return known;
  const sums: Q.Sum[] = [];
  let last = -1;
  let late: Q.Rational = Q.ZERO;
  for (const [week, weight] of spreadOf(calendar.timeline.recruitmentWeeks, delay, periods, calendar.lastWeek)) {
    if (Q.isZero(weight)) continue;
    if (week > calendar.lastWeek) {
      late = Q.add(late, weight);
      continue;
    }
    const q = calendar.quarterOfWeek[week];
    while (sums.length <= q) sums.push(new Q.Sum());
    sums[q].add(weight);
    if (q > last) last = q;
  }
  const spread = { byQuarter: sums.map((s) => s.value()), last, late };
  // Bounded: a spread holds a fraction per quarter, and a century-long contract has 400 quarters.
  if (calendar.spreads.size >= 256) calendar.spreads.clear();
  calendar.spreads.set(key, spread);
  return spread;
}

/**
 * A cohort's payments under a `profile` (year → share of `amount`): each year's share evenly over
 * the payment weeks that start in it; a year wholly before the start is paid at the start, one
 * with no payment week after it never.
 */
export function profiledByQuarter(amount: Q.Rational, profile: ReadonlyMap<string, Q.Rational>, calendar: Calendar): CohortSchedule {
  const quarters = new Map<number, Q.Rational>();
  let late: Q.Rational = Q.ZERO;
  const put = (q: number, value: Q.Rational) => quarters.set(q, Q.add(quarters.get(q) ?? Q.ZERO, value));
  for (const [year, share] of profile) {
    const yearAmount = Q.mul(amount, share);
    if (Q.isZero(yearAmount)) continue;
    const weeks = calendar.paymentWeeksByYear.get(Number(year));
    if (!weeks) {
      if (Number(year) < yearOf(calendar.timeline.start) && calendar.lastWeek >= 0) put(0, yearAmount);
      else late = Q.add(late, yearAmount);
      continue;
    }
    const each = Q.div(yearAmount, Q.int(weeks.count));
    for (const [q, count] of weeks.byQuarter) put(q, Q.mulInt(each, count));
  }
  return { quarters, late };
}

/** The costs by quarter: `participants` join evenly over the recruitment window. */
export function costsByQuarter(investment: InvestmentModel, calendar: Calendar, participants: number, into: Quarters): void {
  const { timeline, quarterOfWeek } = calendar;
  const fixed = Q.int((investment.costs.fixed ?? 0) + (investment.fees.fixed ?? 0));
  if (!Q.isZero(fixed)) into.add(0, fixed);
  const perParticipant = investment.costs.perParticipant ?? 0;
  if (perParticipant && participants) {
    const weekly = Q.mulInt(Q.div(Q.int(perParticipant), Q.int(timeline.recruitmentWeeks)), participants);
    if (!Q.isZero(weekly)) {
      // Weeks 0 … W−1 counted by quarter (quarters run in order).
      let q = quarterOfWeek[0];
      let count = 0;
      for (let w = 0; w < timeline.recruitmentWeeks; w++) {
        if (quarterOfWeek[w] !== q) {
          into.add(q, Q.mulInt(weekly, count));
          q = quarterOfWeek[w];
          count = 0;
        }
        count++;
      }
      into.add(q, Q.mulInt(weekly, count));
    }
  }
  const byDay = (perYear: number | undefined, days: number) => {
    if (!perYear) return;
    // Each week's days (7, the last part-week fewer) counted by quarter, then × perYear ÷ 365 once per quarter.
    const daily = Q.div(Q.int(perYear), Q.int(365));
    let q = quarterOfWeek[0];
    let inQuarter = 0;
    for (let w = 0; w * 7 < days; w++) {
      if (quarterOfWeek[w] !== q) {
        into.add(q, Q.mulInt(daily, inQuarter));
        q = quarterOfWeek[w];
        inQuarter = 0;
      }
      inQuarter += Math.min(7, days - 7 * w);
    }
    if (inQuarter > 0) into.add(q, Q.mulInt(daily, inQuarter));
  };
  byDay(investment.costs.perYear, timeline.serviceDays);
  byDay(investment.fees.perYear, timeline.contractDays);
}

export interface QuarterFlow {
  /** The quarter's first day (YYYY-MM-DD). */
  period: string;
  /** 0 for the quarter the contract starts in. */
  quarter: number;
  costs: number;
  payments: number;
  /** Payments less costs so far (negative: money the investors have put in and not yet had back). */
  balance: number;
}

export interface CashFlow {
  costs: number;
  payments: number;
  quarters: QuarterFlow[];
  /** The deepest balance, as a positive amount (0 when the balance never goes below nothing). */
  peakFunding: number;
  /** Exact wholes, before rounding (for break-even). */
  exactCosts: Q.Rational;
  exactPayments: Q.Rational;
}

/** Rounds the exact quarters to the quarterly cash flow. Null when a whole is past any number. */
export function quarterly(costs: Quarters, payments: Quarters, timeline: Timeline): CashFlow | null {
  const count = Math.max(costs.last, payments.last) + 1;
  const costQ: Q.Rational[] = [];
  const payQ: Q.Rational[] = [];
  const exactCosts = new Q.Sum();
  const exactPayments = new Q.Sum();
  for (let q = 0; q < count; q++) {
    costQ.push(costs.value(q));
    payQ.push(payments.value(q));
    exactCosts.add(costQ[q]);
    exactPayments.add(payQ[q]);
  }
  const costWhole = Q.roundHalfUp(exactCosts.value());
  const payWhole = Q.roundHalfUp(exactPayments.value());
  if (!Number.isSafeInteger(costWhole) || !Number.isSafeInteger(payWhole)) return null;
  const costParts = Q.largestRemainder(costWhole, costQ);
  const payParts = Q.largestRemainder(payWhole, payQ);
  let balance = 0;
  let deepest = 0;
  const flows: QuarterFlow[] = costQ.map((_, q) => {
    balance += payParts[q] - costParts[q];
    deepest = Math.min(deepest, balance);
    return { period: isoOf(addMonths(timeline.start, 3 * q)), quarter: q, costs: costParts[q], payments: payParts[q], balance };
  });
  return { costs: costWhole, payments: payWhole, quarters: flows, peakFunding: -deepest, exactCosts: exactCosts.value(), exactPayments: exactPayments.value() };
}
