/**
 * The maximum liability under caps per payer, over every mix of pathways (docs/totals.md,
 * "Caps per payer and pathways"). Without caps per payer the contract costs most when every
 * participant follows the dearest pathway. With them it may not: `a` paid by a capped fund and
 * `b` by the council, `b excludes a`: one participant on `a` fills the fund's cap and the rest
 * on `b` cost the council more. So the most is taken over every way the participants of each
 * cohort may be spread over the pathways they can follow:
 *
 *   max over mixes of  Σ over capped payers min(cap, what it would pay) + what the others pay.
 *
 * Each participant's pathway gives a vector (what each payer pays for them). Vectors that pay
 * no capped payer more and the rest no more than another are dropped (they never cost more);
 * the mixes are then built participant by participant, keeping only states no other state beats
 * (each capped payer's amount counted up to its cap, the others' summed); once every capped
 * payer is at its cap, the rest follow the pathway that pays the others most. Exact, within a
 * work budget; past it, an upper bound said as such.
 */
import type { FrameworkModel, PriceLineModel } from '../model';
import { outcomeValues } from './maxima';
import { type PathwayComponent, pathwaysOf } from './pathways';
import * as Q from './rational';

/** Where one line's payments go for one cohort: (slot, fraction) pairs, slots being the payers and, last, nobody. */
export type SlotSplit = (cohort: string, line: number) => [number, Q.Rational][];

export interface MixCohort {
  cohort: string;
  participants: number;
  lines: PriceLineModel[];
}

export interface WorstMix {
  /** Each slot's amount in the worst mix, before any cap. */
  slots: Q.Rational[];
  /** Each cohort's part of it, before any cap. */
  byCohort: Q.Rational[];
  /** Σ over capped slots of min(cap, amount) + the other slots: the maximum liability before caps.total. */
  total: Q.Rational;
  /** False when the search ran past its budget: `total` is then an upper bound. */
  exact: boolean;
}

/** Most pathway vectors kept for one cohort, and most sets tried in one component. */
const OPTION_LIMIT = 2048;
/** Most state × pathway steps in building the mixes. */
const WORK_BUDGET = 400_000;

/**
 * The worst mix, or undefined when no cohort has a choice that matters (every cohort's dearest
 * pathway is then the worst case, as without caps per payer) or a figure is unbounded or blocked.
 */
