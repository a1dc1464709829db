/**
 * The pieces the value figures are built from (figures.ts): what a projection says of an outcome
 * (its share, claims and periods, read exactly), the bodies that save and pay, and the net
 * present value. Kept apart so that the plain computation the figures are checked against
 * (test/support/value-figures-before.ts) builds on the very same pieces.
 */
import type { FrameworkModel, PriceLineModel, RateCardModel } from '../model';
import type { Totals } from '../totals';
import { achievementOf as achievementSharesOf } from '../totals/expected';
import { projectionFor } from '../totals/inputs';
import * as Q from '../totals/rational';
import { ownEntry, ownNumber } from '../records';
import { COHORT_BODY, type OutcomeValue } from './read';
import type { ValueFigures } from './types';

/** Payments by body and outcome where the savings cannot be estimated. */
export function fillPayments(result: ValueFigures, totals: Totals, framework: FrameworkModel | undefined, reason: string): void {
  if (!framework) {
    result.notEstimated.byBody = reason;
    return;
  }
  for (const p of framework.payers) if (p.id && !result.byBody[p.id]) {
    const pays = payerPays(totals, framework, p.id);
    result.byBody[p.id] = { savings: null, pays, net: null };
    result.notEstimated[`byBody.${p.id}.savings`] = result.notEstimated[`byBody.${p.id}.net`] = reason;
    if (pays === null) result.notEstimated[`byBody.${p.id}.pays`] = paymentsGap(totals);
  }
}

/** What a body is expected to pay: its expected payments as a payer; nothing if it pays for no outcome. */
export function payerPays(totals: Totals, framework: FrameworkModel, body: string): number | null {
  if (totals.expected === null) return null;
  if (!framework.payerById.has(body)) return 0;
  const payer = ownEntry(totals.byPayer, body);
  if (!payer) return Object.keys(totals.byPayer).length === 0 && framework.payers.length > 1 ? null : 0;
  return payer.expected;
}

const declared = new WeakMap<FrameworkModel, Set<string>>();

/** The framework's bodies and payers, by id. */
export function declaredBodies(framework: FrameworkModel): Set<string> {
  let ids = declared.get(framework);
  if (!ids) {
    ids = new Set<string>();
    for (const b of framework.bodies) if (b.id) ids.add(b.id);
    for (const p of framework.payers) if (p.id) ids.add(p.id);
    declared.set(framework, ids);
  }
  return ids;
}

const undeclared = new WeakMap<Map<string, OutcomeValue>, boolean>();

/** Whether a value saves for a body the framework does not declare (the checks say so; the figures still count it). */
const named = new WeakMap<Map<string, OutcomeValue>, { bodies: Set<string>; cohort: boolean }>();

/** How many bodies the values' fiscal figures could go to, with these cohorts' own payers. */
export function bodiesNamed(values: Map<string, OutcomeValue>, bodyOfCohort: Map<string, string>): number {
  let found = named.get(values);
  if (!found) {
    found = { bodies: new Set(), cohort: false };
    for (const value of values.values()) for (const { body } of value.saving) if (body === COHORT_BODY) found.cohort = true; else found.bodies.add(body);
    named.set(values, found);
  }
  if (!found.cohort) return found.bodies.size;
  const all = new Set(found.bodies);
  for (const body of bodyOfCohort.values()) all.add(body);
  return all.size;
}

export function namesUndeclaredBodies(framework: FrameworkModel, values: Map<string, OutcomeValue>): boolean {
  let found = undeclared.get(values);
  if (found === undefined) {
    const ids = declaredBodies(framework);
    found = false;
    for (const value of values.values()) for (const { body } of value.saving) if (body !== COHORT_BODY && !ids.has(body)) found = true;
    undeclared.set(values, found);
  }
  return found;
}

const outcomeIds = new WeakMap<FrameworkModel, string[]>();

/** The framework's outcome ids in order, each once, once per framework: outcome entries of many shapes deoptimised the caller. */
export function outcomeIdsOf(framework: FrameworkModel): string[] {
  let ids = outcomeIds.get(framework);
  if (!ids) outcomeIds.set(framework, (ids = [...new Set(framework.outcomes.map((o) => o.id))]));
  return ids;
}

/** A record's own entries as a Map, in its order. */
export function entriesOf<T>(record: Record<string, T>): Map<string, T> {
  const out = new Map<string, T>();
  for (const key of Object.keys(record)) out.set(key, record[key]);
  return out;
}

export function paymentsGap(totals: Totals): string {
  if (totals.notEstimated.expected) return totals.notEstimated.expected;
  return totals.blocked.includes('expected') ? 'expected payments cannot be computed' : 'expected payments not projected';
}

