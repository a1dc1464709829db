/**
 * The totals' wholes: max per participant, maximum liability, expected payments and deadweight,
 * for the rate card and by cohort, exactly. The rules decide on these alone, so they are kept
 * apart from the breakdowns (by payer, line, outcome and year, in engine.ts), and computed once
 * per (rate card, framework) model pair for both.
 */
import type { FrameworkModel, PriceLineModel, RateCardModel } from '../model';
import type { BlockedLine, CohortTotals, PaymentFigures } from './types';
import { type Amount, type Contribution, addAmount, capAmount, cut, type PartSink, roundAmount, scale, splitByPayer, type SplitsByLine } from './amounts';
import { blockedLines, COHORT_PAYER, cohortIdsOf, cohortPayerOf, participantsOf, projectionFor, splitsByLine } from './inputs';
import { type MaximaShared, maxPerParticipant } from './maxima';
import { type CohortExpected, expectedForCohort } from './expected';
import { oncePerPair } from './memo';
import { type OutcomeSlots, outcomeSlots } from './slots';
import { type MixCohort, type WorstMix, worstMix } from './payer-mix';
import { pathwaysOf, ROUTE_LIMIT } from './pathways';
import { ownNumber } from '../records';
import * as Q from './rational';

const NO_BASELINES = 'no baselines';
export const TOO_LARGE = 'too large to count exactly';
/** Why a maximum under caps per payer is only a bound. */
export const MIXES_NOT_SEARCHED = 'the mixes of pathways under caps.perPayer were too many to search';
/** Why a maximum is only a bound: a pathway search that ran out of time counted every outcome. */
export const PATHWAYS_NOT_SEARCHED = 'the exclusive pathways were too many to search: every outcome of a pathway group counted';
/** Why a maximum is only a bound: outcomes with too many routes through `requiresAnyOf` counted as if they needed none (pathways.ts). */
export function routesNotListed(ids: string[]): string {
  const named = ids.slice(0, 3).map((id) => `\`${id}\``).join(', ') + (ids.length > 3 ? ` and ${ids.length - 3} more` : '');
  const one = ids.length === 1;
  return `${named} ${one ? 'has' : 'have'} more than ${ROUTE_LIMIT} ways to be reached through requiresAnyOf (each choice of one outcome it may follow, with what that requires): too many to search, so ${one ? 'it was' : 'they were'} counted as if ${one ? 'it needed' : 'they needed'} none of them. Name fewer outcomes in requiresAnyOf, or split ${one ? 'it' : 'each'} into one outcome per route`;
}
/** Why one cohort's maximum is only a bound, from its search. */
function boundReason(maxima: { relaxedRoutes: string[]; searchOverBudget: boolean }): string {
  const reasons = [...(maxima.relaxedRoutes.length ? [routesNotListed(maxima.relaxedRoutes)] : []), ...(maxima.searchOverBudget ? [PATHWAYS_NOT_SEARCHED] : [])];
  return reasons.join('; and ');
}

/** The public wholes (PaymentFigures), with what the breakdowns of engine.ts build on. */
export interface Figures extends PaymentFigures {
  blockedBy: BlockedLine[];
  /** What the breakdowns build on. */
  work: {
    /** Each payer's part after the caps per payer (and the total cap), when the rate card has caps.perPayer. */
    payerParts: { maximumLiability?: Map<string, Amount>; expected?: Map<string, Amount>; deadweight?: Map<string, Amount> };
    lineProblems: Map<number, string>;
    payerProblemsAt: number;
    projected: boolean;
    liabilityCapped: { amount: Amount; capped: boolean };
    liabilityFactor: Q.Rational | undefined;
    /** Each line's part of the maximum liability, expected payments and deadweight, by cohort (built on first use). */
    parts(): { liability: Contribution[]; expected: Contribution[]; deadweight: Contribution[] };
    /** The same parts, in the same order for each figure, handed to a sink without building the lists (only the expected payments' and deadweight's when asked). */
    visitParts(sink: PartSink, only?: 'expected'): void;
    expectedCapped: { amount: Amount; capped: boolean } | undefined;
    totalFactor: Q.Rational;
    deadweightAmount: Amount | undefined;
    /** The cohorts each line prices, by the line's index (built on first use; lines pricing the same cohorts share one list). */
    lineCohorts(): readonly (readonly string[] | undefined)[];
    yearParts: { year: string; amount: Q.Rational; cohort: string }[];
    /** Each projected cohort's expected payments, with each outcome's line as it was read (the value figures build on these). */
    expectedByCohort: Map<string, CohortExpected>;
    /** The outcomes' slots for this card and framework. */
    slots: OutcomeSlots;
  };
}

