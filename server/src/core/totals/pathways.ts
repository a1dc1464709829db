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
  /** The outcome's footprint as a bit mask over its component's members. */
  maskOf: Map<string, number>;
}

export interface PathwayComponent {
  /** Its members (outcomes named in `excludes`), in framework order. */
  members: string[];
  /** For each member, the members it excludes (bit mask). */
  clashes: number[];
  /** For each member, its footprint (bit mask, itself included). */
  needs: number[];
}

/** Components larger than this are not searched: their outcomes are all counted (an upper bound). */
export const MAX_SEARCH = 20;

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
  const maskOf = new Map<string, number>();
  if (clash.size === 0) return { unpayable, componentOf, maskOf };

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
  for (const [root, inOrder] of groups) {
    // Past MAX_SEARCH members a component is not searched: no masks are needed.
    if (inOrder.length > MAX_SEARCH) {
      built.set(root, { members: inOrder, clashes: [], needs: [] });
      continue;
    }
    // Prerequisites first (a prerequisite's footprint is part of its dependant's), so the search
    // can refuse a member whose prerequisites it has already left out.
    const members = inOrder.map((m, i) => ({ m, i, n: footprintOf(m).size })).sort((a, b) => a.n - b.n || a.i - b.i).map((x) => x.m);
    const bit = new Map(members.map((m, i) => [m, i]));
    const mask = (list: Iterable<string>) => {
      let m = 0;
      for (const e of list) if (bit.has(e)) m |= 1 << bit.get(e)!;
      return m;
    };
    built.set(root, { members, clashes: members.map((m) => mask(clash.get(m)!)), needs: members.map((m) => mask(footprintOf(m))) });
  }
  for (const id of tainted) {
    const print = footprintOf(id);
    const component = built.get(find(print.values().next().value!))!;
    componentOf.set(id, component);
    if (component.members.length > MAX_SEARCH) continue;
    const bit = new Map(component.members.map((m, i) => [m, i]));
    let m = 0;
    for (const e of print) m |= 1 << bit.get(e)!;
    maskOf.set(id, m);
  }
  return { unpayable, componentOf, maskOf };
}


/**
 * The dearest valid choice in one component: the outcomes to count, given each outcome's value
 * (minor units, exact). Ties go to the choice found first (members in the component's order,
 * each tried in before out). Components past MAX_SEARCH members count every outcome (an upper bound).
 */
export function bestPathway(component: PathwayComponent, outcomes: { id: string; mask: number; value: Q.Rational }[]): { ids: string[]; exact: boolean } {
  const k = component.members.length;
  if (k > MAX_SEARCH) return { ids: outcomes.map((o) => o.id), exact: false };
  let best: Q.Rational | undefined;
  let bestSet = 0;
  const leaf = (chosen: number) => {
    for (let i = 0; i < k; i++) if (chosen & (1 << i) && (component.needs[i] & ~chosen) !== 0) return;
    let sum = Q.ZERO;
    for (const o of outcomes) if ((o.mask & ~chosen) === 0) sum = Q.add(sum, o.value);
    if (best === undefined || Q.compare(sum, best) > 0) [best, bestSet] = [sum, chosen];
  };
  const walk = (i: number, chosen: number): void => {
    if (i === k) return leaf(chosen);
    const decided = (1 << i) - 1;
    if ((component.clashes[i] & chosen) === 0 && (component.needs[i] & decided & ~chosen) === 0) walk(i + 1, chosen | (1 << i));
    walk(i + 1, chosen);
  };
  walk(0, 0);
  return { ids: outcomes.filter((o) => (o.mask & ~bestSet) === 0).map((o) => o.id), exact: true };
}
