/** Paying again and again for qualifications of one level, or for any qualification at all, pays for paper. */
import { meta as ruleMeta, nameOf, outcomeRelated } from './common';
import { replaceValue } from './edits';
import { domainOf, isPaid, stageOf } from './facts';
import type { OutcomeEntry } from '../model';
import type { Rule } from './types';

export const meta = ruleMeta('qualification-churn', 'warning', 'A qualification outcome may be paid more than once at the same level, asks for too few guided learning hours, or any qualification at all would pay.', {
  fixable: true,
  fixChangesTerm: true,
  thresholds: {
    minGuidedHours: { default: 20, description: 'The fewest guided learning hours a qualification of no stated level (or entry level) may ask for; level 1 asks at least 120 and level 2 or above at least 325, as real rate cards do.', schema: { type: 'number', minimum: 0 } },
  },
});

/** The least guided learning hours real rate cards ask at each level (Fair Chance Fund: level 1 120, level 2 325). */
function floorFor(level: unknown, least: number): number {
  if (typeof level !== 'number' || level < 1) return least;
  return Math.max(least, level === 1 ? 120 : 325);
}

function isQualification(outcome: OutcomeEntry | undefined): boolean {
  const domain = domainOf(outcome);
  return stageOf(outcome) === 'attainment' && (domain === 'education' || domain === 'training');
}

export const check: Rule['check'] = ({ facts, thresholds, report }) => {
  const framework = facts.frameworkTarget;
  if (framework) {
    for (const outcome of facts.paidOutcomes) {
      if (!isQualification(outcome) || facts.doubtful(outcome)) continue;
      const level = outcome.value.qualificationLevel;
      const hours = outcome.value.minGuidedHours;
      if (typeof level !== 'number' && typeof hours !== 'number') {
        report({
          model: framework,
          path: [...outcome.path, 'id'],
          message: `${nameOf(outcome)} pays for a qualification but says neither its level (\`qualificationLevel\`) nor the least guided learning hours it must have (\`minGuidedHours\`), so any certificate at all would pay. Providers could then steer people into short courses that count but do not help them. Add a qualificationLevel, a minGuidedHours, or both.`,
        });
        continue;
      }
      if (typeof hours !== 'number') continue;
      const floor = floorFor(level, thresholds.minGuidedHours);
      if (hours >= floor) continue;
      report({
        model: framework,
        path: [...outcome.path, 'minGuidedHours'],
        message: `${nameOf(outcome)} counts a qualification of only ${hours} guided learning hour${hours === 1 ? '' : 's'}${typeof level === 'number' ? ` at level ${level}` : ''}; real rate cards ask for at least ${floor}${typeof level === 'number' && level >= 1 ? ` at level ${level === 1 ? '1' : '2 or above'}` : ''}. A course that short can be taken to earn the payment without helping the young person much. Raise minGuidedHours to at least ${floor}, or say why a shorter course is right here.`,
      });
    }
  }
  const card = facts.cardTarget;
  if (!card) return;
  for (const [id, lines] of card.linesByOutcome) {
    const outcome = card.outcomeOf(lines[0]);
    if (!isQualification(outcome) || !isPaid(outcome) || facts.doubtful(outcome)) continue;
    for (const line of lines) {
      if (line.maxClaims === undefined || line.maxClaims === 1 || facts.doubtfulLine(card, line)) continue;
      const level = outcome?.value.qualificationLevel;
      const from = line.maxClaims === 'unlimited' ? 'unlimited' : String(line.maxClaims);
      const fix = () => {
        const edit = replaceValue(card.rateCard, [...line.path, 'maxClaims'], '1');
        return edit && { title: `Set maxClaims of ${id} from ${from} to 1`, edits: [edit], changesTerm: true };
      };
      report({
        model: card.rateCard,
        path: [...line.path, 'maxClaims'],
        message: `${nameOf(outcome)} may be paid ${line.maxClaims === 'unlimited' ? 'any number of times' : `${line.maxClaims} times`} for one participant${typeof level === 'number' ? `, each time for another level ${level} qualification` : ''}. A second qualification at the same level is rarely a step forward, so this pays providers to stack certificates the young person does not need. Pay it once (maxClaims: 1) and pay for the next level up instead.`,
        related: outcomeRelated(facts.framework, outcome, 'the qualification outcome'),
        fix,
      });
    }
  }
};
