/**
 * Exclusive pathways (docs/totals.md, "One pathway per participant"). A participant achieves a
 * set of outcomes that is closed under `requires`, holds at least one of each of its outcomes'
 * `requiresAnyOf`, and holds no two outcomes that exclude each other (listed on either side).
 * What may be paid for one participant is the most, over all such sets, of the priced outcomes'
 * values.
 *
 * The search is exact and stays small: only outcomes named in some `excludes` (E) can make a set
 * infeasible. An outcome counts exactly when one of its routes is chosen: a route is a set of
 * E members it needs (itself included when a member), one per way through its `requiresAnyOf`
 * (all it requires, and one alternative of each any-of, transitively). An outcome with a route
 * that needs no member of E always counts. A choice of E members is valid when it holds no
 * excluded pair; an outcome counts when one of its routes is all chosen (so what is chosen for
 * nothing does no harm but leave out what it excludes). Members linked by an exclusion or by one
 * outcome's routes form components; each component is searched on its own.
 */
import type { FrameworkModel } from '../model';
import * as Q from './rational';

export interface Pathways {
  /** Outcomes that can never be achieved together with what they require (never paid), with why. */
  unpayable: Map<string, { clash: [string, string]; anyOf?: string[] }>;
  /** The component of an outcome whose payment depends on a choice; absent: always counts. */
  componentOf: Map<string, PathwayComponent>;
  /** The outcome's routes: for each, the indexes of its component's members it needs (itself included when a member). It counts when one route is all chosen. */
  routesOf: Map<string, number[][]>;
  /**
   * Outcomes with more ways through `requiresAnyOf` than are listed (ROUTE_LIMIT): counted as if
   * they needed nothing more than themselves, so what they add is an upper bound, said as such.
   */
  relaxed: Set<string>;
}

export interface PathwayComponent {
  /** Its members (outcomes named in `excludes`), in framework order, prerequisites first. */
  members: string[];
  /** For each member, the members it excludes (indexes). */
  clashes: number[][];
  /** For each member, the members every one of its routes needs (indexes, itself included). */
  needs: number[][];
}

/** The most routes one outcome's `requiresAnyOf` may open before it is counted as a bound. */
export const ROUTE_LIMIT = 64;

const cache = new WeakMap<FrameworkModel, Pathways>();

/** The framework's pathway structure, derived once per framework model. */
export function pathwaysOf(framework: FrameworkModel): Pathways {
  let found = cache.get(framework);
  if (!found) cache.set(framework, (found = derive(framework)));
  return found;
}

type Route = ReadonlySet<string>;

/** Routes without one that holds another (a route that needs more is never the only way). */
function minimal(routes: Route[]): Route[] {
  const sorted = [...new Set(routes)].sort((a, b) => a.size - b.size);
  const kept: Route[] = [];
  for (const r of sorted) if (!kept.some((k) => k.size <= r.size && [...k].every((x) => r.has(x)))) kept.push(r);
  return kept;
}

