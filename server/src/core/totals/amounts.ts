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

/** Each payer's part of the contributions, by each line's split (fractions adding to 1). */
export function splitByPayer(
  parts: Contribution[],
  splits: Map<number, Map<string, Q.Rational> | undefined>,
  payers: Set<string>,
  factor: Q.Rational | undefined,
  /** Who `cohort` (the cohort's own payer) is in a split, for a cohort; parts with nobody are left out. */
  cohortPayer?: (cohort: string) => string | undefined,
): Map<string, Amount> {
  const out = new Map<string, Amount>();
  for (const id of payers) out.set(id, Q.ZERO);
  // Per cohort: most lines share the rate card's split, so the parts are added up by their
  // line's split (exact sums: the same as adding by line first), each sum is split once, and the
  // cohort's cut is applied once.
  // A cohort's parts come one after another, and most share one split: the last group and sum
  // found are tried first, and each sum is added to in place (no fraction made per part).
  const byCohort = new Map<string, { factor?: Q.Rational; bySplit: Map<Map<string, Q.Rational>, PartSum> }>();
  let lastCohort: string | undefined;
  let group: { factor?: Q.Rational; bySplit: Map<Map<string, Q.Rational>, PartSum> } | undefined;
  let lastSplit: Map<string, Q.Rational> | undefined;
  let lastSum: PartSum | undefined;
  for (const part of parts) {
    if (group === undefined || part.cohort !== lastCohort) {
      lastCohort = part.cohort;
      group = byCohort.get(part.cohort);
      if (!group) byCohort.set(part.cohort, (group = { factor: part.factor, bySplit: new Map() }));
      lastSplit = lastSum = undefined;
    }
    const split = splits.get(part.line);
    if (!split) continue;
    if (split !== lastSplit) {
      lastSplit = split;
      lastSum = group.bySplit.get(split);
      if (!lastSum) group.bySplit.set(split, (lastSum = new PartSum()));
    }
    lastSum!.add(part.amount);
  }
  for (const [cohort, { factor: cohortCut, bySplit: sums }] of byCohort) {
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

/** A sum of amounts, as `addAmount` folds them: unbounded if any is, else blocked if any is. */
class PartSum {
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
