/**
 * The facts every rule needs, computed once per check and shared: outcomes by domain and stage,
 * prerequisite chains, price lines by outcome, the cohorts each line applies to, and totals.
 * Rules read these rather than walking the documents themselves.
 */
import { timesPaid, type CohortEntry, type FrameworkModel, type OutcomeEntry, type PriceLineModel, type RateCardModel } from '../model';
import { computeTotals, generalMaxima, paymentFigures, type PaymentFigures, type Totals } from '../totals';
import { keptAfter } from '../totals/maxima';
import * as Q from '../totals/rational';
import type { Workspace } from '../workspace';
import type { Path } from '../document';
import type { Span } from '../ranges';

/** A payment figure for the rules: `undefined` = cannot be computed (a line cannot be read); `null` = unbounded. */
export type Maximum = number | null | undefined;

/** See RuleFacts.dependantTrees. */
export interface DependantTrees {
  /** Every id whose dependants form a tree, each after all its dependants. */
  ids: readonly string[];
  has(id: string): boolean;
  /** The same ids, each tree listed root first, so that an id's dependants are the ids just after it. */
  laidOut: readonly string[];
  /** Where `id`'s dependants lie in `laidOut`: from `from` up to, not including, `to`; undefined unless `has(id)`. */
  span(id: string): { from: number; to: number } | undefined;
}

/** What one rate card adds to the framework's facts. */
export interface CardFacts {
  rateCard: RateCardModel;
  /** Price lines with a usable outcome id, by outcome. */
  linesByOutcome: Map<string, PriceLineModel[]>;
  /**
   * The framework's outcome a line prices (undefined when it names none the framework has): found
   * once per line for every rule, where each rule looked up the same ids again.
   */
  outcomeOf(line: PriceLineModel): OutcomeEntry | undefined;
  /** The cohort ids a line applies to ('*' when the framework is unknown and the line is general). */
  cohortsOf(line: PriceLineModel): string[];
  /** The line that prices `outcome` for `cohort`: its cohort-specific line, else its general line. */
  lineFor(outcome: string, cohort: string): PriceLineModel | undefined;
  /** Outcome → the line that prices it for `cohort`. */
  linesForCohort(cohort: string): Map<string, PriceLineModel>;
  /** Every cohort this card prices something for. */
  cohorts: string[];
  /**
   * Most one participant of `cohort` could earn before any cap: price × maxClaims over the lines
   * that apply, only the dearest set of an `excludes` group counting (from the totals). Null when
   * a line is unlimited; undefined when a line cannot be read.
   */
  uncappedMaxPerParticipant(cohort: string): Maximum;
  /** The same after caps.perParticipant. */
  maxPerParticipant(cohort: string): Maximum;
  /** Participants × max per participant over the cohorts, after caps.total (exact, from the totals). */
  maximumLiability(): Maximum;
  /**
   * The totals' wholes (maxima, maximum liability, expected payments, deadweight, by cohort),
   * exact, computed once per check; undefined only if they cannot be computed at all.
   */
  figures(): PaymentFigures | undefined;
  /**
   * The full payment totals, with the breakdowns by line, payer and year, built on the same
   * figures and shared with the editor's hints and the preview.
   */
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
  outcomeById(id: string): OutcomeEntry | undefined;
  /** Every outcome `id` requires, directly or through others (cycles tolerated). */
  prerequisites(id: string): Set<string>;
  /** Outcomes that require `id`, directly or through others. */
  dependants(id: string): Set<string>;
  /** Whether some outcome `id` requires, directly or through others, passes `test` (stops at the first). */
  somePrerequisite(id: string, test: (id: string) => boolean): boolean;
  /** Whether some dependant of `id` passes `test` (stops at the first). */
  someDependant(id: string, test: (id: string) => boolean): boolean;
  /** The outcomes that require `id` directly. */
  requiredBy(id: string): readonly string[];
  /**
   * The ids whose dependants form a tree (no outcome among them requires two others, no cycle),
   * each after every one of its dependants. A sum over such an id's dependants is the sum over
   * its direct dependants of their own and their dependants' parts: linear over a long chain.
   */
  dependantTrees(): DependantTrees;
  cohorts: CohortEntry[];
  /**
   * Whether the value at `path` (or its `field`, when given) failed validation (a schema or amount error lies within it).
   * Rules never judge such a value: the validation error is the one message for the mistake.
   */
  invalid(model: FrameworkModel | RateCardModel, path: Path, field?: string): boolean;
  /** An outcome with a validation error in it, or naming an outcome or cohort the framework lacks. */
  doubtful(outcome: OutcomeEntry | undefined): boolean;
  /** Every doubtful outcome of the framework (usually none), found once per framework. */
  doubtfulOutcomes(): Set<OutcomeEntry>;
  /** A price line with a validation error in it, or naming an outcome or cohort the framework lacks. */
  doubtfulLine(card: CardFacts, line: PriceLineModel): boolean;
  /** Whether any price line of the card is doubtful: figures over the whole card are then not judged. */
  doubtfulCard(card: CardFacts): boolean;
  /** The card's doubtful price lines (usually none), found once. */
  doubtfulLines(card: CardFacts): PriceLineModel[];
}

