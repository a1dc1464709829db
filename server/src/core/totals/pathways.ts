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

/**
 * How much work one component's search may do before it gives an upper bound instead: the
 * members of every subproblem it solves, counted (a count, not a time, so a figure is the same on
 * any machine; about a second's work on a busy machine).
 */
export const SEARCH_BUDGET = 1_000_000;

/** An outcome of a component to value: its routes (each the members it needs, as indexes) and what it pays. */
export interface Valued {
  id: string;
  routes: number[][];
  value: Q.Rational;
}

/**
 * The dearest valid choice in one component: the outcomes to count, given each outcome's value
 * (exact, never negative). Exact for components of any size within SEARCH_BUDGET of work:
 * a branch and bound that decides one member at a time (in: what it needs in, what it excludes
 * out; out: what needs it out), takes at once the members nothing open conflicts with, splits
 * what is left into independent parts searched on their own, and remembers each part's answer
 * (so chains, cycles and trees cost little more than dynamic programming on them). A part is
 * not searched when even its upper bound (each clique of members that exclude each other paying
 * at most its dearest member) cannot beat what is already found. Past the budget (members looked
 * at, never time, so a run gives the same figure on any machine), every outcome is
 * counted and `exact` is false: an upper bound, said as such. Ties go to the member taken in
 * rather than left out, in the order the search decides them. An outcome with several routes
 * counts when one of them is all taken. `steps`: the work done, as the budget counts it.
 */
export function bestPathway(component: PathwayComponent, outcomes: Valued[], budget = SEARCH_BUDGET): { ids: string[]; exact: boolean; steps: number } {
  const search = new Search(component, outcomes, budget);
  try {
    const chosen = search.run();
    return { ids: outcomes.filter((o) => o.routes.some((route) => route.every((i) => chosen[i] === IN))).map((o) => o.id), exact: true, steps: search.steps };
  } catch (e) {
    if (e !== OVER_BUDGET) throw e;
    return { ids: outcomes.map((o) => o.id), exact: false, steps: search.steps };
  }
}

const OPEN = 0;
const IN = 1;
const OUT = 2;
const OVER_BUDGET = new Error('pathway search over budget');

/**
 * Money in the search: every value as a whole number on one common scale (exact). Plain numbers
 * while the sum of all values fits, else BigInts; the search only adds, subtracts and compares,
 * which JavaScript's operators do alike for both, so the type says `number` for both.
 */
type Money = number;

function wholeValues(values: Q.Rational[]): { values: Money[]; zero: Money; none: Money } {
  const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));
  let scale = 1n;
  for (const v of values) {
    const d = BigInt(v.d);
    scale = (scale / gcd(scale, d)) * d;
  }
  const big = values.map((v) => BigInt(v.n) * (scale / BigInt(v.d)));
  const sum = big.reduce((s, x) => s + x, 0n);
  if (sum <= BigInt(Number.MAX_SAFE_INTEGER)) return { values: big.map(Number), zero: 0, none: -1 };
  return { values: big as unknown as Money[], zero: 0n as unknown as Money, none: -1n as unknown as Money };
}

/**
 * A part's answer. Exact: the best value over the part and the members it takes. Not exact: the
 * part cannot beat the target it was asked to beat, and `value` (at most that target) is an
 * upper bound on it.
 */
type Taken = number | readonly Taken[];
const NONE: Taken = [];

interface Answer {
  value: Money;
  /**
   * Members set in by this part's search (besides those forced before it), as a tree of the
   * answers it is made of (listed once, at the end: copying them at every level costs more).
   */
  taken: Taken;
  exact: boolean;
}

