/** In a ladder of qualifications, a higher level priced at or below a lower one earns nothing for going further. */
import { lineRelated, meta as ruleMeta, money, nameOf } from './common';
import { domainOf, paidPrice, stageOf } from './facts';
import * as Q from '../totals/rational';
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
  for (const lines of card.linesByOutcome.values()) {
    const outcome = card.outcomeOf(lines[0]);
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
        // What each level really pays: a discount for deadweight comes off, exactly.
        const pays = line ? paidPrice(line) : undefined;
        if (!line || pays === undefined || reported.has(line) || facts.doubtfulLine(card, line)) continue;
        // The dearest lower rung priced at or above this one.
        let worst: { rung: Rung; line: PriceLineModel; pays: Q.Rational } | undefined;
        for (const lower of rungs) {
          if (lower.level >= higher.level) continue;
          const lowerLine = card.lineFor(lower.outcome.id, cohort);
          const lowerPays = lowerLine ? paidPrice(lowerLine) : undefined;
          if (!lowerLine || lowerPays === undefined || Q.compare(lowerPays, pays) < 0 || facts.doubtfulLine(card, lowerLine)) continue;
          if (!worst || Q.compare(lowerPays, worst.pays) > 0) worst = { rung: lower, line: lowerLine, pays: lowerPays };
        }
        if (!worst) continue;
        reported.add(line);
        const same = Q.compare(worst.pays, pays) === 0;
        const after = (l: PriceLineModel) => (l.discount ? ` after its ${l.discount}% discount` : '');
        report({
          model: card.rateCard,
          path: [...line.path, 'price'],
          message: `${nameOf(higher.outcome)}, at level ${higher.level}, pays ${money(Q.roundHalfUp(pays), card.rateCard)}${after(line)}: ${same ? 'the same as' : 'less than'} ${nameOf(worst.rung.outcome)}, at level ${worst.rung.level}, which pays ${money(Q.roundHalfUp(worst.pays), card.rateCard)}${after(worst.line)}. Helping a young person on to the higher qualification earns the provider nothing more, so the harder, longer course is the one it has least reason to support. Price each level above the one below it.`,
          related: [lineRelated(card.rateCard, worst.line, `the lower level's price (level ${worst.rung.level})`)],
        });
      }
    }
  }
};