export function domainOf(outcome: OutcomeEntry | undefined): string | undefined {
  const domain = outcome?.value.domain;
  return typeof domain === 'string' ? domain : undefined;
}

export function stageOf(outcome: OutcomeEntry | undefined): string | undefined {
  const stage = outcome?.value.stage;
  return typeof stage === 'string' ? stage : undefined;
}

/**
 * What one price line can pay one participant, exactly, in minor units: price × maxClaims, or ×
 * maxPeriods for a line paid per period (its price is then one period's, and a banded line's its
 * highest band's), after any discount. Null when the line may be claimed without limit; undefined
 * when its price or count cannot be read. The one place rules ask this.
 */
export function linePays(line: PriceLineModel): Q.Rational | null | undefined {
  const times = timesPaid(line);
  const price = paidPrice(line);
  if (price === undefined || times === undefined) return undefined;
  if (times === 'unlimited') return null;
  return Q.mulInt(price, times);
}

/**
 * What one claim of a line pays once its `discount` for deadweight is taken off, exactly, in minor
 * units (the totals' own reading: 33.33% off £3,000 is 200,010 pence, never 200,009.99…); the
 * price itself when there is no discount. Rules compare it with thresholds exactly (common.ts).
 */
export function paidPrice(line: PriceLineModel): Q.Rational | undefined {
  if (line.price === undefined) return undefined;
  return line.discount ? Q.mul(Q.int(line.price), keptAfter(line.discount)) : Q.int(line.price);
}

/**
 * How many chain steps a rule's plain walks may visit before it builds the trees' figures
 * (dependantTrees): short chains, as in real frameworks, are cheaper walked; a chain thousands
 * long is walked a few times at most, not once for each of its outcomes.
 */
export function walkBudget(outcomes: number): number {
  return 4 * outcomes + 1000;
}

export function isPaid(outcome: OutcomeEntry | undefined): boolean {
  return outcome?.value.role === 'payment';
}

export function buildFacts(workspace: Workspace, target: FrameworkModel | RateCardModel, framework: FrameworkModel | undefined, rateCards: RateCardModel[]): RuleFacts {
  // Asked of nearly every line by several rules, almost always of the one card being checked.
  let lastCard: CardFacts | undefined;
  let lastLines: PriceLineModel[] = [];
  const linesOf = (card: CardFacts): PriceLineModel[] => {
    if (card === lastCard) return lastLines;
    let found = doubtfulCards.get(card);
    if (!found) {
      found = card.rateCard.prices.filter((line) => doubtfulLine(workspace, card.rateCard, framework, line));
      doubtfulCards.set(card, found);
    }
    lastCard = card;
    lastLines = found;
    return found;
  };
  const outcomes = framework?.outcomes ?? [];
  const byId = framework?.outcomeById ?? new Map<string, OutcomeEntry>();
  const { prerequisites, dependants, somePrerequisite, someDependant, requiredBy, dependantTrees, paidOutcomes } = framework ? chainsOf(framework) : chains([], byId);
  const cards = rateCards.map((rateCard) => cardFactsOf(rateCard, framework));
  const cardTarget = target.kind === 'RateCard' ? cards.find((c) => c.rateCard === target) : undefined;
  let doubtfulSet: Set<OutcomeEntry> | undefined;
  return {
    workspace,
    target,
    framework,
    frameworkTarget: target.kind === 'OutcomeFramework' ? target : undefined,
    cardTarget,
    cards,
    outcomes,
    paidOutcomes,
    outcomeById: (id) => byId.get(id),
    prerequisites,
    dependants,
    somePrerequisite,
    someDependant,
    requiredBy,
    dependantTrees,
    cohorts: framework?.cohorts ?? [],
    invalid: (model, path, field) => invalidIn(workspace, model, path, field),
    // Asked of nearly every outcome by several rules: the framework's set is found once per check, and is usually empty.
    doubtful: (outcome) => {
      if (outcome === undefined || framework === undefined) return false;
      doubtfulSet ??= doubtfulOutcomesOf(workspace, framework);
      return doubtfulSet.size > 0 && doubtfulSet.has(outcome);
    },
    doubtfulOutcomes: () => (framework ? doubtfulOutcomesOf(workspace, framework) : new Set()),
    doubtfulLine: (card, line) => {
      const lines = linesOf(card);
      return lines.length > 0 && lines.includes(line);
    },
    doubtfulCard: (card) => linesOf(card).length > 0,
    doubtfulLines: linesOf,
  };
}

