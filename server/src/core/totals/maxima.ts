/**
 * Max per participant for one cohort: the most, over the sets of outcomes one participant may
 * achieve (closed under `requires`, no two that exclude each other: pathways.ts), of Σ price ×
 * maxClaims (or maxPeriods, for a line paid per period) over the priced outcomes in the set; then capped by caps.perParticipant.
 */
import { type FrameworkModel, type PriceLineModel, timesPaid } from '../model';
import { type Amount, capAmount, PartSum } from './amounts';
import { bestPathway, type PathwayComponent, pathwaysOf } from './pathways';
import * as Q from './rational';
import type { OutcomeSlots } from './slots';

/**
 * What every cohort's maxima of one computation share (figures.ts): the outcomes' slots, and each
 * line's value for one participant by the line's index, read once for all cohorts.
 */
export interface MaximaShared {
  slots: OutcomeSlots;
  values: (Amount | undefined)[];
}

export interface CohortMaxima {
  total: Amount;
  /** The same before caps.perParticipant. */
  uncapped: Amount;
  /** Whether caps.perParticipant cut it down. */
  capped: boolean;
  /** The counted lines' parts of the total, before `factor`, in order, without building a list. */
  eachPart(visit: (line: number, amount: Amount) => void): void;
  /** The cap's cut of a bounded sum, applied to every part. */
  factor?: Q.Rational;
  /** True when `uncapped` (and so `total`) is only an upper bound: a pathway search ran past its budget, or `relaxedRoutes` below. */
  upperBound: boolean;
  /** Why, in part: the outcomes counted with too many routes through `requiresAnyOf` to list (pathways.ts ROUTE_LIMIT). */
  relaxedRoutes: string[];
  /** Why, in part: a pathway search ran past its budget. */
  searchOverBudget: boolean;
}

export function maxPerParticipant(lines: PriceLineModel[], problems: Map<number, string>, framework: FrameworkModel | undefined, capPP: number | undefined, shared?: MaximaShared): CohortMaxima {
  const pathways = framework ? pathwaysOf(framework) : undefined;
  // Chosen in a function of its own: the parts' closures below keep the lists, not the Map by outcome.
  const { chosen, chosenLines, chosenValues, raw, overBudget } = chooseOutcomes(shared ? valuesBySlot(lines, problems, shared) : [...outcomeValues(lines, problems)].map(([outcome, { line, value }]) => ({ outcome, line, value })), pathways);
  const { amount: total, capped } = capAmount(raw, capPP);
  const factor = capped && typeof raw === 'object' && !Q.isZero(raw) ? Q.div(total as Q.Rational, raw) : undefined;
  // The counted lines' parts: in proportion when the cap cuts a bounded sum; when it bounds an
  // unlimited line, the cap is put down to the unlimited lines (equally), so the parts still add up.
  // Visited one by one: the breakdowns take each part straight into their own list.
  const eachPart = (visit: (line: number, amount: Amount) => void) => {
    const cutsUnlimited = capped && raw === 'unbounded';
    const open = cutsUnlimited ? chosenValues.filter((value) => value === 'unbounded').length : 0;
    for (let i = 0; i < chosenLines.length; i++) {
      const value = chosenValues[i];
      visit(chosenLines[i], cutsUnlimited ? (value === 'unbounded' ? Q.div(total as Q.Rational, Q.int(open)) : Q.ZERO) : value);
    }
  };
  // An outcome with too many routes to list counted as if it needed nothing more (pathways.ts).
  const relaxedRoutes = pathways && pathways.relaxed.size > 0 ? chosen.filter((o) => pathways.relaxed.has(o)) : [];
  const bounded = typeof raw === 'object';
  const upperBound = bounded && (overBudget || relaxedRoutes.length > 0);
  return { total, uncapped: raw, capped, eachPart, factor, upperBound, relaxedRoutes: upperBound ? relaxedRoutes : [], searchOverBudget: upperBound && overBudget };
}

/**
 * The outcomes counted for one participant, in order, each once (outcomes and components never
 * repeat), with each one's line index and value, and their sum.
 */
