/**
 * Exclusive pathways (docs/totals.md, "One pathway per participant"). A participant achieves a
 * set of outcomes that is closed under `requires` and holds no two outcomes that exclude each
 * other (listed on either side). What may be paid for one participant is the most, over all such
 * sets, of the priced outcomes' values.
 *
 * The search is exact and stays small: only outcomes named in some `excludes` (E) can make a set
 * infeasible. An outcome whose prerequisites (itself included) touch no member of E can always
 * be added, so it always counts. Any other outcome o counts exactly when its footprint
 * F(o) = (o and all it requires, transitively) ∩ E is chosen, and a choice of E members is valid
 * when it holds no excluded pair and the footprint of each chosen member. Members linked by an
 * exclusion or by a shared footprint form components; each component is searched on its own.
 */
import type { FrameworkModel } from '../model';
import * as Q from './rational';

export interface Pathways {
  /** Outcomes that can never be achieved together with what they require (never paid), with why. */
  unpayable: Map<string, { clash: [string, string] }>;
  /** The component of an outcome whose payment depends on a choice; absent: always counts. */
  componentOf: Map<string, PathwayComponent>;
  /** The outcome's footprint: the indexes of its component's members it needs (itself included when a member). */
  needsOf: Map<string, number[]>;
}

export interface PathwayComponent {
  /** Its members (outcomes named in `excludes`), in framework order. */
  members: string[];
  /** For each member, the members it excludes (indexes). */
  clashes: number[][];
  /** For each member, its footprint (indexes, itself included). */
  needs: number[][];
}

const cache = new WeakMap<FrameworkModel, Pathways>();

