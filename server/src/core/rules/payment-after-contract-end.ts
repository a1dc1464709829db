/** Outcomes that cannot complete before the contract ends are promised but never paid. */
import { meta as ruleMeta, nameOf, relatedAt } from './common';
import { isPaid, stageOf } from './facts';
import type { Rule } from './types';

export const meta = ruleMeta('payment-after-contract-end', 'warning', 'A sustainment chain cannot complete before the contract ends, or the projection pays in a year after it.');

const DAY = 24 * 60 * 60 * 1000;

function dateOf(value: unknown): number | undefined {
  if (value instanceof Date) return value.getTime();
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const time = Date.parse(`${value}T00:00:00Z`);
  return Number.isNaN(time) ? undefined : time;
}

export const check: Rule['check'] = ({ facts, report }) => {
  const framework = facts.framework;
  const contract = framework?.data.contract as { recruitmentEnd?: unknown; end?: unknown } | undefined;
  const end = dateOf(contract?.end);
  if (!framework || end === undefined) return;
  const target = facts.frameworkTarget;
  const recruitmentEnd = dateOf(contract?.recruitmentEnd);
  if (target && recruitmentEnd !== undefined) {
    // Weeks from joining to the end of an outcome's chain. A sustainment prerequisite of the same
    // domain is part of the same period (13 weeks in work, then 26 weeks in the same work), so the
    // longer one counts; a prerequisite of another domain must be held first, so its weeks add.
    const memo = new Map<string, number>();
    const weeksTo = (id: string, seen: Set<string>): number => {
      if (memo.has(id)) return memo.get(id)!;
      const outcome = facts.outcomeById(id);
      if (!outcome || seen.has(id)) return 0; // cycles are reported by requires-cycle
      seen.add(id);
      const own = typeof outcome.value.sustainWeeks === 'number' ? outcome.value.sustainWeeks : 0;
      let total = own;
      for (const r of outcome.requires) {
        const prerequisite = facts.outcomeById(r);
        const weeks = weeksTo(r, seen);
        const nested = prerequisite && stageOf(prerequisite) === 'sustainment' && prerequisite.value.domain === outcome.value.domain;
        total = Math.max(total, nested ? Math.max(own, weeks) : own + weeks);
      }
      seen.delete(id);
      memo.set(id, total);
      return total;
    };
    const seen = new Set<string>();
    for (const outcome of facts.paidOutcomes) {
      if (stageOf(outcome) !== 'sustainment' || typeof outcome.value.sustainWeeks !== 'number') continue;
      const weeks = weeksTo(outcome.id, seen);
      const done = recruitmentEnd + weeks * 7 * DAY;
      if (done <= end) continue;
      const late = Math.ceil((done - end) / (7 * DAY));
      report({
        model: target,
        path: [...outcome.path, 'sustainWeeks'],
        message: `${nameOf(outcome)} takes ${weeks} weeks from joining${weeks !== outcome.value.sustainWeeks ? ' (with the outcomes it requires)' : ''}, so for someone who joins on the last recruitment day (${String(contract?.recruitmentEnd)}) it completes about ${late} week${late === 1 ? '' : 's'} after the contract ends (${String(contract?.end)}). Late recruits could then never earn it, and a provider has reason to stop taking people on early or to stop supporting them at the end. End recruitment earlier, extend the contract, or shorten the sustainment period.`,
        related: [relatedAt(target, ['contract', 'end'], 'the contract ends here'), relatedAt(target, ['contract', 'recruitmentEnd'], 'the last day a participant may join')],
      });
    }
  }
  const card = facts.cardTarget;
  if (!card) return;
  const endYear = new Date(end).getUTCFullYear();
  for (const projection of card.rateCard.projection) {
    for (const [year, share] of Object.entries(projection.profile ?? {})) {
      if (!/^\d{4}$/.test(year) || Number(year) <= endYear || share <= 0) continue;
      report({
        model: card.rateCard,
        path: [...projection.path, 'profile', year],
        onKey: true,
        message: `The projection for ${projection.cohort ?? 'this cohort'} expects ${Math.round(share * 100)}% of its payments in ${year}, after the contract ends (${String(contract?.end)}). Payments cannot fall due after the end, so either this forecast is wrong or outcomes achieved late would never be paid. Move those payments into the contract's years, or extend the contract.`,
        related: [relatedAt(framework, ['contract', 'end'], 'the contract ends here')],
      });
    }
  }
};
