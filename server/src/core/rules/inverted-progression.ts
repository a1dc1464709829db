/** In a ladder of qualifications, a higher level priced at or below a lower one earns nothing for going further. */
import { lineRelated, meta as ruleMeta, money, nameOf } from './common';
import { domainOf, stageOf } from './facts';
import type { OutcomeEntry, PriceLineModel } from '../model';
import type { Rule } from './types';

export const meta = ruleMeta('inverted-progression', 'warning', 'A higher qualification level is priced at or below a lower one in the same domain.');

interface Rung {
  outcome: OutcomeEntry;
  level: number;
}

export const check: Rule['check'] = ({ facts, report }) => {
  const card = facts.cardTarget;
  if (!card) return;
  // Ladders: attainment outcomes with a level, by domain.
  const ladders = new Map<string, Rung[]>();
  for (const id of card.linesByOutcome.keys()) {
    const outcome = facts.outcomeById(id);
    const level = outcome?.value.qualificationLevel;
    if (!outcome || stageOf(outcome) !== 'attainment' || typeof level !== 'number' || facts.doubtful(outcome)) continue;
    const domain = domainOf(outcome) ?? '';
    const rungs = ladders.get(domain);
    if (rungs) rungs.push({ outcome, level });
    else ladders.set(domain, [{ outcome, level }]);
  }
  for (const rungs of ladders.values()) {
    if (rungs.length < 2) continue;
    const reported = new Set<PriceLineModel>();
    for (const cohort of card.cohorts) {
      for (const higher of rungs) {
        const line = card.lineFor(higher.outcome.id, cohort);
        if (!line || line.price === undefined || reported.has(line) || facts.doubtfulLine(card, line)) continue;
        // The dearest lower rung priced at or above this one.
        let worst: { rung: Rung; line: PriceLineModel } | undefined;
        for (const lower of rungs) {
          if (lower.level >= higher.level) continue;
          const lowerLine = card.lineFor(lower.outcome.id, cohort);
          if (!lowerLine || lowerLine.price === undefined || lowerLine.price < line.price || facts.doubtfulLine(card, lowerLine)) continue;
          if (!worst || lowerLine.price > worst.line.price!) worst = { rung: lower, line: lowerLine };
        }
        if (!worst) continue;
        reported.add(line);
        const same = worst.line.price === line.price;
        report({
          model: card.rateCard,
          path: [...line.path, 'price'],
          message: `${nameOf(higher.outcome)}, at level ${higher.level}, pays ${money(line.price, card.rateCard)}: ${same ? 'the same as' : 'less than'} ${nameOf(worst.rung.outcome)}, at level ${worst.rung.level}, which pays ${money(worst.line.price!, card.rateCard)}. Helping a young person on to the higher qualification earns the provider nothing more, so the harder, longer course is the one it has least reason to support. Price each level above the one below it.`,
          related: [lineRelated(card.rateCard, worst.line, `the lower level's price (level ${worst.rung.level})`)],
        });
      }
    }
  }
};
