/**
 * Max per participant for one cohort: Σ price × maxClaims over the lines that price it, where
 * within outcomes that exclude each other only the dearest combination that may be paid
 * together counts; then capped by caps.perParticipant.
 */
import type { FrameworkModel, PriceLineModel } from '../model';
import { type Amount, addAmount, capAmount } from './amounts';
import * as Q from './rational';

export interface CohortMaxima {
  total: Amount;
  /** The same before caps.perParticipant. */
  uncapped: Amount;
  /** Whether caps.perParticipant cut it down. */
  capped: boolean;
  /** The counted lines' parts of the total, before `factor` (built when a breakdown asks). */
  parts(): { line: number; amount: Amount }[];
  /** The same parts, in the same order, without building the list. */
  eachPart(visit: (line: number, amount: Amount) => void): void;
  /** The cap's cut of a bounded sum, applied to every part. */
  factor?: Q.Rational;
}

/** Components larger than this are counted in full (an upper bound) rather than searched. */
const MAX_SEARCH = 20;

export function maxPerParticipant(lines: PriceLineModel[], problems: Map<number, string>, framework: FrameworkModel | undefined, capPP: number | undefined): CohortMaxima {
  // One value per outcome: its dearest line (two lines for the same outcome and cohort are a duplicate-price error).
  const byOutcome = new Map<string, { line: PriceLineModel; value: Amount }>();
  for (const line of lines) {
    const value: Amount = problems.has(line.index) ? 'blocked' : line.maxClaims === 'unlimited' ? (line.price === 0 ? Q.ZERO : 'unbounded') : timesClaims(line.price!, line.maxClaims as number);
    const seen = byOutcome.get(line.outcome!);
    if (!seen || dearer(value, seen.value)) byOutcome.set(line.outcome!, { line, value });
  }
  // The outcomes counted, in order, each once (a list: outcomes and components never repeat),
  // summed as they are chosen.
  const chosen: string[] = [];
  let raw: Amount = Q.ZERO;
  const choose = (o: string) => {
    chosen.push(o);
    raw = addAmount(raw, byOutcome.get(o)!.value);
  };
  const linked = framework ? linkedOutcomes(framework) : undefined;
  // Most outcomes exclude nothing: each counts alone.
  const inGroups: string[] = [];
  for (const [o, { value }] of byOutcome) {
    if (linked?.has(o)) inGroups.push(o);
    else {
      chosen.push(o);
      raw = addAmount(raw, value);
    }
  }
  for (const component of inGroups.length > 0 ? excludeComponents(inGroups, framework) : []) {
    // An unbounded member makes the component unbounded; a blocked one (and no unbounded) blocks it.
    const open = component.find((o) => byOutcome.get(o)!.value === 'unbounded') ?? component.find((o) => byOutcome.get(o)!.value === 'blocked');
    if (open !== undefined) {
      choose(open);
      continue;
    }
    if (component.length === 1 || component.length > MAX_SEARCH) {
      component.forEach(choose);
      continue;
    }
    bestTogether(component, (o) => BigInt((byOutcome.get(o)!.value as Q.Rational).n), (a, b) => excludes(framework, a, b)).forEach(choose);
  }
  const { amount: total, capped } = capAmount(raw, capPP);
  const factor = capped && typeof raw === 'object' && !Q.isZero(raw) ? Q.div(total as Q.Rational, raw) : undefined;
  // The counted lines' parts: in proportion when the cap cuts a bounded sum; when it bounds an
  // unlimited line, the cap is put down to the unlimited lines (equally), so the parts still add up.
  // Visited one by one: the breakdowns take each part straight into their own list.
  const eachPart = (visit: (line: number, amount: Amount) => void) => {
    const cutsUnlimited = capped && raw === 'unbounded';
    const open = cutsUnlimited ? chosen.filter((o) => byOutcome.get(o)!.value === 'unbounded').length : 0;
    for (const o of chosen) {
      const { line, value } = byOutcome.get(o)!;
      visit(line.index, cutsUnlimited ? (value === 'unbounded' ? Q.div(total as Q.Rational, Q.int(open)) : Q.ZERO) : value);
    }
  };
  const parts = () => {
    const out: { line: number; amount: Amount }[] = [];
    eachPart((line, amount) => out.push({ line, amount }));
    return out;
  };
  return { total, uncapped: raw, capped, parts, eachPart, factor };
}

/** price × maxClaims exactly, even for a maxClaims too large for the product to be a safe number. */
function timesClaims(price: number, claims: number): Q.Rational {
  const product = price * claims;
  return Number.isSafeInteger(product) ? Q.int(product) : Q.mul(Q.int(price), Q.int(claims));
}

function dearer(a: Amount, b: Amount): boolean {
  if (a === 'unbounded') return b !== 'unbounded';
  if (b === 'unbounded') return false;
  if (a === 'blocked') return b !== 'blocked';
  if (b === 'blocked') return false;
  return Q.compare(a, b) > 0;
}

function excludes(framework: FrameworkModel | undefined, a: string, b: string): boolean {
  if (!framework) return false;
  return (framework.outcomeById.get(a)?.excludes.includes(b) ?? false) || (framework.outcomeById.get(b)?.excludes.includes(a) ?? false);
}

/** Outcomes named in any `excludes`, either way: all others stand alone. Derived once per framework model. */
const linkedByExcludes = new WeakMap<FrameworkModel, Set<string>>();

function linkedOutcomes(framework: FrameworkModel): Set<string> {
  let linked = linkedByExcludes.get(framework);
  if (!linked) {
    linked = new Set<string>();
    for (const outcome of framework.outcomes) {
      if (outcome.excludes.length === 0) continue;
      linked.add(outcome.id);
      for (const other of outcome.excludes) linked.add(other);
    }
    linkedByExcludes.set(framework, linked);
  }
  return linked;
}

/** Groups outcomes named in some `excludes` by those links (either way). */
function excludeComponents(outcomes: string[], framework: FrameworkModel | undefined): string[][] {
  if (outcomes.length === 0) return [];
  const present = new Set(outcomes);
  const parent = new Map(outcomes.map((o) => [o, o]));
  const find = (o: string): string => {
    while (parent.get(o) !== o) o = parent.get(o)!;
    return o;
  };
  for (const o of outcomes) {
    for (const other of framework?.outcomeById.get(o)?.excludes ?? []) if (present.has(other)) parent.set(find(o), find(other));
  }
  const groups = new Map<string, string[]>();
  for (const o of outcomes) groups.set(find(o), [...(groups.get(find(o)) ?? []), o]);
  return [...groups.values()];
}

/** The dearest set of outcomes of which no two exclude each other (small sets: exhaustive). */
function bestTogether(outcomes: string[], value: (o: string) => bigint, clash: (a: string, b: string) => boolean): string[] {
  let best: string[] = [];
  let bestValue = -1n;
  const walk = (i: number, picked: string[], sum: bigint): void => {
    if (i === outcomes.length) {
      if (sum > bestValue) [best, bestValue] = [picked.slice(), sum];
      return;
    }
    const o = outcomes[i];
    if (!picked.some((p) => clash(p, o))) {
      picked.push(o);
      walk(i + 1, picked, sum + value(o));
      picked.pop();
    }
    walk(i + 1, picked, sum);
  };
  walk(0, [], 0n);
  return best;
}
