/** Amounts on the way to a figure: exact, unbounded, or blocked by a line that cannot be read. */
import * as Q from './rational';

export type Amount = Q.Rational | 'unbounded' | 'blocked';

/** One price line's part of a figure for one cohort. */
export interface Contribution {
  line: number;
  cohort: string;
  /** Before `factor`, which is applied after summing (cheaper, and as exact). */
  amount: Amount;
  /** The same for all of a cohort's parts (its participants, its cap's cut); none means 1. */
  factor?: Q.Rational;
}

/**
 * Takes each line's part of the maximum liability, expected payments and deadweight, by cohort,
 * as the figures visit them (figures.ts): the same fields as a Contribution, without one made per part.
 */
export interface PartSink {
  liability(cohort: string, factor: Q.Rational | undefined, line: number, amount: Amount): void;
  expected(cohort: string, factor: Q.Rational | undefined, line: number, amount: Amount): void;
  deadweight(cohort: string, factor: Q.Rational | undefined, line: number, amount: Amount): void;
}

/** A part's amount after its cohort's cap cut. */
export function cut(part: Contribution): Amount {
  return part.factor ? scale(part.amount, part.factor) : part.amount;
}

/** Anything plus unbounded is unbounded; otherwise a blocked part blocks the sum. */
export function addAmount(a: Amount, b: Amount): Amount {
  if (a === 'unbounded' || b === 'unbounded') return 'unbounded';
  if (a === 'blocked' || b === 'blocked') return 'blocked';
  return Q.add(a, b);
}

/** a × b, where nothing times anything is nothing. */
export function scale(a: Amount, b: Amount): Amount {
  if ((typeof a === 'object' && Q.isZero(a)) || (typeof b === 'object' && Q.isZero(b))) return Q.ZERO;
  if (a === 'unbounded' || b === 'unbounded') return 'unbounded';
  if (a === 'blocked' || b === 'blocked') return 'blocked';
  return Q.mul(a, b);
}

/** Applies a cap in minor units, saying whether it cut the amount down. */
export function capAmount(amount: Amount, cap: number | undefined): { amount: Amount; capped: boolean } {
  if (cap === undefined || amount === 'blocked') return { amount, capped: false };
  if (amount === 'unbounded' || Q.compare(amount, Q.int(cap)) > 0) return { amount: Q.int(cap), capped: true };
  return { amount, capped: false };
}

export function roundAmount(amount: Amount): number | null {
  if (typeof amount !== 'object') return null;
  // Past the largest number there is (a maxClaims of 1e306 × a price), no amount can be shown: unbounded.
  // Past 2^53 minor units it is no longer exact either, and a figure we cannot stand behind is not shown.
  const rounded = Q.roundHalfUp(amount);
  return Number.isSafeInteger(rounded) ? rounded : null;
}

/** Who pays a line: payer ids (or COHORT_PAYER) to fractions adding up to 1. */
export type Split = Map<string, Q.Rational>;

/** Each line's split by the line's index (its place in the card); undefined when nobody can say. */
export type SplitsByLine = readonly (Split | undefined)[];

/** Each payer's part of the contributions, by each line's split (fractions adding to 1). */
export function splitByPayer(
  parts: Contribution[],
  splits: SplitsByLine,
  payers: Set<string>,
  factor: Q.Rational | undefined,
  /** Who `cohort` (the cohort's own payer) is in a split, for a cohort; parts with nobody are left out. */
  cohortPayer?: (cohort: string) => string | undefined,
): Map<string, Amount> {
  const splitter = new PayerSplitter(splits);
  for (const part of parts) splitter.add(part.cohort, part.factor, part.line, part.amount);
  return splitter.byPayer(payers, factor, cohortPayer);
}

interface CohortGroup {
  factor?: Q.Rational;
  bySplit: Map<Split, PartSum>;
}

/**
 * splitByPayer taking the parts one at a time, so that the breakdowns need no list of them
 * (engine.ts feeds it as the figures visit each cohort's parts). The same parts in the same
 * order give the same Map as splitByPayer.
 */