/**
 * Which lines price which cohort, in the rate card's order: a line with `cohorts` prices those;
 * a line without prices every cohort that has no specific line for the same outcome. Where an
 * outcome has several lines for a cohort, the figures count the first.
 */
export function linesPricing(card: RateCardModel): (cohort: string) => PriceLineModel[] {
  const specific = new Map<string, Set<string>>();
  for (const line of card.prices) {
    if (line.outcome === undefined || line.cohorts === undefined) continue;
    const set = specific.get(line.outcome) ?? new Set<string>();
    line.cohorts.forEach((c) => set.add(c));
    specific.set(line.outcome, set);
  }
  // Most cards name no cohorts on their lines: then no keyed read per line.
  if (specific.size === 0) return (cohort) => card.prices.filter((line) => line.outcome !== undefined && (line.cohorts ? line.cohorts.includes(cohort) : true));
  return (cohort) => card.prices.filter((line) => line.outcome !== undefined && (line.cohorts ? line.cohorts.includes(cohort) : !specific.get(line.outcome)?.has(cohort)));
}

/** The wholes for this (rate card, framework) pair, computed once. Treat the result as read-only. */
export const figuresOf: (card: RateCardModel, framework: FrameworkModel | undefined) => Figures = oncePerPair((card, framework) => computeFigures(card, framework));

