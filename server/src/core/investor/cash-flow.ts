/**
 * The investor's costs, week by week from the contract's start, and the quarterly cash flow
 * (docs/value.md, "The investor's case"). Costs: fixed costs and fees at the start; a
 * participant's delivery cost the week they join; running costs and fees a year by day (÷ 365)
 * while the service (fees: the contract) runs. Quarters are three calendar months from the
 * contract's start. Exact to the end, then each column rounded once and shared out by quarter
 * (largest remainder), so the quarters add up to the wholes.
 */
import type { InvestmentModel } from '../model';
import * as Q from '../totals/rational';
import { addMonths, isoOf, monthsBetween, type Timeline } from '../timing';

/** The costs by week: `participants` join evenly over the recruitment window. */
export function costsByWeek(investment: InvestmentModel, timeline: Timeline, participants: number): Map<number, Q.Rational> {
  const byWeek = new Map<number, Q.Rational>();
  const put = (week: number, amount: Q.Rational) => {
    if (!Q.isZero(amount)) byWeek.set(week, Q.add(byWeek.get(week) ?? Q.ZERO, amount));
  };
  put(0, Q.int((investment.costs.fixed ?? 0) + (investment.fees.fixed ?? 0)));
  const perParticipant = investment.costs.perParticipant ?? 0;
  if (perParticipant && participants) {
    const each = Q.div(Q.int(perParticipant * 1), Q.int(timeline.recruitmentWeeks));
    const weekly = Q.mulInt(each, participants);
    for (let w = 0; w < timeline.recruitmentWeeks; w++) put(w, weekly);
  }
  const byDay = (perYear: number | undefined, days: number) => {
    if (!perYear) return;
    for (let w = 0; w * 7 < days; w++) put(w, Q.div(Q.int(perYear * Math.min(7, days - 7 * w)), Q.int(365)));
  };
  byDay(investment.costs.perYear, timeline.serviceDays);
  byDay(investment.fees.perYear, timeline.contractDays);
  return byWeek;
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

/** Sums weeks into quarters and rounds. Null when a whole is past any number. */
export function quarterly(costs: Map<number, Q.Rational>, payments: Map<number, Q.Rational>, timeline: Timeline): CashFlow | null {
  const quarterOf = (week: number) => Math.floor(monthsBetween(timeline.start, timeline.start + 7 * week) / 3);
  const sum = (byWeek: Map<number, Q.Rational>) => {
    const out = new Map<number, Q.Rational>();
    for (const [week, amount] of byWeek) {
      const q = quarterOf(week);
      out.set(q, Q.add(out.get(q) ?? Q.ZERO, amount));
    }
    return out;
  };
  const costQ = sum(costs);
  const payQ = sum(payments);
  const last = Math.max(0, ...costQ.keys(), ...payQ.keys());
  const quarters = Array.from({ length: last + 1 }, (_, q) => q);
  const exactCosts = [...costQ.values()].reduce(Q.add, Q.ZERO);
  const exactPayments = [...payQ.values()].reduce(Q.add, Q.ZERO);
  const costWhole = Q.roundHalfUp(exactCosts);
  const payWhole = Q.roundHalfUp(exactPayments);
  if (!Number.isSafeInteger(costWhole) || !Number.isSafeInteger(payWhole)) return null;
  const costParts = Q.largestRemainder(costWhole, quarters.map((q) => costQ.get(q) ?? Q.ZERO));
  const payParts = Q.largestRemainder(payWhole, quarters.map((q) => payQ.get(q) ?? Q.ZERO));
  let balance = 0;
  let deepest = 0;
  const flows: QuarterFlow[] = quarters.map((q, i) => {
    balance += payParts[i] - costParts[i];
    deepest = Math.min(deepest, balance);
    return { period: isoOf(addMonths(timeline.start, 3 * q)), quarter: q, costs: costParts[i], payments: payParts[i], balance };
  });
  return { costs: costWhole, payments: payWhole, quarters: flows, peakFunding: -deepest, exactCosts, exactPayments };
}
