/** A cohort with no eligibility criteria lets providers pick the people easiest to help. */
import { meta as ruleMeta } from './common';
import { appendToMapping } from './edits';
import type { Rule } from './types';

export const meta = ruleMeta('broad-cohort', 'warning', 'A cohort has no eligibility criteria (or fewer than minCriteria).', {
  fixable: true,
  thresholds: { minCriteria: { default: 1, description: 'The fewest eligibility criteria a cohort may have.', schema: { type: 'integer', minimum: 0 } } },
});

export const PLACEHOLDER = 'Describe who may be referred (replace this placeholder)';

export const check: Rule['check'] = ({ facts, thresholds, report }) => {
  const framework = facts.frameworkTarget;
  if (!framework) return;
  const min = thresholds.minCriteria;
  for (const cohort of framework.cohorts) {
    const count = cohort.eligibility?.length ?? 0;
    if (count >= min) continue;
    const has = framework.parsed.locate([...cohort.path, 'eligibility']) !== undefined;
    const edit = has ? undefined : appendToMapping(framework, cohort.path, ['eligibility:', `  - ${PLACEHOLDER}`]);
    const name = cohort.id ? `The cohort ${cohort.id}` : 'This cohort';
    report({
      model: framework,
      path: has ? [...cohort.path, 'eligibility'] : [...cohort.path, 'id'],
      onKey: has,
      message: `${name} has ${count === 0 ? 'no eligibility criteria' : `only ${count} eligibility criterion${count === 1 ? '' : 'a'} (at least ${min} expected)`}. When anyone may be referred, a provider paid by results can fill its places with the people most likely to succeed anyway and leave those who need help most. Write down who may be referred (age, care history, circumstances) and who decides.`,
      fix: edit && { title: 'Add an eligibility list with a placeholder criterion', edits: [edit] },
    });
  }
};