/** Card facts are built once per (rate card, framework) pair, so whether a card is doubtful can be kept with them. */
const doubtfulCards = new WeakMap<CardFacts, PriceLineModel[]>();

/** The spans of a model's validation errors (schema, amounts); found once per model. */
const errorSpans = new WeakMap<FrameworkModel | RateCardModel, Span[]>();

function errorsOf(workspace: Workspace, model: FrameworkModel | RateCardModel): Span[] {
  let spans = errorSpans.get(model);
  if (!spans) {
    const analyzed = workspace.analyzedBefore(model.file);
    // Only the findings of this very model (a file changed since is judged when it is checked).
    if (analyzed?.model !== model) return [];
    spans = analyzed.fileFindings.filter((f) => f.severity === 'error').map((f) => f.span);
    errorSpans.set(model, spans);
  }
  return spans;
}

/** `field`: a field of the value at `path`, joined to it only when there are errors to look up (rules ask of every outcome). */
function invalidIn(workspace: Workspace, model: FrameworkModel | RateCardModel, path: Path, field?: string): boolean {
  const spans = errorsOf(workspace, model);
  if (spans.length === 0) return false; // the usual case: nothing to look up
  const location = model.parsed.locate(field === undefined ? path : [...path, field]);
  if (!location) return false;
  const start = location.key?.start ?? location.value.start;
  const end = location.value.end;
  return spans.some((span) => span.start >= start && span.start <= end);
}

/** A framework's doubtful outcomes, found once per framework model and shared by the checks of its rate cards. */
const doubtfulByFramework = new WeakMap<FrameworkModel, Set<OutcomeEntry>>();

function doubtfulOutcomesOf(workspace: Workspace, framework: FrameworkModel): Set<OutcomeEntry> {
  let found = doubtfulByFramework.get(framework);
  if (!found) {
    found = new Set();
    const { outcomeById, cohortById } = framework;
    const checkSpans = errorsOf(workspace, framework).length > 0;
    // Plain loops, no closures: this runs over every outcome of every framework checked.
    const namesUnknown = (outcome: OutcomeEntry): boolean => {
      for (const id of outcome.requires) if (!outcomeById.has(id)) return true;
      for (const id of outcome.requiresAnyOf) if (!outcomeById.has(id)) return true;
      for (const id of outcome.excludes) if (!outcomeById.has(id)) return true;
      for (const cohort in outcome.baseline) if (!cohortById.has(cohort)) return true;
      return false;
    };
    for (const outcome of framework.outcomes) {
      if ((checkSpans && invalidIn(workspace, framework, outcome.path)) || namesUnknown(outcome)) found.add(outcome);
    }
    doubtfulByFramework.set(framework, found);
  }
  return found;
}

function doubtfulLine(workspace: Workspace, rateCard: RateCardModel, framework: FrameworkModel | undefined, line: PriceLineModel): boolean {
  if (invalidIn(workspace, rateCard, line.path)) return true;
  if (!framework) return false;
  if (line.outcome !== undefined && !framework.outcomeById.has(line.outcome)) return true;
  return (line.cohorts ?? []).some((cohort) => !framework.cohortById.has(cohort));
}

