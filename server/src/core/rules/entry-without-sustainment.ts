/** A paid entry with nothing paid for keeping it rewards the start and not the lasting change. */
import { meta as ruleMeta, nameOf } from './common';
import { domainOf, isPaid, stageOf } from './facts';
import type { Rule } from './types';

export const meta = ruleMeta('entry-without-sustainment', 'warning', 'A paid entry outcome has no paid sustainment outcome that builds on it.');

export const check: Rule['check'] = ({ facts, report }) => {
  const framework = facts.frameworkTarget;
  if (!framework) return;
  for (const outcome of facts.paidOutcomes) {
    if (stageOf(outcome) !== 'entry' || !outcome.id) continue;
    const domain = domainOf(outcome);
    const sustained = [...facts.dependants(outcome.id)].some((id) => {
      const next = facts.outcomeById(id);
      return isPaid(next) && stageOf(next) === 'sustainment' && domainOf(next) === domain;
    });
    if (sustained) continue;
    report({
      model: framework,
      path: [...outcome.path, 'stage'],
      message: `${nameOf(outcome)} pays for the start of ${domain ?? 'an outcome'} but no paid sustainment outcome requires it, so the contract pays the same whether the ${domain ?? 'placement'} lasts a week or a year. Add a paid sustainment outcome in ${domain ?? 'this domain'} (such as 26 weeks sustained) with \`requires: [${outcome.id}]\`.`,
    });
  }
};