function computeFigures(card: RateCardModel, framework: FrameworkModel | undefined): Figures {
  const blockedBy: BlockedLine[] = [];
  const blocked = new Set<string>();
  const capsApplied: string[] = [];
  const lineProblems = blockedLines(card, framework, blockedBy);
  // Payer splits are read with the breakdowns; their problems go here in the list, after the lines'.
  const payerProblemsAt = blockedBy.length;
  const cohorts = cohortIdsOf(card, framework);
  const capPP = card.caps.perParticipant;
  const capTotal = card.caps.total;

  const linesFor = linesPricing(card);
  // Each outcome's slot, once for every cohort's expected payments.
  const slots = outcomeSlots(card, framework);
  // Each line's value for one participant, read once for every cohort's maxima.
  const maximaShared: MaximaShared = { slots, values: [] };

  const byCohort: Record<string, CohortTotals> = {};
  const maxPP: Record<string, number | null> = {};
  const uncappedMaxPP: Record<string, number | null> = {};
  // Only the breakdowns need each line's part: they are built, in cohort order, when first asked for.
  // By figure: the maximum liability's, then the expected payments' and deadweight's (each in cohort order).
  const liabilityMakers: ((sink: PartSink) => void)[] = [];
  const expectedMakers: ((sink: PartSink) => void)[] = [];
  const cohortLiability = new Map<string, Amount>();
  const cohortExpected = new Map<string, Amount | undefined>();
  const cohortDeadweight = new Map<string, Amount | undefined>();
  const yearParts: { year: string; amount: Q.Rational; cohort: string }[] = [];
  const pricedBy: [string, PriceLineModel[]][] = [];
  const expectedByCohort = new Map<string, CohortExpected>();
  let projected = false;
  const notEstimated: Record<string, string> = {};
  const upperBounds: Record<string, string> = {};
  let unestimated = false;

  // The cohort before's maxima, for a cohort priced by the very same lines (every cohort, on a card
  // of general lines): they depend on the lines alone, so they are worked out once.
  let before: { lines: PriceLineModel[]; maxima: ReturnType<typeof maxPerParticipant> } | undefined;
  for (const cohort of cohorts) {
    const lines = linesFor(cohort);
    pricedBy.push([cohort, lines]);
    const participants = participantsOf(cohort, card, framework);
    const maxima = before && sameLines(before.lines, lines) ? before.maxima : maxPerParticipant(lines, lineProblems, framework, capPP, maximaShared);
    before = { lines, maxima };
    if (maxima.capped) capsApplied.push(`perParticipant.${cohort}`);
    maxPP[cohort] = roundAmount(maxima.total);
    if (maxima.total === 'blocked') blocked.add(`maxPerParticipant.${cohort}`);
    uncappedMaxPP[cohort] = roundAmount(maxima.uncapped);
    if (maxima.upperBound) {
      for (const key of [`maxPerParticipant.${cohort}`, `uncappedMaxPerParticipant.${cohort}`, `byCohort.${cohort}.maxPerParticipant`, `byCohort.${cohort}.maximumLiability`, 'maximumLiability']) upperBounds[key] = boundReason(maxima);
    }

    // Maximum liability: participants × max per participant; nothing when nothing is priced.
    const people: Amount = participants === undefined ? 'unbounded' : Q.int(participants);
    let liability: Amount;
    if (maxima.total !== 'unbounded' && maxima.total !== 'blocked' && Q.isZero(maxima.total)) liability = Q.ZERO;
    else liability = scale(maxima.total, people);
    cohortLiability.set(cohort, liability);
    liabilityMakers.push((sink) => {
      const factor = maxima.factor;
      maxima.eachPart((line, amount) => sink.liability(cohort, factor, line, scale(amount, people)));
    });

    const projection = projectionFor(cohort, card);
    const expected = projection ? expectedForCohort(cohort, lines, lineProblems, projection, participants, framework, capPP, card, blockedBy, maxima.total, slots) : undefined;
    if (expected) {
      projected = true;
      expectedByCohort.set(cohort, expected);
      if (expected.capped) capsApplied.push(`perParticipant.${cohort}.expected`);
      for (const outcome of expected.periodsCut) capsApplied.push(`maxPeriods.${cohort}.${outcome}`);
      // Held to a maximum that is only a bound: the expected payments may be less too.
      if (expected.cutByMost && maxima.upperBound) for (const key of [`byCohort.${cohort}.expected`, `byCohort.${cohort}.deadweight`, 'expected', 'deadweight', 'byLine', 'byOutcome', 'byYear']) upperBounds[key] = boundReason(maxima);
      cohortExpected.set(cohort, expected.total);
      // No baseline for any outcome it prices: its deadweight cannot be estimated (not £0.00).
      cohortDeadweight.set(cohort, expected.hasBaseline ? expected.deadweight : undefined);
      if (!expected.hasBaseline) {
        notEstimated[`byCohort.${cohort}.deadweight`] = NO_BASELINES;
        unestimated = true;
      }
      expectedMakers.push((sink) => expected.visitParts(sink));
      if (projection?.profile && expected.total !== 'blocked' && expected.total !== 'unbounded') {
        for (const [year, share] of Object.entries(projection.profile)) {
          yearParts.push({ year, cohort, amount: Q.mul(expected.total, Q.readShare(() => card.parsed.sourceOf([...projection.path, 'profile', year]), share)) });
        }
      }
    } else {
      cohortExpected.set(cohort, undefined);
      cohortDeadweight.set(cohort, undefined);
    }
    byCohort[cohort] = { participants: participants ?? null, maxPerParticipant: maxPP[cohort], maximumLiability: null, expected: null, deadweight: null };
  }

  const visitParts = (sink: PartSink, only?: 'expected') => {
    if (only !== 'expected') for (const make of liabilityMakers) make(sink);
    for (const make of expectedMakers) make(sink);
  };
  let built: ReturnType<Figures['work']['parts']> | undefined;
  const parts = () => {
    if (!built) {
      const into: ReturnType<Figures['work']['parts']> = { liability: [], expected: [], deadweight: [] };
      visitParts({
        liability: (cohort, factor, line, amount) => into.liability.push({ line, cohort, amount, factor }),
        expected: (cohort, factor, line, amount) => into.expected.push({ line, cohort, amount, factor }),
        deadweight: (cohort, factor, line, amount) => into.deadweight.push({ line, cohort, amount, factor }),
      });
      built = into;
    }
    return built;
  };

  // Caps per payer (co-commissioning): each payer's part stops at its cap, then the total cap.
  const payerCaps = card.caps.perPayer && Object.values(card.caps.perPayer).some((v) => v !== undefined) ? card.caps.perPayer : undefined;
  const splits = payerCaps ? splitsByLine(card, framework, []) : undefined;
  const cohortPayer = cohortPayerOf(framework);
  const cappedPayerIds = () => {
    const ids = new Set<string>(framework ? framework.payerById.keys() : []);
    for (const line of card.prices) for (const id of splits![line.index]?.keys() ?? []) if (id !== COHORT_PAYER) ids.add(id);
    return ids;
  };
  const byPayerCapped = (figure: 'maximumLiability' | 'expected', list: Contribution[]) => {
    const perPayer = splitByPayer(list, splits!, cappedPayerIds(), undefined, cohortPayer);
    let sum: Amount = Q.ZERO;
    for (const [id, amount] of perPayer) {
      const cap = ownNumber(payerCaps!, id);
      const { amount: after, capped } = capAmount(amount, cap);
      if (capped) capsApplied.push(`perPayer.${id}.${figure}`);
      perPayer.set(id, after);
      sum = addAmount(sum, after);
    }
    // A share nobody is named to pay (a split's `cohort` for a cohort without a payer, a line
    // without a split) is still paid by the contract: it stays in the whole, under no payer's cap.
    return { perPayer, sum: addAmount(sum, withoutPayer(list, splits!, cohortPayer)) };
  };
  const payerParts: { maximumLiability?: Map<string, Amount>; expected?: Map<string, Amount>; deadweight?: Map<string, Amount> } = {};

  // With caps per payer and a choice of pathways, the worst case is over every mix of pathways
  // (payer-mix.ts): the cohorts' and payers' parts of the maximum follow that mix.
  const mix = payerCaps ? worstMixFor(pricedBy, card, framework, lineProblems, splits!, cohortPayer, cappedPayerIds(), payerCaps) : undefined;
  if (mix) {
    pricedBy.forEach(([cohort], i) => cohortLiability.set(cohort, mix.result.byCohort[i]));
    if (!mix.result.exact) {
      // Outcomes with too many routes make the mixes a bound too (payer-mix.ts): said as such, the clearer fix.
      const relaxed = framework ? pathwaysOf(framework).relaxed : undefined;
      const loose = relaxed?.size ? [...new Set(pricedBy.flatMap(([, lines]) => lines.map((l) => l.outcome!).filter((o) => relaxed.has(o))))] : [];
      for (const key of ['maximumLiability', ...pricedBy.map(([c]) => `byCohort.${c}.maximumLiability`)]) upperBounds[key] = loose.length ? routesNotListed(loose) : MIXES_NOT_SEARCHED;
    }
  }
  // Maximum liability in all, then the caps per payer, then the total cap.
  let liability: Amount = Q.ZERO;
  for (const amount of cohortLiability.values()) liability = addAmount(liability, amount);
  const liabilityByPayer = mix ? mixByPayer(mix, payerCaps!, capsApplied) : payerCaps ? byPayerCapped('maximumLiability', parts().liability) : undefined;
  const liabilityCapped = capAmount(liabilityByPayer ? liabilityByPayer.sum : liability, capTotal);
  if (liabilityByPayer) payerParts.maximumLiability = scaledTo(liabilityByPayer, liabilityCapped.amount);
  if (liabilityCapped.capped) capsApplied.push('total.maximumLiability');
  const maximumLiability = roundAmount(liabilityCapped.amount);
  if (liabilityCapped.amount === 'blocked') blocked.add('maximumLiability');

  // Expected and deadweight in all, over the projected cohorts, then the total cap.
  let expectedRaw: Amount = Q.ZERO;
  let deadweightRaw: Amount = Q.ZERO;
  for (const [cohort, amount] of cohortExpected) {
    if (amount === undefined) continue;
    expectedRaw = addAmount(expectedRaw, amount);
    deadweightRaw = addAmount(deadweightRaw, cohortDeadweight.get(cohort) ?? Q.ZERO);
  }
  const expectedByPayer = payerCaps && projected && expectedRaw !== 'blocked' ? byPayerCapped('expected', parts().expected) : undefined;
  const expectedCapped = projected ? capAmount(expectedByPayer ? expectedByPayer.sum : expectedRaw, capTotal) : undefined;
  if (expectedByPayer && expectedCapped) payerParts.expected = scaledTo(expectedByPayer, expectedCapped.amount);
  if (expectedCapped?.capped) capsApplied.push('total.expected');
  // The total cap cuts every part of the expected payments in the same proportion.
  const totalFactor = expectedCapped && (expectedCapped.capped || expectedByPayer) && typeof expectedRaw === 'object' && typeof expectedCapped.amount === 'object' && !Q.isZero(expectedRaw) ? Q.div(expectedCapped.amount, expectedRaw) : Q.ONE;
  const expected = expectedCapped ? roundAmount(expectedCapped.amount) : null;
  if (expectedCapped?.amount === 'blocked') blocked.add('expected');
  // A cohort whose deadweight is not estimated leaves the whole unestimated: a sum without it would look complete.
  if (unestimated) notEstimated.deadweight = NO_BASELINES;
  let deadweightAmount: Amount | undefined = projected && !unestimated ? (typeof deadweightRaw === 'object' ? Q.mul(deadweightRaw, totalFactor) : deadweightRaw) : undefined;
  // With caps per payer, each payer's deadweight is cut by that payer's own cut of its expected
  // payments (a capped payer's deadweight falls with what it pays), and the whole is their sum.
  if (payerParts.expected && deadweightAmount !== undefined) {
    payerParts.deadweight = payerDeadweight(parts(), splits!, cappedPayerIds(), cohortPayer, payerParts.expected);
    const paid = [...payerParts.deadweight.values()].reduce(addAmount, Q.ZERO);
    // The share with no payer is cut only by the total cap, as its expected payments are.
    const sum = expectedByPayer!.sum;
    const totalCut = typeof sum === 'object' && typeof expectedCapped!.amount === 'object' && !Q.isZero(sum) ? Q.div(expectedCapped!.amount, sum) : Q.ONE;
    deadweightAmount = addAmount(paid, scale(withoutPayer(parts().deadweight, splits!, cohortPayer), totalCut));
  }
  // The cohorts' deadweight is cut in the same proportion as the whole.
  const deadweightFactor = payerParts.deadweight && typeof deadweightAmount === 'object' && typeof deadweightRaw === 'object' && !Q.isZero(deadweightRaw) ? Q.div(deadweightAmount, deadweightRaw) : totalFactor;
  const deadweight = deadweightAmount === undefined ? null : roundAmount(deadweightAmount);
  if (deadweightAmount === 'blocked') blocked.add('deadweight');

  // By cohort: parts of each whole.
  const cohortList = [...cohorts];
  const liabilityFactor = (liabilityCapped.capped || liabilityByPayer) && typeof liability === 'object' && typeof liabilityCapped.amount === 'object' && !Q.isZero(liability) ? Q.div(liabilityCapped.amount, liability) : undefined;
  fillCohorts(byCohort, cohortList, 'maximumLiability', maximumLiability, (c) => cohortLiability.get(c)!, liabilityFactor, capTotal, blocked);
  fillCohorts(byCohort, cohortList, 'expected', expected, (c) => cohortExpected.get(c), totalFactor, undefined, blocked);
  fillCohorts(byCohort, cohortList, 'deadweight', deadweight, (c) => cohortDeadweight.get(c), deadweightFactor, undefined, blocked);

  let cohortsByLine: (readonly string[] | undefined)[] | undefined;
  const lineCohorts = () => (cohortsByLine ??= cohortsOfLines(pricedBy));

  // A bounded figure past whole minor units counted exactly is no figure to stand behind, and
  // not "unbounded" either: said as too large, and the run fails (blockedBy).
  const tooLarge: string[] = [];
  const checkSize = (key: string, amount: Amount | undefined) => {
    if (typeof amount === 'object' && roundAmount(amount) === null) {
      notEstimated[key] = TOO_LARGE;
      tooLarge.push(key);
    }
  };
  checkSize('maximumLiability', liabilityCapped.amount);
  checkSize('expected', expectedCapped?.amount);
  checkSize('deadweight', deadweightAmount);
  for (const cohort of cohortList) {
    checkSize(`byCohort.${cohort}.maximumLiability`, cohortLiability.get(cohort));
    checkSize(`byCohort.${cohort}.expected`, cohortExpected.get(cohort));
  }
  if (tooLarge.length) {
    blockedBy.push({ file: card.file, span: card.parsed.spanOf(['prices']), message: `The ${tooLarge.includes('maximumLiability') ? 'maximum liability' : 'expected payments'} would be more than 9,007,199,254,740,991 minor units (pence, cents), too large to count exactly, so the figures that large are not shown. Check the prices, claims and participant counts.` });
  }
  return {
    maxPerParticipant: maxPP,
    uncappedMaxPerParticipant: uncappedMaxPP,
    maximumLiability,
    expected,
    deadweight,
    byCohort,
    blocked,
    blockedBy,
    capsApplied,
    notEstimated,
    upperBounds,
    work: { payerParts, lineProblems, payerProblemsAt, projected, liabilityCapped, liabilityFactor, parts, visitParts, expectedCapped, totalFactor, deadweightAmount, lineCohorts, yearParts, expectedByCohort, slots },
  };
}