function derive(framework: FrameworkModel): Pathways {
  const known = framework.outcomeById;
  const clash = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    if (a === b || !known.has(a) || !known.has(b)) return;
    (clash.get(a) ?? clash.set(a, new Set()).get(a)!).add(b);
    (clash.get(b) ?? clash.set(b, new Set()).get(b)!).add(a);
  };
  for (const outcome of framework.outcomes) if (outcome.id && known.get(outcome.id) === outcome) for (const other of outcome.excludes) link(outcome.id, other);
  const unpayable = new Map<string, { clash: [string, string]; anyOf?: string[] }>();
  const componentOf = new Map<string, PathwayComponent>();
  const routesOf = new Map<string, number[][]>();
  const relaxed = new Set<string>();
  if (clash.size === 0) return { unpayable, componentOf, routesOf, relaxed };

  // Routes, built prerequisites first (an iterative walk: chains may be thousands long). A route
  // is shared, not copied, where nothing is added to it, so long chains stay near linear; a clash
  // in every route of a prerequisite makes every outcome built on it unpayable too.
  const EMPTY: Route = new Set();
  const ALWAYS: Route[] = [EMPTY];
  const footprint = new Map<string, Route[]>();
  // Members of E that one outcome's routes hold are linked (union-find).
  const parent = new Map<string, string>([...clash.keys()].map((e) => [e, e]));
  const find = (e: string): string => {
    while (parent.get(e) !== e) e = parent.get(e)!;
    return e;
  };
  const union = (a: string, b: string) => parent.set(find(a), find(b));
  const rep = (r: Route) => r.values().next().value as string;
  for (const [a, others] of clash) for (const b of others) union(a, b);
  let lastClash: [string, string] | undefined;
  /** A clash between two routes: one member of the smaller excludes one of the larger. */
  const clashBetween = (a: Route, b: Route): [string, string] | undefined => {
    const [small, large] = a.size <= b.size ? [a, b] : [b, a];
    for (const x of small) for (const y of clash.get(x)!) if (large.has(y)) return [x, y];
    return undefined;
  };
  /** Every way to take one route of each: the pairs that clash are left out. */
  const product = (left: Route[], right: Route[]): Route[] => {
    if (left === ALWAYS) return right;
    if (right === ALWAYS) return left;
    const out: Route[] = [];
    for (const a of left)
      for (const b of right) {
        if (a.size === 0 || a === b) out.push(b);
        else if (b.size === 0) out.push(a);
        else {
          const pair = clashBetween(a, b);
          if (pair) {
            lastClash = pair;
            continue;
          }
          union(rep(a), rep(b));
          const merged = new Set(a);
          for (const x of b) merged.add(x);
          out.push(merged);
        }
      }
    return out.length > 1 ? minimal(out) : out;
  };
  // A prerequisite still on the walk is a loop (requires-cycle reports it): it adds nothing here.
  const routesOfId = (r: string): Route[] => footprint.get(r) ?? ALWAYS;
  const build = (id: string) => {
    const outcome = known.get(id)!;
    let routes: Route[] = ALWAYS;
    let pair: [string, string] | undefined;
    let viaAnyOf: string[] | undefined;
    let loose = false;
    lastClash = undefined;
    for (const r of outcome.requires) {
      if (r === id || !known.has(r)) continue;
      const bad = unpayable.get(r);
      if (bad) {
        pair = bad.clash;
        break;
      }
      if (relaxed.has(r)) loose = true;
      routes = product(routes, routesOfId(r));
      if (routes.length === 0) {
        pair = lastClash;
        break;
      }
    }
    const anyOf = outcome.requiresAnyOf.filter((a) => a !== id && known.has(a));
    if (!pair && anyOf.length > 0) {
      let options: Route[] = [];
      let firstBad: [string, string] | undefined;
      for (const a of anyOf) {
        const bad = unpayable.get(a);
        if (bad) {
          firstBad ??= bad.clash;
          continue;
        }
        if (relaxed.has(a)) loose = true;
        options = options.concat(routesOfId(a));
      }
      options = minimal(options);
      routes = options.length === 0 ? [] : product(routes, options.length === 1 && options[0].size === 0 ? ALWAYS : options);
      if (routes.length === 0) [pair, viaAnyOf] = [lastClash ?? firstBad, anyOf];
    }
    if (!pair && routes.length > ROUTE_LIMIT) {
      // Too many ways to list: counted as needing only itself (no route it has needs less).
      routes = ALWAYS;
      loose = true;
    }
    if (!pair && clash.has(id)) {
      const next: Route[] = [];
      for (const r of routes) {
        const other = [...clash.get(id)!].find((y) => r.has(y));
        if (other !== undefined) {
          lastClash = [id, other];
          continue;
        }
        if (r.has(id)) next.push(r);
        else {
          if (r.size > 0) union(id, rep(r));
          const merged = new Set(r);
          merged.add(id);
          next.push(merged);
        }
      }
      routes = next;
      if (routes.length === 0) [pair, viaAnyOf] = [lastClash, anyOf.length > 0 ? anyOf : undefined];
    }
    if (pair) {
      // The pair in framework order, as the analyst reads the file.
      const ordered: [string, string] = known.get(pair[0])!.index <= known.get(pair[1])!.index ? pair : [pair[1], pair[0]];
      unpayable.set(id, viaAnyOf ? { clash: ordered, anyOf: viaAnyOf } : { clash: ordered });
      footprint.set(id, ALWAYS);
      return;
    }
    // Every route of one outcome lies in one component (its payment is decided there).
    for (let i = 1; i < routes.length; i++) if (routes[0].size > 0 && routes[i].size > 0) union(rep(routes[0]), rep(routes[i]));
    if (loose) relaxed.add(id);
    footprint.set(id, routes.length === 1 && routes[0].size === 0 ? ALWAYS : routes);
  };
  const state = new Map<string, 1 | 2>();
  const before = (id: string) => {
    const o = known.get(id)!;
    return o.requiresAnyOf.length ? [...o.requires, ...o.requiresAnyOf] : o.requires;
  };
  for (const root of known.keys()) {
    if (state.has(root)) continue;
    const stack: [string, number][] = [[root, 0]];
    state.set(root, 1);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const requires = before(top[0]);
      if (top[1] < requires.length) {
        const r = requires[top[1]++];
        if (known.has(r) && !state.has(r)) {
          state.set(r, 1);
          stack.push([r, 0]);
        }
        continue;
      }
      build(top[0]);
      state.set(top[0], 2);
      stack.pop();
    }
  }
  const footprintOf = (id: string) => footprint.get(id) ?? ALWAYS;
  const tainted = [...known.keys()].filter((id) => !unpayable.has(id) && footprintOf(id)[0].size > 0);
  const groups = new Map<string, string[]>();
  for (const outcome of framework.outcomes) {
    const e = outcome.id;
    if (!clash.has(e) || known.get(e) !== outcome) continue;
    const root = find(e);
    (groups.get(root) ?? groups.set(root, []).get(root)!).push(e);
  }
  /** The members every route of an outcome needs. */
  const common = (routes: Route[]): string[] => [...routes[0]].filter((e) => routes.every((r) => r.has(e)));
  const built = new Map<string, PathwayComponent>();
  const bits = new Map<PathwayComponent, Map<string, number>>();
  for (const [root, inOrder] of groups) {
    // Prerequisites first (each route of a member holds a route of what it needs, and more).
    const members = inOrder
      .map((m, i) => ({ m, i, n: Math.min(...footprintOf(m).map((r) => r.size)) }))
      .sort((a, b) => a.n - b.n || a.i - b.i)
      .map((x) => x.m);
    const bit = new Map(members.map((m, i) => [m, i]));
    const indexes = (list: Iterable<string>) => [...list].filter((e) => bit.has(e)).map((e) => bit.get(e)!);
    // An unpayable member needs itself only (it is never chosen for a route, which is all it is for).
    const component: PathwayComponent = { members, clashes: members.map((m) => indexes(clash.get(m)!)), needs: members.map((m) => (unpayable.has(m) ? [bit.get(m)!] : indexes(common(footprintOf(m))))) };
    built.set(root, component);
    bits.set(component, bit);
  }
  for (const id of tainted) {
    const routes = footprintOf(id);
    const component = built.get(find(rep(routes[0])))!;
    componentOf.set(id, component);
    const bit = bits.get(component)!;
    routesOf.set(id, routes.map((r) => [...r].map((e) => bit.get(e)!)));
  }
  return { unpayable, componentOf, routesOf, relaxed };
}

