/**
 * The facts every rule needs, computed once per check and shared: outcomes by domain and stage,
 * prerequisite chains, price lines by outcome, the cohorts each line applies to, and totals.
 * Rules read these rather than walking the documents themselves.
 */
import type { CohortEntry, FrameworkModel, OutcomeEntry, PriceLineModel, RateCardModel } from '../model';
import { computeTotals, type Totals } from '../totals';
import type { Workspace } from '../workspace';

/** What one rate card adds to the framework's facts. */
export interface CardFacts {
  rateCard: RateCardModel;
  /** Price lines with a usable outcome id, by outcome. */
  linesByOutcome: Map<string, PriceLineModel[]>;
  /** The cohort ids a line applies to ('*' when the framework is unknown and the line is general). */
  cohortsOf(line: PriceLineModel): string[];
  /** The line that prices `outcome` for `cohort`: its cohort-specific line, else its general line. */
  lineFor(outcome: string, cohort: string): PriceLineModel | undefined;
  /** Every cohort this card prices something for. */
  cohorts: string[];
  /**
   * Most one participant of `cohort` could earn before any cap: price × maxClaims over the lines
   * that apply, only the dearest of an `excludes` set counting. Null when a line is unlimited.
   */
  uncappedMaxPerParticipant(cohort: string): number | null;
  /** The payment totals (computed on first use); undefined when they cannot be computed. */
  totals(): Totals | undefined;
}

export interface RuleFacts {
  workspace: Workspace;
  /** The file being checked: findings elsewhere are dropped. */
  target: FrameworkModel | RateCardModel;
  framework?: FrameworkModel;
  /** Set when the framework itself is being checked: framework rules report only then. */
  frameworkTarget?: FrameworkModel;
  /** Set when a rate card is being checked: rate-card rules report only on it. */
  cardTarget?: CardFacts;
  /** The rate cards in view: the checked one, or every known card using the checked framework. */
  cards: CardFacts[];
  outcomes: OutcomeEntry[];
  /** Outcomes with `role: payment`. */
  paidOutcomes: OutcomeEntry[];
  /** Outcomes keyed by `domain/stage`. */
  byDomainStage: Map<string, OutcomeEntry[]>;
  outcomeById(id: string): OutcomeEntry | undefined;
  /** Every outcome `id` requires, directly or through others (cycles tolerated). */
  prerequisites(id: string): Set<string>;
  /** Outcomes that require `id`, directly or through others. */
  dependants(id: string): Set<string>;
  cohorts: CohortEntry[];
}

export function domainOf(outcome: OutcomeEntry | undefined): string | undefined {
  const domain = outcome?.value.domain;
  return typeof domain === 'string' ? domain : undefined;
}

export function stageOf(outcome: OutcomeEntry | undefined): string | undefined {
  const stage = outcome?.value.stage;
  return typeof stage === 'string' ? stage : undefined;
}

export function isPaid(outcome: OutcomeEntry | undefined): boolean {
  return outcome?.value.role === 'payment';
}

export function buildFacts(workspace: Workspace, target: FrameworkModel | RateCardModel, framework: FrameworkModel | undefined, rateCards: RateCardModel[]): RuleFacts {
  const outcomes = framework?.outcomes ?? [];
  const byId = framework?.outcomeById ?? new Map<string, OutcomeEntry>();
  const byDomainStage = new Map<string, OutcomeEntry[]>();
  for (const outcome of outcomes) {
    const key = `${domainOf(outcome)}/${stageOf(outcome)}`;
    const list = byDomainStage.get(key);
    if (list) list.push(outcome);
    else byDomainStage.set(key, [outcome]);
  }
  const prerequisiteCache = new Map<string, Set<string>>();
  const prerequisites = (id: string): Set<string> => {
    let found = prerequisiteCache.get(id);
    if (found) return found;
    found = new Set<string>();
    const stack = [...(byId.get(id)?.requires ?? [])];
    while (stack.length) {
      const next = stack.pop()!;
      if (found.has(next) || next === id) continue;
      found.add(next);
      stack.push(...(byId.get(next)?.requires ?? []));
    }
    prerequisiteCache.set(id, found);
    return found;
  };
  let dependantMap: Map<string, Set<string>> | undefined;
  const dependants = (id: string): Set<string> => {
    if (!dependantMap) {
      dependantMap = new Map();
      for (const outcome of outcomes) {
        if (!outcome.id) continue;
        for (const before of prerequisites(outcome.id)) {
          const set = dependantMap.get(before) ?? new Set<string>();
          set.add(outcome.id);
          dependantMap.set(before, set);
        }
      }
    }
    return dependantMap.get(id) ?? new Set();
  };
  const excludesLinks = linkExcludes(framework);
  const cards = rateCards.map((rateCard) => cardFacts(rateCard, framework, excludesLinks));
  const cardTarget = target.kind === 'RateCard' ? cards.find((c) => c.rateCard === target) : undefined;
  return {
    workspace,
    target,
    framework,
    frameworkTarget: target.kind === 'OutcomeFramework' ? target : undefined,
    cardTarget,
    cards,
    outcomes,
    paidOutcomes: outcomes.filter(isPaid),
    byDomainStage,
    outcomeById: (id) => byId.get(id),
    prerequisites,
    dependants,
    cohorts: framework?.cohorts ?? [],
  };
}