/**
 * The cohorts each line prices, in cohort order, by the line's index. Lines pricing the same
 * cohorts share one list (a thousand lines make one or two lists, not a thousand): each line's
 * cohorts are first a set of bits, one per cohort, when there are few enough cohorts for that.
 */
function cohortsOfLines(pricedBy: [string, PriceLineModel[]][]): (readonly string[] | undefined)[] {
  const out: (string[] | undefined)[] = [];
  if (pricedBy.length > 30) {
    for (const [cohort, lines] of pricedBy) {
      for (const line of lines) {
        const list = out[line.index];
        if (list) list.push(cohort);
        else out[line.index] = [cohort];
      }
    }
    return out;
  }
  const bits: number[] = [];
  pricedBy.forEach(([, lines], i) => {
    for (const line of lines) bits[line.index] = (bits[line.index] ?? 0) | (1 << i);
  });
  const lists = new Map<number, string[]>();
  for (let index = 0; index < bits.length; index++) {
    const set = bits[index];
    if (set === undefined) continue;
    let list = lists.get(set);
    if (!list) {
      list = [];
      for (let i = 0; i < pricedBy.length; i++) if (set & (1 << i)) list.push(pricedBy[i][0]);
      lists.set(set, list);
    }
    out[index] = list;
  }
  return out;
}

