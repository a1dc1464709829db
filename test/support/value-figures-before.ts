/**
 * The value figures as computed before the speed round of issue 22 (docs/performance.md): every
 * figure built at once, each outcome's savings and each body's part summed in Maps keyed by id.
 * Kept unchanged as the plain path the faster one (server/src/core/value/figures.ts) is checked
 * against, output for output (test/unit/value-same-figures.test.ts). Not used by the product.
 */
import type { FrameworkModel, PriceLineModel, RateCardModel } from '../../server/src/core/model';
import { computeTotals } from '../../server/src/core/totals';
import { cohortIdsOf, cohortPayerOf, participantsOf, projectionFor } from '../../server/src/core/totals/inputs';
import type { ExpectedLine } from '../../server/src/core/totals/expected';
import { figuresOf } from '../../server/src/core/totals/figures';
import { keptAfter } from '../../server/src/core/totals/maxima';
import { pathwaysOf } from '../../server/src/core/totals/pathways';
import { frameworkSlots } from '../../server/src/core/totals/slots';
import * as Q from '../../server/src/core/totals/rational';
import { COHORT_BODY, type OutcomeValue, outcomeValues } from '../../server/src/core/value/read';
import { yearSharesOf } from '../../server/src/core/value/timing';
import type { ValueFigures, ValueOptions } from '../../server/src/core/value/types';
import { fillPayments, payerPays, declaredBodies, bodiesNamed, namesUndeclaredBodies, outcomeIdsOf, entriesOf, paymentsGap, npv, ratio4, spread, readerOf, achievementOf, baselineOf, claimsOf, periodsOf, positive, type Reader } from '../../server/src/core/value/parts';

const DEFAULT_DISCOUNT_RATE = 3.5;
const NO_LINES: readonly ExpectedLine[] = [];
const NO_SLOTS: readonly (ExpectedLine | undefined)[] = [];
const valueSlotsRead = new WeakMap<Map<string, OutcomeValue>, Int32Array>();

