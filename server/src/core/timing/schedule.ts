/**
 * When outcome payments arrive (docs/value.md, "When payments arrive"). Time runs in weeks from
 * the contract's start: participants join evenly over the recruitment window (the same share
 * each week), each outcome is evidenced a fixed number of weeks after a participant joins (its
 * delay), a line paid per period pays each period as it passes, and nothing is paid after the
 * last payment date. Amounts stay exact fractions: a week's payment is the sum of exact shares.
 */
import type { FrameworkModel, Period, ProjectionModel, RateCardModel } from '../model';
import { ownNumber } from '../records';
import * as Q from '../totals/rational';
import { dayOf, yearOf } from './dates';

export interface Timeline {
  /** The contract's start, as a day number (dates.ts). */
  start: number;
  /** Weeks over which participants join: from start to recruitmentEnd, the last part-week counted. */
  recruitmentWeeks: number;
  /** Days the service runs, start to serviceEnd (else end), both counted. */
  serviceDays: number;
  /** Days of the contract, start to end, both counted. */
  contractDays: number;
  /** The last day a payment may be made: finalPaymentDate, else end. */
  lastPaymentDay: number;
}

export type TimelineReading = { ok: true; timeline: Timeline } | { ok: false; missing: string };

/** The contract's timeline from the framework's `contract` dates, or what is missing, in the analyst's words. Read once per framework model; treat it as read-only. */
export function contractTimeline(framework: FrameworkModel | undefined): TimelineReading {
  if (!framework) return readTimeline(framework);
  let known = timelinesByFramework.get(framework);
  if (!known) timelinesByFramework.set(framework, (known = readTimeline(framework)));
  return known;
}

/** Each framework model's timeline (a model is never changed once built; an edit makes a new one). */
const timelinesByFramework = new WeakMap<FrameworkModel, TimelineReading>();

function readTimeline(framework: FrameworkModel | undefined): TimelineReading {
  if (!framework) return { ok: false, missing: 'The framework could not be read, so the contract dates are unknown: the cash flow needs contract.start, contract.recruitmentEnd and contract.end.' };
  const contract = (framework.data.contract ?? {}) as Record<string, unknown>;
  const read = (key: string) => dayOf(contract[key]);
  const start = read('start');
  const recruitmentEnd = read('recruitmentEnd');
  const end = read('end');
  const absent = [start === undefined && 'start', recruitmentEnd === undefined && 'recruitmentEnd', end === undefined && 'end'].filter((k): k is string => typeof k === 'string');
  if (absent.length) {
    return {
      ok: false,
      missing: `The framework's contract gives no ${absent.map((k) => `contract.${k}`).join(', ')}: the investor's cash flow needs the dates participants join between (start, recruitmentEnd) and the contract's end (costs run to it, and nothing is paid after finalPaymentDate, else end). Add them as YYYY-MM-DD.`,
    };
  }
  if (recruitmentEnd! < start! || end! < start!) return { ok: false, missing: 'The contract ends, or recruitment ends, before contract.start: the cash flow cannot be timed. Check the dates.' };
  // No outcomes contract runs a century: dates that far apart are a typing mistake, and would cost time for nothing.
  if (Math.max(end!, read('finalPaymentDate') ?? end!, read('serviceEnd') ?? end!) - start! > 36525) return { ok: false, missing: 'The contract dates run more than 100 years from contract.start: check the dates.' };
  const serviceEnd = read('serviceEnd') ?? end!;
  const lastPaymentDay = read('finalPaymentDate') ?? end!;
  return {
    ok: true,
    timeline: {
      start: start!,
      recruitmentWeeks: Math.floor((recruitmentEnd! - start!) / 7) + 1,
      serviceDays: Math.max(0, serviceEnd - start! + 1),
      contractDays: end! - start! + 1,
      lastPaymentDay,
    },
  };
}

/**
 * Weeks from a participant joining to each outcome being evidenced (and paid): its prerequisites'
 * delay (the latest), then a sustainment outcome's `sustainWeeks` on top, and an entry or
 * attainment outcome no sooner than its `weeksToAchieve`. Engagement and the rest: as soon as
 * their prerequisites.
 */
