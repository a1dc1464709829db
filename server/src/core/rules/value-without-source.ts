/** A value figure without a source cannot be checked, and will not be believed. */
import { figuresOfValue, outcomeValues } from '../value';
import { meta as ruleMeta } from './common';
import type { Rule } from './types';

export const meta = ruleMeta('value-without-source', 'warning', "An outcome's value gives a figure without a source.");

export const check: Rule['check'] = ({ facts, report }) => {
  const framework = facts.frameworkTarget;
  if (!framework) return;
  for (const value of outcomeValues(framework).values()) {
    const missing = figuresOfValue(value).filter(({ figure }) => figure.source === undefined);
    if (missing.length === 0) continue;
    const names = missing.map(({ kind, body }) => (kind === 'fiscal' ? `the saving to ${body}` : `the ${kind} value`));
    report({
      model: framework,
      path: missing.length === 1 ? missing[0].figure.path : value.path,
      onKey: true,
      message: `The value of ${value.outcome} gives ${names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`} without a source. A figure nobody can trace will not be believed by the board or the budget holders. Add \`source:\` (and \`priceYear:\`) to the value, or \`{ amount: …, source: …, priceYear: … }\` to the figure.`,
    });
  }
};
