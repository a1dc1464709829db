/** Payments resting only on what participants say about themselves are easy to coach and hard to trust. */
import { listOf, meta as ruleMeta, relatedAt } from './common';
import { domainOf } from './facts';
import type { OutcomeEntry } from '../model';
import type { Rule } from './types';

export const meta = ruleMeta('subjective-only-trigger', 'warning', 'Every paid outcome of a domain, or of a cohort, rests on self-reported evidence.');

const selfReported = (o: OutcomeEntry) => (o.value.evidence as { kind?: unknown } | undefined)?.kind === 'self-reported';

export const check: Rule['check'] = ({ facts, report }) => {
  const framework = facts.frameworkTarget;
  if (!framework) return;
  const byDomain = new Map<string, OutcomeEntry[]>();
  for (const outcome of facts.paidOutcomes) {
    const domain = domainOf(outcome) ?? '';
    const list = byDomain.get(domain);
    if (list) list.push(outcome);
    else byDomain.set(domain, [outcome]);
  }
  const allSelfReported = facts.paidOutcomes.length > 0 && facts.paidOutcomes.every(selfReported);
  for (const [domain, outcomes] of byDomain) {
    if (!outcomes.every(selfReported)) continue;
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
        if (outcome?.value.role !== 'payment') continue;
        if (!selfReported(outcome)) {
          other = true; // one outcome with other evidence is enough
          break;
        }
        paid.push(outcome);
      }
      if (other || paid.length === 0) continue;
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