export function outcomeDelays(framework: FrameworkModel | undefined): (outcome: string) => number {
  if (!framework) return () => 0;
  let known = delaysByFramework.get(framework);
  if (!known) delaysByFramework.set(framework, (known = delaysOf(framework)));
  return known;
}

/** Each framework model's delays, worked out once (a model is never changed once built). */
const delaysByFramework = new WeakMap<FrameworkModel, (outcome: string) => number>();

function delaysOf(framework: FrameworkModel): (outcome: string) => number {
  const memo = new Map<string, number>();
  const visiting = new Set<string>();
  const delayOf = (id: string): number => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const entry = framework.outcomeById.get(id);
    if (!entry || visiting.has(id)) return 0; // a cycle is an error of its own
    visiting.add(id);
    let weeks = 0;
    for (const required of entry.requires) weeks = Math.max(weeks, delayOf(required));
    const value = entry.value as Record<string, unknown>;
    const sustain = value.sustainWeeks;
    // weeksToAchieve (issue 20b's field) is read defensively: it may be absent from older schemas.
    const toAchieve = value.weeksToAchieve;
    if (value.stage === 'sustainment' && Number.isInteger(sustain) && (sustain as number) > 0) weeks += sustain as number;
    else if ((value.stage === 'entry' || value.stage === 'attainment') && Number.isInteger(toAchieve) && (toAchieve as number) >= 0) weeks = Math.max(weeks, toAchieve as number);
    visiting.delete(id);
    memo.set(id, weeks);
    return weeks;
  };
  return delayOf;
}

/** How many weeks one period lasts: a month is 52/12 weeks, a quarter 13. */
export const PERIOD_WEEKS: Record<Period, Q.Rational> = { week: Q.ONE, month: { n: 13, d: 3 }, quarter: Q.int(13) };

/** One cohort's expected payments for one outcome, to be timed. */
export interface TimedPart {
  cohort: string;
  /** The exact amount expected in all (after caps), in minor units. */
  amount: Q.Rational;
  /** Weeks from joining to the outcome being evidenced (outcomeDelays). */
  delay: number;
  /** For a line paid per period: the period and the expected periods per achiever (not all whole). */
  periods?: { per: Period; expected: Q.Rational };
}

/**
 * A line paid per period: its period and the expected periods per achiever, the projection's
 * `periodsPerAchiever` held to `maxPeriods` (or `maxPeriods` itself when not projected).
 */
export function expectedPeriods(line: RateCardModel['prices'][number], projection: ProjectionModel | undefined, source: () => string | undefined = () => undefined): TimedPart['periods'] {
  if (line.periods?.max === undefined) return undefined;
  const raw = projection && line.outcome !== undefined ? ownNumber(projection.periodsPerAchiever, line.outcome) : undefined;
  const max = Q.int(line.periods.max);
  return { per: line.periods.per, expected: raw === undefined ? max : Q.min(max, Q.readShare(source, raw)) };
}

export interface PaymentSchedule {
  /** Exact payments by week from the contract's start (week 0). */
  byWeek: Map<number, Q.Rational>;
  /** What the outcomes would have paid after the last payment date: never paid. */
  late: Q.Rational;
}

/**
 * Times the parts. A cohort with a `profile` in `profiles` (year → share of its expected
 * payments) is spread by it instead: each year's share evenly over the weeks that start in that year.
 */