class Search {
  steps = 0;
  private readonly k: number;
  private readonly state: Uint8Array;
  private readonly neededBy: number[][];
  /** For each member, those an exclusion or a need ties it to (either way). */
  private readonly linked: number[][];
  /** For each member, the members it can never be in with (an exclusion between what each needs). */
  private readonly conflicts: number[][];
  private readonly conflictSets: Set<number>[];
  /** Every route of every reward, by number: its members, its reward, and how many of its members are in and out now. */
  private readonly routeMembers: number[][] = [];
  private readonly routeReward: number[] = [];
  private readonly routesOfReward: number[][] = [];
  private readonly routesThrough: number[][];
  private readonly inCount: Int32Array;
  private readonly outCount: Int32Array;
  /** For each reward, how many of its routes are all in, and how many have none out. */
  private readonly paidRoutes: Int32Array;
  private readonly aliveRoutes: Int32Array;
  private readonly values: Money[];
  private readonly zero: Money;
  private readonly none: Money;
  private readonly one: Money;
  private readonly memo = new Map<string, Answer>();
  /** Scratch marks (each use takes a new stamp) and the bound's weights and cliques. */
  private stamp = 0;
  private readonly memberMark: Int32Array;
  private readonly memberMark2: Int32Array;
  private readonly rewardMark: Int32Array;
  private readonly weight: Money[];
  private readonly cliqueOf: Int32Array;
  private readonly distance: Int32Array;

  constructor(
    private readonly c: PathwayComponent,
    private readonly rewards: Valued[],
    private readonly budget: number,
  ) {
    const k = (this.k = c.members.length);
    this.state = new Uint8Array(k);
    this.neededBy = Array.from({ length: k }, () => []);
    c.needs.forEach((needs, i) => needs.forEach((j) => j !== i && this.neededBy[j].push(i)));
    this.linked = c.members.map((_, i) => [...new Set([...c.clashes[i], ...c.needs[i], ...this.neededBy[i]])].filter((j) => j !== i));
    // Taking a member takes all it needs (transitively: needs are closed) and so leaves out what
    // they exclude and everything that needs one of those.
    this.conflictSets = c.members.map((_, i) => {
      const out = new Set<number>();
      for (const n of c.needs[i].includes(i) ? c.needs[i] : [i, ...c.needs[i]])
        for (const b of c.clashes[n]) {
          out.add(b);
          for (const y of this.neededBy[b]) out.add(y);
        }
      out.delete(i);
      return out;
    });
    this.conflictSets.forEach((set, i) => set.forEach((j) => this.conflictSets[j].add(i)));
    this.conflicts = this.conflictSets.map((set) => [...set].sort((a, b) => a - b));
    this.routesThrough = Array.from({ length: k }, () => []);
    rewards.forEach((r, ri) => {
      this.routesOfReward.push(
        r.routes.map((route) => {
          const id = this.routeMembers.length;
          this.routeMembers.push(route);
          this.routeReward.push(ri);
          for (const j of new Set(route)) this.routesThrough[j].push(id);
          return id;
        }),
      );
    });
    this.inCount = new Int32Array(this.routeMembers.length);
    this.outCount = new Int32Array(this.routeMembers.length);
    this.paidRoutes = new Int32Array(rewards.length);
    this.aliveRoutes = Int32Array.from(this.routesOfReward, (routes) => routes.length);
    // A route with no member is paid from the start (a route always holds its own members, so this is for safety).
    this.routeMembers.forEach((route, id) => route.length === 0 && this.paidRoutes[this.routeReward[id]]++);
    ({ values: this.values, zero: this.zero, none: this.none } = wholeValues(rewards.map((r) => r.value)));
    this.one = (this.zero === 0 ? 1 : 1n) as Money;
    this.memberMark = new Int32Array(k);
    this.memberMark2 = new Int32Array(k);
    this.rewardMark = new Int32Array(rewards.length);
    this.weight = new Array<Money>(k).fill(this.zero);
    this.cliqueOf = new Int32Array(k).fill(-1);
    this.distance = new Int32Array(k);
  }

  /** The members' states of a best choice. */
  run(): Uint8Array {
    const all = this.c.members.map((_, i) => i);
    const answer = this.solveParts(all, this.none);
    const result = new Uint8Array(this.k).fill(OUT);
    const stack: Taken[] = [answer.taken];
    while (stack.length) {
      const t = stack.pop()!;
      if (typeof t === 'number') result[t] = IN;
      else for (const x of t) stack.push(x);
    }
    return result;
  }