/** What a framework's outcomes imply, the same for every check that sees it. */
type Chains = Pick<RuleFacts, 'prerequisites' | 'dependants' | 'somePrerequisite' | 'someDependant' | 'requiredBy' | 'dependantTrees' | 'paidOutcomes'>;

/**
 * A framework model's chains, built once and shared by the checks of the framework and of each
 * rate card that uses it (models are rebuilt when their text changes, so this never goes stale).
 */
const chainsByFramework = new WeakMap<FrameworkModel, Chains>();

function chainsOf(framework: FrameworkModel): Chains {
  let found = chainsByFramework.get(framework);
  if (!found) {
    found = chains(framework.outcomes, framework.outcomeById);
    chainsByFramework.set(framework, found);
  }
  return found;
}

function chains(outcomes: OutcomeEntry[], byId: Map<string, OutcomeEntry>): Chains {
  // What an outcome builds on: all it requires and each outcome it may follow (`requiresAnyOf`),
  // so a 13-week job outcome that may follow a job start or an apprenticeship sustains both.
  const withRoutes = new Map<string, string[]>();
  for (const outcome of outcomes) if (outcome.id && outcome.requiresAnyOf.length && byId.get(outcome.id) === outcome) withRoutes.set(outcome.id, [...outcome.requires, ...outcome.requiresAnyOf]);
  const buildsOn = (outcome: OutcomeEntry): readonly string[] => (outcome.requiresAnyOf.length ? [...outcome.requires, ...outcome.requiresAnyOf] : outcome.requires);
  const requiresOf = (id: string): readonly string[] => withRoutes.get(id) ?? byId.get(id)?.requires ?? NONE;
  // Who requires whom, turned round once (an outcome requiring an id twice is listed twice, as the walks always saw it).
  let turned: Map<string, string[]> | undefined;
  const requiredByMap = (): Map<string, string[]> => {
    if (!turned) {
      turned = new Map();
      for (const outcome of outcomes) {
        if (!outcome.id) continue;
        for (const before of buildsOn(outcome)) {
          const list = turned.get(before);
          if (list) list.push(outcome.id);
          else turned.set(before, [outcome.id]);
        }
      }
    }
    return turned;
  };
  const requiredBy = (id: string): readonly string[] => requiredByMap().get(id) ?? NONE;
  // The walks: depth first from `id`, never counting `id` itself; the full sets are kept, the searches stop early.
  const walk = (id: string, next: (id: string) => readonly string[], test?: (id: string) => boolean): Set<string> | true => {
    const found = new Set<string>();
    const stack = [...next(id)];
    while (stack.length) {
      const at = stack.pop()!;
      if (found.has(at) || at === id) continue;
      if (test?.(at)) return true;
      found.add(at);
      for (const after of next(at)) stack.push(after);
    }
    return found;
  };
  const prerequisiteCache = new Map<string, Set<string>>();
  const prerequisites = (id: string): Set<string> => {
    let found = prerequisiteCache.get(id);
    if (!found) prerequisiteCache.set(id, (found = walk(id, requiresOf) as Set<string>));
    return found;
  };
  const dependantCache = new Map<string, Set<string>>();
  const dependants = (id: string): Set<string> => {
    let found = dependantCache.get(id);
    if (!found) dependantCache.set(id, (found = walk(id, requiredBy) as Set<string>));
    return found;
  };
  const some = (cache: Map<string, Set<string>>, next: (id: string) => readonly string[]) => (id: string, test: (id: string) => boolean): boolean => {
    const known = cache.get(id);
    if (known) {
      for (const at of known) if (test(at)) return true;
      return false;
    }
    // The usual answer is a direct neighbour (an entry's sustainment requires it): no walk, nothing allocated.
    const near = next(id);
    if (near.length === 0) return false;
    for (const at of near) if (at !== id && test(at)) return true;
    return walk(id, next, test) === true;
  };
  let trees: DependantTrees | undefined;
  const dependantTrees = () => (trees ??= treesOf(outcomes, requiredByMap()));
  return { prerequisites, dependants, somePrerequisite: some(prerequisiteCache, requiresOf), someDependant: some(dependantCache, requiredBy), requiredBy, dependantTrees, paidOutcomes: outcomes.filter(isPaid) };
}

