/**
 * The value figures of docs/value.md, exactly: expected savings (only what the programme adds),
 * by body, outcome, cohort and year; what each body saves against what it pays; payment-to-
 * savings, cost per participant and per outcome, net present value, economic and social value.
 * Every sum is a fraction until the end, rounded once (halves away from zero); the parts of a
 * figure are shared out of its rounded whole by largest remainder, as the totals' are.
 */
import type { FrameworkModel, PriceLineModel, RateCardModel } from '../model';
import { computeTotals } from '../totals';
import { cohortIdsOf, cohortPayerOf, participantsOf, projectionFor } from '../totals/inputs';
import type { ExpectedLine } from '../totals/expected';
import { figuresOf } from '../totals/figures';
import { keptAfter } from '../totals/maxima';
import { pathwaysOf } from '../totals/pathways';
import { frameworkSlots, outcomeSlots } from '../totals/slots';
import * as Q from '../totals/rational';
import { COHORT_BODY, type OutcomeValue, outcomeValues } from './read';
import { yearSharesOf } from './timing';
import type { ValueFigures, ValueOptions } from './types';
import { fillPayments, payerPays, declaredBodies, bodiesNamed, namesUndeclaredBodies, outcomeIdsOf, entriesOf, paymentsGap, npv, ratio4, spread, readerOf, achievementOf, baselineOf, claimsOf, periodsOf, positive, type Reader } from './parts';
import { ownEntry } from '../records';

export const DEFAULT_DISCOUNT_RATE = 3.5;
export { COHORT_BODY };
const NO_LINES: readonly ExpectedLine[] = [];
const NO_SLOTS: readonly (ExpectedLine | undefined)[] = [];
/**
 * What the figures need of a framework's values, read once per framework (the values are read
 * once per framework model): arrays in the order of `values`, so that the work per cohort and
 * outcome reads by a small number instead of Maps keyed by outcome id.
 */
interface ValueIndex {
  list: OutcomeValue[];
  ids: string[];
  /** By value: its outcome's slot (slots.ts), -1 when none. */
  slots: Int32Array;
  /** By framework slot: the index of the outcome's value, -1 when it has none. */
  valueOfSlot: Int32Array;
  /** The bodies the fiscal figures name (`cohort` aside), in the order first named. */
  bodies: string[];
  /**
   * The body the most values name: its savings are not summed value by value but found as what is
   * left of the savings once the others' and the cohorts' own payers' are taken (every pound of a
   * value goes to one body), -1 when no value names a body. By value: whether it names that body.
   */
  derived: number;
  namesDerived: Uint8Array;
  /** By value: its fiscal figures above zero for the other named bodies, as body indexes and amounts. */
  bodyIndexes: Int32Array[];
  amounts: number[][];
  /** The framework's outcomes in order, each once (ids set only): with its slot and value index. */
  order: { id: string; slot: number; value: number }[];
  /** The numbers of years the values accrue over, each once, and by value its place in that list. */
  lengths: number[];
  lengthOf: Int32Array;
  /** By value: 1 when no pathway can pay its outcome (pathways.ts). */
  unpayable: Uint8Array;
  anyEconomic: boolean;
  anySocial: boolean;
}

const indexes = new WeakMap<Map<string, OutcomeValue>, ValueIndex>();

