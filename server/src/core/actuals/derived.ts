/**
 * The plan's timing for a cohort whose projection has no `profile` (docs/actuals.md, "Plan to
 * date"): the timing docs/value.md defines for the investor's cash flow. Participants join evenly
 * over recruitment, each outcome is evidenced and paid its delay after joining (outcomeDelays), a
 * line paid per period pays each period as it passes, and nothing after the last payment date.
 * Everything stays an exact fraction. Without the contract's dates there is no such timing: the
 * reason is returned instead, in the analyst's words.
 */
import type { FrameworkModel, ProjectionModel, RateCardModel } from '../model';
import { projectionFor } from '../totals/inputs';
import { expectedParts } from '../totals';
import * as Q from '../totals/rational';
import { contractTimeline, dayOf, expectedPeriods, outcomeDelays, paymentSchedule, spreadOf, type TimedPart, type Timeline } from '../timing';
import { lineFor } from './contract';
import { lastDayOf } from './periods';

export interface DerivedTiming {
  /** A cohort's exact payments planned by the end of `month` (year × 12 + month − 1). */
  paymentsBy(cohort: string, month: number): Q.Rational;
  /** The share of a cohort's planned count of `outcome` evidenced by the end of `month`. */
  shareBy(cohort: string, outcome: string, month: number, projection: ProjectionModel): Q.Rational;
}

/** Cumulative sums over sorted weeks, for "how much by week w" in one search. */
function cumulative(byWeek: Map<number, Q.Rational>): (week: number) => Q.Rational {
  const weeks = [...byWeek.keys()].sort((a, b) => a - b);
  const sums: Q.Rational[] = [];
  let sum: Q.Rational = Q.ZERO;
  for (const w of weeks) sums.push((sum = Q.add(sum, byWeek.get(w)!)));
  return (week) => {
    let lo = 0;
    let hi = weeks.length; // first index with weeks[i] > week
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (weeks[mid] <= week) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? Q.ZERO : sums[lo - 1];
  };
}

/** The derived timing for these cohorts, or why it cannot be made. */
export function derivedTiming(card: RateCardModel, framework: FrameworkModel | undefined, cohorts: readonly string[]): DerivedTiming | string {
  const reading = contractTimeline(framework);
  if (!reading.ok) {
    // contractTimeline's words are the investor's: say here only which dates are wanting.
    const absent = /gives no ([^:]+):/.exec(reading.missing)?.[1];
    return absent ? `the framework gives no ${absent}` : reading.missing.startsWith('The framework could not be read') ? 'the framework could not be read' : `the contract dates do not make a timeline (${reading.missing.replace(/\.$/, '').replace(/^The /, 'the ')})`;
  }
  const timeline: Timeline = reading.timeline;
  const expected = expectedParts(card, framework);
  if (!expected) return 'the expected payments cannot be computed exactly';
  const delayOf = outcomeDelays(framework);
  const lastWeek = Math.floor((timeline.lastPaymentDay - timeline.start) / 7);
  const wanted = new Set(cohorts);
  const lineByIndex = new Map(card.prices.map((l) => [l.index, l]));
  // As the investor's cash flow times them (core/investor, stateOf): per participant, then scaled by the cohort's factor.
  const timed = new Map<string, TimedPart[]>();
  for (const part of expected.parts) {
    if (!wanted.has(part.cohort)) continue;
    const line = lineByIndex.get(part.line)!;
    const projection = projectionFor(part.cohort, card);
    const periods = expectedPeriods(line, projection);
    const list = timed.get(part.cohort) ?? [];
    list.push({ cohort: part.cohort, amount: part.amount, delay: delayOf(line.outcome ?? ''), periods });
    timed.set(part.cohort, list);
  }
  const weekOf = (month: number) => Math.min(lastWeek, Math.floor((dayOf(lastDayOf(month))! - timeline.start) / 7));
  const payments = new Map<string, (week: number) => Q.Rational>();
  for (const [cohort, parts] of timed) {
    const final = expected.cohorts.get(cohort)!.final;
    const scaled = new Map<number, Q.Rational>();
    for (const [week, amount] of paymentSchedule(parts, timeline).byWeek) scaled.set(week, Q.mul(amount, final));
    payments.set(cohort, cumulative(scaled));
  }
  const shares = new Map<string, (week: number) => Q.Rational>();
  return {
    paymentsBy: (cohort, month) => payments.get(cohort)?.(weekOf(month)) ?? Q.ZERO,
    shareBy: (cohort, outcome, month, projection) => {
      const key = `${cohort}\u0000${outcome}`;
      let by = shares.get(key);
      if (!by) {
        const line = lineFor(card, cohort, outcome);
        shares.set(key, (by = cumulative(spreadOf(timeline.recruitmentWeeks, delayOf(outcome), line ? expectedPeriods(line, projection) : undefined, lastWeek))));
      }
      return by(weekOf(month));
    },
  };
}
