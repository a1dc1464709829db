/** Payments resting only on what participants say about themselves are easy to coach and hard to trust. */
import { listOf, meta as ruleMeta, relatedAt } from './common';
import { domainOf, stageOf } from './facts';
import type { OutcomeEntry } from '../model';
import type { Rule } from './types';

export const meta = ruleMeta('subjective-only-trigger', 'warning', 'Every paid outcome of a domain, or of a cohort, rests on self-reported evidence.');

const selfReported = (o: OutcomeEntry) => (o.value.evidence as { kind?: unknown } | undefined)?.kind === 'self-reported';

/**
 * Outcomes whose payment turns on what is answered. An engagement outcome (an assessment
 * completed, a session attended) pays for taking part, whatever the answers: coaching them gains nothing.
 */
const judged = (o: OutcomeEntry) => stageOf(o) !== 'engagement';

export const check: Rule['check'] = ({ facts, report }) => {
  const framework = facts.frameworkTarget;
  if (!framework) return;
  const paidOutcomes = facts.paidOutcomes.filter(judged);
  const byDomain = new Map<string, OutcomeEntry[]>();
  for (const outcome of paidOutcomes) {
    const domain = domainOf(outcome) ?? '';
    const list = byDomain.get(domain);
    if (list) list.push(outcome);
    else byDomain.set(domain, [outcome]);
  }
  const allSelfReported = paidOutcomes.length > 0 && paidOutcomes.every(selfReported);
  const unsure = (o: OutcomeEntry) => facts.doubtful(o);
  if (facts.outcomes.some((o) => o.value.role === undefined || facts.invalid(framework, o.path, 'role'))) return; // which outcomes are paid is not known
  for (const [domain, outcomes] of byDomain) {
    if (!outcomes.every(selfReported) || outcomes.some(unsure)) continue;
    const [first, ...rest] = outcomes;
    report({
      model: framework,
      path: [...first.path, 'evidence', 'kind'],
      message: `${allSelfReported ? 'Every paid outcome in this framework' : `Every paid outcome in ${domain || 'this domain'}`} (${listOf(outcomes.map((o) => o.id))}) rests on self-reported evidence. When payment depends only on what participants say, answers can be coached and nobody can check what was bought; designs paying on subjective measures alone have done less well. Evidence at least one paid outcome ${allSelfReported ? '' : `in ${domain || 'this domain'} `}with administrative records or independent verification, or make the self-reported ones indicators.`,
      related: rest.map((o) => relatedAt(framework, [...o.path, 'evidence', 'kind'], `also self-reported (${o.id})`)),
    });
  }
  // A cohort can be left with self-reported triggers only when its rate cards price just those.
  if (allSelfReported) return;
  for (const cohort of framework.cohorts) {
    for (const card of facts.cards) {
      const paid: OutcomeEntry[] = [];
      let other = false;
      for (const id of card.linesForCohort(cohort.id).keys()) {
        const outcome = facts.outcomeById(id);
        if (outcome?.value.role !== 'payment' || !judged(outcome)) continue;
        if (!selfReported(outcome)) {
          other = true; // one outcome with other evidence is enough
          break;
        }
        paid.push(outcome);
      }
      if (other || paid.length === 0 || paid.some(unsure) || facts.doubtfulCard(card)) continue;
      report({
        model: framework,
        path: [...cohort.path, 'id'],
        message: `Every outcome ${card.rateCard.id ?? 'the rate card'} pays for ${cohort.id} (${listOf(paid.map((o) => o.id))}) rests on self-reported evidence, so what this cohort's provider is paid depends only on what participants say. Price at least one outcome with administrative or verified evidence for this cohort.`,
        related: [relatedAt(card.rateCard, ['prices'], 'the rate card pricing this cohort', true)],
      });
      break;
    }
  }
};