function valueIndexOf(framework: FrameworkModel | undefined, values: Map<string, OutcomeValue>): ValueIndex {
  let index = indexes.get(values);
  if (index) return index;
  const known = frameworkSlots(framework);
  const list = [...values.values()];
  const ids = [...values.keys()];
  const slots = new Int32Array(list.length).fill(-1);
  const valueOfSlot = new Int32Array(known.entries.length).fill(-1);
  const valueOf = new Map<string, number>();
  const bodies: string[] = [];
  const bodyOf = new Map<string, number>();
  const bodyIndexes: Int32Array[] = [];
  const amounts: number[][] = [];
  const lengths: number[] = [];
  const lengthOf = new Int32Array(list.length);
  const unpayable = new Uint8Array(list.length);
  const unpayableIds = framework ? pathwaysOf(framework).unpayable : undefined;
  for (let i = 0; i < list.length; i++) {
    let length = lengths.indexOf(list[i].years);
    if (length < 0) length = lengths.push(list[i].years) - 1;
    lengthOf[i] = length;
    if (unpayableIds?.has(ids[i])) unpayable[i] = 1;
    const slot = known.slotOf.get(ids[i]) ?? -1;
    slots[i] = slot;
    if (slot >= 0) valueOfSlot[slot] = i;
    valueOf.set(ids[i], i);
    const named = list[i].saving.filter((s) => s.body !== COHORT_BODY);
    const at = new Int32Array(named.length);
    named.forEach(({ body }, k) => {
      let b = bodyOf.get(body);
      if (b === undefined) bodyOf.set(body, (b = bodies.push(body) - 1));
      at[k] = b;
    });
    bodyIndexes.push(at);
    amounts.push(named.map((s) => s.amount));
  }
  // The body named most often (the first of equals), and each value's figures for the others.
  const named = new Array<number>(bodies.length).fill(0);
  for (const at of bodyIndexes) for (const b of at) named[b]++;
  const derived = bodies.length ? named.indexOf(Math.max(...named)) : -1;
  const namesDerived = new Uint8Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const keep = [...bodyIndexes[i]].map((b, k) => [b, amounts[i][k]]).filter(([b]) => b !== derived);
    if (keep.length < bodyIndexes[i].length) namesDerived[i] = 1;
    bodyIndexes[i] = Int32Array.from(keep.map(([b]) => b));
    amounts[i] = keep.map(([, amount]) => amount);
  }
  const order = framework ? outcomeIdsOf(framework).filter((id) => id).map((id) => ({ id, slot: known.slotOf.get(id) ?? -1, value: valueOf.get(id) ?? -1 })) : [];
  index = { list, ids, slots, valueOfSlot, bodies, derived, namesDerived, bodyIndexes, amounts, order, lengths, lengthOf, unpayable, anyEconomic: list.some((v) => v.economic), anySocial: list.some((v) => v.social) };
  indexes.set(values, index);
  return index;
}

/** Adds a × j × k (× l) to the sum, exactly, for whole numbers j, k and l. */
function addTimes(sum: Q.Sum, a: Q.Rational, j: number, k: number, l = 1): void {
  const jk = j * k;
  if (Number.isSafeInteger(jk) && Number.isSafeInteger(jk * l)) sum.addTimes(a, jk * l);
  else sum.add(Q.mulInt(Q.mulInt(Q.mulInt(a, j), k), l));
}

/**
 * Sets `key` of `target` to what `build` makes, built when the key is first read (by a reader,
 * JSON.stringify, a spread or a structured clone alike) and kept: an own enumerable property
 * in the place the object literal gave it, so that every output is the same as when built at once.
 */
function onFirstRead<T extends object, K extends keyof T>(target: T, key: K, build: () => T[K]): void {
  const settle = (value: T[K]) => Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get: () => {
      const value = build();
      settle(value);
      return value;
    },
    set: settle,
  });
}