const NONE: readonly string[] = [];

/**
 * The ids below which the dependants form a tree: each direct dependant requires this id and
 * nothing else, and is itself such an id (so no cycle and no outcome reached twice). Found in one
 * depth-first pass, each id listed after its dependants.
 */
function treesOf(outcomes: OutcomeEntry[], requiredBy: Map<string, string[]>): DependantTrees {
  const prerequisiteCount = new Map<string, number>();
  for (const outcome of outcomes) {
    if (!outcome.id) continue;
    const before = prerequisiteCount.get(outcome.id);
    // An id held by two outcomes, or requiring one id twice, is never a tree's single link (it would be counted twice).
    prerequisiteCount.set(outcome.id, before === undefined ? outcome.requires.length + outcome.requiresAnyOf.length : Infinity);
  }
  const ids: string[] = [];
  const tree = new Set<string>();
  const state = new Map<string, 1 | 2>(); // 1: on the path being walked; 2: finished
  const stack: string[] = [];
  const nextChild: number[] = [];
  const visit = (root: string): void => {
    if (state.has(root)) return;
    state.set(root, 1);
    stack.push(root);
    nextChild.push(0);
    while (stack.length) {
      const top = stack.length - 1;
      const id = stack[top];
      const children = requiredBy.get(id) ?? NONE;
      if (nextChild[top] < children.length) {
        const child = children[nextChild[top]++];
        if (!state.has(child)) {
          state.set(child, 1);
          stack.push(child);
          nextChild.push(0);
        }
        continue;
      }
      let ok = true;
      for (const child of children) {
        if (state.get(child) !== 2 || !tree.has(child) || prerequisiteCount.get(child) !== 1) {
          ok = false;
          break;
        }
      }
      state.set(id, 2);
      if (ok) {
        tree.add(id);
        ids.push(id);
      }
      stack.pop();
      nextChild.pop();
    }
  };
  for (const id of requiredBy.keys()) visit(id);
  for (const outcome of outcomes) if (outcome.id) visit(outcome.id);
  // Laid out root first (a tree's root comes after its dependants in `ids`, so read it backwards).
  const size = new Map<string, number>();
  for (const id of ids) {
    let n = 1;
    for (const child of requiredBy.get(id) ?? NONE) n += size.get(child)!;
    size.set(id, n);
  }
  const laidOut: string[] = [];
  const place = new Map<string, number>();
  for (let i = ids.length - 1; i >= 0; i--) {
    if (place.has(ids[i])) continue;
    const todo = [ids[i]];
    while (todo.length) {
      const id = todo.pop()!;
      place.set(id, laidOut.length);
      laidOut.push(id);
      for (const child of requiredBy.get(id) ?? NONE) todo.push(child);
    }
  }
  return {
    ids,
    has: (id) => tree.has(id),
    laidOut,
    span: (id) => {
      const at = place.get(id);
      return at === undefined ? undefined : { from: at + 1, to: at + size.get(id)! };
    },
  };
}

/** A rate card's facts, built once per (rate card, framework) model pair and shared by the checks of both. */
const factsByCard = new WeakMap<RateCardModel, { framework: FrameworkModel | undefined; facts: CardFacts }>();

function cardFactsOf(rateCard: RateCardModel, framework: FrameworkModel | undefined): CardFacts {
  const known = factsByCard.get(rateCard);
  if (known && known.framework === framework) return known.facts;
  const facts = cardFacts(rateCard, framework);
  factsByCard.set(rateCard, { framework, facts });
  return facts;
}