/** How many subproblems one component's search may solve before it gives an upper bound instead. */
export const SEARCH_BUDGET = 20_000;

/** An outcome of a component to value: its routes (each the members it needs, as indexes) and what it pays. */
export interface Valued {
  id: string;
  routes: number[][];
  value: Q.Rational;
}

/**
 * The dearest valid choice in one component: the outcomes to count, given each outcome's value
 * (exact, never negative). Exact for components of any size within SEARCH_BUDGET subproblems:
 * each decision (a member in or out) is followed through (in: what it needs in, what it
 * excludes out; out: what needs it out), what is left splits into independent parts searched
 * on their own, a part with no exclusion left takes everything, and each part's answer is
 * remembered (so chains, cycles and trees cost little more than dynamic programming on them).
 * Past the budget, every outcome is counted and `exact` is false: an upper bound, said as such.
 * Ties go to the member taken in rather than left out, in the component's order. An outcome
 * with several routes counts when one of them is all taken.
 */
export function bestPathway(component: PathwayComponent, outcomes: Valued[], budget = SEARCH_BUDGET): { ids: string[]; exact: boolean } {
  try {
    const chosen = new Search(component, outcomes, budget).run();
    return { ids: outcomes.filter((o) => o.routes.some((route) => route.every((i) => chosen[i] === IN))).map((o) => o.id), exact: true };
  } catch (e) {
    if (e !== OVER_BUDGET) throw e;
    return { ids: outcomes.map((o) => o.id), exact: false };
  }
}

