/** A framework that measures only what it pays for learns nothing about the rest of people's lives. */
import { meta as ruleMeta } from './common';
import type { Rule } from './types';

export const meta = ruleMeta('no-learning-indicators', 'info', 'The framework has payment triggers but no indicator outcomes measured for learning.');

export const check: Rule['check'] = ({ facts, report }) => {
  const framework = facts.frameworkTarget;
  if (!framework || facts.paidOutcomes.length === 0) return;
  if (facts.outcomes.some((o) => o.value.role === 'indicator')) return;
  if (facts.outcomes.some((o) => facts.invalid(framework, o.path, 'role') || o.value.role === undefined)) return; // a misspelt role may be the indicator
  report({
    model: framework,
    path: ['outcomes'],
    onKey: true,
    message: `Every outcome in this framework is a payment trigger; none is measured only to learn from (\`role: indicator\`). The contract will show what it paid for and nothing else, so the wider progress people make, and harm the incentives might do, stays invisible. Add indicator outcomes such as wellbeing, relationships or practical skills.`,
  });
};