export function worstMix(
  cohorts: MixCohort[],
  problems: Map<number, string>,
  framework: FrameworkModel | undefined,
  capPP: number | undefined,
  slotCount: number,
  caps: (Q.Rational | undefined)[],
  splitOf: SlotSplit,
): WorstMix | undefined {
  const capped = caps.map((c, i) => (c === undefined ? -1 : i)).filter((i) => i >= 0);
  if (capped.length === 0) return undefined;
  const options: Q.Rational[][][] = [];
  let exact = true;
  let choice = false;
  for (const c of cohorts) {
    const found = pathwayVectors(c, problems, framework, capPP, slotCount, capped, splitOf);
    if (!found) return undefined;
    if (!found.exact) exact = false;
    if (found.vectors.length > 1) choice = true;
    options.push(found.vectors);
  }
  // Too many pathways to list: every outcome counted (a vector no pathway exceeds), an upper bound.
  if (!exact) return bound(cohorts, options, caps, slotCount, capPP);
  if (!choice) return undefined;
  // A cap that no mix can reach never binds: that payer is counted like one without a cap.
  const reach = (i: number) => options.reduce((sum, vectors, c) => Q.add(sum, Q.mul(vectors.reduce((m, v) => (Q.compare(v[i], m) > 0 ? v[i] : m), Q.ZERO), Q.int(cohorts[c].participants))), Q.ZERO);
  const binding = caps.map((cap, i) => (cap !== undefined && Q.compare(reach(i), cap) > 0 ? cap : undefined));
  const live = binding.map((c, i) => (c === undefined ? -1 : i)).filter((i) => i >= 0);
  // No cap can bind: every participant on the dearest pathway is the worst case, as without caps per payer.
  if (live.length === 0) return undefined;
  const free = (v: Q.Rational[]) => v.reduce((sum, x, i) => (binding[i] === undefined ? Q.add(sum, x) : sum), Q.ZERO);
  const worth = (slots: Q.Rational[]) => slots.reduce((sum, x, i) => Q.add(sum, binding[i] === undefined ? x : Q.min(x, binding[i]!)), Q.ZERO);

  interface State {
    slots: Q.Rational[];
    byCohort: Q.Rational[];
    /** Each live capped payer's amount up to its cap, then what the others pay: what decides between states. */
    key: Q.Rational[];
  }
  const keyOf = (slots: Q.Rational[]) => [...live.map((i) => Q.min(slots[i], binding[i]!)), free(slots)];
  /** s is beaten by t: t pays each capped payer as much, up to its cap, and the others as much. */
  const beaten = (s: State, t: State) => s.key.every((x, i) => Q.compare(t.key[i], x) >= 0);
  let work = 0;
  const prune = (states: State[]): State[] => {
    // Equal states once, then those no other beats.
    const distinct = [...new Map(states.map((s) => [s.key.map((x) => `${x.n}/${x.d}`).join(','), s])).values()];
    if (live.length === 1) {
      // One cap that binds: the states worth keeping form a staircase, found by one sorted sweep.
      work += distinct.length;
      distinct.sort((a, b) => Q.compare(b.key[0], a.key[0]) || Q.compare(b.key[1], a.key[1]));
      const kept: State[] = [];
      for (const s of distinct) if (kept.length === 0 || Q.compare(s.key[1], kept[kept.length - 1].key[1]) > 0) kept.push(s);
      return kept;
    }
    const kept: State[] = [];
    for (const s of distinct) {
      work += kept.length;
      if (kept.some((t) => beaten(s, t))) continue;
      for (let i = kept.length - 1; i >= 0; i--) if (beaten(kept[i], s)) kept.splice(i, 1);
      kept.push(s);
    }
    return kept;
  };
  const add = (s: State, v: Q.Rational[], cohort: number, times: number): State => {
    const k = Q.int(times);
    const byCohort = s.byCohort.slice();
    byCohort[cohort] = Q.add(byCohort[cohort], Q.mul(v.reduce(Q.add, Q.ZERO), k));
    const slots = s.slots.map((x, i) => Q.add(x, Q.mul(v[i], k)));
    return { slots, byCohort, key: keyOf(slots) };
  };
  const zero = new Array<Q.Rational>(slotCount).fill(Q.ZERO);
  let states: State[] = [{ slots: zero, byCohort: cohorts.map(() => Q.ZERO), key: keyOf(zero) }];
  outer: for (let c = 0; c < cohorts.length; c++) {
    const vectors = options[c];
    const n = cohorts[c].participants;
    // The capped payers this cohort's pathways pay: the only ones its mix can move.
    const touched = live.filter((i) => vectors.some((v) => !Q.isZero(v[i])));
    // The pathway that pays the others most: what follows once every cap it could move is reached.
    const freest = vectors.reduce((best, v) => (Q.compare(free(v), free(best)) > 0 ? v : best));
    const saturated = (s: State) => touched.every((i) => Q.compare(s.slots[i], binding[i]!) >= 0);
    if (vectors.length === 1 || touched.length === 0) {
      states = states.map((s) => add(s, freest, c, n));
      continue;
    }
    const done: State[] = [];
    for (let j = 0; j < n && states.length > 0; j++) {
      const next: State[] = [];
      for (const s of states) {
        if (saturated(s)) done.push(add(s, freest, c, n - j));
        else for (const v of vectors) next.push(add(s, v, c, 1));
      }
      work += vectors.length * states.length;
      states = prune(next);
      if (work > WORK_BUDGET) {
        exact = false;
        break outer;
      }
    }
    states = prune([...done, ...states]);
  }
  if (!exact) return bound(cohorts, options, caps, slotCount, capPP);
  let best = states[0];
  for (const s of states) if (Q.compare(worth(s.slots), worth(best.slots)) > 0) best = s;
  return { slots: best.slots, byCohort: best.byCohort, total: worth(best.slots), exact: true };
}

/**
 * Past the budget: an upper bound. Every participant is taken to pay each payer the most any of
 * their pathways pays it (after caps.perParticipant, at most that cap), each capped payer held to
 * its cap; and never more than every participant at their dearest pathway. The payers' and
 * cohorts' parts are cut in proportion to that, so they add up to it and stay within the caps.
 */