function cardFacts(rateCard: RateCardModel, framework: FrameworkModel | undefined, excludesLinks: Map<string, string[]>): CardFacts {
  const linesByOutcome = new Map<string, PriceLineModel[]>();
  for (const line of rateCard.prices) {
    if (!line.outcome) continue;
    const list = linesByOutcome.get(line.outcome);
    if (list) list.push(line);
    else linesByOutcome.set(line.outcome, [line]);
  }
  const allCohorts = framework ? framework.cohorts.map((c) => c.id).filter(Boolean) : ['*'];
  const cohortsOf = (line: PriceLineModel): string[] => {
    if (line.cohorts) return line.cohorts;
    // A general line applies to every cohort without its own line for the outcome.
    const specific = new Set<string>();
    for (const other of linesByOutcome.get(line.outcome ?? '') ?? []) for (const c of other.cohorts ?? []) specific.add(c);
    return allCohorts.filter((c) => !specific.has(c));
  };
  const lineFor = (outcome: string, cohort: string): PriceLineModel | undefined => {
    const lines = linesByOutcome.get(outcome) ?? [];
    return lines.find((l) => l.cohorts?.includes(cohort)) ?? lines.find((l) => !l.cohorts);
  };
  const cohorts = new Set<string>();
  for (const line of rateCard.prices) for (const c of cohortsOf(line)) cohorts.add(c);
  const maxCache = new Map<string, number | null>();
  const uncappedMaxPerParticipant = (cohort: string): number | null => {
    if (maxCache.has(cohort)) return maxCache.get(cohort)!;
    // Per outcome, what the line pays at most; then within an excludes set only the dearest.
    const perOutcome = new Map<string, number | null>();
    for (const outcome of linesByOutcome.keys()) {
      const line = lineFor(outcome, cohort);
      if (!line || line.price === undefined || line.maxClaims === undefined) continue;
      perOutcome.set(outcome, line.maxClaims === 'unlimited' ? (line.price === 0 ? 0 : null) : line.price * line.maxClaims);
    }
    let total: number | null = 0;
    const counted = new Set<string>();
    for (const [outcome, amount] of perOutcome) {
      if (counted.has(outcome)) continue;
      const group = excludesGroup(outcome, excludesLinks).filter((o) => perOutcome.has(o));
      for (const o of group) counted.add(o);
      const amounts = group.map((o) => perOutcome.get(o) ?? null);
      const dearest = amount === null || amounts.includes(null) ? null : Math.max(amount, ...amounts.map((a) => a ?? 0));
      total = total === null || dearest === null ? null : total + dearest;
    }
    maxCache.set(cohort, total);
    return total;
  };
  let totals: Totals | undefined | null = null;
  return {
    rateCard,
    linesByOutcome,
    cohortsOf,
    lineFor,
    cohorts: [...cohorts],
    uncappedMaxPerParticipant,
    totals: () => {
      if (totals === null) {
        try {
          totals = computeTotals(rateCard, framework);
        } catch {
          totals = undefined; // a rule must never crash the check; the totals view reports its own problems
        }
      }
      return totals;
    },
  };
}

/** Each outcome's `excludes` links, both ways round, built once per check. */
function linkExcludes(framework: FrameworkModel | undefined): Map<string, string[]> {
  const links = new Map<string, string[]>();
  const add = (a: string, b: string) => {
    const list = links.get(a);
    if (list) list.push(b);
    else links.set(a, [b]);
  };
  for (const outcome of framework?.outcomes ?? []) {
    for (const other of outcome.excludes) {
      add(outcome.id, other);
      add(other, outcome.id);
    }
  }
  return links;
}

/** The outcome and every outcome linked to it by `excludes`, either way round. */
function excludesGroup(outcome: string, links: Map<string, string[]>): string[] {
  const group = new Set([outcome]);
  const stack = [outcome];
  while (stack.length) {
    const id = stack.pop()!;
    for (const next of links.get(id) ?? []) {
      if (group.has(next)) continue;
      group.add(next);
      stack.push(next);
    }
  }
  return [...group];
}