function cardFacts(rateCard: RateCardModel, framework: FrameworkModel | undefined): CardFacts {
  const linesByOutcome = new Map<string, PriceLineModel[]>();
  for (const line of rateCard.prices) {
    if (line.outcome === undefined) continue;
    const list = linesByOutcome.get(line.outcome);
    if (list) list.push(line);
    else linesByOutcome.set(line.outcome, [line]);
  }
  let entries: (OutcomeEntry | undefined)[] | undefined;
  const outcomeOf = (line: PriceLineModel): OutcomeEntry | undefined => {
    if (!framework || line.outcome === undefined) return undefined;
    if (!entries) {
      entries = new Array(rateCard.prices.length);
      for (const priced of rateCard.prices) if (priced.outcome !== undefined) entries[priced.index] = framework.outcomeById.get(priced.outcome);
    }
    return rateCard.prices[line.index] === line ? entries[line.index] : framework.outcomeById.get(line.outcome);
  };
  const allCohorts = framework ? framework.cohorts.map((c) => c.id).filter(Boolean) : ['*'];
  // Cohorts with their own line, by outcome: a general line applies to every other cohort.
  const specific = new Map<string, Set<string>>();
  for (const line of rateCard.prices) {
    if (line.outcome === undefined || !line.cohorts) continue;
    const set = specific.get(line.outcome) ?? new Set<string>();
    for (const c of line.cohorts) set.add(c);
    specific.set(line.outcome, set);
  }
  const cohortsOf = (line: PriceLineModel): string[] => {
    if (line.cohorts) return line.cohorts;
    const own = specific.get(line.outcome ?? '');
    return own ? allCohorts.filter((c) => !own.has(c)) : allCohorts;
  };
  // For each cohort, the line that prices each outcome for it (its own line, else the general one), built once.
  const byCohort = new Map<string, Map<string, PriceLineModel>>();
  // A card of general lines alone (no line names its cohorts) prices every cohort alike: one map serves them all.
  let generalLines: Map<string, PriceLineModel> | undefined;
  const allGeneral = rateCard.prices.every((line) => !line.cohorts);
  const linesForCohort = (cohort: string): Map<string, PriceLineModel> => {
    let lines = byCohort.get(cohort);
    if (lines) return lines;
    if (allGeneral && generalLines) {
      byCohort.set(cohort, generalLines);
      return generalLines;
    }
    lines = new Map();
    if (allGeneral) generalLines = lines;
    for (const line of rateCard.prices) {
      if (line.outcome === undefined || lines.has(line.outcome)) continue;
      if (line.cohorts ? line.cohorts.includes(cohort) : !specific.get(line.outcome)?.has(cohort)) lines.set(line.outcome, line);
    }
    byCohort.set(cohort, lines);
    return lines;
  };
  const lineFor = (outcome: string, cohort: string): PriceLineModel | undefined => linesForCohort(cohort).get(outcome);
  const cohorts = new Set<string>();
  for (const line of rateCard.prices) {
    if (line.cohorts) for (const c of line.cohorts) cohorts.add(c);
    else for (const c of allCohorts) if (!specific.get(line.outcome ?? '')?.has(c)) cohorts.add(c);
  }
  // A rule must never crash the check: figures that throw read as not computable (the totals view reports its own problems).
  const once = <T>(compute: () => T): (() => T | undefined) => {
    let done = false;
    let value: T | undefined;
    return () => {
      if (!done) {
        done = true;
        try {
          value = compute();
        } catch {
          value = undefined;
        }
      }
      return value;
    };
  };
  const figuresOnce = once(() => paymentFigures(rateCard, framework));
  const totalsOnce = once(() => computeTotals(rateCard, framework));
  // Without a framework, '*' stands for every participant the general lines price.
  let general: ReturnType<typeof generalMaxima> | undefined;
  const maximum = (cohort: string, uncapped: boolean): Maximum => {
    if (cohort === '*' && !framework) {
      general ??= generalMaxima(rateCard, framework);
      return general.blocked ? undefined : uncapped ? general.uncapped : general.maxPerParticipant;
    }
    const t = figuresOnce();
    if (!t || !Object.hasOwn(t.maxPerParticipant, cohort) || t.blocked.has(`maxPerParticipant.${cohort}`)) return undefined;
    return uncapped ? t.uncappedMaxPerParticipant[cohort] : t.maxPerParticipant[cohort];
  };
  return {
    rateCard,
    linesByOutcome,
    outcomeOf,
    cohortsOf,
    lineFor,
    linesForCohort,
    cohorts: [...cohorts],
    uncappedMaxPerParticipant: (cohort) => maximum(cohort, true),
    maxPerParticipant: (cohort) => maximum(cohort, false),
    maximumLiability: () => {
      const t = figuresOnce();
      if (!t || t.blocked.has('maximumLiability')) return undefined;
      return t.maximumLiability;
    },
    figures: figuresOnce,
    totals: totalsOnce,
  };
}
