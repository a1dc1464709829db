/**
 * Max per participant for one cohort: the most, over the sets of outcomes one participant may
 * achieve (closed under `requires`, no two that exclude each other: pathways.ts), of Σ price ×
 * maxClaims (or maxPeriods, for a line paid per period) over the priced outcomes in the set; then capped by caps.perParticipant.
 */
import { type FrameworkModel, type PriceLineModel, timesPaid } from '../model';
import { type Amount, addAmount, capAmount } from './amounts';
import { bestPathway, type PathwayComponent, pathwaysOf } from './pathways';
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
  /** True when `uncapped` (and so `total`) is only an upper bound: a pathway search ran past its budget, or `relaxedRoutes` below. */
  upperBound: boolean;
  /** Why, in part: the outcomes counted with too many routes through `requiresAnyOf` to list (pathways.ts ROUTE_LIMIT). */
  relaxedRoutes: string[];
  /** Why, in part: a pathway search ran past its budget. */
  searchOverBudget: boolean;
}

export function maxPerParticipant(lines: PriceLineModel[], problems: Map<number, string>, framework: FrameworkModel | undefined, capPP: number | undefined): CohortMaxima {
  const pathways = framework ? pathwaysOf(framework) : undefined;
  // Chosen in a function of its own: the parts' closures below keep the lists, not the Map by outcome.
  const { chosen, chosenLines, chosenValues, raw, overBudget } = chooseOutcomes(lines, problems, pathways);
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
  const parts = () => {
    const out: { line: number; amount: Amount }[] = [];
    eachPart((line, amount) => out.push({ line, amount }));
    return out;
  };
  // An outcome with too many routes to list counted as if it needed nothing more (pathways.ts).
  const relaxedRoutes = pathways && pathways.relaxed.size > 0 ? chosen.filter((o) => pathways.relaxed.has(o)) : [];
  const bounded = typeof raw === 'object';
  const upperBound = bounded && (overBudget || relaxedRoutes.length > 0);
  return { total, uncapped: raw, capped, parts, eachPart, factor, upperBound, relaxedRoutes: upperBound ? relaxedRoutes : [], searchOverBudget: upperBound && overBudget };
}

/**
 * The outcomes counted for one participant, in order, each once (outcomes and components never
 * repeat), with each one's line index and value, and their sum.
 */
function chooseOutcomes(
  lines: PriceLineModel[],
  problems: Map<number, string>,
  pathways: ReturnType<typeof pathwaysOf> | undefined,
): { chosen: string[]; chosenLines: number[]; chosenValues: Amount[]; raw: Amount; overBudget: boolean } {
  const byOutcome = outcomeValues(lines, problems);
  const chosen: string[] = [];
  const chosenLines: number[] = [];
  const chosenValues: Amount[] = [];
  let raw: Amount = Q.ZERO;
  const choose = (o: string) => {
    const { line, value } = byOutcome.get(o)!;
    chosen.push(o);
    chosenLines.push(line.index);
    chosenValues.push(value);
    raw = addAmount(raw, value);
  };
  // One pathway per participant (pathways.ts): outcomes that can never be paid count nothing;
  // outcomes whose payment depends on a choice between exclusive pathways are searched per component.
  const inGroups = new Map<PathwayComponent, string[]>();
  let overBudget = false;
  for (const [o, { line, value }] of byOutcome) {
    if (pathways?.unpayable.has(o)) continue;
    const component = pathways?.componentOf.get(o);
    if (component) (inGroups.get(component) ?? inGroups.set(component, []).get(component)!).push(o);
    else {
      chosen.push(o);
      chosenLines.push(line.index);
      chosenValues.push(value);
      raw = addAmount(raw, value);
    }
  }
  for (const [component, outcomes] of inGroups) {
    // An unbounded member makes the component unbounded; a blocked one (and no unbounded) blocks it.
    const open = outcomes.find((o) => byOutcome.get(o)!.value === 'unbounded') ?? outcomes.find((o) => byOutcome.get(o)!.value === 'blocked');
    if (open !== undefined) {
      choose(open);
      continue;
    }
    const valued = outcomes.map((id) => ({ id, routes: pathways!.routesOf.get(id)!, value: byOutcome.get(id)!.value as Q.Rational }));
    const best = bestPathway(component, valued);
    if (!best.exact) overBudget = true;
    best.ids.forEach(choose);
  }
  return { chosen, chosenLines, chosenValues, raw, overBudget };
}

/** One value per outcome for one participant: its dearest line (two lines for the same outcome and cohort are a duplicate-price error). */
export function outcomeValues(lines: PriceLineModel[], problems: Map<number, string>): Map<string, { line: PriceLineModel; value: Amount }> {
  const byOutcome = new Map<string, { line: PriceLineModel; value: Amount }>();
  for (const line of lines) {
    const times = timesPaid(line);
    const full: Amount = problems.has(line.index) ? 'blocked' : times === 'unlimited' ? (line.price === 0 ? Q.ZERO : 'unbounded') : timesClaims(line.price!, times as number);
    // A discount for deadweight cuts every payment of the line.
    const value = line.discount && typeof full === 'object' ? Q.mul(full, keptAfter(line.discount)) : full;
    const seen = byOutcome.get(line.outcome!);
    if (!seen || dearer(value, seen.value)) byOutcome.set(line.outcome!, { line, value });
  }
  return byOutcome;
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