/** The worst mix of pathways under caps per payer, with its payers' slots; undefined when the dearest pathways are the worst case. */
function worstMixFor(
  pricedBy: [string, PriceLineModel[]][],
  card: RateCardModel,
  framework: FrameworkModel | undefined,
  lineProblems: Map<number, string>,
  splits: SplitsByLine,
  cohortPayer: (cohort: string) => string | undefined,
  payerIds: Set<string>,
  caps: Record<string, number | undefined>,
): { result: WorstMix; ids: string[] } | undefined {
  const ids = [...payerIds];
  const nobody = ids.length;
  const slot = new Map(ids.map((id, i) => [id, i]));
  const cohorts: MixCohort[] = [];
  for (const [cohort, lines] of pricedBy) {
    const participants = participantsOf(cohort, card, framework);
    if (participants === undefined) return undefined;
    cohorts.push({ cohort, participants, lines });
  }
  const splitOf = (cohort: string, line: number): [number, Q.Rational][] => {
    const split = splits[line];
    if (!split) return [[nobody, Q.ONE]];
    return [...split].map(([named, fraction]) => {
      const payer = named === COHORT_PAYER ? cohortPayer(cohort) : named;
      return [payer === undefined ? nobody : slot.get(payer)!, fraction];
    });
  };
  const capList = [...ids.map((id) => { const cap = ownNumber(caps, id); return cap === undefined ? undefined : Q.int(cap); }), undefined];
  const result = worstMix(cohorts, lineProblems, framework, card.caps.perParticipant, ids.length + 1, capList, splitOf);
  return result && { result, ids };
}