  /** Counts one member's new state (in or out) into its routes, or takes it back (by −1). */
  private count(m: number, s: number, by: 1 | -1): void {
    for (const id of this.routesThrough[m]) {
      const ri = this.routeReward[id];
      if (s === IN) {
        const before = this.inCount[id] === this.routeMembers[id].length;
        this.inCount[id] += by;
        const after = this.inCount[id] === this.routeMembers[id].length;
        if (before !== after) this.paidRoutes[ri] += after ? 1 : -1;
      } else {
        const before = this.outCount[id] === 0;
        this.outCount[id] += by;
        const after = this.outCount[id] === 0;
        if (before !== after) this.aliveRoutes[ri] += after ? 1 : -1;
      }
    }
  }

  /**
   * Sets a member in or out and follows it through; returns the members changed (to undo), or
   * undefined when that contradicts a choice already made (then nothing is left changed).
   */
  private set(i: number, to: number): number[] | undefined {
    const changed: number[] = [];
    const queue: number[] = [i, to];
    while (queue.length) {
      const s = queue.pop()!;
      const m = queue.pop()!;
      if (this.state[m] === s) continue;
      if (this.state[m] !== OPEN) {
        this.undo(changed);
        return undefined;
      }
      this.state[m] = s;
      this.count(m, s, 1);
      changed.push(m);
      if (s === IN) {
        for (const j of this.c.needs[m]) queue.push(j, IN);
        for (const j of this.c.clashes[m]) queue.push(j, OUT);
      } else for (const j of this.neededBy[m]) queue.push(j, OUT);
    }
    return changed;
  }

  private undo(changed: number[]): void {
    for (const x of changed) {
      this.count(x, this.state[x], -1);
      this.state[x] = OPEN;
    }
  }

  /** A reward still to be decided: no route all in, some route with none of its members out. */
  private pending(ri: number): boolean {
    return this.paidRoutes[ri] === 0 && this.aliveRoutes[ri] > 0;
  }

  /**
   * The pending rewards decided in one part: those with a route still possible through it (a
   * member of the part in a route already out leaves the reward to the part of its other routes).
   */
  private rewardsIn(part: number[]): number[] {
    const stamp = ++this.stamp;
    const out: number[] = [];
    for (const m of part)
      for (const id of this.routesThrough[m]) {
        const ri = this.routeReward[id];
        if (this.rewardMark[ri] !== stamp && this.outCount[id] === 0 && this.pending(ri)) {
          this.rewardMark[ri] = stamp;
          out.push(ri);
        }
      }
    return out.sort((a, b) => a - b);
  }

  /**
   * The most the part's pending rewards can add. Each reward's value is put on one open member
   * of each of its routes still possible (if it is paid, one of those is in); members that
   * conflict with each other pairwise (a clique) can have at most one in, so a clique adds at
   * most its heaviest member. Cliques are formed greedily, heaviest members first.
   */
  private bound(rewardIds: number[]): Money {
    const weighted: number[] = [];
    let all = this.zero;
    for (const ri of rewardIds) {
      const v = this.values[ri];
      if (v === this.zero) continue;
      all += v;
      const stamp = ++this.stamp;
      for (const id of this.routesOfReward[ri]) {
        if (this.outCount[id] !== 0) continue;
        // The route's last open member (members come prerequisites first: usually the outcome itself).
        let pick = -1;
        for (const j of this.routeMembers[id]) if (this.state[j] === OPEN && j > pick) pick = j;
        if (pick < 0 || this.memberMark[pick] === stamp) continue;
        this.memberMark[pick] = stamp;
        if (this.weight[pick] === this.zero) weighted.push(pick);
        this.weight[pick] += v;
      }
    }
    weighted.sort((a, b) => (this.weight[a] > this.weight[b] ? -1 : this.weight[a] < this.weight[b] ? 1 : a - b));
    // Cliques with a height each: a member joins every clique it conflicts with all of, while
    // its weight is not yet covered by their heights, and what is left starts a clique of its own.
    // (Of members that never share a clique, at most one per clique is in, so the heights bound them.)
    const cliques: number[][] = [];
    const heights: Money[] = [];
    let bound = this.zero;
    for (const m of weighted) {
      let left = this.weight[m];
      const stamp = ++this.stamp;
      for (const x of this.conflicts[m]) {
        const c = this.cliqueOf[x];
        if (c < 0 || this.memberMark2[c] === stamp) continue;
        this.memberMark2[c] = stamp;
        let all = true;
        for (const y of cliques[c]) if (y !== x && !this.conflictSets[m].has(y)) all = false;
        if (!all) continue;
        cliques[c].push(m);
        left -= heights[c];
        if (left <= this.zero) break;
      }
      if (left > this.zero) {
        this.cliqueOf[m] = cliques.length;
        cliques.push([m]);
        heights.push(left);
        bound += left;
      }
    }
    for (const m of weighted) {
      this.weight[m] = this.zero;
      this.cliqueOf[m] = -1;
    }
    return bound < all ? bound : all;
  }

