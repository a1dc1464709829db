/**
 * In an entry → sustainment chain, an entry priced above `maxEntryShare` of the whole chain
 * pays more for placing a new person than for keeping one in.
 */
import { lineRelated, meta as ruleMeta, money, moreThanShare, nameOf, percent, shareOf, shareThreshold } from './common';
import * as Q from '../totals/rational';
import { isPaid, linePays, paidPrice, stageOf, walkBudget, type CardFacts, type RuleFacts } from './facts';
import type { PriceLineModel } from '../model';
import type { Rule } from './types';

export const meta = ruleMeta('front-loaded-chain', 'warning', 'An entry is worth more than maxEntryShare (half, by default) of its chain: placing someone pays more than keeping them in.', {
  thresholds: { maxEntryShare: shareThreshold(0.5, "The most the entry price may be of the chain's total (entry plus the sustainment outcomes that require it).") },
});

export const check: Rule['check'] = (context) => frontLoaded(context, 'adaptive');

/** The plain computation, which walks each entry's whole chain: the fast path is proved against it. */
export const checkPlain: Rule['check'] = (context) => frontLoaded(context, 'plain');

/** The sums up the trees from the first entry on (for the property tests; `check` turns to them only for long chains). */
export const checkFast: Rule['check'] = (context) => frontLoaded(context, 'fast');

/** What a chain keeps paying one participant of a cohort: nothing priced, unknown or unbounded (null), or a sum (exact, in minor units). */
type Kept = 'none' | null | Q.Rational;

function frontLoaded({ facts, thresholds, report }: Parameters<Rule['check']>[0], mode: 'plain' | 'fast' | 'adaptive'): void {
  const card = facts.cardTarget;
  if (!card) return;
  const limit = thresholds.maxEntryShare;
  const isStep = (d: string): boolean => {
    const step = facts.outcomeById(d);
    return stageOf(step) === 'sustainment' && isPaid(step);
  };
  const chainOf = (id: string): string[] => {
    const chain: string[] = [];
    for (const d of facts.dependants(id)) if (isStep(d)) chain.push(d);
    return chain;
  };
  let sums = mode === 'fast' ? chainSums(facts, card, isStep) : undefined;
  let walked = 0;
  const budget = walkBudget(facts.outcomes.length);
  for (const [id, lines] of card.linesByOutcome) {
    const entry = card.outcomeOf(lines[0]);
    if (stageOf(entry) !== 'entry' || facts.doubtful(entry)) continue;
    if (!sums && mode === 'adaptive' && walked > budget) sums = chainSums(facts, card, isStep);
    const below = sums?.at(id);
    let keptFor: (cohort: string) => Kept;
    if (below) {
      if (below.steps === 0) continue; // entry-without-sustainment speaks to that
      if (below.blocked || sums!.blocks(id)) continue;
      keptFor = below.kept;
    } else {
      walked += facts.dependants(id).size;
      const chain = chainOf(id);
      if (chain.length === 0) continue;
      // A chain step, or a line that may be one, that failed validation: its error is the message.
      if (chain.some((d) => facts.doubtful(facts.outcomeById(d))) || facts.doubtfulLines(card).some((l) => (l.outcome === undefined || !facts.outcomeById(l.outcome) || chain.includes(l.outcome) || l.outcome === id))) continue;
      // Cohorts priced by the same lines (every cohort, on a card of general lines) keep the same: summed once.
      let lastLines: Map<string, PriceLineModel> | undefined;
      let lastKept: Kept = 'none';
      keptFor = (cohort) => {
        const priced = card.linesForCohort(cohort);
        // The plain computation sums every time: the property tests hold the rest to it.
        if (mode === 'plain') return plainKept(chain, (d) => priced.get(d));
        if (priced !== lastLines) {
          lastLines = priced;
          lastKept = plainKept(chain, (d) => priced.get(d));
        }
        return lastKept;
      };
    }
    for (const line of lines) {
      // What the entry really pays: a discount for deadweight comes off it too, exactly.
      const price = paidPrice(line);
      if (price === undefined) continue;
      // Compare for each cohort the line pays for; report the line once, at its worst (the smallest chain).
      let worst: { cohort: string; total: Q.Rational } | undefined;
      let judged: Kept | undefined;
      for (const cohort of card.cohortsOf(line)) {
        const kept = keptFor(cohort);
        if (kept === 'none' || kept === null) continue; // unbounded or unknown: the entry cannot be most of it
        // The same sum as the cohort before: the same total, which cannot be smaller than itself.
        if (kept === judged && mode !== 'plain') continue;
        judged = kept;
        const total = Q.add(price, kept);
        if (moreThanShare(price, total, limit) && (!worst || Q.compare(total, worst.total) < 0)) worst = { cohort, total };
      }
      if (!worst) continue;
      const steps = chainOf(id).map((d) => card.lineFor(d, worst!.cohort)).filter((l): l is PriceLineModel => l !== undefined);
      const share = shareOf(price, worst.total);
      const after = line.discount ? ` after its ${line.discount}% discount` : '';
      report({
        model: card.rateCard,
        path: [...line.path, 'price'],
        message: `${nameOf(entry)} pays ${money(Q.roundHalfUp(price), card.rateCard)}${after}, ${percent(share, limit)} of the ${money(Q.roundHalfUp(worst.total), card.rateCard)} its chain can pay for one participant, every sustainment claim included (more than ${percent(limit)}). Placing a new person earns more than keeping someone in, so a provider gains from churn. Move money from the entry price to the sustainment outcomes.`,
        related: steps.map((s) => lineRelated(card.rateCard, s, `the sustainment payment in the chain (${s.outcome})`)),
      });
    }
  }
}

