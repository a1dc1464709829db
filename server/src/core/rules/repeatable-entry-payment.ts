/**
 * An entry (or engagement) outcome paid more than once per participant pays for starting again,
 * not for getting anywhere: for a home or a placement, it pays for moving people around.
 */
import { meta as ruleMeta, nameOf, outcomeRelated } from './common';
import { replaceValue } from './edits';
import { stageOf } from './facts';
import type { Rule } from './types';

export const meta = ruleMeta('repeatable-entry-payment', 'warning', 'An entry or engagement outcome may be paid more than once for the same participant.', { fixable: true });

/** Domains where a second entry means a move: the person lost the first home or placement. */
const MOVES = new Set(['accommodation', 'care-placement']);

export const check: Rule['check'] = ({ facts, report }) => {
  const card = facts.cardTarget;
  if (!card) return;
  for (const [id, lines] of card.linesByOutcome) {
    const outcome = facts.outcomeById(id);
    const stage = stageOf(outcome);
    if (stage !== 'entry' && stage !== 'engagement') continue;
    for (const line of lines) {
      if (line.maxClaims === undefined || line.maxClaims === 1) continue;
      const times = line.maxClaims === 'unlimited' ? 'any number of times' : `up to ${line.maxClaims} times`;
      const domain = outcome?.value.domain;
      const fix = () => {
        const edit = replaceValue(card.rateCard, [...line.path, 'maxClaims'], '1');
        return edit && { title: 'Set maxClaims to 1', edits: [edit] };
      };
      const base = { model: card.rateCard, path: [...line.path, 'maxClaims'], related: outcomeRelated(facts.framework, outcome, `the ${stage} outcome this line pays for`), fix };
      if (typeof domain === 'string' && MOVES.has(domain)) {
        const what = domain === 'accommodation' ? 'home' : 'placement';
        report({
          ...base,
          severity: 'error',
          message: `${nameOf(outcome)} may be paid ${times} for one participant. This pays the provider for moving people between ${what}s: every move into a new ${what} earns the entry payment again, so a young person whose ${what} breaks down is worth more than one who stays put. Set maxClaims to 1 and pay for the ${what} being sustained instead.`,
        });
      } else {
        const what = stage === 'entry' ? 'entry' : 'engagement';
        report({
          ...base,
          message: `${nameOf(outcome)} is an ${what} outcome that may be paid ${times} for one participant. Each fresh start earns the payment again, so the provider gains when a job, course or service ends and has to be restarted, rather than when it lasts. Set maxClaims to 1 and pay for sustainment instead.`,
        });
      }
    }
  }
};
