/** Paying again and again for qualifications of one level, or for any qualification at all, pays for paper. */
import { meta as ruleMeta, nameOf, outcomeRelated } from './common';
import { replaceValue } from './edits';
import { domainOf, isPaid, stageOf } from './facts';
import type { OutcomeEntry } from '../model';
import type { Rule } from './types';

export const meta = ruleMeta('qualification-churn', 'warning', 'A qualification outcome may be paid more than once at the same level, or any qualification at all would pay.', { fixable: true });

function isQualification(outcome: OutcomeEntry | undefined): boolean {
  const domain = domainOf(outcome);
  return stageOf(outcome) === 'attainment' && (domain === 'education' || domain === 'training');
}

export const check: Rule['check'] = ({ facts, report }) => {
  const framework = facts.frameworkTarget;
  if (framework) {
    for (const outcome of facts.paidOutcomes) {
      if (!isQualification(outcome)) continue;
      if (typeof outcome.value.qualificationLevel === 'number' || typeof outcome.value.minGuidedHours === 'number') continue;
      report({
        model: framework,
        path: [...outcome.path, 'id'],
        message: `${nameOf(outcome)} pays for a qualification but says neither its level (\`qualificationLevel\`) nor the least guided learning hours it must have (\`minGuidedHours\`), so any certificate at all would pay. Providers could then steer people into short courses that count but do not help them. Add a qualificationLevel, a minGuidedHours, or both.`,
      });
    }
  }
  const card = facts.cardTarget;
  if (!card) return;
  for (const [id, lines] of card.linesByOutcome) {
    const outcome = facts.outcomeById(id);
    if (!isQualification(outcome) || !isPaid(outcome)) continue;
    for (const line of lines) {
      if (line.maxClaims === undefined || line.maxClaims === 1) continue;
      const level = outcome?.value.qualificationLevel;
      const fix = replaceValue(card.rateCard, [...line.path, 'maxClaims'], '1');
      report({
        model: card.rateCard,
        path: [...line.path, 'maxClaims'],
        message: `${nameOf(outcome)} may be paid ${line.maxClaims === 'unlimited' ? 'any number of times' : `${line.maxClaims} times`} for one participant${typeof level === 'number' ? `, each time for another level ${level} qualification` : ''}. A second qualification at the same level is rarely a step forward, so this pays providers to stack certificates the young person does not need. Set maxClaims to 1 and pay for the next level up instead.`,
        related: outcomeRelated(facts.framework, outcome, 'the qualification outcome'),
        fix: fix && { title: 'Set maxClaims to 1', edits: [fix] },
      });
    }
  }
};