export function computeValueFigures(card: RateCardModel, framework: FrameworkModel | undefined, options: ValueOptions = {}): ValueFigures {
  const totals = computeTotals(card, framework);
  const discountRate = options.discountRate ?? DEFAULT_DISCOUNT_RATE;
  const notEstimated: Record<string, string> = {};
  const atMost: Record<string, string> = {};
  const atLeast: Record<string, string> = {};
  const values = framework ? outcomeValues(framework) : new Map<string, OutcomeValue>();
  const result: ValueFigures = {
    currency: totals.currency,
    digits: totals.digits,
    hasValues: values.size > 0,
    savings: null,
    economic: null,
    social: null,
    benefitCostRatio: null,
    byBody: {},
    byOutcome: {},
    byCohort: {},
    byYear: {},
    paymentToSavings: null,
    costPerParticipant: null,
    costPerOutcome: null,
    npv: null,
    discountRate,
    notEstimated,
    atMost,
    atLeast,
    about: {},
  };

  const cohorts = cohortIdsOf(card, framework);
  const expectedLines = figuresOf(card, framework).work.expectedByCohort;
  const index = valueIndexOf(framework, values);
  const { list: valueList, ids: valueIds, slots: valueSlots } = index;
  const unpayable = framework ? pathwaysOf(framework).unpayable : undefined;
  const payerOfCohort = cohortPayerOf(framework);

  // Cost per participant and per outcome need no values: payments ÷ people, payments ÷ outcomes paid for.
  let people = 0;
  const outcomesPaid = new Q.Sum();
  let countable = true;
  let claimsUnreadable = false;
  let anyProjection = false;

  // The exact savings, summed in place as they are found. Spending is linear: within a cohort
  // each sum is of the savings of one participant (the share added × claims × the value), and the
  // cohort's participants multiply it once at the end.
  const cohortSums = new Map<string, Q.Rational>();
  /** Per cohort with savings: its participants, and by value the share added × claims (for the savings by outcome). */
  const addedByCohort: { participants: number; each: (Q.Rational | undefined)[] }[] = [];
  /** Each named body's savings, by the body's index; each cohort's own payer's (`cohort` in a value), by body in the order first met. */
  const namedSums: (Q.Rational | undefined)[] = new Array(index.bodies.length).fill(undefined);
  const cohortBodySums = new Map<string, Q.Rational>();
  // The bodies' order is the order they are first met, as when each part was added as it was found.
  const bodiesMet = new Set<string>();
  // Each cohort's own payer, the body its `cohort` savings go to.
  const bodyOfCohort = new Map<string, string>();
  for (const cohort of cohorts) bodyOfCohort.set(cohort, payerOfCohort(cohort) ?? COHORT_BODY);
  // The report lists the declared bodies and payers first, then any other body in the order first
  // met: that order is kept only when some body is not declared (otherwise it changes nothing).
  const bodiesInOrderMet = framework !== undefined && (namesUndeclaredBodies(framework, values) || [...bodyOfCohort.values()].some((b) => !declaredBodies(framework).has(b)));
  // How many bodies could be met: those the values name, and the cohorts' own payers if a value names `cohort`.
  const bodiesToMeet = bodiesInOrderMet ? bodiesNamed(values, bodyOfCohort) : 0;
  const economic = new Q.Sum();
  const social = new Q.Sum();
  let savingsBlocked: string | undefined;
  let noTiming: string | undefined;
  let noBaseline: string | undefined;
  const cohortBlocked = new Map<string, string>();
  const cohortsWithoutTiming: string[] = [];
  /** Per cohort, its savings by number of years they accrue over, and its timing. */
  const accruing = new Map<string, Map<number, Q.Rational>>();
  const timings = new Map<string, Map<string, Q.Rational>>();
  // The share added above a baseline, by share and baseline: the same few of each recur across
  // thousands of outcomes (a share read is one object per number, Q.knownShare), so the
  // difference is worked out once per pair in this computation.
  const addedMemo = new Map<Q.Rational, Map<Q.Rational | undefined, Q.Rational>>();
  const addedOf = (share: Q.Rational, baseline: Q.Rational | undefined): Q.Rational => {
    let byBaseline = addedMemo.get(share);
    if (!byBaseline) addedMemo.set(share, (byBaseline = new Map()));
    let added = byBaseline.get(baseline);
    if (added === undefined) byBaseline.set(baseline, (added = positive(baseline === undefined ? share : Q.sub(share, baseline))));
    return added;
  };

  for (const cohort of cohorts) {
    const projection = projectionFor(cohort, card);
    if (!projection) continue;
    anyProjection = true;
    const participants = participantsOf(cohort, card, framework);
    if (participants === undefined) {
      countable = false;
      cohortBlocked.set(cohort, 'no participants');
      continue;
    }
    people += participants;
    const cohortBody = bodyOfCohort.get(cohort)!;
    const timing = yearSharesOf(card, projection);
    if (timing) timings.set(cohort, timing);
    // Each outcome's line for this cohort as the totals read it (share, baseline, claims): read
    // again here only where the totals did not read it in full (a share of zero, a blocked line,
    // a line priced in bands) or no line prices the outcome for this cohort.
    const cohortLines = expectedLines.get(cohort);
    const lines = cohortLines?.lines ?? NO_LINES;
    const linesBySlot = cohortLines?.bySlot ?? NO_SLOTS;
    const N = Q.int(participants);
    let cohortHasSavings = false;
    // Per participant: the cohort's savings, its own payer's part, each named body's part, economic and social value.
    const cohortEach = new Q.Sum();
    const ownPayerEach = new Q.Sum();
    let ownPayerMet = false;
    const bodyEach: (Q.Sum | undefined)[] = new Array(index.bodies.length).fill(undefined);
    let derivedMet = false;
    const economicEach = new Q.Sum();
    const socialEach = new Q.Sum();
    const each: (Q.Rational | undefined)[] = new Array(valueList.length).fill(undefined);
    let reader: Reader | undefined;
    const read = () => (reader ??= readerOf(projection));
    // Outcomes paid for: every outcome the projection expects, priced for this cohort, per
    // participant (summed in place; participants × that sum, once per cohort).
    const paidEach = new Q.Sum();
    for (const e of lines) {
      const line = e.priced;
      const outcome = line.outcome!;
      if (e.claims !== undefined && !line.bands) {
        const paid = line.aboveBaseline ? positive(Q.sub(e.share, e.baseline ?? Q.ZERO)) : e.share;
        if (line.periods) paidEach.add(paid);
        else paidEach.addProduct(paid, e.claims);
        continue;
      }
      const share = achievementOf(card, projection, read(), outcome, line);
      if (!share || unpayable?.has(outcome)) continue;
      const baseline = line.aboveBaseline ? baselineOf(framework, outcome, cohort) : undefined;
      const paid = line.aboveBaseline ? positive(Q.sub(share, baseline ?? Q.ZERO)) : share;
      const claims = line.periods ? Q.ONE : claimsOf(card, projection, read(), outcome, line);
      if (!claims) { claimsUnreadable = true; continue; }
      paidEach.addProduct(paid, claims);
    }
    if (!paidEach.isZero()) outcomesPaid.add(Q.mul(N, paidEach.value()));
    // By number of years of accrual, per participant: the savings are spread over the years once per
    // cohort and length (spreading is linear). With one length for every value, that is the cohort's sum.
    const byLength: (Q.Sum | undefined)[] | undefined = timing && index.lengths.length > 1 ? new Array(index.lengths.length).fill(undefined) : undefined;
    for (let slot = 0; slot < valueList.length; slot++) {
      const value = valueList[slot];
      const outcome = valueIds[slot];
      const e = valueSlots[slot] < 0 ? undefined : linesBySlot[valueSlots[slot]];
      const line = e?.priced;
      // Read in full by the totals: the share is above zero and the outcome payable.
      const known = e !== undefined && e.claims !== undefined && !line!.bands;
      const share = known ? e.share : achievementOf(card, projection, read(), outcome, line);
      if (!share || Q.isZero(share) || index.unpayable[slot] === 1) continue;
      const baseline = known ? e.baseline : baselineOf(framework, outcome, cohort);
      if (baseline === undefined) noBaseline ??= `no baseline for ${cohort} on ${outcome}: the whole achievement is counted`;
      const added = addedOf(share, baseline);
      if (Q.isZero(added)) continue;
      // Claims: a value per period counts the periods held; a value per achievement counts each claim (one for a line paid per period).
      let claims: Q.Rational | undefined;
      if (value.per) {
        if (!line?.periods || line.periods.per !== value.per) {
          savingsBlocked ??= `${outcome} is valued per ${value.per}, but ${line?.periods ? `its line is paid per ${line.periods.per}` : line ? 'its line pays once per claim' : 'no line pays it per period'}`;
          cohortBlocked.set(cohort, savingsBlocked);
          continue;
        }
        claims = known ? e.claims : periodsOf(card, projection, read(), outcome, line);
      } else claims = line?.periods ? Q.ONE : known ? e.claims : claimsOf(card, projection, read(), outcome, line);
      if (!claims) {
        savingsBlocked ??= `the line for ${outcome} says no readable number of claims`;
        cohortBlocked.set(cohort, savingsBlocked);
        continue;
      }
      // Per participant, (achievement − baseline) × claims × years is what each pound of value is multiplied by.
      const perHead = Q.mul(added, claims);
      const years = value.years;
      const fiscal = value.fiscalTotal;
      if (fiscal === undefined) {
        savingsBlocked ??= [...value.fiscal.values()].every((f) => f.amount !== undefined) ? `the fiscal values of ${outcome} add up to more than can be counted exactly` : `a value of ${outcome} cannot be read`;
        cohortBlocked.set(cohort, savingsBlocked);
        continue;
      }
      // Savings only where the multiplier (participants × per head × years) is above zero.
      if (participants === 0 || Q.isZero(perHead)) continue;
      if (fiscal > 0) {
        each[slot] = perHead;
        addTimes(cohortEach, perHead, years, fiscal);
        const at = index.bodyIndexes[slot];
        const amounts = index.amounts[slot];
        for (let k = 0; k < at.length; k++) addTimes((bodyEach[at[k]] ??= new Q.Sum()), perHead, years, amounts[k]);
        if (index.namesDerived[slot] === 1) derivedMet = true;
        // Once every body a value could name has been met, the order is settled: only the
        // cohort's own payer's part is left to add, as below.
        if (bodiesInOrderMet && bodiesMet.size < bodiesToMeet) {
          for (const { body: bodyKey, amount: figure } of value.saving) {
            if (bodyKey !== COHORT_BODY) bodiesMet.add(bodyKey);
            else {
              bodiesMet.add(cohortBody);
              addTimes(ownPayerEach, perHead, years, figure);
              ownPayerMet = true;
            }
          }
        } else if (value.cohortAmount) {
          addTimes(ownPayerEach, perHead, years, value.cohortAmount);
          ownPayerMet = true;
        }
        if (byLength) addTimes((byLength[index.lengthOf[slot]] ??= new Q.Sum()), perHead, years, fiscal);
        cohortHasSavings = true;
      }
      if (value.economic?.amount !== undefined) addTimes(economicEach, perHead, years, value.economic.amount);
      if (value.social?.amount !== undefined) addTimes(socialEach, perHead, years, value.social.amount);
    }
    // Participants × each per-participant sum.
    const times = (sum: Q.Sum) => Q.mul(N, sum.value());
    if (ownPayerMet) {
      const before = cohortBodySums.get(cohortBody);
      cohortBodySums.set(cohortBody, before === undefined ? times(ownPayerEach) : Q.add(before, times(ownPayerEach)));
    }
    if (derivedMet) {
      // What is left of the cohort's savings once every other body's and its own payer's are taken.
      const left = new Q.Sum();
      left.add(cohortEach.value());
      left.add(Q.sub(Q.ZERO, ownPayerEach.value()));
      for (const sum of bodyEach) if (sum) left.add(Q.sub(Q.ZERO, sum.value()));
      bodyEach[index.derived] = left;
    }
    bodyEach.forEach((sum, b) => sum && (namedSums[b] = namedSums[b] === undefined ? times(sum) : Q.add(namedSums[b]!, times(sum))));
    economic.add(times(economicEach));
    social.add(times(socialEach));
    const cohortSum = cohortHasSavings ? times(cohortEach) : Q.ZERO;
    if (cohortHasSavings) addedByCohort.push({ participants, each });
    if (cohortHasSavings && timing) {
      const sums = new Map<number, Q.Rational>();
      if (byLength) byLength.forEach((sum, i) => sum && sums.set(index.lengths[i], times(sum)));
      else sums.set(index.lengths[0], cohortSum);
      accruing.set(cohort, sums);
    }
    if (cohortHasSavings) cohortSums.set(cohort, cohortSum);
    if (cohortHasSavings && !timing) cohortsWithoutTiming.push(cohort);
    if (!timing && !cohortHasSavings && totals.byCohort[cohort]?.expected) cohortsWithoutTiming.push(cohort);
  }
  // By body: the cohorts' own payers in the order met, then the named bodies.
  const bodySums = new Map<string, Q.Rational>(cohortBodySums);
  for (let b = 0; b < namedSums.length; b++) {
    const sum = namedSums[b];
    if (sum === undefined) continue;
    const body = index.bodies[b];
    const before = bodySums.get(body);
    bodySums.set(body, before === undefined ? sum : Q.add(before, sum));
  }
  // The bodies in the order first met (a Map keeps its keys' first order).
  if (bodiesInOrderMet) {
    const metSums = new Map<string, Q.Rational>();
    for (const body of bodiesMet) metSums.set(body, bodySums.get(body) ?? Q.ZERO);
    bodySums.clear();
    for (const [body, sum] of metSums) bodySums.set(body, sum);
  }
  let exactSavings = Q.ZERO;
  for (const sum of cohortSums.values()) exactSavings = Q.add(exactSavings, sum);
  if (cohortsWithoutTiming.length) noTiming = `no profile for ${cohortsWithoutTiming.join(', ')}`;

  // Cost per participant and per outcome paid for.
  const expected = totals.expected;
  if (!anyProjection) notEstimated.costPerParticipant = notEstimated.costPerOutcome = 'no projection';
  else if (expected === null) notEstimated.costPerParticipant = notEstimated.costPerOutcome = paymentsGap(totals);
  else {
    const missingPeople = !countable;
    if (missingPeople) notEstimated.costPerParticipant = notEstimated.costPerOutcome = 'a projected cohort has no participants';
    else {
      if (people > 0) result.costPerParticipant = Q.roundHalfUp(Q.div(Q.int(expected), Q.int(people)));
      else notEstimated.costPerParticipant = 'no participants';
      if (claimsUnreadable) notEstimated.costPerOutcome = 'a price line whose claims cannot be read';
      else if (!outcomesPaid.isZero()) result.costPerOutcome = Q.roundHalfUp(Q.div(Q.int(expected), outcomesPaid.value()));
      else notEstimated.costPerOutcome = 'no outcomes expected';
    }
  }

  const reason = !framework
    ? 'no framework'
    : values.size === 0
      ? 'no outcome has a value'
      : !anyProjection
        ? 'no projection'
        : savingsBlocked ?? ([...cohortBlocked.values()][0]);
  if (reason) {
    for (const key of ['savings', 'byOutcome', 'byCohort', 'byYear', 'paymentToSavings', 'npv', 'economic', 'social', 'benefitCostRatio']) notEstimated[key] = reason;
    // What each payer pays still shows beside the savings that cannot.
    fillPayments(result, totals, framework, reason);
    return result;
  }

  // The whole and its parts, rounded once and shared out.
  const savings = Q.roundHalfUp(exactSavings);
  result.savings = savings;
  // Bounds: a cohort counted without a baseline overstates the savings (at most); paid outcomes
  // without a value understate them (at least); both at once, neither bound holds (about).
  const marks = new Map<string, { over?: string; under?: string }>();
  const over = (key: string) => { if (noBaseline) marks.set(key, { ...marks.get(key), over: noBaseline }); };
  const under = (key: string) => { if (unvalued) marks.set(key, { ...marks.get(key), under: unvalued }); };

  // One pass over the price lines, by outcome slot: which framework outcomes a line prices, why an
  // outcome's price ÷ value cannot be given (its first line that says why), and whether a line
  // prices an outcome without a value.
  const slots = expectedLines.values().next().value?.slots ?? outcomeSlots(card, framework);
  const priced = new Uint8Array(slots.count);
  const lineGaps: (string | undefined)[] = new Array(valueList.length).fill(undefined);
  let pricesUnvalued = false;
  for (const line of card.prices) {
    const slot = line.index < slots.ofLine.length ? slots.ofLine[line.index] : -1;
    if (slot < 0 || !line.outcome) continue;
    priced[slot] = 1;
    const v = slot < index.valueOfSlot.length ? index.valueOfSlot[slot] : -1;
    if (v < 0) pricesUnvalued = true;
    else if (lineGaps[v] === undefined) lineGaps[v] = ratioLineGap(valueList[v], line);
  }
  // Paid outcomes without a value, in the totals' order; none when every line's outcome has one.
  const unvaluedIds: string[] = [];
  if (pricesUnvalued) for (const [id, o] of entriesOf(totals.byOutcome)) if ((o.expected ?? 0) > 0 && !values.has(id)) unvaluedIds.push(id);
  const unvalued = unvaluedIds.length ? `${unvaluedIds.length === 1 ? 'a paid outcome has' : `${unvaluedIds.length} paid outcomes have`} no value (${unvaluedIds.slice(0, 3).join(', ')}${unvaluedIds.length > 3 ? ', …' : ''})` : undefined;
  over('savings');
  under('savings');

  // A breakdown shared out of the rounded whole, in `order` (then any other key met).
  const share = (sums: Map<string, Q.Rational>, order: string[]): Map<string, number> => {
    const keys = [...new Set([...order, ...sums.keys()])];
    const weights: Q.Rational[] = new Array(keys.length);
    for (let i = 0; i < keys.length; i++) weights[i] = sums.get(keys[i]) ?? Q.ZERO;
    const split = Q.largestRemainder(savings, weights);
    const out = new Map<string, number>();
    for (let i = 0; i < keys.length; i++) out.set(keys[i], split[i]);
    return out;
  };

  // By body: the declared bodies, then the payers, then any other body a value names.
  const bodyOrder: string[] = [];
  const addBody = (id: string) => { if (!bodyOrder.includes(id)) bodyOrder.push(id); };
  framework!.bodies.forEach((b) => b.id && addBody(b.id));
  framework!.payers.forEach((p) => p.id && addBody(p.id));
  bodySums.forEach((_, body) => addBody(body));
  const bodySavings = share(bodySums, bodyOrder);
  for (const body of bodyOrder) {
    const saves = bodySavings.get(body) ?? 0;
    const pays = payerPays(totals, framework!, body);
    result.byBody[body] = { savings: saves, pays, net: pays === null ? null : saves - pays };
    if (pays === null) notEstimated[`byBody.${body}.pays`] = notEstimated[`byBody.${body}.net`] = paymentsGap(totals);
    over(`byBody.${body}`);
    under(`byBody.${body}`);
  }

  // By outcome: the framework's outcomes that have a value or a price line, in its order. What is
  // not estimated and what is a bound is said now; the entries themselves (a thousand on a large
  // card, wanted only by the reports) are built when `byOutcome` is first read, the same as at once.
  const reported = (slot: number, v: number) => v >= 0 || (slot >= 0 && priced[slot] === 1);
  for (const { id, slot, value: v } of index.order) {
    if (!reported(slot, v)) continue;
    if (v < 0) {
      notEstimated[`byOutcome.${id}.savings`] = 'no value given';
      notEstimated[`byOutcome.${id}.paymentToSavings`] = 'no value given';
      continue;
    }
    const gap = slot < 0 || priced[slot] !== 1 ? NOT_PRICED : ratioValueGap(valueList[v]) ?? lineGaps[v];
    if (gap) notEstimated[`byOutcome.${id}.paymentToSavings`] = gap;
    if (noBaseline) over(`byOutcome.${id}.savings`);
  }
  onFirstRead(result, 'byOutcome', () => {
    const byOutcome: ValueFigures['byOutcome'] = {};
    const order = index.order.filter(({ slot, value: v }) => reported(slot, v));
    // Each valued outcome's savings, shared out of the whole in the order of the report (every
    // outcome with savings has a value, and the order holds each valued outcome once).
    const valued = order.filter(({ value: v }) => v >= 0);
    const weights: Q.Rational[] = new Array(valued.length);
    for (let k = 0; k < valued.length; k++) {
      const i = valued[k].value;
      const sum = new Q.Sum();
      for (const { participants, each } of addedByCohort) if (each[i]) addTimes(sum, each[i]!, participants, valueList[i].years, valueList[i].fiscalTotal!);
      weights[k] = sum.value();
    }
    const split = Q.largestRemainder(savings, weights);
    // Each valued outcome's price lines, in the card's order.
    const linesOf: PriceLineModel[][] = valueList.map(() => []);
    for (const line of card.prices) {
      const slot = line.index < slots.ofLine.length ? slots.ofLine[line.index] : -1;
      const v = slot >= 0 && slot < index.valueOfSlot.length ? index.valueOfSlot[slot] : -1;
      if (v >= 0 && line.outcome !== undefined) linesOf[v].push(line);
    }
    const paid = totals.byOutcome;
    let k = 0;
    for (const { id, value: v } of order) {
      const payments = ownEntry(paid, id)?.expected ?? null;
      if (v < 0) {
        byOutcome[id] = { savings: null, payments, paymentToSavings: null };
        continue;
      }
      const ratio = priceToValue(card, id, valueList[v], linesOf[v]);
      byOutcome[id] = { savings: split[k++], payments, paymentToSavings: ratio.ratio };
    }
    return byOutcome;
  });

  const cohortOrder = cohorts.filter((c) => projectionFor(c, card));
  const cohortSavings = share(cohortSums, cohortOrder);
  for (const cohort of cohortOrder) {
    result.byCohort[cohort] = { savings: cohortSavings.get(cohort) ?? 0, payments: totals.byCohort[cohort]?.expected ?? null };
    over(`byCohort.${cohort}.savings`);
    under(`byCohort.${cohort}.savings`);
  }

  // By year: the savings by the timing of results, beside the payments by year.
  if (noTiming) {
    notEstimated.byYear = notEstimated.npv = noTiming;
  } else if (totals.blocked.includes('byYear') || totals.expected === null) {
    notEstimated.byYear = notEstimated.npv = paymentsGap(totals);
  } else {
    const exactYears = new Map<string, Q.Rational>();
    for (const [cohort, byLength] of accruing) {
      for (const [length, amount] of byLength) {
        for (const [year, part] of spread(amount, timings.get(cohort)!, length)) exactYears.set(year, Q.add(exactYears.get(year) ?? Q.ZERO, part));
      }
    }
    for (const year of Object.keys(totals.byYear)) if (!exactYears.has(year)) exactYears.set(year, Q.ZERO);
    const years = [...exactYears.keys()].sort();
    const split = Q.largestRemainder(savings, years.map((y) => exactYears.get(y)!));
    years.forEach((year, i) => (result.byYear[year] = { savings: split[i], payments: totals.byYear[year] ?? 0 }));
    const notAYear = years.find((y) => !/^[0-9]{4}$/.test(y));
    if (notAYear !== undefined) notEstimated.npv = `the payment profile names ${JSON.stringify(notAYear)}, which is not a year`;
    else result.npv = npv(result.byYear, discountRate);
    for (const key of ['npv', 'byYear']) {
      over(key);
      under(key);
    }
  }

  // Payment-to-savings: expected payments ÷ expected fiscal savings, as reported.
  if (expected === null) notEstimated.paymentToSavings = paymentsGap(totals);
  else if (savings === 0) notEstimated.paymentToSavings = 'no savings expected';
  else {
    result.paymentToSavings = ratio4(Q.div(Q.int(expected), Q.int(savings)));
    // Savings overstated make the ratio a floor; understated, a ceiling.
    if (noBaseline) marks.set('paymentToSavings', { under: noBaseline });
    if (unvalued) marks.set('paymentToSavings', { ...marks.get('paymentToSavings'), over: unvalued });
  }

  // Economic and social value, and benefit–cost ratio.
  const { anyEconomic, anySocial } = index;
  if (anyEconomic) result.economic = Q.roundHalfUp(economic.value());
  else notEstimated.economic = 'no economic values given';
  if (anySocial) result.social = Q.roundHalfUp(social.value());
  else notEstimated.social = 'no social values given';
  for (const key of [...(anyEconomic ? ['economic'] : []), ...(anySocial ? ['social'] : [])]) {
    over(key);
    under(key);
  }
  if (expected === null) notEstimated.benefitCostRatio = paymentsGap(totals);
  else if (expected === 0) notEstimated.benefitCostRatio = 'no payments expected';
  else {
    const benefits = savings + (result.economic ?? 0) + (result.social ?? 0);
    result.benefitCostRatio = ratio4(Q.div(Q.int(benefits), Q.int(expected)));
    over('benefitCostRatio');
    under('benefitCostRatio');
  }
  for (const [key, { over: high, under: low }] of marks) {
    if (high && low) result.about[key] = `${high}; ${low}`;
    else if (high) atMost[key] = high;
    else if (low) atLeast[key] = low;
  }
  return result;
}

