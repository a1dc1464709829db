/** Outcomes that cannot complete before the contract ends are promised but never paid. */
import { meta as ruleMeta, nameOf, relatedAt } from './common';
import { stageOf } from './facts';
import type { OutcomeEntry } from '../model';
import type { Rule } from './types';

export const meta = ruleMeta('payment-after-contract-end', 'warning', 'An outcome (its sustainment or weeksToAchieve) or a line\'s periods cannot complete before the contract ends, or the projection pays in a year after it.');

const DAY = 24 * 60 * 60 * 1000;

function dateOf(value: unknown): number | undefined {
  if (value instanceof Date) return value.getTime();
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const time = Date.parse(`${value}T00:00:00Z`);
  return Number.isNaN(time) ? undefined : time;
}

/** A date `weeks` weeks and `months` calendar months after `time` (UTC). */
function after(time: number, weeks: number, months = 0): number {
  const date = new Date(time + weeks * 7 * DAY);
  if (months) date.setUTCMonth(date.getUTCMonth() + months);
  return date.getTime();
}

const iso = (time: number) => new Date(time).toISOString().slice(0, 10);

/**
 * When the period a prerequisite opens begins, given when it is reached (`weeks` from joining): a
 * sustainment prerequisite of the same domain is part of the same period, so it begins when that
 * one's period began.
 */
function beginsAfter(outcome: OutcomeEntry, sustained: boolean, prerequisite: OutcomeEntry | undefined, weeks: number): number {
  const nested = sustained && prerequisite && stageOf(prerequisite) === 'sustainment' && prerequisite.value.domain === outcome.value.domain;
  const prerequisiteWeeks = typeof prerequisite?.value.sustainWeeks === 'number' ? prerequisite.value.sustainWeeks : 0;
  return nested ? Math.max(0, weeks - prerequisiteWeeks) : weeks;
}

type ContractDates = { recruitmentEnd?: unknown; end?: unknown; trackingEnd?: unknown; finalPaymentDate?: unknown };

