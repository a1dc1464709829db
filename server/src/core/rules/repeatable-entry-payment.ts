/**
 * An entry outcome paid more than once per participant pays for starting again,
 * not for getting anywhere: for a home or a placement, it pays for moving people around.
 */
import { meta as ruleMeta, nameOf, outcomeRelated } from './common';
import { replaceValue } from './edits';
import { stageOf, type RuleFacts } from './facts';
import type { OutcomeEntry } from '../model';
import type { Rule } from './types';

export const meta = ruleMeta('repeatable-entry-payment', 'warning', 'An entry outcome (or a sustainment period too short to be more than an entry) may be paid more than once for the same participant.', {
  fixable: true,
  fixChangesTerm: true,
  thresholds: { minSustainWeeks: { default: 13, description: 'A sustainment outcome of fewer weeks than this, building on no entry, is judged as an entry.', schema: { type: 'integer', minimum: 1 } } },
});

/** Domains where a second entry means a move: the person lost the first home or placement. */
const MOVES = new Set(['accommodation', 'care-placement']);

/**
 * Whether an outcome starts something: an entry, or a "sustainment" so short and standing on no
 * entry ("holds a new tenancy for a week") that each new start earns it. Engagement outcomes
 * (assessments, sessions) are not starts: paid again, they need nothing to end first;
 * engagement-heavy judges how much they can earn.
 */
function startOf(facts: RuleFacts, outcome: OutcomeEntry | undefined, minWeeks: number): 'entry' | 'disguised' | undefined {
  const stage = stageOf(outcome);
  if (stage === 'entry') return 'entry';
  if (stage !== 'sustainment' || !outcome) return undefined;
  const weeks = outcome.value.sustainWeeks;
  if (typeof weeks !== 'number' || weeks >= minWeeks) return undefined;
  const buildsOnEntry = facts.somePrerequisite(outcome.id, (id) => stageOf(facts.outcomeById(id)) === 'entry');
  return buildsOnEntry ? undefined : 'disguised';
}

export const check: Rule['check'] = ({ facts, thresholds, report }) => {
  const card = facts.cardTarget;
  if (!card) return;
  for (const [id, lines] of card.linesByOutcome) {
    const outcome = card.outcomeOf(lines[0]);
    const start = startOf(facts, outcome, thresholds.minSustainWeeks);
    if (!start || facts.doubtful(outcome)) continue;
    for (const line of lines) {
      if (line.maxClaims === undefined || line.maxClaims === 1 || facts.doubtfulLine(card, line)) continue;
      const times = line.maxClaims === 'unlimited' ? 'any number of times' : `up to ${line.maxClaims} times`;
      const domain = outcome?.value.domain;
      const from = line.maxClaims === 'unlimited' ? 'unlimited' : String(line.maxClaims);
      const fix = () => {
        const edit = replaceValue(card.rateCard, [...line.path, 'maxClaims'], '1');
        return edit && { title: `Set maxClaims of ${id} from ${from} to 1`, edits: [edit], changesTerm: true };
      };
      const disguise = start === 'disguised' ? ` Although it is a sustainment outcome, it is held for only ${String(outcome?.value.sustainWeeks)} week${outcome?.value.sustainWeeks === 1 ? '' : 's'} and builds on no entry, so each new start earns it, as an entry would.` : '';
      // Written out in each report: V8 builds `{ ...base, more }` on a slow path.
      const path = [...line.path, 'maxClaims'];
      const related = outcomeRelated(facts.framework, outcome, `the ${start === 'entry' ? 'entry' : 'short sustainment'} outcome this line pays for`);
      if (typeof domain === 'string' && MOVES.has(domain)) {
        const what = domain === 'accommodation' ? 'home' : 'placement';
        report({
          model: card.rateCard,
          path,
          related,
          fix,
          severity: 'error',
          message: `${nameOf(outcome)} may be paid ${times} for one participant.${disguise} This pays the provider for moving people between ${what}s: every move into a new ${what} earns the payment again, so a young person whose ${what} breaks down is worth more than one who stays put. Pay it once (maxClaims: 1) and pay for the ${what} being sustained for longer instead.`,
        });
      } else {
        report({
          model: card.rateCard,
          path,
          related,
          fix,
          message: `${nameOf(outcome)} is ${start === 'entry' ? 'an entry outcome' : 'a start in all but name'} that may be paid ${times} for one participant.${disguise} Each fresh start earns the payment again, so the provider gains when a job, course or placement ends and has to be restarted, rather than when it lasts. Pay it once (maxClaims: 1) and pay for sustainment instead, unless each start was agreed as a separate achievement.`,
        });
      }
    }
  }
};