export class PayerSplitter {
  // Per cohort: most lines share the rate card's split, so the parts are added up by their
  // line's split (exact sums: the same as adding by line first), each sum is split once, and the
  // cohort's cut is applied once.
  // A cohort's parts come one after another, and most share one split: the last group and sum
  // found are tried first, and each sum is added to in place (no fraction made per part).
  private readonly byCohort = new Map<string, CohortGroup>();
  private lastCohort: string | undefined = undefined;
  private group: CohortGroup | undefined = undefined;
  private lastSplit: Split | undefined = undefined;
  private lastSum: PartSum | undefined = undefined;

  constructor(private readonly splits: SplitsByLine) {}

  /** One part: its cohort, the cohort's cut (that of the cohort's first part is used), its line and amount. */
  add(cohort: string, factor: Q.Rational | undefined, line: number, amount: Amount): void {
    let group = this.group;
    if (group === undefined || cohort !== this.lastCohort) {
      this.lastCohort = cohort;
      group = this.byCohort.get(cohort);
      if (!group) this.byCohort.set(cohort, (group = { factor, bySplit: new Map() }));
      this.group = group;
      this.lastSplit = this.lastSum = undefined;
    }
    // An array read by index: a Map keyed by line index was the hottest read of the breakdowns.
    const split = line < this.splits.length ? this.splits[line] : undefined;
    if (!split) return;
    let sum = this.lastSum;
    if (split !== this.lastSplit || sum === undefined) {
      this.lastSplit = split;
      sum = group.bySplit.get(split);
      if (!sum) group.bySplit.set(split, (sum = new PartSum()));
      this.lastSum = sum;
    }
    sum.add(amount);
  }

  /** Each payer's part, every payer of `payers` first (at zero), then times `factor`. */
  byPayer(payers: Set<string>, factor: Q.Rational | undefined, cohortPayer?: (cohort: string) => string | undefined): Map<string, Amount> {
    const out = new Map<string, Amount>();
    for (const id of payers) out.set(id, Q.ZERO);
    for (const [cohort, { factor: cohortCut, bySplit: sums }] of this.byCohort) {
      const perPayer = new Map<string, Amount>();
      for (const [split, sum] of sums) {
        const amount = sum.amount();
        for (const [named, fraction] of split) {
          const payer = named === 'cohort' ? cohortPayer?.(cohort) : named;
          if (payer !== undefined) perPayer.set(payer, addAmount(perPayer.get(payer) ?? Q.ZERO, scale(amount, fraction)));
        }
      }
      for (const [payer, amount] of perPayer) out.set(payer, addAmount(out.get(payer) ?? Q.ZERO, cohortCut ? scale(amount, cohortCut) : amount));
    }
    if (factor) for (const [payer, amount] of out) out.set(payer, scale(amount, factor));
    return out;
  }
}

/** A sum of amounts, as `addAmount` folds them: unbounded if any is, else blocked if any is. */
export class PartSum {
  private readonly sum = new Q.Sum();
  private state: 'counted' | 'blocked' | 'unbounded' = 'counted';

  add(amount: Amount): void {
    if (amount === 'unbounded') this.state = 'unbounded';
    else if (amount === 'blocked') {
      if (this.state === 'counted') this.state = 'blocked';
    } else if (this.state === 'counted') this.sum.add(amount);
  }

  amount(): Amount {
    return this.state === 'counted' ? this.sum.value() : this.state;
  }
}

/**
 * Shares a rounded whole among payers by largest remainder when their exact parts make up the
 * whole; otherwise (a line without a split, or an unbounded part) each payer shows its own
 * figure, capped by the total cap.
 */
export function shareOut(whole: number | null, wholeAmount: Amount | undefined, parts: Map<string, Amount>, cap: number | undefined): Map<string, number | null> {
  const ids = [...parts.keys()];
  const values = ids.map((id) => parts.get(id)!);
  const out = new Map<string, number | null>();
  if (whole !== null && typeof wholeAmount === 'object' && values.every((v) => typeof v === 'object')) {
    const sum = (values as Q.Rational[]).reduce(Q.add, Q.ZERO);
    if (Q.compare(sum, wholeAmount) === 0) {
      Q.largestRemainder(whole, values as Q.Rational[]).forEach((amount, i) => out.set(ids[i], amount));
      return out;
    }
  }
  ids.forEach((id, i) => out.set(id, roundAmount(capAmount(values[i], cap).amount)));
  return out;
}
