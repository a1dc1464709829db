/**
 * The totals engine: every figure of format.md's "Payment totals" table, exactly. Each figure is
 * built from exact fractions, rounded once (half up), and breakdowns (by cohort, payer, line,
 * year) are shared out of the rounded whole by largest remainder so the parts add up to it.
 */
import type { FrameworkModel, PriceLineModel, RateCardModel } from '../model';
import type { BlockedLine, CohortTotals, LineTotals, PayerTotals, Totals } from '../totals';
import { type Amount, type Contribution, addAmount, capAmount, cut, roundAmount, scale, shareOut, splitByPayer } from './amounts';
import { blockedLines, cohortIdsOf, participantsOf, payerSplits, projectionFor } from './inputs';
import { maxPerParticipant } from './maxima';
import { expectedForCohort } from './expected';
import * as Q from './rational';

export function computeTotalsFor(card: RateCardModel, framework: FrameworkModel | undefined): Totals {
  const blockedBy: BlockedLine[] = [];
  const blocked = new Set<string>();
  const capsApplied: string[] = [];
  const lineProblems = blockedLines(card, framework, blockedBy);
  const cohorts = cohortIdsOf(card, framework);
  const splits = payerSplits(card, framework, blockedBy);
  const capPP = card.caps.perParticipant;
  const capTotal = card.caps.total;

  // Which lines price which cohort: a line with `cohorts` prices those; a line without prices
  // every cohort that has no specific line for the same outcome.
  const specific = new Map<string, Set<string>>();
  for (const line of card.prices) {
    if (line.outcome === undefined || line.cohorts === undefined) continue;
    const set = specific.get(line.outcome) ?? new Set<string>();
    line.cohorts.forEach((c) => set.add(c));
    specific.set(line.outcome, set);
  }
  const linesFor = (cohort: string): PriceLineModel[] =>
    card.prices.filter((line) => line.outcome !== undefined && (line.cohorts ? line.cohorts.includes(cohort) : !specific.get(line.outcome)?.has(cohort)));

  const byCohort: Record<string, CohortTotals> = {};
  const maxPP: Record<string, number | null> = {};
  const uncappedMaxPP: Record<string, number | null> = {};
  const liabilityParts: Contribution[] = [];
  const expectedParts: Contribution[] = [];
  const deadweightParts: Contribution[] = [];
  const cohortLiability = new Map<string, Amount>();
  const cohortExpected = new Map<string, Amount | undefined>();
  const cohortDeadweight = new Map<string, Amount | undefined>();
  const yearParts: { year: string; amount: Q.Rational; cohort: string }[] = [];
  const lineCohorts = new Map<number, string[]>();
  let projected = false;

  for (const cohort of cohorts) {
    const lines = linesFor(cohort);
    for (const line of lines) {
      const list = lineCohorts.get(line.index);
      if (list) list.push(cohort);
      else lineCohorts.set(line.index, [cohort]);
    }
    const participants = participantsOf(cohort, card, framework);
    const maxima = maxPerParticipant(lines, lineProblems, framework, capPP);
    if (maxima.capped) capsApplied.push(`perParticipant.${cohort}`);
    maxPP[cohort] = maxima.total === 'unbounded' || maxima.total === 'blocked' ? null : Q.roundHalfUp(maxima.total);
    if (maxima.total === 'blocked') blocked.add(`maxPerParticipant.${cohort}`);
    uncappedMaxPP[cohort] = typeof maxima.uncapped === 'object' ? Q.roundHalfUp(maxima.uncapped) : null;

    // Maximum liability: participants × max per participant; nothing when nothing is priced.
    const people: Amount = participants === undefined ? 'unbounded' : Q.int(participants);
    let liability: Amount;
    if (maxima.total !== 'unbounded' && maxima.total !== 'blocked' && Q.isZero(maxima.total)) liability = Q.ZERO;
    else liability = scale(maxima.total, people);
    cohortLiability.set(cohort, liability);
    for (const part of maxima.parts) liabilityParts.push({ line: part.line, cohort, amount: scale(part.amount, people), factor: maxima.factor });

    const projection = projectionFor(cohort, card);
    const expected = projection ? expectedForCohort(cohort, lines, lineProblems, projection, participants, framework, capPP, card, blockedBy, maxima.total) : undefined;
    if (expected) {
      projected = true;
      if (expected.capped) capsApplied.push(`perParticipant.${cohort}.expected`);
      cohortExpected.set(cohort, expected.total);
      cohortDeadweight.set(cohort, expected.deadweight);
      expectedParts.push(...expected.parts);
      deadweightParts.push(...expected.deadweightParts);
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

  // Maximum liability in all, then the total cap.
  let liability: Amount = Q.ZERO;
  for (const amount of cohortLiability.values()) liability = addAmount(liability, amount);
  const liabilityCapped = capAmount(liability, capTotal);
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
  const expectedCapped = projected ? capAmount(expectedRaw, capTotal) : undefined;
  if (expectedCapped?.capped) capsApplied.push('total.expected');
  // The total cap cuts every part of the expected payments in the same proportion.
  const totalFactor = expectedCapped && expectedCapped.capped && typeof expectedRaw === 'object' && typeof expectedCapped.amount === 'object' && !Q.isZero(expectedRaw) ? Q.div(expectedCapped.amount, expectedRaw) : Q.ONE;
  const expected = expectedCapped ? roundAmount(expectedCapped.amount) : null;
  if (expectedCapped?.amount === 'blocked') blocked.add('expected');
  const deadweightAmount: Amount | undefined = projected ? (typeof deadweightRaw === 'object' ? Q.mul(deadweightRaw, totalFactor) : deadweightRaw) : undefined;
  const deadweight = deadweightAmount === undefined ? null : roundAmount(deadweightAmount);
  if (deadweightAmount === 'blocked') blocked.add('deadweight');

  // By cohort: parts of each whole.
  const cohortList = [...cohorts];
  const liabilityFactor = liabilityCapped.capped && typeof liability === 'object' && typeof liabilityCapped.amount === 'object' && !Q.isZero(liability) ? Q.div(liabilityCapped.amount, liability) : undefined;
  fillCohorts(byCohort, cohortList, 'maximumLiability', maximumLiability, (c) => cohortLiability.get(c)!, liabilityFactor, capTotal, blocked);
  fillCohorts(byCohort, cohortList, 'expected', expected, (c) => cohortExpected.get(c), totalFactor, undefined, blocked);
  fillCohorts(byCohort, cohortList, 'deadweight', deadweight, (c) => cohortDeadweight.get(c), totalFactor, undefined, blocked);

  // By payer.
  const payerIds = new Set<string>(framework ? framework.payers.map((p) => p.id).filter(Boolean) : []);
  for (const split of splits.values()) if (split) for (const id of split.keys()) payerIds.add(id);
  if ([...card.prices].some((line) => !splits.get(line.index))) blocked.add('byPayer');
  const byPayer: Record<string, PayerTotals> = {};
  for (const id of payerIds) byPayer[id] = { maximumLiability: null, expected: null, deadweight: null };
  const payerFigure = (figure: keyof PayerTotals, whole: number | null, wholeAmount: Amount | undefined, parts: Contribution[], factor: Q.Rational | undefined) => {
    const perPayer = splitByPayer(parts, splits, payerIds, factor);
    for (const [id, amount] of perPayer) if (amount === 'blocked') blocked.add(`byPayer.${id}.${figure}`);
    const values = shareOut(whole, wholeAmount, perPayer, capTotal);
    for (const id of payerIds) byPayer[id][figure] = values.get(id) ?? null;
  };
  payerFigure('maximumLiability', maximumLiability, liabilityCapped.amount, liabilityParts, liabilityFactor);
  if (projected) {
    payerFigure('expected', expected, expectedCapped?.amount, expectedParts, totalFactor);
    payerFigure('deadweight', deadweight, deadweightAmount, deadweightParts, totalFactor);
  }

  // By line and by outcome: each line's part of the expected payments.
  const lineExpected = new Map<number, Q.Rational>();
  const blockedLineIndexes = new Set<number>();
  for (const part of expectedParts) {
    if (typeof part.amount !== 'object') blockedLineIndexes.add(part.line);
    else lineExpected.set(part.line, Q.add(lineExpected.get(part.line) ?? Q.ZERO, cut(part) as Q.Rational));
  }
  // A line blocked in one cohort has no figure, rather than a part of one.
  for (const line of blockedLineIndexes) lineExpected.delete(line);
  const lineBlocked = blockedLineIndexes.size > 0;
  // The total cap cuts every line in the same proportion.
  for (const [line, amount] of lineExpected) lineExpected.set(line, Q.mul(amount, totalFactor));
  const projectedLines = new Set(expectedParts.map((p) => p.line));
  const linesWithExpected = card.prices.filter((line) => projectedLines.has(line.index) && lineExpected.has(line.index));
  const lineShares = expected !== null && !lineBlocked ? Q.largestRemainder(expected, linesWithExpected.map((l) => lineExpected.get(l.index)!)) : undefined;
  const lineValue = new Map<number, number>();
  linesWithExpected.forEach((line, i) => lineValue.set(line.index, lineShares ? lineShares[i] : Q.roundHalfUp(lineExpected.get(line.index)!)));
  const shareOf = (amount: number | null): number | null => (amount === null || expected === null || expected === 0 ? null : Math.round((amount / expected) * 10000) / 10000);
  const byLine: LineTotals[] = card.prices.map((line) => {
    const valid = !lineProblems.has(line.index);
    const claims = line.maxClaims ?? 1;
    // null when no projected cohort is priced by this line, or when it is blocked.
    const amount = lineValue.get(line.index) ?? null;
    return {
      index: line.index,
      outcome: line.outcome ?? '',
      cohorts: lineCohorts.get(line.index) ?? [],
      claims,
      maxPerParticipant: valid && line.price !== undefined ? (claims === 'unlimited' ? (line.price === 0 ? 0 : null) : line.price * claims) : null,
      expected: amount,
      share: shareOf(amount),
    };
  });
  const byOutcome: Record<string, { expected: number | null; share: number | null }> = {};
  const blockedOutcomes = new Set<string>();
  for (const line of byLine) {
    if (projectedLines.has(line.index) && line.expected === null && line.outcome) blockedOutcomes.add(line.outcome);
  }
  for (const line of byLine) {
    if (!line.outcome) continue;
    let entry = byOutcome[line.outcome];
    if (!entry) byOutcome[line.outcome] = entry = { expected: null, share: null };
    if (line.expected !== null && !blockedOutcomes.has(line.outcome)) entry.expected = (entry.expected ?? 0) + line.expected;
  }
  for (const outcome of blockedOutcomes) {
    blocked.add(`byOutcome.${outcome}`);
    byOutcome[outcome].expected = null;
  }
  for (const entry of Object.values(byOutcome)) entry.share = shareOf(entry.expected);

  // By year: the expected payments by each cohort's profile, after the total cap.
  const byYear: Record<string, number> = {};
  // A year's figure would silently leave out a blocked cohort: none are given then.
  if (yearParts.length > 0 && blocked.has('expected')) blocked.add('byYear');
  else if (yearParts.length > 0) {
    const years = [...new Set(yearParts.map((p) => p.year))].sort();
    const perYear = years.map((year) => yearParts.filter((p) => p.year === year).reduce((sum, p) => Q.add(sum, Q.mul(p.amount, totalFactor)), Q.ZERO));
    const whole = Q.roundHalfUp(perYear.reduce(Q.add, Q.ZERO));
    Q.largestRemainder(whole, perYear).forEach((amount, i) => (byYear[years[i]] = amount));
  }

  return {
    rateCard: card.id ?? '',
    currency: card.currency ?? framework?.currency ?? '',
    digits: card.digits,
    maxPerParticipant: maxPP,
    uncappedMaxPerParticipant: uncappedMaxPP,
    maximumLiability,
    expected,
    deadweight,
    byCohort,
    byPayer,
    byOutcome,
    byLine,
    byYear,
    blockedBy,
    blocked: [...blocked],
    capsApplied,
  };
}

/**
 * Max per participant over the rate card's general lines (those naming no cohort), before and
 * after caps.perParticipant: what a participant could earn when the framework, and so the
 * cohorts, are unknown. Null when unbounded; `blocked` when a line cannot be read.
 */
export function generalMaxima(card: RateCardModel, framework: FrameworkModel | undefined): { maxPerParticipant: number | null; uncapped: number | null; blocked: boolean } {
  const lines = card.prices.filter((line) => line.outcome !== undefined && line.cohorts === undefined);
  const maxima = maxPerParticipant(lines, blockedLines(card, framework, []), framework, card.caps.perParticipant);
  const rounded = (amount: Amount) => (typeof amount === 'object' ? Q.roundHalfUp(amount) : null);
  return { maxPerParticipant: rounded(maxima.total), uncapped: rounded(maxima.uncapped), blocked: maxima.total === 'blocked' };
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
  // Some part is unbounded or blocked: each cohort shows its own figure (capped by the total cap).
  cohorts.forEach((c, i) => {
    const amount = amounts[i];
    if (amount === undefined) return;
    if (amount === 'blocked') blocked.add(`byCohort.${c}.${figure}`);
    byCohort[c][figure] = roundAmount(capAmount(amount, cap).amount);
  });
}
