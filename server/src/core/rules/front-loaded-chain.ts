/**
 * In an entry → sustainment chain, an entry priced above `maxEntryShare` of the whole chain
 * pays more for placing a new person than for keeping one in.
 */
import { lineRelated, meta as ruleMeta, money, moreThanShare, nameOf, percent, shareThreshold } from './common';
import { isPaid, linePays, stageOf } from './facts';
import type { PriceLineModel } from '../model';
import type { Rule } from './types';

export const meta = ruleMeta('front-loaded-chain', 'warning', 'An entry is worth more than maxEntryShare (half, by default) of its chain: placing someone pays more than keeping them in.', {
  thresholds: { maxEntryShare: shareThreshold(0.5, "The most the entry price may be of the chain's total (entry plus the sustainment outcomes that require it).") },
});

export const check: Rule['check'] = ({ facts, thresholds, report }) => {
  const card = facts.cardTarget;
  if (!card) return;
  const limit = thresholds.maxEntryShare;
  for (const [id, lines] of card.linesByOutcome) {
    const entry = facts.outcomeById(id);
    if (stageOf(entry) !== 'entry' || facts.doubtful(entry)) continue;
    const chain = [...facts.dependants(id)].filter((d) => stageOf(facts.outcomeById(d)) === 'sustainment' && isPaid(facts.outcomeById(d)));
    if (chain.length === 0) continue; // entry-without-sustainment speaks to that
    // A chain step, or a line that may be one, that failed validation: its error is the message.
    if (chain.some((d) => facts.doubtful(facts.outcomeById(d))) || facts.doubtfulLines(card).some((l) => (l.outcome === undefined || !facts.outcomeById(l.outcome) || chain.includes(l.outcome) || l.outcome === id))) continue;
    for (const line of lines) {
      if (line.price === undefined) continue;
      // Compare for each cohort the line pays for; report the line once, at its worst.
      let worst: { cohort: string; total: number; steps: PriceLineModel[] } | undefined;
      for (const cohort of card.cohortsOf(line)) {
        const steps = chain.map((d) => card.lineFor(d, cohort)).filter((l): l is PriceLineModel => l !== undefined);
        if (steps.length === 0) continue;
        // Keeping someone in pays every claim a sustainment line allows (104 weekly payments, say).
        let kept: number | null = 0;
        for (const step of steps) {
          const pays = linePays(step);
          if (pays === undefined) kept = null; // a step that cannot be read: the chain's total is unknown
          if (kept === null || pays === undefined || pays === null) {
            kept = null;
            break;
          }
          kept += pays;
        }
        if (kept === null) continue; // unbounded or unknown: the entry cannot be most of it
        const total = line.price + kept;
        if (moreThanShare(line.price, total, limit) && (!worst || line.price / total > line.price / worst.total)) worst = { cohort, total, steps };
      }
      if (!worst) continue;
      const share = line.price / worst.total;
      report({
        model: card.rateCard,
        path: [...line.path, 'price'],
        message: `${nameOf(entry)} pays ${money(line.price, card.rateCard)}, ${percent(share, limit)} of the ${money(worst.total, card.rateCard)} its chain can pay for one participant, every sustainment claim included (more than ${percent(limit)}). Placing a new person earns more than keeping someone in, so a provider gains from churn. Move money from the entry price to the sustainment outcomes.`,
        related: worst.steps.map((s) => lineRelated(card.rateCard, s, `the sustainment payment in the chain (${s.outcome})`)),
      });
    }
  }
};