/** Each payer's part of the worst mix, held to its cap; the whole adds what nobody is named to pay. */
function mixByPayer(mix: { result: WorstMix; ids: string[] }, caps: Record<string, number | undefined>, capsApplied: string[]): { perPayer: Map<string, Amount>; sum: Amount } {
  const perPayer = new Map<string, Amount>();
  mix.ids.forEach((id, i) => {
    const { amount, capped } = capAmount(mix.result.slots[i], ownNumber(caps, id));
    if (capped) capsApplied.push(`perPayer.${id}.maximumLiability`);
    perPayer.set(id, amount);
  });
  return { perPayer, sum: mix.result.total };
}

/** Shares a figure's rounded whole among the cohorts; cohorts without a figure stay null. */
function fillCohorts(
  byCohort: Record<string, CohortTotals>,
  cohorts: string[],
  figure: 'maximumLiability' | 'expected' | 'deadweight',
  whole: number | null,
  amountOf: (cohort: string) => Amount | undefined,
  factor: Q.Rational | undefined,
  cap: number | undefined,
  blocked: Set<string>,
): void {
  const amounts = cohorts.map(amountOf);
  const exact = amounts.every((a) => a === undefined || typeof a === 'object');
  if (whole !== null && exact) {
    const present = cohorts.filter((_, i) => amounts[i] !== undefined);
    const parts = Q.largestRemainder(whole, present.map((c) => Q.mul(amountOf(c) as Q.Rational, factor ?? Q.ONE)));
    present.forEach((c, i) => (byCohort[c][figure] = parts[i]));
    return;
  }
  // Some part is unbounded or blocked: each cohort shows its own figure, capped by the total cap
  // and never more than the whole (caps per payer can bound the whole where no part is bounded).
  const ceiling = whole === null ? cap : Math.min(whole, cap ?? Infinity);
  cohorts.forEach((c, i) => {
    // Still cut as the whole would have been (a whole not estimated leaves each cohort's cap cut to apply).
    const amount = factor && typeof amounts[i] === 'object' ? Q.mul(amounts[i] as Q.Rational, factor) : amounts[i];
    if (amount === undefined) return;
    if (amount === 'blocked') blocked.add(`byCohort.${c}.${figure}`);
    byCohort[c][figure] = roundAmount(capAmount(amount, ceiling).amount);
  });
}

