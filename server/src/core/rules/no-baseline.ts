/** Without a baseline, nobody can tell what would have happened anyway: payments may reward deadweight. */
import { meta as ruleMeta, listOf, nameOf } from './common';
import type { Rule } from './types';

export const meta = ruleMeta('no-baseline', 'info', 'A paid outcome has no baseline for a cohort it is paid for.');

export const check: Rule['check'] = ({ facts, report }) => {
  const framework = facts.frameworkTarget;
  if (!framework) return;
  const allCohorts = facts.cohorts.map((c) => c.id).filter(Boolean);
  for (const outcome of facts.paidOutcomes) {
    // The cohorts it is paid for: as the rate cards price it, or every cohort when no card prices it.
    const paidFor = new Set<string>();
    let priced = false;
    for (const card of facts.cards) {
      for (const line of card.linesByOutcome.get(outcome.id) ?? []) {
        priced = true;
        for (const c of card.cohortsOf(line)) paidFor.add(c);
      }
    }
    const cohorts = (priced ? [...paidFor] : allCohorts).filter((c) => c !== '*' && !(c in outcome.baseline));
    if (cohorts.length === 0) continue;
    const has = framework.parsed.locate([...outcome.path, 'baseline']) !== undefined;
    report({
      model: framework,
      path: has ? [...outcome.path, 'baseline'] : [...outcome.path, 'id'],
      onKey: has,
      message: `${nameOf(outcome)} has no baseline for ${listOf(cohorts)}: nothing says how many of ${cohorts.length === 1 ? 'that cohort' : 'those cohorts'} would achieve it without the programme. Without one, the contract may pay for results that would have happened anyway, and a provider can do well by working only with people who would have succeeded regardless. Add \`baseline: { ${cohorts[0]}: <share> }\` from local data.`,
    });
  }
};
