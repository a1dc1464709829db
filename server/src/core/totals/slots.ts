/**
 * Each outcome as a small number (its slot), so that the totals' per-cohort work reads arrays by
 * slot instead of Maps keyed by outcome id: the ids of one file looked up in another file's Maps
 * cost more than the arithmetic. The framework's outcomes take the first slots, in the order of
 * `outcomeById` (once per framework model); outcomes a price line names that the framework does
 * not declare take the next, once per rate card computation.
 */
import type { FrameworkModel, OutcomeEntry, RateCardModel } from '../model';

/** A framework's outcomes by slot (once per framework model). */
export interface FrameworkSlots {
  readonly slotOf: ReadonlyMap<string, number>;
  /** The entry `outcomeById` gives, by slot. */
  readonly entries: readonly OutcomeEntry[];
  /** The outcome's id, by slot (its key in `outcomeById`). */
  readonly ids: readonly string[];
}

const NO_FRAMEWORK: FrameworkSlots = { slotOf: new Map(), entries: [], ids: [] };
const byFramework = new WeakMap<FrameworkModel, FrameworkSlots>();

export function frameworkSlots(framework: FrameworkModel | undefined): FrameworkSlots {
  if (!framework) return NO_FRAMEWORK;
  let slots = byFramework.get(framework);
  if (!slots) {
    const slotOf = new Map<string, number>();
    const entries: OutcomeEntry[] = [];
    const ids: string[] = [];
    for (const [id, entry] of framework.outcomeById) {
      slotOf.set(id, entries.length);
      entries.push(entry);
      ids.push(id);
    }
    slots = { slotOf, entries, ids };
    byFramework.set(framework, slots);
  }
  return slots;
}

/** The slots of one rate card's lines against one framework. */
export interface OutcomeSlots {
  /** Every outcome a line names, then the framework's own: one more than the largest slot. */
  readonly count: number;
  /** By the line's index (its place in the card): its outcome's slot, or -1 when it names none. */
  readonly ofLine: Int32Array;
  /** By slot: the framework's entry, undefined past the framework's outcomes. */
  readonly entries: readonly OutcomeEntry[];
  /** By slot: the outcome's id. */
  readonly ids: readonly string[];
  /** An outcome id's slot, if a line or the framework names it. */
  slotOf(outcome: string): number | undefined;
}

export function outcomeSlots(card: RateCardModel, framework: FrameworkModel | undefined): OutcomeSlots {
  const known = frameworkSlots(framework);
  let extra: Map<string, number> | undefined;
  let ids = known.ids;
  let count = known.entries.length;
  let lastIndex = -1;
  for (const line of card.prices) if (line.index > lastIndex) lastIndex = line.index;
  const ofLine = new Int32Array(lastIndex + 1).fill(-1);
  for (const line of card.prices) {
    const outcome = line.outcome;
    if (outcome === undefined) continue;
    let slot = known.slotOf.get(outcome) ?? extra?.get(outcome);
    if (slot === undefined) {
      (extra ??= new Map()).set(outcome, (slot = count++));
      if (ids === known.ids) ids = ids.slice();
      (ids as string[]).push(outcome);
    }
    ofLine[line.index] = slot;
  }
  return { count, ofLine, entries: known.entries, ids, slotOf: (outcome) => known.slotOf.get(outcome) ?? extra?.get(outcome) };
}