/** Keeping someone in pays every claim a sustainment line allows (104 weekly payments, say): the chain's steps priced by `lineOf`. */
function plainKept(chain: readonly string[], lineOf: (step: string) => PriceLineModel | undefined): Kept {
  let priced = false;
  let kept: Q.Rational = Q.ZERO;
  for (const id of chain) {
    const step = lineOf(id);
    if (step === undefined) continue;
    priced = true;
    const pays = linePays(step);
    if (pays === undefined || pays === null) return null; // a step that cannot be read, or unbounded: the chain's total is unknown
    kept = Q.add(kept, pays);
  }
  return priced ? kept : 'none';
}

/** One cohort's sum over the steps below an outcome. */
interface CohortSum {
  priced: number;
  /** Exact, so the order of adding does not matter. */
  sum: Q.Rational;
  /** A step that cannot be read or is unbounded. */
  unknown: boolean;
}

/**
 * The chain's figures for every entry whose dependants form a tree (a long chain, say), built
 * bottom-up once: each outcome's from its direct dependants', so a 10,000-outcome chain costs
 * 10,000 steps, not 50 million. Other entries get undefined and the plain walk.
 */
function chainSums(facts: RuleFacts, card: CardFacts, isStep: (id: string) => boolean) {
  const trees = facts.dependantTrees();
  const doubtfulLines = facts.doubtfulLines(card);
  const looseLine = doubtfulLines.some((l) => l.outcome === undefined || !facts.outcomeById(l.outcome));
  const doubtfulPriced = new Set(doubtfulLines.map((l) => l.outcome));
  const steps = new Map<string, number>();
  const blocked = new Set<string>();
  for (const id of trees.ids) {
    let count = 0;
    let stop = false;
    for (const child of facts.requiredBy(id)) {
      const step = isStep(child);
      count += steps.get(child)! + (step ? 1 : 0);
      if (blocked.has(child) || (step && (facts.doubtful(facts.outcomeById(child)) || doubtfulPriced.has(child)))) stop = true;
    }
    steps.set(id, count);
    if (stop) blocked.add(id);
  }
  // By the lines that price the cohort: cohorts priced alike (every cohort, on a card of general lines) share their sums.
  const byLines = new Map<Map<string, PriceLineModel>, Map<string, CohortSum>>();
  const sumsFor = (cohort: string): Map<string, CohortSum> => {
    const lines = card.linesForCohort(cohort);
    let sums = byLines.get(lines);
    if (sums) return sums;
    sums = new Map();
    for (const id of trees.ids) {
      const here: CohortSum = { priced: 0, sum: Q.ZERO, unknown: false };
      for (const child of facts.requiredBy(id)) {
        const below = sums.get(child)!;
        here.priced += below.priced;
        here.sum = Q.add(here.sum, below.sum);
        here.unknown ||= below.unknown;
        const line = isStep(child) ? lines.get(child) : undefined;
        if (!line) continue;
        here.priced++;
        const pays = linePays(line);
        if (pays === undefined || pays === null) here.unknown = true;
        else here.sum = Q.add(here.sum, pays);
      }
      sums.set(id, here);
    }
    byLines.set(lines, sums);
    return sums;
  };
  return {
    at: (id: string) =>
      trees.has(id)
        ? {
            steps: steps.get(id)!,
            blocked: blocked.has(id),
            kept: (cohort: string): Kept => {
              const s = sumsFor(cohort).get(id)!;
              if (s.priced === 0) return 'none';
              if (s.unknown) return null;
              return s.sum;
            },
          }
        : undefined,
    /** A doubtful line that may be in any chain, or on the entry itself. */
    blocks: (id: string) => looseLine || doubtfulPriced.has(id),
  };
}