export const check: Rule['check'] = ({ facts, report }) => {
  const framework = facts.framework;
  const contract = framework?.data.contract as ContractDates | undefined;
  // The last date an outcome may be achieved (or a period held), and the last a payment may be made.
  const achievedBy = (['trackingEnd', 'end', 'finalPaymentDate'] as const).find((f) => dateOf(contract?.[f]) !== undefined);
  const paidBy = (['finalPaymentDate', 'end', 'trackingEnd'] as const).find((f) => dateOf(contract?.[f]) !== undefined);
  if (!framework || !achievedBy || !paidBy) return;
  const end = dateOf(contract![achievedBy])!;
  const endText = `${achievedBy === 'end' ? 'the contract ends' : achievedBy === 'trackingEnd' ? 'tracking ends' : 'the final payment date'} (${String(contract![achievedBy])})`;
  const endRelated = relatedAt(framework, ['contract', achievedBy], achievedBy === 'end' ? 'the contract ends here' : achievedBy === 'trackingEnd' ? 'the last date an outcome may be achieved' : 'the last date a payment may be made');
  const target = facts.frameworkTarget;
  const recruitmentEnd = dateOf(contract?.recruitmentEnd);
  // Weeks from joining to achieving an outcome (for a sustainment, to the end of its period).
  // An entry or attainment takes its `weeksToAchieve` (counted from joining), and no less than
  // what it requires. A sustainment period starts once what it requires is achieved, except that
  // a sustainment prerequisite of the same domain is part of the same period (13 weeks in work,
  // then 26 weeks in the same work), so it starts when that one's period started.
  const memo = new Map<string, number>();
  const weeksTo = (id: string, seen: Set<string>): number => {
    if (memo.has(id)) return memo.get(id)!;
    const outcome = facts.outcomeById(id);
    if (!outcome || seen.has(id)) return 0; // cycles are reported by requires-cycle
    seen.add(id);
    const sustained = stageOf(outcome) === 'sustainment';
    const own = sustained ? (typeof outcome.value.sustainWeeks === 'number' ? outcome.value.sustainWeeks : 0) : (outcome.weeksToAchieve ?? 0);
    let begin = 0;
    let total = own;
    // Nothing built per prerequisite: this runs for every outcome.
    for (const r of outcome.requires) {
      const weeks = weeksTo(r, seen);
      begin = Math.max(begin, beginsAfter(outcome, sustained, facts.outcomeById(r), weeks));
      total = Math.max(total, weeks);
    }
    // Of the outcomes it may follow (`requiresAnyOf`), the earliest: a late recruit takes the quickest route.
    // A route it excludes (or that excludes it) is no route.
    if (outcome.requiresAnyOf.length > 0) {
      const routes = outcome.requiresAnyOf
        .filter((r) => facts.outcomeById(r) && !seen.has(r) && !outcome.excludes.includes(r) && !facts.outcomeById(r)!.excludes.includes(outcome.id))
        .map((r) => {
          const weeks = weeksTo(r, seen);
          return { weeks, begins: beginsAfter(outcome, sustained, facts.outcomeById(r), weeks) };
        });
      if (routes.length) {
        const earliest = routes.reduce((a, b) => (b.weeks < a.weeks ? b : a));
        begin = Math.max(begin, earliest.begins);
        total = Math.max(total, earliest.weeks);
      }
    }
    total = Math.max(total, sustained ? begin + own : begin);
    seen.delete(id);
    memo.set(id, total);
    return total;
  };
  if (target && recruitmentEnd !== undefined) {
    const seen = new Set<string>();
    for (const outcome of facts.paidOutcomes) {
      const sustained = stageOf(outcome) === 'sustainment';
      // An entry or attainment is reported where its own weeksToAchieve is given; what it requires is reported on its own.
      if (sustained ? typeof outcome.value.sustainWeeks !== 'number' : outcome.weeksToAchieve === undefined) continue;
      const weeks = weeksTo(outcome.id, seen);
      const done = recruitmentEnd + weeks * 7 * DAY;
      if (weeks === 0 || done <= end) continue;
      const late = Math.ceil((done - end) / (7 * DAY));
      const ownWeeks = sustained ? outcome.value.sustainWeeks : outcome.weeksToAchieve;
      const recruit = `for someone who joins on the last recruitment day (${String(contract?.recruitmentEnd)})`;
      const lateText = Number.isFinite(late) ? `about ${late} week${late === 1 ? '' : 's'}` : 'long';
      const related = [relatedAt(target, ['contract', achievedBy], achievedBy === 'end' ? 'the contract ends here' : 'the last date an outcome may be achieved'), relatedAt(target, ['contract', 'recruitmentEnd'], 'the last day a participant may join')];
      if (sustained) {
        report({
          model: target,
          path: [...outcome.path, 'sustainWeeks'],
          message: `${nameOf(outcome)} takes ${weeks} weeks from joining${weeks !== outcome.value.sustainWeeks ? ' (with the outcomes it requires)' : ''}, so ${recruit} it completes ${lateText} after ${endText}. Late recruits could then never earn it, and a provider has reason to stop taking people on early or to stop supporting them at the end. End recruitment earlier, extend the contract, or shorten the sustainment period.`,
          related,
        });
      } else {
        // An entry or attainment: a qualification ladder (level 2, then level 3, then a degree) a late recruit cannot climb in time.
        report({
          model: target,
          path: [...outcome.path, 'weeksToAchieve'],
          message: `${nameOf(outcome)} takes ${weeks} weeks from joining to achieve${weeks !== ownWeeks ? ' (with the outcomes it requires)' : ''}, so ${recruit} it comes ${lateText} after ${endText}. Late recruits could then never earn it, and a provider has reason to stop taking people on early or to stop supporting them at the end. End recruitment earlier, extend the contract, or pay for a step late recruits can reach.`,
          related,
        });
      }
    }
  }
  const card = facts.cardTarget;
  if (!card) return;
  // Lines paid per period: someone who joins on the last recruitment day, holds the outcomes it
  // requires first, then every period of the window, is paid for periods until this date.
  if (recruitmentEnd !== undefined) {
    const seen = new Set<string>();
    for (const line of card.rateCard.prices) {
      const periods = line.periods;
      if (!periods || periods.max === undefined || !line.outcome) continue;
      const outcome = card.outcomeOf(line);
      // The periods are held once the outcome is achieved: after what it requires (and, for an entry, its own weeksToAchieve).
      const earliestRoute = outcome && outcome.requiresAnyOf.some((r) => facts.outcomeById(r)) ? Math.min(...outcome.requiresAnyOf.filter((r) => facts.outcomeById(r)).map((r) => weeksTo(r, seen))) : 0;
      const before = !outcome ? 0 : stageOf(outcome) === 'sustainment' ? Math.max(0, earliestRoute, ...outcome.requires.map((r) => weeksTo(r, seen))) : weeksTo(outcome.id, seen);
      const months = periods.per === 'quarter' ? 3 : 1;
      const endOf = (n: number) => (periods.per === 'week' ? after(recruitmentEnd, before + n) : after(recruitmentEnd, before, n * months));
      const last = endOf(periods.max);
      // Absurd windows (a maxPeriods of 1e9) leave the calendar: past the end all the same.
      if (Number.isFinite(last) && last <= end) continue;
      // How many periods still fit for the last recruit: the most n whose end is in time (a
      // binary search, as a window may be long).
      let [low, high] = [0, periods.max - 1];
      while (low < high) {
        const mid = Math.ceil((low + high) / 2);
        const at = endOf(mid);
        if (Number.isFinite(at) && at <= end) low = mid;
        else high = mid - 1;
      }
      const fit = low;
      const unit = `${periods.per}${periods.max === 1 ? '' : 's'}`;
      report({
        model: card.rateCard,
        path: [...line.path, 'maxPeriods'],
        message: `${nameOf(outcome, line.outcome)} is paid for up to ${periods.max} ${unit}${before ? `, after ${before} weeks for what it requires` : ''}: for someone who joins on the last recruitment day (${String(contract?.recruitmentEnd)}) the last of them ends ${Number.isFinite(last) ? `about ${iso(last)},` : 'long'} after ${endText}. Late recruits can then be paid for only ${fit} ${periods.per}${fit === 1 ? '' : 's'}, so the maximum overstates what the contract can pay them, or payments would fall after it. End recruitment earlier, extend tracking, or shorten maxPeriods.`,
        related: [endRelated, relatedAt(framework, ['contract', 'recruitmentEnd'], 'the last day a participant may join')],
      });
    }
  }
  const paidEnd = dateOf(contract![paidBy])!;
  const endYear = new Date(paidEnd).getUTCFullYear();
  const paidText = paidBy === 'finalPaymentDate' ? `the final payment date (${String(contract![paidBy])})` : paidBy === 'end' ? `the contract ends (${String(contract![paidBy])})` : `tracking ends (${String(contract![paidBy])})`;
  for (const projection of card.rateCard.projection) {
    for (const [year, share] of Object.entries(projection.profile ?? {})) {
      if (!/^\d{4}$/.test(year) || Number(year) <= endYear || share <= 0) continue;
      report({
        model: card.rateCard,
        path: [...projection.path, 'profile', year],
        onKey: true,
        message: `The projection for ${projection.cohort ?? 'this cohort'} expects ${Math.round(share * 100)}% of its payments in ${year}, after ${paidText}. Payments cannot fall due after that, so either this forecast is wrong or outcomes achieved late would never be paid. Move those payments into the contract's years, or extend the contract.`,
        related: [relatedAt(framework, ['contract', paidBy], paidBy === 'end' ? 'the contract ends here' : 'the last date a payment may be made')],
      });
    }
  }
};