/** Σ (savings − payments) ÷ (1 + r)^t, t years after the first; exact, rounded once. */
export function npv(byYear: Record<string, { savings: number | null; payments: number | null }>, ratePercent: number): number | null {
  const years = Object.keys(byYear).sort();
  // A year that is not one (a key like "Infinity") would discount without end: no figure then.
  if (years.length === 0 || years.some((y) => !/^[0-9]{4}$/.test(y))) return null;
  const first = Number(years[0]);
  const growth = Q.add(Q.ONE, Q.div(Q.readShare(() => undefined, ratePercent), Q.int(100)));
  let sum = Q.ZERO;
  for (const year of years) {
    const { savings, payments } = byYear[year];
    if (savings === null || payments === null) return null;
    let factor = Q.ONE;
    for (let t = 0; t < Number(year) - first; t++) factor = Q.mul(factor, growth);
    sum = Q.add(sum, Q.div(Q.int(savings - payments), factor));
  }
  return Q.roundHalfUp(sum);
}

/** A ratio to four decimals, halves up. */
export function ratio4(a: Q.Rational): number {
  return Q.roundHalfUp(Q.mulInt(a, 10_000)) / 10_000;
}

/** The amount by year: its share in each year of the timing, a value over n years spread one n-th a year from that year on. */
export function spread(amount: Q.Rational, timing: Map<string, Q.Rational>, years: number): Map<string, Q.Rational> {
  const out = new Map<string, Q.Rational>();
  const perYear = years === 1 ? amount : Q.div(amount, Q.int(years));
  for (const [year, share] of timing) {
    const part = Q.mul(perYear, share);
    for (let i = 0; i < years; i++) {
      const y = String(Number(year) + i);
      out.set(y, Q.add(out.get(y) ?? Q.ZERO, part));
    }
  }
  return out;
}

export type Projected = NonNullable<ReturnType<typeof projectionFor>>;

/**
 * A projection's numbers by outcome, in Maps: keyed reads of a large object with the outcome ids
 * of another file cost more than one pass over it (as the totals found).
 */
export interface Reader {
  achievement: Map<string, number>;
  claims: Map<string, number>;
  periods: Map<string, number>;
}

export function readerOf(projection: Projected): Reader {
  const map = (record: Record<string, number>) => {
    const out = new Map<string, number>();
    for (const key in record) out.set(key, record[key]);
    return out;
  };
  // The achievement shares are the Map the totals just built for this projection: read once.
  return { achievement: achievementSharesOf(projection), claims: map(projection.claimsPerAchiever), periods: map(projection.periodsPerAchiever) };
}

export function achievementOf(card: RateCardModel, projection: Projected, read: Reader, outcome: string, line: PriceLineModel | undefined): Q.Rational | undefined {
  // A line priced in bands with shares by band: the share reaching any band.
  const bands = line?.bands ? ownEntry(projection.bandShares, outcome) : undefined;
  if (line?.bands && bands) {
    let sum = Q.ZERO;
    for (const band of line.bands) {
      const raw = bands[String(band.from)];
      if (raw !== undefined) sum = Q.add(sum, Q.readShare(() => card.parsed.sourceOf([...projection.path, 'bandShares', outcome, String(band.from)]), raw));
    }
    return sum;
  }
  const raw = read.achievement.get(outcome);
  return raw === undefined ? undefined : (Q.knownShare(raw) ?? Q.readShare(() => card.parsed.sourceOf([...projection.path, 'achievement', outcome]), raw));
}

export function baselineOf(framework: FrameworkModel | undefined, outcome: string, cohort: string): Q.Rational | undefined {
  const entry = framework?.outcomeById.get(outcome);
  const raw = entry ? ownNumber(entry.baseline, cohort) : undefined;
  return raw === undefined || !entry ? undefined : (Q.knownShare(raw) ?? Q.readShare(() => framework!.parsed.sourceOf([...entry.path, 'baseline', cohort]), raw));
}

/** claimsPerAchiever (default 1), at most the line's maxClaims; undefined when the line's maxClaims cannot be read. */
export function claimsOf(card: RateCardModel, projection: Projected, read: Reader, outcome: string, line: PriceLineModel | undefined): Q.Rational | undefined {
  if (line && line.maxClaims === undefined) return undefined;
  const raw = read.claims.size ? read.claims.get(outcome) : undefined;
  // One claim (the default) is never more than maxClaims, which is at least 1.
  if (raw === undefined) return Q.ONE;
  let claims = raw === undefined ? Q.ONE : (Q.knownShare(raw) ?? Q.readShare(() => card.parsed.sourceOf([...projection.path, 'claimsPerAchiever', outcome]), raw));
  if (line && typeof line.maxClaims === 'number' && !(typeof claims.n === 'number' && claims.n <= line.maxClaims * (claims.d as number))) claims = Q.min(claims, Q.int(line.maxClaims));
  return claims;
}

/** periodsPerAchiever, default and at most maxPeriods; undefined when maxPeriods cannot be read. */
export function periodsOf(card: RateCardModel, projection: Projected, read: Reader, outcome: string, line: PriceLineModel): Q.Rational | undefined {
  if (!line.periods || line.periods.max === undefined) return undefined;
  const most = Q.int(line.periods.max);
  const raw = read.periods.get(outcome);
  return raw === undefined ? most : Q.min(most, Q.readShare(() => card.parsed.sourceOf([...projection.path, 'periodsPerAchiever', outcome]), raw));
}

export function positive(a: Q.Rational): Q.Rational {
  return Q.compare(a, Q.ZERO) > 0 ? a : Q.ZERO;
}