/** Each value's outcome slot (slots.ts), in the order of `values`: read once per framework. */
function valueSlotsOf(framework: FrameworkModel | undefined, values: Map<string, OutcomeValue>): Int32Array {
  let slots = valueSlotsRead.get(values);
  if (!slots) {
    const slotOf = frameworkSlots(framework).slotOf;
    slots = new Int32Array(values.size).fill(-1);
    let i = 0;
    for (const outcome of values.keys()) slots[i++] = slotOf.get(outcome) ?? -1;
    valueSlotsRead.set(values, slots);
  }
  return slots;
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
  const valueSlots = valueSlotsOf(framework, values);
  const unpayable = framework ? pathwaysOf(framework).unpayable : undefined;
  const payerOfCohort = cohortPayerOf(framework);

  // Cost per participant and per outcome need no values: payments ÷ people, payments ÷ outcomes paid for.
  let people = 0;
  const outcomesPaid = new Q.Sum();
  let countable = true;
  let claimsUnreadable = false;
  let anyProjection = false;

  // The exact savings, summed as they are found: by body, outcome and cohort, and in all.
  const bodySums = new Map<string, Q.Rational>();
  const outcomeSums = new Map<string, Q.Rational>();
  const cohortSums = new Map<string, Q.Rational>();
  // Spending is linear: what one outcome's value is multiplied by is summed over the cohorts
  // first, and its savings and each named body's part computed once per outcome at the end
  // (a cohort's own payer, which differs by cohort, is still summed per cohort). The bodies'
  // order is the order they are first met, as when each part was added as it was found.
  // By the value's place in `values` (an array: no keyed read and write per cohort and outcome).
  const timesByValue: (Q.Rational | undefined)[] = new Array(values.size).fill(undefined);
  const bodiesMet = new Set<string>();
  // Each cohort's own payer, the body its `cohort` savings go to.
  const bodyOfCohort = new Map<string, string>();
  for (const cohort of cohorts) bodyOfCohort.set(cohort, payerOfCohort(cohort) ?? COHORT_BODY);
  // The report lists the declared bodies and payers first, then any other body in the order first
  // met: that order is kept only when some body is not declared (otherwise it changes nothing).
  const bodiesInOrderMet = framework !== undefined && (namesUndeclaredBodies(framework, values) || [...bodyOfCohort.values()].some((b) => !declaredBodies(framework).has(b)));
  // How many bodies could be met: those the values name, and the cohorts' own payers if a value names `cohort`.
  const bodiesToMeet = bodiesInOrderMet ? bodiesNamed(values, bodyOfCohort) : 0;
  const addTo = (sums: Map<string, Q.Rational>, key: string, amount: Q.Rational) => sums.set(key, Q.add(sums.get(key) ?? Q.ZERO, amount));
  const economic: Q.Rational[] = [];
  const social: Q.Rational[] = [];
  let savingsBlocked: string | undefined;
  let noTiming: string | undefined;
  let noBaseline: string | undefined;
  const cohortBlocked = new Map<string, string>();
  const cohortsWithoutTiming: string[] = [];
  /** Per cohort, its savings by number of years they accrue over, and its timing. */
  const accruing = new Map<string, Map<number, Q.Rational>>();
  const timings = new Map<string, Map<string, Q.Rational>>();

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
    const cohortSum = new Q.Sum();
    let reader: Reader | undefined;
    const read = () => (reader ??= readerOf(projection));
    // Outcomes paid for: every outcome the projection expects, priced for this cohort.
    for (const e of lines) {
      const line = e.priced;
      const outcome = line.outcome!;
      if (e.claims !== undefined && !line.bands) {
        const paid = line.aboveBaseline ? positive(Q.sub(e.share, e.baseline ?? Q.ZERO)) : e.share;
        outcomesPaid.add(Q.mul(Q.mul(N, paid), line.periods ? Q.ONE : e.claims));
        continue;
      }
      const share = achievementOf(card, projection, read(), outcome, line);
      if (!share || unpayable?.has(outcome)) continue;
      const baseline = line.aboveBaseline ? baselineOf(framework, outcome, cohort) : undefined;
      const paid = line.aboveBaseline ? positive(Q.sub(share, baseline ?? Q.ZERO)) : share;
      const claims = line.periods ? Q.ONE : claimsOf(card, projection, read(), outcome, line);
      if (!claims) { claimsUnreadable = true; continue; }
      outcomesPaid.add(Q.mul(Q.mul(N, paid), claims));
    }
    let slot = -1;
    let byLength: Map<number, Q.Rational> | undefined;
    for (const [outcome, value] of values) {
      slot++;
      const e = valueSlots[slot] < 0 ? undefined : linesBySlot[valueSlots[slot]];
      const line = e?.priced;
      // Read in full by the totals: the share is above zero and the outcome payable.
      const known = e !== undefined && e.claims !== undefined && !line!.bands;
      const share = known ? e.share : achievementOf(card, projection, read(), outcome, line);
      if (!share || Q.isZero(share) || unpayable?.has(outcome)) continue;
      const baseline = known ? e.baseline : baselineOf(framework, outcome, cohort);
      if (baseline === undefined) noBaseline ??= `no baseline for ${cohort} on ${outcome}: the whole achievement is counted`;
      const added = positive(baseline === undefined ? share : Q.sub(share, baseline));
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
      // participants × (achievement − baseline) × claims × years: what each pound of value is multiplied by.
      const times = Q.mulInt(Q.mul(Q.mul(N, added), claims), value.years);
      const fiscal = value.fiscalTotal;
      if (fiscal === undefined) {
        savingsBlocked ??= [...value.fiscal.values()].every((f) => f.amount !== undefined) ? `the fiscal values of ${outcome} add up to more than can be counted exactly` : `a value of ${outcome} cannot be read`;
        cohortBlocked.set(cohort, savingsBlocked);
        continue;
      }
      if (fiscal > 0 && !Q.isZero(times)) {
        const amount = Q.mulInt(times, fiscal);
        const before = timesByValue[slot];
        timesByValue[slot] = before === undefined ? times : Q.add(before, times);
        cohortSum.add(amount);
        // Once every body a value could name has been met, the order is settled: only the
        // cohort's own payer's part is left to add, as below.
        if (bodiesInOrderMet && bodiesMet.size < bodiesToMeet) {
          for (const { body: bodyKey, amount: figure } of value.saving) {
            if (bodyKey !== COHORT_BODY) bodiesMet.add(bodyKey);
            else {
              bodiesMet.add(cohortBody);
              addTo(bodySums, cohortBody, Q.mulInt(times, figure));
            }
          }
        } else if (value.cohortAmount) addTo(bodySums, cohortBody, Q.mulInt(times, value.cohortAmount));
        // The years are spread once per cohort and length of accrual (spreading is linear).
        if (timing) {
          byLength ??= new Map<number, Q.Rational>();
          byLength.set(value.years, Q.add(byLength.get(value.years) ?? Q.ZERO, amount));
        }
        cohortHasSavings = true;
      }
      if (value.economic?.amount !== undefined) economic.push(Q.mulInt(times, value.economic.amount));
      if (value.social?.amount !== undefined) social.push(Q.mulInt(times, value.social.amount));
    }
    if (byLength) accruing.set(cohort, byLength);
    if (cohortHasSavings) cohortSums.set(cohort, cohortSum.value());
    if (cohortHasSavings && !timing) cohortsWithoutTiming.push(cohort);
    if (!timing && !cohortHasSavings && totals.byCohort[cohort]?.expected) cohortsWithoutTiming.push(cohort);
  }
  // Each outcome's savings, and each named body's part of them, from its summed multiplier.
  let slot = -1;
  for (const [outcome, value] of values) {
    const times = timesByValue[++slot];
    if (times === undefined) continue;
    outcomeSums.set(outcome, Q.mulInt(times, value.fiscalTotal!));
    for (const { body, amount } of value.saving) if (body !== COHORT_BODY) addTo(bodySums, body, Q.mulInt(times, amount));
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
  // A Map of the totals' figures by outcome, in their order: keyed reads of that thousand-key
  // object (a new one each computation) threw this whole function's optimised code away again and again.
  const paidByOutcome = entriesOf(totals.byOutcome);
  const unvaluedIds: string[] = [];
  for (const [id, o] of paidByOutcome) if ((o.expected ?? 0) > 0 && !values.has(id)) unvaluedIds.push(id);
  const unvalued = unvaluedIds.length ? `${unvaluedIds.length === 1 ? 'a paid outcome has' : `${unvaluedIds.length} paid outcomes have`} no value (${unvaluedIds.slice(0, 3).join(', ')}${unvaluedIds.length > 3 ? ', …' : ''})` : undefined;
  over('savings');
  under('savings');

  // A breakdown shared out of the rounded whole, in `order` (then any other key met).
  // `complete`: the order is free of repeats and names every key of the sums.
  const share = (sums: Map<string, Q.Rational>, order: string[], complete = false): Map<string, number> => {
    const keys = complete ? order : [...new Set([...order, ...sums.keys()])];
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

  const linesByOutcome = new Map<string, PriceLineModel[]>();
  for (const line of card.prices) {
    if (line.outcome === undefined) continue;
    const list = linesByOutcome.get(line.outcome);
    if (list) list.push(line);
    else linesByOutcome.set(line.outcome, [line]);
  }
  const outcomeOrder = outcomeIdsOf(framework!).filter((id) => values.has(id) || paidByOutcome.has(id));
  // Every outcome with savings has a value, and the order holds each valued outcome once.
  const outcomeSavings = share(outcomeSums, outcomeOrder.filter((o) => values.has(o)), true);
  for (const outcome of outcomeOrder) {
    const value = values.get(outcome);
    const payments = paidByOutcome.get(outcome)?.expected ?? null;
    const ratio = value ? priceToValue(card, outcome, value, linesByOutcome.get(outcome) ?? []) : undefined;
    result.byOutcome[outcome] = { savings: value ? outcomeSavings.get(outcome) ?? 0 : null, payments, paymentToSavings: ratio?.ratio ?? null };
    if (!value) notEstimated[`byOutcome.${outcome}.savings`] = 'no value given';
    if (ratio?.reason) notEstimated[`byOutcome.${outcome}.paymentToSavings`] = ratio.reason;
    else if (!value) notEstimated[`byOutcome.${outcome}.paymentToSavings`] = 'no value given';
    if (value) over(`byOutcome.${outcome}.savings`);
  }

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
  const anyEconomic = [...values.values()].some((v) => v.economic);
  const anySocial = [...values.values()].some((v) => v.social);
  if (anyEconomic) result.economic = Q.roundHalfUp(economic.reduce(Q.add, Q.ZERO));
  else notEstimated.economic = 'no economic values given';
  if (anySocial) result.social = Q.roundHalfUp(social.reduce(Q.add, Q.ZERO));
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

/** Price ÷ value of one claim (or period), for the outcome's dearest line: what each pound of savings costs. */
export function priceToValue(card: RateCardModel, outcome: string, value: OutcomeValue, lines: PriceLineModel[] = card.prices.filter((l) => l.outcome === outcome)): { ratio: number | null; reason?: string; line?: PriceLineModel } {
  if (lines.length === 0) return { ratio: null, reason: 'not priced in this rate card' };
  if (value.fiscalTotal === undefined) return { ratio: null, reason: [...value.fiscal.values()].every((f) => f.amount !== undefined) ? 'fiscal values too large to add up exactly' : 'a value that cannot be read' };
  const fiscal = Q.int(value.fiscalTotal);
  if (Q.isZero(fiscal)) return { ratio: null, reason: 'no fiscal value' };
  let best: { ratio: Q.Rational; line: PriceLineModel } | undefined;
  for (const line of lines) {
    if (line.price === undefined) return { ratio: null, reason: 'a price that cannot be read' };
    if (value.per && line.periods?.per !== value.per) return { ratio: null, reason: `valued per ${value.per}, paid ${line.periods ? `per ${line.periods.per}` : 'per claim'}` };
    const price = line.discount ? Q.mul(Q.int(line.price), keptAfter(line.discount)) : Q.int(line.price);
    const ratio = Q.div(price, Q.mulInt(fiscal, value.years));
    if (!best || Q.compare(ratio, best.ratio) > 0) best = { ratio, line };
  }
  return { ratio: ratio4(best!.ratio), line: best!.line };
}