export function paymentSchedule(parts: readonly TimedPart[], timeline: Timeline, profiles: ReadonlyMap<string, ReadonlyMap<string, Q.Rational>> = new Map()): PaymentSchedule {
  const byWeek = new Map<number, Q.Rational>();
  let late: Q.Rational = Q.ZERO;
  const lastWeek = Math.floor((timeline.lastPaymentDay - timeline.start) / 7);
  const put = (week: number, amount: Q.Rational) => {
    if (Q.isZero(amount)) return;
    if (week > lastWeek) late = Q.add(late, amount);
    else byWeek.set(week, Q.add(byWeek.get(week) ?? Q.ZERO, amount));
  };
  // Parts with the same timing are summed first and spread once: a thousand lines cost one spread.
  const sums = new Map<string, { amount: Q.Rational; spread: Map<number, Q.Rational> | (() => Map<number, Q.Rational>) }>();
  const profiled = new Map<string, Q.Rational>();
  for (const part of parts) {
    if (profiles.has(part.cohort)) {
      profiled.set(part.cohort, Q.add(profiled.get(part.cohort) ?? Q.ZERO, part.amount));
      continue;
    }
    const key = part.periods ? `${part.delay}|${part.periods.per}|${part.periods.expected.n}/${part.periods.expected.d}` : `${part.delay}`;
    const entry = sums.get(key);
    if (entry) entry.amount = Q.add(entry.amount, part.amount);
    else sums.set(key, { amount: part.amount, spread: () => spreadOf(timeline.recruitmentWeeks, part.delay, part.periods, lastWeek) });
  }
  for (const { amount, spread } of sums.values()) {
    const weights = typeof spread === 'function' ? spread() : spread;
    for (const [week, weight] of weights) put(week, Q.mul(amount, weight));
  }
  // The weeks that start in each year, found once for every cohort.
  const weeksIn = new Map<number, number[]>();
  if (profiled.size) {
    for (let w = 0; w <= lastWeek; w++) {
      const year = yearOf(timeline.start + 7 * w);
      const list = weeksIn.get(year);
      if (list) list.push(w);
      else weeksIn.set(year, [w]);
    }
  }
  for (const [cohort, amount] of profiled) {
    for (const [year, share] of profiles.get(cohort)!) {
      const weeks = weeksIn.get(Number(year)) ?? [];
      const yearAmount = Q.mul(amount, share);
      if (weeks.length === 0) {
        // A year wholly before the contract starts is paid at the start; one after the last payment date, never.
        if (Number(year) < yearOf(timeline.start)) put(0, yearAmount);
        else late = Q.add(late, yearAmount);
        continue;
      }
      const each = Q.div(yearAmount, Q.int(weeks.length));
      for (const week of weeks) put(week, each);
    }
  }
  return { byWeek, late };
}

/**
 * The share of one part paid in each week: joining evenly over `recruitmentWeeks` (1/W each),
 * paid `delay` weeks later; per period, each period k paid at ceil(k × its length) weeks after
 * that, the last part-period in proportion. Shares add up to 1.
 */
export function spreadOf(recruitmentWeeks: number, delay: number, periods?: { per: Period; expected: Q.Rational }, horizon = Infinity): Map<number, Q.Rational> {
  const out = new Map<number, Q.Rational>();
  const perJoin = Q.div(Q.ONE, Q.int(recruitmentWeeks));
  if (!periods) {
    for (let w = 0; w < recruitmentWeeks; w++) out.set(delay + w, perJoin);
    return out;
  }
  if (Q.isZero(periods.expected)) return out;
  const whole = Number(Q.floor(periods.expected));
  const part = Q.sub(periods.expected, Q.int(whole));
  const length = PERIOD_WEEKS[periods.per];
  // Week offsets of each period's payment, with its weight (1, or the part-period's fraction).
  const offsets = new Map<number, Q.Rational>();
  const count = Q.isZero(part) ? whole : whole + 1;
  for (let k = 1; k <= count; k++) {
    const at = Number(ceil(Q.mulInt(length, k)));
    // Periods past the last payment week are never paid: their weight goes in one bucket past it
    // (so a maxPeriods of a billion costs no more than the contract's weeks).
    if (at > horizon) {
      offsets.set(horizon + 1, Q.sub(periods.expected, Q.int(k - 1)));
      break;
    }
    const weight = k <= whole ? Q.ONE : part;
    offsets.set(at, Q.add(offsets.get(at) ?? Q.ZERO, weight));
  }
  const each = Q.div(perJoin, periods.expected);
  for (const [at, weight] of offsets) {
    const share = Q.mul(each, weight);
    for (let w = 0; w < recruitmentWeeks; w++) {
      const week = delay + w + at;
      out.set(week, Q.add(out.get(week) ?? Q.ZERO, share));
    }
  }
  return out;
}

function ceil(a: Q.Rational): bigint {
  const f = Q.floor(a);
  return Q.compare(Q.int(f), a) === 0 ? f : f + 1n;
}