const OPEN = 0;
const IN = 1;
const OUT = 2;
const OVER_BUDGET = new Error('pathway search over budget');

interface Answer {
  value: Q.Rational;
  /** Members set in, by this part's search (besides those forced before it). */
  taken: number[];
}

class Search {
  private readonly state: Uint8Array;
  private readonly neededBy: number[][];
  /** The outcomes (rewards) that need each member. */
  private readonly rewardsOf: number[][];
  private readonly memo = new Map<string, Answer>();
  private steps = 0;

  constructor(
    private readonly c: PathwayComponent,
    private readonly rewards: Valued[],
    private readonly budget: number,
  ) {
    const k = c.members.length;
    this.state = new Uint8Array(k);
    this.neededBy = Array.from({ length: k }, () => []);
    c.needs.forEach((needs, i) => needs.forEach((j) => j !== i && this.neededBy[j].push(i)));
    this.rewardsOf = Array.from({ length: k }, () => []);
    rewards.forEach((r, ri) => new Set(r.routes.flat()).forEach((j) => this.rewardsOf[j].push(ri)));
  }

  /** The members' states of a best choice. */
  run(): Uint8Array {
    const all = this.c.members.map((_, i) => i);
    const answer = this.solveParts(all);
    const result = new Uint8Array(this.c.members.length).fill(OUT);
    for (const i of answer.taken) result[i] = IN;
    return result;
  }

  /**
   * Sets a member in or out and follows it through; returns the members changed (to undo), or
   * undefined when that contradicts a choice already made (then nothing is left changed).
   */
  private set(i: number, to: number): number[] | undefined {
    const changed: number[] = [];
    const queue: [number, number][] = [[i, to]];
    while (queue.length) {
      const [m, s] = queue.pop()!;
      if (this.state[m] === s) continue;
      if (this.state[m] !== OPEN) {
        for (const x of changed) this.state[x] = OPEN;
        return undefined;
      }
      this.state[m] = s;
      changed.push(m);
      if (s === IN) {
        for (const j of this.c.needs[m]) queue.push([j, IN]);
        for (const j of this.c.clashes[m]) queue.push([j, OUT]);
      } else for (const j of this.neededBy[m]) queue.push([j, OUT]);
    }
    return changed;
  }

  private undo(changed: number[]): void {
    for (const x of changed) this.state[x] = OPEN;
  }

  /** Whether one route is still possible: none of its members out. */
  private alive(route: number[]): boolean {
    for (const j of route) if (this.state[j] === OUT) return false;
    return true;
  }

  /** Whether one route of a reward is all in (it is paid). */
  private paid(ri: number): boolean {
    return this.rewards[ri].routes.some((route) => route.every((j) => this.state[j] === IN));
  }

  /** A reward still to be decided: no route all in, some route with none of its members out. */
  private pending(ri: number): boolean {
    return !this.paid(ri) && this.rewards[ri].routes.some((route) => this.alive(route));
  }