/** The framework's pathway structure, derived once per framework model. */
export function pathwaysOf(framework: FrameworkModel): Pathways {
  let found = cache.get(framework);
  if (!found) cache.set(framework, (found = derive(framework)));
  return found;
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
  const unpayable = new Map<string, { clash: [string, string] }>();
  const componentOf = new Map<string, PathwayComponent>();
  const needsOf = new Map<string, number[]>();
  if (clash.size === 0) return { unpayable, componentOf, needsOf };

  // Footprints: the members of E among each outcome and all it requires, built prerequisites
  // first (an iterative walk: chains may be thousands long). An outcome with one prerequisite
  // and not in E shares its prerequisite's footprint (no copy), so long chains stay linear; a
  // clash found in a prerequisite's footprint makes every outcome built on it unpayable too.
  const EMPTY: ReadonlySet<string> = new Set();
  const footprint = new Map<string, ReadonlySet<string>>();
  // Members of E that one footprint holds are linked (union-find).
  const parent = new Map<string, string>([...clash.keys()].map((e) => [e, e]));
  const find = (e: string): string => {
    while (parent.get(e) !== e) e = parent.get(e)!;
    return e;
  };
  const union = (a: string, b: string) => parent.set(find(a), find(b));
  for (const [a, others] of clash) for (const b of others) union(a, b);
  /** A clash between two footprints: one member of the smaller excludes one of the larger. */
  const clashBetween = (a: ReadonlySet<string>, b: ReadonlySet<string>): [string, string] | undefined => {
    const [small, large] = a.size <= b.size ? [a, b] : [b, a];
    for (const x of small) for (const y of clash.get(x)!) if (large.has(y)) return [x, y];
    return undefined;
  };
  const build = (id: string) => {
    let print: ReadonlySet<string> = EMPTY;
    let owned = false;
    let pair: [string, string] | undefined;
    for (const r of known.get(id)!.requires) {
      if (r === id || !known.has(r)) continue;
      const bad = unpayable.get(r);
      if (bad) {
        pair = bad.clash;
        break;
      }
      const part = footprint.get(r) ?? EMPTY; // a prerequisite still on the walk: a loop (requires-cycle)
      if (part.size === 0 || part === print) continue;
      if (print.size === 0) {
        print = part;
        continue;
      }
      pair = clashBetween(print, part);
      if (pair) break;
      union([...print][0], [...part][0]);
      const merged = owned ? (print as Set<string>) : new Set(print);
      for (const x of part) merged.add(x);
      print = merged;
      owned = true;
    }
    if (!pair && clash.has(id) && !print.has(id)) {
      const other = [...clash.get(id)!].find((y) => print.has(y));
      if (other !== undefined) pair = [id, other];
      else {
        if (print.size > 0) union(id, [...print][0]);
        const merged = owned ? (print as Set<string>) : new Set(print);
        merged.add(id);
        print = merged;
      }
    }
    // The pair in framework order, as the analyst reads the file.
    if (pair) unpayable.set(id, { clash: known.get(pair[0])!.index <= known.get(pair[1])!.index ? pair : [pair[1], pair[0]] });
    footprint.set(id, pair ? EMPTY : print);
  };
  const state = new Map<string, 1 | 2>();
  for (const root of known.keys()) {
    if (state.has(root)) continue;
    const stack: [string, number][] = [[root, 0]];
    state.set(root, 1);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const requires = known.get(top[0])!.requires;
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
  const footprintOf = (id: string) => footprint.get(id) ?? EMPTY;
  const tainted = [...known.keys()].filter((id) => footprintOf(id).size > 0);
  const groups = new Map<string, string[]>();
  for (const outcome of framework.outcomes) {
    const e = outcome.id;
    if (!clash.has(e) || known.get(e) !== outcome) continue;
    const root = find(e);
    (groups.get(root) ?? groups.set(root, []).get(root)!).push(e);
  }
  const built = new Map<string, PathwayComponent>();
  const bits = new Map<PathwayComponent, Map<string, number>>();
  for (const [root, inOrder] of groups) {
    // Prerequisites first (a prerequisite's footprint is part of its dependant's).
    const members = inOrder.map((m, i) => ({ m, i, n: footprintOf(m).size })).sort((a, b) => a.n - b.n || a.i - b.i).map((x) => x.m);
    const bit = new Map(members.map((m, i) => [m, i]));
    const indexes = (list: Iterable<string>) => [...list].filter((e) => bit.has(e)).map((e) => bit.get(e)!);
    const component: PathwayComponent = { members, clashes: members.map((m) => indexes(clash.get(m)!)), needs: members.map((m) => indexes(footprintOf(m))) };
    built.set(root, component);
    bits.set(component, bit);
  }
  for (const id of tainted) {
    const print = footprintOf(id);
    const component = built.get(find(print.values().next().value!))!;
    componentOf.set(id, component);
    const bit = bits.get(component)!;
    needsOf.set(id, [...print].map((e) => bit.get(e)!));
  }
  return { unpayable, componentOf, needsOf };
}


/** How many subproblems one component's search may solve before it gives an upper bound instead. */
export const SEARCH_BUDGET = 20_000;

/** An outcome of a component to value: the members it needs (indexes) and what it pays. */
export interface Valued {
  id: string;
  needs: number[];
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
 * Ties go to the member taken in rather than left out, in the component's order.
 */
export function bestPathway(component: PathwayComponent, outcomes: Valued[], budget = SEARCH_BUDGET): { ids: string[]; exact: boolean } {
  try {
    const chosen = new Search(component, outcomes, budget).run();
    return { ids: outcomes.filter((o) => o.needs.every((i) => chosen[i] === IN)).map((o) => o.id), exact: true };
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
    rewards.forEach((r, ri) => r.needs.forEach((j) => this.rewardsOf[j].push(ri)));
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

  /** A reward still to be decided among these members: none of its needs out, some open. */
  private pending(ri: number): boolean {
    let open = false;
    for (const j of this.rewards[ri].needs) {
      if (this.state[j] === OUT) return false;
      if (this.state[j] === OPEN) open = true;
    }
    return open;
  }

  /**
   * The best over the open members of one part (all OPEN now): the most the pending rewards
   * whose open needs lie in it can add, and the members to take. Leaves the state as it found it.
   */
  private solve(part: number[]): Answer {
    if (++this.steps > this.budget) throw OVER_BUDGET;
    const rewardIds = new Set<number>();
    for (const m of part) for (const ri of this.rewardsOf[m]) if (this.pending(ri)) rewardIds.add(ri);
    // A member no pending reward needs adds nothing: out (what needs it pays nothing either).
    const idle = part.filter((m) => !this.rewardsOf[m].some((ri) => rewardIds.has(ri)));
    if (idle.length > 0) {
      const changed: number[] = [];
      for (const m of idle) if (this.state[m] === OPEN) changed.push(...this.set(m, OUT)!); // all open: never contradicts
      const answer = this.solveParts(part.filter((m) => this.state[m] === OPEN));
      this.undo(changed);
      return answer;
    }
    const key = part.join(',') + '|' + [...rewardIds].sort((a, b) => a - b).join(',');
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
    for (const ri of rewardIds) if (this.rewards[ri].needs.every((j) => this.state[j] === IN)) value = Q.add(value, this.rewards[ri].value);
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
          for (const j of this.rewards[ri].needs) visit(j);
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
