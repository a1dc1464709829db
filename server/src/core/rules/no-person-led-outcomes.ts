/** Outcomes chosen only by commissioners may not be the ones that matter to the people served. */
import { meta as ruleMeta } from './common';
import type { Rule } from './types';

export const meta = ruleMeta('no-person-led-outcomes', 'hint', 'No outcome is marked personLed: none was chosen with the participants themselves.');

export const check: Rule['check'] = ({ facts, report }) => {
  const framework = facts.frameworkTarget;
  if (!framework || facts.outcomes.length === 0) return;
  if (facts.outcomes.some((o) => o.value.personLed === true)) return;
  if (facts.outcomes.some((o) => facts.invalid(framework, o.path, 'personLed'))) return; // \`personLed: yes\`, say: the schema says so
  report({
    model: framework,
    path: ['outcomes'],
    onKey: true,
    message: `No outcome is marked \`personLed: true\`. A framework built only from what commissioners can count may miss what the participants themselves want from the programme. Work out at least one outcome with them, and mark it \`personLed: true\`.`,
  });
};