  /**
   * The best over the open members of one part (all OPEN now), if it beats `target`: the most
   * the pending rewards whose open needs lie in it can add, and the members to take. Otherwise an
   * answer not exact, whose value (at most the target) bounds it. Leaves the state as it found it.
   */
  private solve(part: number[], target: Money, rewardIds = this.rewardsIn(part), bound?: Money): Answer {
    // The work of a subproblem grows with its size: the budget counts members looked at.
    if ((this.steps += part.length) > this.budget) throw OVER_BUDGET;
    // A member no route still possible of a pending reward needs adds nothing: out (what needs it pays nothing either).
    const used = ++this.stamp;
    let several = '';
    for (const ri of rewardIds) {
      const routes = this.routesOfReward[ri];
      for (const id of routes) if (this.outCount[id] === 0) for (const j of this.routeMembers[id]) this.memberMark[j] = used;
      // The routes still possible matter where a reward has several (those out of the part are in or out).
      if (routes.length > 1) several += `|${ri}:` + routes.map((id) => (this.outCount[id] === 0 ? 1 : 0)).join('');
    }
    let idle: number[] | undefined;
    for (const m of part) if (this.memberMark[m] !== used) (idle ??= []).push(m);
    if (idle) {
      const changed: number[] = [];
      for (const m of idle) if (this.state[m] === OPEN) changed.push(...this.set(m, OUT)!); // all open: never contradicts
      const answer = this.solveParts(
        part.filter((m) => this.state[m] === OPEN),
        target,
      );
      this.undo(changed);
      return answer;
    }
    const key = part.join(',') + '|' + rewardIds.join(',') + several;
    const known = this.memo.get(key);
    if (known && (known.exact || known.value <= target)) return known;
    // A part met again, with a target its bound no longer meets, is solved exactly this time (so
    // it is never solved a third time: chains and cycles stay near linear in subproblems).
    if (known) target = this.none;
    bound ??= this.bound(rewardIds);
    if (bound <= target) {
      const answer = { value: bound, taken: NONE, exact: false };
      this.memo.set(key, answer);
      return answer;
    }
    // Members that conflict with nothing open are taken at once (taking more never pays less);
    // otherwise branch on a member with the most conflicts left. Where that is two or fewer (what
    // is left is a chain or cycle), the one in the middle of it, so it splits in halves (each
    // half is then solved once, not each tail of it).
    const free: number[] = [];
    let degree = 0;
    const degrees: number[] = [];
    for (const m of part) {
      let d = 0;
      for (const j of this.conflicts[m]) if (this.state[j] === OPEN) d++;
      degrees.push(d);
      if (d === 0) free.push(m);
      else if (d > degree) degree = d;
    }
    let pivot = -1;
    if (free.length === 0 && degree > 2) pivot = part[degrees.indexOf(degree)];
    else if (free.length === 0) {
      // Distances along conflicts from the far end of the part (found from its first member).
      // (A part may be tied by needs and rewards, not conflicts: a member not reached comes last.)
      const end = this.distances(this.distances(part[0]));
      const reached = this.stamp;
      const length = this.distance[end];
      let off = Infinity;
      part.forEach((m, i) => {
        if (degrees[i] !== degree) return;
        const o = this.memberMark[m] === reached ? Math.abs(2 * this.distance[m] - length) : length + 1;
        if (o < off) [pivot, off] = [m, o];
      });
    }
    let answer: Answer;
    if (free.length > 0) answer = this.decide(rewardIds, part, free, target)!;
    else {
      // Leaving the member out first finds a good answer sooner (the member with most conflicts
      // is seldom in the best); taking it in is then searched for as much or more, so a tie
      // still goes to the member taken in.
      const left = this.decide(rewardIds, part, [pivot], target, OUT)!;
      const found = left.exact && left.value > target;
      const needed = found ? left.value - this.one : target;
      const taken = this.decide(rewardIds, part, [pivot], needed, IN);
      if (taken?.exact && taken.value > needed) answer = taken;
      else if (found) answer = left;
      else {
        const a = taken?.value ?? this.none;
        answer = { value: a > left.value ? a : left.value, taken: NONE, exact: false };
      }
    }
    this.memo.set(key, answer);
    return answer;
  }