const NOT_PRICED = 'not priced in this rate card';

/** Why an outcome's value gives no price ÷ value whatever its lines, if it does not. */
function ratioValueGap(value: OutcomeValue): string | undefined {
  if (value.fiscalTotal === undefined) return [...value.fiscal.values()].every((f) => f.amount !== undefined) ? 'fiscal values too large to add up exactly' : 'a value that cannot be read';
  if (value.fiscalTotal === 0) return 'no fiscal value';
  return undefined;
}

/** Why one of the outcome's lines gives no price ÷ value, if it does not. */
function ratioLineGap(value: OutcomeValue, line: PriceLineModel): string | undefined {
  if (line.price === undefined) return 'a price that cannot be read';
  if (value.per && line.periods?.per !== value.per) return `valued per ${value.per}, paid ${line.periods ? `per ${line.periods.per}` : 'per claim'}`;
  return undefined;
}

/** Price ÷ value of one claim (or period), for the outcome's dearest line: what each pound of savings costs. */
export function priceToValue(card: RateCardModel, outcome: string, value: OutcomeValue, lines: PriceLineModel[] = card.prices.filter((l) => l.outcome === outcome)): { ratio: number | null; reason?: string; line?: PriceLineModel } {
  if (lines.length === 0) return { ratio: null, reason: NOT_PRICED };
  const valueGap = ratioValueGap(value);
  if (valueGap) return { ratio: null, reason: valueGap };
  const fiscal = Q.int(value.fiscalTotal!);
  let best: { ratio: Q.Rational; line: PriceLineModel } | undefined;
  for (const line of lines) {
    const gap = ratioLineGap(value, line);
    if (gap) return { ratio: null, reason: gap };
    const price = line.discount ? Q.mul(Q.int(line.price!), keptAfter(line.discount)) : Q.int(line.price!);
    const ratio = Q.div(price, Q.mulInt(fiscal, value.years));
    if (!best || Q.compare(ratio, best.ratio) > 0) best = { ratio, line };
  }
  return { ratio: ratio4(best!.ratio), line: best!.line };
}