function chooseOutcomes(
  /** Each outcome once, with its dearest line and that line's value, in the order of outcomeValues. */
  entries: OutcomeValue[],
  pathways: ReturnType<typeof pathwaysOf> | undefined,
): { chosen: string[]; chosenLines: number[]; chosenValues: Amount[]; raw: Amount; overBudget: boolean } {
  // By outcome only where exclusive pathways need it (rare): no keyed write per outcome otherwise.
  let known: Map<string, OutcomeValue> | undefined;
  const byOutcome = () => (known ??= new Map(entries.map((e) => [e.outcome, e])));
  const chosen: string[] = [];
  const chosenLines: number[] = [];
  const chosenValues: Amount[] = [];
  // Added up in place (the same sum as folding with addAmount).
  const sum = new PartSum();
  const choose = (o: string) => {
    const { line, value } = byOutcome().get(o)!;
    chosen.push(o);
    chosenLines.push(line.index);
    chosenValues.push(value);
    sum.add(value);
  };
  // One pathway per participant (pathways.ts): outcomes that can never be paid count nothing;
  // outcomes whose payment depends on a choice between exclusive pathways are searched per component.
  const inGroups = new Map<PathwayComponent, string[]>();
  let overBudget = false;
  for (const { outcome: o, line, value } of entries) {
    if (pathways?.unpayable.has(o)) continue;
    const component = pathways?.componentOf.get(o);
    if (component) (inGroups.get(component) ?? inGroups.set(component, []).get(component)!).push(o);
    else {
      chosen.push(o);
      chosenLines.push(line.index);
      chosenValues.push(value);
      sum.add(value);
    }
  }
  for (const [component, outcomes] of inGroups) {
    // An unbounded member makes the component unbounded; a blocked one (and no unbounded) blocks it.
    const open = outcomes.find((o) => byOutcome().get(o)!.value === 'unbounded') ?? outcomes.find((o) => byOutcome().get(o)!.value === 'blocked');
    if (open !== undefined) {
      choose(open);
      continue;
    }
    const valued = outcomes.map((id) => ({ id, routes: pathways!.routesOf.get(id)!, value: byOutcome().get(id)!.value as Q.Rational }));
    const best = bestPathway(component, valued);
    if (!best.exact) overBudget = true;
    best.ids.forEach(choose);
  }
  return { chosen, chosenLines, chosenValues, raw: sum.amount(), overBudget };
}

/** One value per outcome for one participant: its dearest line (two lines for the same outcome and cohort are a duplicate-price error). */
export function outcomeValues(lines: PriceLineModel[], problems: Map<number, string>): Map<string, { line: PriceLineModel; value: Amount }> {
  const byOutcome = new Map<string, { line: PriceLineModel; value: Amount }>();
  for (const line of lines) {
    const value = lineValue(line, problems);
    const seen = byOutcome.get(line.outcome!);
    if (!seen || dearer(value, seen.value)) byOutcome.set(line.outcome!, { line, value });
  }
  return byOutcome;
}

/**
 * outcomeValues' entries, in the same order, with each outcome's dearest line found by its slot
 * (an array read, not a keyed one per line) and each line's value read once for every cohort.
 */
function valuesBySlot(lines: PriceLineModel[], problems: Map<number, string>, shared: MaximaShared): OutcomeValue[] {
  const { slots, values } = shared;
  const best: (OutcomeValue | undefined)[] = new Array(slots.count).fill(undefined);
  const order: number[] = [];
  for (const line of lines) {
    let value = values[line.index];
    if (value === undefined) values[line.index] = value = lineValue(line, problems);
    const slot = slots.ofLine[line.index];
    const seen = best[slot];
    if (!seen) {
      order.push(slot);
      best[slot] = { outcome: line.outcome!, line, value };
    } else if (dearer(value, seen.value)) best[slot] = { outcome: seen.outcome, line, value };
  }
  const out: OutcomeValue[] = [];
  for (const slot of order) out.push(best[slot]!);
  return out;
}

interface OutcomeValue {
  outcome: string;
  line: PriceLineModel;
  value: Amount;
}

/** One line's value for one participant: price × maxClaims (or maxPeriods), after its discount. */
function lineValue(line: PriceLineModel, problems: Map<number, string>): Amount {
  const times = timesPaid(line);
  const full: Amount = problems.has(line.index) ? 'blocked' : times === 'unlimited' ? (line.price === 0 ? Q.ZERO : 'unbounded') : timesClaims(line.price!, times as number);
  // A discount for deadweight cuts every payment of the line.
  return line.discount && typeof full === 'object' ? Q.mul(full, keptAfter(line.discount)) : full;
}

/** What is left of a payment after a discount in percent: 1 − discount/100, exactly. */
export function keptAfter(discount: number): Q.Rational {
  return Q.sub(Q.ONE, Q.div(Q.readShare(() => undefined, discount), Q.int(100)));
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
