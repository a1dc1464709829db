/** One price for people of very different needs makes the hardest to help the least worth helping. */
import { meta as ruleMeta, listOf, nameOf } from './common';
import type { Rule } from './types';

export const meta = ruleMeta('uniform-price-mixed-needs', 'info', 'Cohorts of different needs (or a cohort of mixed needs) share one price for an outcome.');

export const check: Rule['check'] = ({ facts, report }) => {
  const card = facts.cardTarget;
  if (!card || !facts.framework) return;
  const framework = facts.framework;
  for (const line of card.rateCard.prices) {
    if (line.price === undefined || !line.outcome) continue;
    const cohorts = card.cohortsOf(line).map((id) => framework.cohortById.get(id)).filter((c) => c !== undefined);
    const needs = new Map<string, string[]>();
    for (const cohort of cohorts) {
      const level = cohort.value.needs;
      if (typeof level === 'string') needs.set(level, [...(needs.get(level) ?? []), cohort.id]);
    }
    const mixed = needs.get('mixed');
    if (needs.size < 2 && !mixed) continue;
    const outcome = facts.outcomeById(line.outcome);
    const why = mixed
      ? `${listOf(mixed)} ${mixed.length === 1 ? 'is a cohort' : 'are cohorts'} of mixed needs`
      : `it applies to cohorts of ${listOf([...needs.keys()].map((n) => `${n} needs`))} (${listOf([...needs.values()].flat())})`;
    report({
      model: card.rateCard,
      path: [...line.path, 'price'],
      message: `${nameOf(outcome)} has one price although ${why}. The same payment for an easy case and a hard one gives a provider reason to work with the easy cases first and park the people who need most help. Consider a cohort-specific price line (\`cohorts: [...]\`) for the higher-need group, or splitting the cohort by need.`,
    });
  }
};
