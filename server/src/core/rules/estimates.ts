/**
 * The payment figures the rules decide on, computed the way docs/totals.md defines them but
 * cheaply: maxima exactly in whole minor units, expected payments and deadweight as floating
 * point estimates (the rules compare shares, and say "about" when they quote an estimate).
 * The exact totals (totals.ts, exact fractions) are several times slower on a 1,000-line card;
 * the rules tests check these figures against them.
 */
import type { FrameworkModel, PriceLineModel, RateCardModel } from '../model';

/** `undefined` = cannot be computed (a line cannot be read); `null` = unbounded. */
export type Maximum = number | null | undefined;

/** Components larger than this are counted in full (an upper bound) rather than searched, as totals do. */
const MAX_SEARCH = 20;

export interface PricingView {
  rateCard: RateCardModel;
  framework?: FrameworkModel;
  /** The line that prices `outcome` for `cohort`. */
  lineFor(outcome: string, cohort: string): PriceLineModel | undefined;
  /** Outcome → the line that prices it for `cohort`. */
  linesForCohort(cohort: string): Map<string, PriceLineModel>;
  linesByOutcome: Map<string, PriceLineModel[]>;
}

/** The cohorts the totals cover: the framework's, else those the rate card names. */
export function cohortIds(view: PricingView): string[] {
  if (view.framework) return [...view.framework.cohortById.keys()];
  const ids = new Set<string>();
  for (const p of view.rateCard.projection) if (p.cohort) ids.add(p.cohort);
  for (const line of view.rateCard.prices) for (const c of line.cohorts ?? []) ids.add(c);
  return [...ids];
}

export function participantsOf(view: PricingView, cohort: string): number | undefined {
  const projected = view.rateCard.projection.find((p) => p.cohort === cohort && p.participants !== undefined);
  if (projected) return projected.participants;
  const size = view.framework?.cohortById.get(cohort)?.value.size;
  return typeof size === 'number' && Number.isInteger(size) && size >= 0 ? size : undefined;
}

const readable = (line: PriceLineModel) => line.price !== undefined && line.maxClaims !== undefined;

/**
 * Most one participant of `cohort` could earn before caps: Σ price × maxClaims over the lines
 * that price the cohort, counting within outcomes that exclude each other only the dearest set
 * that may be paid together.
 */
export function uncappedMaxPerParticipant(view: PricingView, cohort: string, excludesLinks: Map<string, string[]>): Maximum {
  const value = new Map<string, number | null>();
  for (const [outcome, lines] of view.linesByOutcome) {
    // The lines pricing this cohort: its own, else the general ones; two of them are a duplicate-price error, and the dearest counts.
    let own = false;
    for (const l of lines) if (l.cohorts?.includes(cohort)) own = true;
    for (const line of lines) {
      if (own ? !line.cohorts?.includes(cohort) : line.cohorts !== undefined) continue;
      if (!readable(line)) return undefined;
      const amount = line.maxClaims === 'unlimited' ? (line.price === 0 ? 0 : null) : line.price! * (line.maxClaims as number);
      if (amount !== null && !Number.isSafeInteger(amount)) return undefined; // beyond exact arithmetic: leave it to the totals
      const seen = value.get(outcome);
      if (!value.has(outcome) || seen !== null && (amount === null || amount > seen!)) value.set(outcome, amount);
    }
  }
  let total = 0;
  const seen = new Set<string>();
  for (const outcome of value.keys()) {
    if (seen.has(outcome)) continue;
    if (!excludesLinks.has(outcome)) {
      // Most outcomes exclude nothing: count them directly.
      const amount = value.get(outcome)!;
      if (amount === null) return null;
      total += amount;
      continue;
    }
    const component = componentOf(outcome, excludesLinks, value);
    component.forEach((o) => seen.add(o));
    if (component.some((o) => value.get(o) === null)) return null;
    const chosen = component.length === 1 || component.length > MAX_SEARCH ? component : bestTogether(component, (o) => value.get(o)!, (a, b) => (excludesLinks.get(a) ?? []).includes(b));
    for (const o of chosen) total += value.get(o)!;
  }
  return total;
}

/** Max per participant after caps.perParticipant. */
export function maxPerParticipant(view: PricingView, cohort: string, excludesLinks: Map<string, string[]>): Maximum {
  const raw = uncappedMaxPerParticipant(view, cohort, excludesLinks);
  const cap = view.rateCard.caps.perParticipant;
  if (raw === undefined || cap === undefined) return raw;
  return raw === null ? cap : Math.min(raw, cap);
}

