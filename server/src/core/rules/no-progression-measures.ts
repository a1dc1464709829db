/** High-need participants who can earn only entry and sustainment payments risk being parked. */
import { meta as ruleMeta } from './common';
import { stageOf } from './facts';
import type { Rule } from './types';

export const meta = ruleMeta('no-progression-measures', 'info', 'A cohort of high or mixed needs has no progression outcome, paid or indicator: only binary entry and sustainment results count.');

export const check: Rule['check'] = ({ facts, report }) => {
  const framework = facts.frameworkTarget;
  if (!framework) return;
  if (facts.outcomes.some((o) => stageOf(o) === 'progression')) return;
  // A stage that failed validation may be the progression outcome, misspelt.
  if (facts.outcomes.some((o) => o.value.stage === undefined || facts.invalid(framework, o.path, 'stage'))) return;
  for (const cohort of framework.cohorts) {
    const needs = cohort.value.needs;
    if ((needs !== 'high' && needs !== 'mixed') || facts.invalid(framework, cohort.path, 'needs')) continue;
    report({
      model: framework,
      path: [...cohort.path, 'needs'],
      message: `${cohort.id ? `The cohort ${cohort.id}` : 'This cohort'} has ${needs} needs, but the framework has no progression outcome: only a job, a home or a course started or kept counts. For people far from those results, the progress they do make (steadier wellbeing, skills, attendance) goes unseen, and a provider has little reason to work with them. Add a progression outcome, as a payment or at least as an indicator (\`stage: progression, role: indicator\`).`,
    });
  }
};