function bound(cohorts: MixCohort[], options: Q.Rational[][][], caps: (Q.Rational | undefined)[], slotCount: number, capPP: number | undefined): WorstMix {
  const sum = (v: Q.Rational[]) => v.reduce(Q.add, Q.ZERO);
  const most = (vectors: Q.Rational[][]) => vectors.reduce((m, v) => m.map((x, i) => (Q.compare(v[i], x) > 0 ? v[i] : x)));
  const slots: Q.Rational[] = new Array(slotCount).fill(Q.ZERO);
  let dearest = Q.ZERO;
  const raw: Q.Rational[] = [];
  options.forEach((vectors, c) => {
    const n = Q.int(cohorts[c].participants);
    const top = most(vectors).map((x) => (capPP === undefined ? x : Q.min(x, Q.int(capPP))));
    top.forEach((x, i) => (slots[i] = Q.add(slots[i], Q.mul(x, n))));
    raw.push(Q.mul(sum(top), n));
    const dear = vectors.reduce((m, v) => (Q.compare(sum(v), m) > 0 ? sum(v) : m), Q.ZERO);
    dearest = Q.add(dearest, Q.mul(capPP === undefined ? dear : Q.min(dear, Q.int(capPP)), n));
  });
  const held = slots.map((x, i) => (caps[i] === undefined ? x : Q.min(x, caps[i]!)));
  const worth = sum(held);
  const total = Q.min(worth, dearest);
  const cut = Q.isZero(worth) ? Q.ONE : Q.div(total, worth);
  const rawSum = sum(raw);
  return { slots: held.map((x) => Q.mul(x, cut)), byCohort: raw.map((x) => (Q.isZero(rawSum) ? Q.ZERO : Q.div(Q.mul(x, total), rawSum))), total, exact: false };
}

/**
 * The distinct ways one participant of a cohort may be paid, as slot vectors (after
 * caps.perParticipant), none beaten by another. Undefined when a value is unbounded or blocked.
 */