  /**
   * The best over the open members of one part (all OPEN now): the most the pending rewards
   * whose open needs lie in it can add, and the members to take. Leaves the state as it found it.
   */
  private solve(part: number[]): Answer {
    if (++this.steps > this.budget) throw OVER_BUDGET;
    const rewardIds = new Set<number>();
    // The pending rewards decided here: those with a route still possible through the part (a
    // member of the part in a route already out leaves the reward to the part of its other routes).
    for (const m of part) for (const ri of this.rewardsOf[m]) if (!rewardIds.has(ri) && this.pending(ri) && this.rewards[ri].routes.some((route) => route.includes(m) && this.alive(route))) rewardIds.add(ri);
    // A member no route still possible of a pending reward needs adds nothing: out (what needs it pays nothing either).
    const used = new Set<number>();
    const aliveRoutes: string[] = [];
    for (const ri of rewardIds) {
      const routes = this.rewards[ri].routes;
      const alive: number[] = [];
      routes.forEach((route, k) => {
        if (!this.alive(route)) return;
        alive.push(k);
        for (const j of route) used.add(j);
      });
      if (routes.length > 1) aliveRoutes.push(`${ri}:${alive.join('.')}`);
    }
    const idle = part.filter((m) => !used.has(m));
    if (idle.length > 0) {
      const changed: number[] = [];
      for (const m of idle) if (this.state[m] === OPEN) changed.push(...this.set(m, OUT)!); // all open: never contradicts
      const answer = this.solveParts(part.filter((m) => this.state[m] === OPEN));
      this.undo(changed);
      return answer;
    }
    // The routes still possible matter where a reward has several (those out of the part are in or out).
    const key = part.join(',') + '|' + [...rewardIds].sort((a, b) => a - b).join(',') + (aliveRoutes.length ? '|' + aliveRoutes.sort().join(',') : '');
    const known = this.memo.get(key);
    if (known) return known;
    const inPart = new Set(part);
    // Branch on the member with the most exclusions inside the part.
    let pivot = -1;
    let degree = 0;
    for (const m of part) {
      let d = 0;
      for (const j of this.c.clashes[m]) if (inPart.has(j)) d++;
      if (d > degree) [pivot, degree] = [m, d];
    }
    let answer: Answer;
    if (pivot < 0) {
      // No exclusion left in the part: take it all (every need of its members is in or in it).
      let value = Q.ZERO;
      for (const ri of rewardIds) value = Q.add(value, this.rewards[ri].value);
      answer = { value, taken: part };
    } else {
      answer = this.branch(part, rewardIds, pivot, IN) ?? { value: Q.ZERO, taken: [] };
      const out = this.branch(part, rewardIds, pivot, OUT);
      if (out && Q.compare(out.value, answer.value) > 0) answer = out;
    }
    this.memo.set(key, answer);
    return answer;
  }

  /** Decides one member of the part, then solves what is left; undefined when that is impossible. */
  private branch(part: number[], rewardIds: Set<number>, m: number, to: number): Answer | undefined {
    const changed = this.set(m, to);
    if (!changed) return undefined;
    let value = Q.ZERO;
    for (const ri of rewardIds) if (this.paid(ri)) value = Q.add(value, this.rewards[ri].value);
    const rest = this.solveParts(part.filter((x) => this.state[x] === OPEN));
    const taken = changed.filter((x) => this.state[x] === IN).concat(rest.taken);
    this.undo(changed);
    return { value: Q.add(value, rest.value), taken };
  }

  /** Splits open members into independent parts (linked by an exclusion, a need or a pending reward) and solves each. */
  private solveParts(open: number[]): Answer {
    if (open.length === 0) return { value: Q.ZERO, taken: [] };
    const inOpen = new Set(open);
    const seen = new Set<number>();
    const usedRewards = new Set<number>();
    let value = Q.ZERO;
    const taken: number[] = [];
    for (const start of open) {
      if (seen.has(start)) continue;
      const part: number[] = [];
      const stack = [start];
      seen.add(start);
      while (stack.length) {
        const m = stack.pop()!;
        part.push(m);
        const visit = (j: number) => {
          if (inOpen.has(j) && !seen.has(j)) {
            seen.add(j);
            stack.push(j);
          }
        };
        for (const j of this.c.clashes[m]) visit(j);
        for (const j of this.c.needs[m]) visit(j);
        for (const j of this.neededBy[m]) visit(j);
        for (const ri of this.rewardsOf[m]) {
          if (usedRewards.has(ri) || !this.pending(ri)) continue;
          usedRewards.add(ri);
          for (const route of this.rewards[ri].routes) if (this.alive(route)) for (const j of route) visit(j);
        }
      }
      part.sort((a, b) => a - b);
      const answer = this.solve(part);
      value = Q.add(value, answer.value);
      taken.push(...answer.taken);
    }
    return { value, taken };
  }
}