/** Payers' capped parts, cut in proportion when the total cap cuts their sum further. */
function scaledTo(byPayer: { perPayer: Map<string, Amount>; sum: Amount }, whole: Amount): Map<string, Amount> {
  if (typeof whole !== 'object' || typeof byPayer.sum !== 'object' || Q.isZero(byPayer.sum) || Q.compare(whole, byPayer.sum) === 0) return byPayer.perPayer;
  const factor = Q.div(whole, byPayer.sum);
  return new Map([...byPayer.perPayer].map(([id, amount]) => [id, scale(amount, factor)]));
}

/**
 * Each payer's deadweight under caps per payer: its part of the deadweight, cut in the proportion
 * its expected payments were cut (by its own cap, then the total cap). Never more than its expected.
 */
function payerDeadweight(
  parts: { expected: Contribution[]; deadweight: Contribution[] },
  splits: SplitsByLine,
  ids: Set<string>,
  cohortPayer: (cohort: string) => string | undefined,
  cappedExpected: Map<string, Amount>,
): Map<string, Amount> {
  const uncut = splitByPayer(parts.expected, splits, ids, undefined, cohortPayer);
  const deadweight = splitByPayer(parts.deadweight, splits, ids, undefined, cohortPayer);
  const out = new Map<string, Amount>();
  for (const [id, amount] of deadweight) {
    const before = uncut.get(id) ?? Q.ZERO;
    const after = cappedExpected.get(id) ?? Q.ZERO;
    if (typeof before === 'object' && typeof after === 'object') out.set(id, Q.isZero(before) ? Q.ZERO : scale(amount, Q.div(after, before)));
    else out.set(id, before === 'blocked' || after === 'blocked' || amount === 'blocked' ? 'blocked' : amount);
  }
  return out;
}

/**
 * What the parts come to that no payer is named to pay: lines without a split, and a split's
 * `cohort` share for a cohort without a payer. Exact, and unbounded when such a share is.
 */
function withoutPayer(list: Contribution[], splits: SplitsByLine, cohortPayer: (cohort: string) => string | undefined): Amount {
  let left: Amount = Q.ZERO;
  for (const part of list) {
    const split = splits[part.line];
    if (!split) left = addAmount(left, cut(part));
    else if (split.has(COHORT_PAYER) && cohortPayer(part.cohort) === undefined) left = addAmount(left, scale(cut(part), split.get(COHORT_PAYER)!));
  }
  return left;
}

/** Whether two cohorts' lines are the same lines in the same order. */
function sameLines(a: readonly PriceLineModel[], b: readonly PriceLineModel[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