/** Participants × max per participant over the cohorts, before caps.total. */
export function maximumLiability(view: PricingView, excludesLinks: Map<string, string[]>): Maximum {
  let total: number | null = 0;
  for (const cohort of cohortIds(view)) {
    const most = maxPerParticipant(view, cohort, excludesLinks);
    if (most === undefined) return undefined;
    if (most === 0) continue;
    const people = participantsOf(view, cohort);
    if (people === 0) continue; // nobody to pay, even where each could earn without limit
    if (people === undefined || most === null) total = null;
    else if (total !== null) total += people * most;
  }
  return total;
}

export interface PaymentEstimate {
  /** Expected payments and deadweight, in minor units (floating point), before caps.total. */
  expected: number;
  deadweight: number;
  byCohort: Map<string, { expected: number; deadweight: number }>;
  /** Each line's part of the expected payments. */
  byLine: Map<PriceLineModel, number>;
}

/**
 * Expected payments and deadweight as totals.md defines them: per participant
 * Σ achievement × price × claims, capped by caps.perParticipant and by the max per participant,
 * deadweight cut in the same proportion; caps.total would cut both alike, so it is left out.
 * Undefined when nothing is projected or a figure cannot be computed.
 */
export function estimatePayments(view: PricingView, excludesLinks: Map<string, string[]>): PaymentEstimate | undefined {
  const estimate: PaymentEstimate = { expected: 0, deadweight: 0, byCohort: new Map(), byLine: new Map() };
  let projected = false;
  for (const cohort of cohortIds(view)) {
    const projection = view.rateCard.projection.find((p) => p.cohort === cohort && p.value.achievement !== null && typeof p.value.achievement === 'object' && !Array.isArray(p.value.achievement));
    if (!projection) continue;
    projected = true;
    let pay = 0;
    let dead = 0;
    const parts: [PriceLineModel, number][] = [];
    for (const [outcome, line] of view.linesForCohort(cohort)) {
      const achievement = projection.achievement[outcome] ?? 0;
      if (achievement === 0) continue;
      if (!readable(line)) return undefined;
      let claims = projection.claimsPerAchiever[outcome] ?? 1;
      if (typeof line.maxClaims === 'number') claims = Math.min(claims, line.maxClaims);
      const price = line.price! * claims;
      const baseline = view.framework?.outcomeById.get(outcome)?.baseline[cohort] ?? 0;
      pay += achievement * price;
      dead += Math.min(baseline, achievement) * price;
      parts.push([line, achievement * price]);
    }
    const people = participantsOf(view, cohort);
    if (people === undefined) return undefined;
    let amount = pay;
    if (view.rateCard.caps.perParticipant !== undefined) amount = Math.min(amount, view.rateCard.caps.perParticipant);
    // Nobody earns more on average than one participant may at most (when that is known).
    const most = pay > 0 ? maxPerParticipant(view, cohort, excludesLinks) : undefined;
    if (typeof most === 'number') amount = Math.min(amount, most);
    const factor = pay > 0 ? amount / pay : 1;
    const cohortFigures = { expected: amount * people, deadweight: dead * factor * people };
    estimate.byCohort.set(cohort, cohortFigures);
    estimate.expected += cohortFigures.expected;
    estimate.deadweight += cohortFigures.deadweight;
    for (const [line, part] of parts) estimate.byLine.set(line, (estimate.byLine.get(line) ?? 0) + part * factor * people);
  }
  return projected ? estimate : undefined;
}

/** An estimate rounded to whole major units, for "about £1,234" in a message. */
export function roundToUnits(minor: number, digits: number): number {
  const unit = 10 ** digits;
  return Math.round(minor / unit) * unit;
}

function componentOf(outcome: string, links: Map<string, string[]>, present: Map<string, unknown>): string[] {
  const group = new Set([outcome]);
  const stack = [outcome];
  while (stack.length) {
    for (const next of links.get(stack.pop()!) ?? []) {
      if (group.has(next) || !present.has(next)) continue;
      group.add(next);
      stack.push(next);
    }
  }
  return [...group];
}

/** The dearest set of outcomes of which no two exclude each other (small sets: exhaustive). */
function bestTogether(outcomes: string[], value: (o: string) => number, clash: (a: string, b: string) => boolean): string[] {
  let best: string[] = [];
  let bestValue = -1;
  const walk = (i: number, picked: string[], sum: number): void => {
    if (i === outcomes.length) {
      if (sum > bestValue) [best, bestValue] = [picked.slice(), sum];
      return;
    }
    const o = outcomes[i];
    if (!picked.some((p) => clash(p, o))) {
      picked.push(o);
      walk(i + 1, picked, sum + value(o));
      picked.pop();
    }
    walk(i + 1, picked, sum);
  };
  walk(0, [], 0);
  return best;
}
