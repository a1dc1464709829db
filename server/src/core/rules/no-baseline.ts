/** Without a baseline, nobody can tell what would have happened anyway: payments may reward deadweight. */
import { meta as ruleMeta, listOf, nameOf } from './common';
import type { Rule } from './types';

export const meta = ruleMeta('no-baseline', 'info', 'A paid outcome has no baseline for a cohort it is paid for (a warning, once, when no paid outcome has any).');

export const check: Rule['check'] = ({ facts, report }) => {
  const framework = facts.frameworkTarget;
  if (!framework) return;
  const allCohorts = facts.cohorts.map((c) => c.id).filter(Boolean);
  // No baseline anywhere is one gap, not one per outcome, and graver: no deadweight can be estimated at all.
  if (facts.paidOutcomes.length > 1 && !facts.paidOutcomes.some((o) => facts.doubtful(o)) && facts.paidOutcomes.every((o) => Object.keys(o.baseline).length === 0 && framework.parsed.locate([...o.path, 'baseline']) === undefined)) {
    report({
      model: framework,
      path: ['outcomes'],
      onKey: true,
      severity: 'warning',
      message: `None of the ${facts.paidOutcomes.length} paid outcomes has a baseline, for any cohort: nothing says how many people would achieve them without the programme. The payment totals then cannot estimate deadweight at all (what they show for it is not a figure you can stand behind), and the contract may pay for results that would have happened anyway. Add \`baseline: { ${allCohorts[0] ?? '<cohort>'}: <share> }\` to each paid outcome, from local data or a comparison group.`,
    });
    return;
  }
  for (const outcome of facts.paidOutcomes) {
    if (facts.doubtful(outcome)) continue; // a misspelt baseline cohort is one mistake: its error says it
    // The cohorts it is paid for without a baseline: as the rate cards price it, or every cohort
    // when no card prices it. Nothing is built for the usual outcome, with a baseline for each.
    const lacks = (c: string) => c !== '*' && !Object.hasOwn(outcome.baseline, c);
    let missing: Set<string> | undefined;
    let priced = false;
    for (const card of facts.cards) {
      for (const line of card.linesByOutcome.get(outcome.id) ?? []) {
        if (facts.doubtfulLine(card, line)) continue; // a line for a misspelt cohort: its error says so
        priced = true;
        for (const c of card.cohortsOf(line)) if (lacks(c)) (missing ??= new Set()).add(c);
      }
    }
    const cohorts = priced ? (missing ? [...missing] : []) : allCohorts.filter(lacks);
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