  /**
   * Each open member's distance from one, along conflicts between open members (in `distance`,
   * good until the next call); returns the farthest.
   */
  private distances(from: number): number {
    const stamp = ++this.stamp;
    const queue = [from];
    this.memberMark[from] = stamp;
    this.distance[from] = 0;
    let last = from;
    for (let h = 0; h < queue.length; h++) {
      const m = (last = queue[h]);
      for (const j of this.conflicts[m])
        if (this.state[j] === OPEN && this.memberMark[j] !== stamp) {
          this.memberMark[j] = stamp;
          this.distance[j] = this.distance[m] + 1;
          queue.push(j);
        }
    }
    return last;
  }

  /** Sets members of the part in (or out), then solves what is left; undefined when that is impossible. */
  private decide(rewardIds: number[], part: number[], members: number[], target: Money, to = IN): Answer | undefined {
    const changed: number[] = [];
    for (const m of members) {
      if (this.state[m] === to) continue;
      const more = this.set(m, to);
      if (!more) {
        this.undo(changed);
        return undefined;
      }
      changed.push(...more);
    }
    let value = this.zero;
    for (const ri of rewardIds) if (this.paidRoutes[ri] > 0) value += this.values[ri];
    const rest = this.solveParts(
      part.filter((x) => this.state[x] === OPEN),
      target - value,
    );
    const answer = { value: value + rest.value, taken: rest.exact ? [changed.filter((x) => this.state[x] === IN), rest.taken] : NONE, exact: rest.exact };
    this.undo(changed);
    return answer;
  }

  /** Splits open members into independent parts (linked by an exclusion, a need or a pending reward) and solves each. */
  private solveParts(open: number[], target: Money): Answer {
    if (open.length === 0) return { value: this.zero, taken: NONE, exact: true };
    const inOpen = ++this.stamp;
    for (const m of open) this.memberMark[m] = inOpen;
    const seen = ++this.stamp;
    const usedRewards = ++this.stamp;
    const parts: number[][] = [];
    const stack: number[] = [];
    for (const start of open) {
      if (this.memberMark2[start] === seen) continue;
      const part: number[] = [];
      stack.push(start);
      this.memberMark2[start] = seen;
      while (stack.length) {
        const m = stack.pop()!;
        part.push(m);
        for (const j of this.linked[m])
          if (this.memberMark[j] === inOpen && this.memberMark2[j] !== seen) {
            this.memberMark2[j] = seen;
            stack.push(j);
          }
        for (const id of this.routesThrough[m]) {
          const ri = this.routeReward[id];
          if (this.rewardMark[ri] === usedRewards || !this.pending(ri)) continue;
          this.rewardMark[ri] = usedRewards;
          for (const r of this.routesOfReward[ri])
            if (this.outCount[r] === 0)
              for (const j of this.routeMembers[r])
                if (this.memberMark[j] === inOpen && this.memberMark2[j] !== seen) {
                  this.memberMark2[j] = seen;
                  stack.push(j);
                }
        }
      }
      parts.push(part.sort((a, b) => a - b));
    }
    if (parts.length === 1) return this.solve(parts[0], target);
    // Each part must beat the target less what the others can add at most (then the whole does).
    const rewardIds = parts.map((part) => this.rewardsIn(part));
    const bounds = rewardIds.map((ids) => this.bound(ids));
    let rest = bounds.reduce((s, b) => s + b, this.zero);
    let value = this.zero;
    const taken: Taken[] = [];
    for (let i = 0; i < parts.length; i++) {
      rest -= bounds[i];
      const answer = this.solve(parts[i], target - value - rest, rewardIds[i], bounds[i]);
      value += answer.value;
      if (!answer.exact) return { value: value + rest, taken: NONE, exact: false };
      taken.push(answer.taken);
    }
    return { value, taken, exact: true };
  }
}