function pathwayVectors(
  c: MixCohort,
  problems: Map<number, string>,
  framework: FrameworkModel | undefined,
  capPP: number | undefined,
  slotCount: number,
  capped: number[],
  splitOf: SlotSplit,
): { vectors: Q.Rational[][]; exact: boolean } | undefined {
  const values = outcomeValues(c.lines, problems);
  const pathways = framework ? pathwaysOf(framework) : undefined;
  const vectorOf = new Map<string, Q.Rational[]>();
  for (const [o, { line, value }] of values) {
    if (pathways?.unpayable.has(o)) continue;
    if (typeof value !== 'object') return undefined;
    const v: Q.Rational[] = new Array(slotCount).fill(Q.ZERO);
    for (const [slot, fraction] of splitOf(c.cohort, line.index)) v[slot] = Q.add(v[slot], Q.mul(value, fraction));
    vectorOf.set(o, v);
  }
  const plus = (a: Q.Rational[], b: Q.Rational[]) => a.map((x, i) => Q.add(x, b[i]));
  const freeOf = (v: Q.Rational[]) => v.reduce((s, x, i) => (capped.includes(i) ? s : Q.add(s, x)), Q.ZERO);
  const beats = (a: Q.Rational[], b: Q.Rational[]) => capped.every((i) => Q.compare(a[i], b[i]) >= 0) && Q.compare(freeOf(a), freeOf(b)) >= 0;
  const prune = (list: Q.Rational[][]) => {
    const kept: Q.Rational[][] = [];
    for (const v of list) {
      if (kept.some((k) => beats(k, v))) continue;
      for (let i = kept.length - 1; i >= 0; i--) if (beats(v, kept[i])) kept.splice(i, 1);
      kept.push(v);
    }
    return kept;
  };
  let base: Q.Rational[] = new Array(slotCount).fill(Q.ZERO);
  const groups = new Map<PathwayComponent, string[]>();
  for (const o of vectorOf.keys()) {
    const component = pathways?.componentOf.get(o);
    if (component) (groups.get(component) ?? groups.set(component, []).get(component)!).push(o);
    else base = plus(base, vectorOf.get(o)!);
  }
  let vectors: Q.Rational[][] = [base];
  // An outcome with too many routes to list counted as if it needed nothing more (pathways.ts).
  let exact = !pathways || pathways.relaxed.size === 0 || ![...vectorOf.keys()].some((o) => pathways.relaxed.has(o));
  for (const [component, outcomes] of groups) {
    const sets = feasibleSets(component, OPTION_LIMIT);
    if (!sets) {
      // Too many ways to list: every outcome of the component counted, which no pathway exceeds (an upper bound).
      exact = false;
      const all = outcomes.reduce((v, id) => plus(v, vectorOf.get(id)!), new Array(slotCount).fill(Q.ZERO) as Q.Rational[]);
      vectors = vectors.map((v) => plus(v, all));
      continue;
    }
    const mine = prune(sets.map((set) => outcomes.filter((o) => pathways!.routesOf.get(o)!.some((route) => route.every((i) => set[i]))).reduce((v, o) => plus(v, vectorOf.get(o)!), new Array(slotCount).fill(Q.ZERO) as Q.Rational[])));
    vectors = prune(vectors.flatMap((v) => mine.map((m) => plus(v, m))));
    if (vectors.length > OPTION_LIMIT) {
      // Too many to mix: each slot at its most over them, a vector none exceeds (an upper bound).
      exact = false;
      vectors = [vectors.reduce((m, v) => m.map((x, i) => (Q.compare(v[i], x) > 0 ? v[i] : x)))];
    }
  }
  if (capPP !== undefined) {
    const cap = Q.int(capPP);
    // A per-participant cut moves money between payers, so achieving less can cost a capped
    // payer's partners more: the sets of outcomes are no longer ordered by cost. Not searched:
    // every payer at most its full share, the whole at most the cap (an upper bound).
    if (vectors.some((v) => Q.compare(v.reduce(Q.add, Q.ZERO), cap) > 0)) {
      const all = vectors.reduce((m, v) => m.map((x, i) => (Q.compare(v[i], x) > 0 ? v[i] : x)));
      return { vectors: [all.map((x) => Q.min(x, cap))], exact: false };
    }
    vectors = prune(
      vectors.map((v) => {
        const total = v.reduce(Q.add, Q.ZERO);
        return Q.compare(total, cap) > 0 ? v.map((x) => Q.div(Q.mul(x, cap), total)) : v;
      }),
    );
  }
  return { vectors, exact };
}

/** Most steps in listing one component's sets. */
const SET_STEPS = 200_000;

/**
 * The sets of a component's members one participant may hold (no two that exclude each other,
 * each with all it needs) that no other such set holds, as membership arrays; undefined past
 * `limit` sets or SET_STEPS steps. A set inside another is never worth more to any payer (taking
 * more never pays less), so only these can make the worst mix. Members come prerequisites
 * first, so a member's needs are decided before it.
 */
function feasibleSets(component: PathwayComponent, limit: number): Uint8Array[] | undefined {
  const k = component.members.length;
  const { needs, clashes } = component;
  const chosen = new Uint8Array(k);
  const out: Uint8Array[] = [];
  let steps = 0;
  const clashesChosen = (m: number) => clashes[m].some((j) => chosen[j]);
  // A member left out that could still be taken, with all it needs: the set is not the largest.
  const couldAdd = (m: number) => needs[m].every((n) => chosen[n] || !clashesChosen(n)) && !clashesChosen(m);
  // Left out while it could be taken, a member is only ever kept out by a later one it excludes.
  const laterClash = clashes.map((list, i) => list.some((j) => j > i));
  const walk = (i: number): boolean => {
    if (++steps > SET_STEPS) return false;
    if (i === k) {
      for (let m = 0; m < k; m++) if (!chosen[m] && couldAdd(m)) return true;
      out.push(chosen.slice());
      return out.length <= limit;
    }
    const can = needs[i].every((j) => j === i || chosen[j]) && !clashesChosen(i);
    if (can) {
      chosen[i] = 1;
      if (!walk(i + 1)) return false;
      chosen[i] = 0;
      if (!laterClash[i]) return true;
    }
    return walk(i + 1);
  };
  return walk(0) ? out : undefined;
}
