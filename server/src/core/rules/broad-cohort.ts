/** A cohort with no eligibility criteria, or one vague one, lets providers pick the people easiest to help. */
import { meta as ruleMeta } from './common';
import { appendToMapping } from './edits';
import type { Rule } from './types';

export const meta = ruleMeta('broad-cohort', 'warning', 'A cohort has fewer eligibility criteria than minCriteria (two, by default): one vague criterion lets almost anyone be referred.', {
  fixable: true,
  thresholds: { minCriteria: { default: 2, description: 'The fewest eligibility criteria a cohort may have (real rate cards list several: age, circumstances, who refers).', schema: { type: 'integer', minimum: 0 } } },
});

export const PLACEHOLDER = 'Describe who may be referred (replace this placeholder)';

export const check: Rule['check'] = ({ facts, thresholds, report }) => {
  const framework = facts.frameworkTarget;
  if (!framework) return;
  const min = thresholds.minCriteria;
  for (const cohort of framework.cohorts) {
    if (facts.invalid(framework, cohort.path, 'eligibility')) continue; // eligibility that is not a list of text: the schema says so
    // A placeholder a fix wrote is not a criterion: the finding stays until a person replaces it.
    const criteria = (cohort.eligibility ?? []).filter((c) => c.trim() !== '' && c.trim() !== PLACEHOLDER);
    const placeholders = (cohort.eligibility ?? []).length - criteria.length;
    const count = criteria.length;
    if (count >= min) continue;
    const has = framework.parsed.locate([...cohort.path, 'eligibility']) !== undefined;
    const edit = has ? undefined : appendToMapping(framework, cohort.path, ['eligibility:', `  - ${PLACEHOLDER}`]);
    const name = cohort.id ? `The cohort ${cohort.id}` : 'This cohort';
    const said = count === 0 ? 'no eligibility criteria' : `only ${count} eligibility criterion${count === 1 ? '' : 'a'} (at least ${min} expected)`;
    report({
      model: framework,
      path: has ? [...cohort.path, 'eligibility'] : [...cohort.path, 'id'],
      onKey: has,
      message: `${name} has ${said}${placeholders > 0 ? ', and a placeholder still to be replaced' : ''}. When almost anyone may be referred, a provider paid by results can fill its places with the people most likely to succeed anyway and leave those who need help most. Write down who may be referred (age, care history, circumstances, who refers), as several criteria that each narrow the cohort.`,
      fix: edit && { title: 'Add an eligibility list with a placeholder criterion to fill in', edits: [edit], changesTerm: false },
    });
  }
};
