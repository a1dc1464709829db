/**
 * The totals engine: every figure of format.md's "Payment totals" table, exactly. Each figure is
 * built from exact fractions, rounded once (half up), and breakdowns (by cohort, payer, line,
 * year) are shared out of the rounded whole by largest remainder so the parts add up to it.
 * The wholes come from figures.ts; this module adds the breakdowns by payer, line, outcome and year.
 */
import { type FrameworkModel, type RateCardModel, timesPaid } from '../model';
import type { BlockedLine, LineTotals, PayerTotals, Totals } from './types';
import { type Amount, type PartSink, PayerSplitter, roundAmount, shareOut, type SplitsByLine } from './amounts';
import { figuresOf, TOO_LARGE } from './figures';
import { blockedLines, COHORT_PAYER, cohortPayerOf, splitsByLine } from './inputs';
import { keptAfter, maxPerParticipant } from './maxima';
import * as Q from './rational';
import { ownNumber, setOwn } from '../records';

export function computeTotalsFor(card: RateCardModel, framework: FrameworkModel | undefined): Totals {
  const figures = figuresOf(card, framework);
  const { maximumLiability, expected, deadweight, byCohort, capsApplied } = figures;
  const notEstimated = { ...figures.notEstimated };
  const { lineProblems, payerProblemsAt, projected, liabilityCapped, liabilityFactor, expectedCapped, totalFactor, deadweightAmount, lineCohorts, yearParts } = figures.work;
  const maxPP = figures.maxPerParticipant;
  const uncappedMaxPP = figures.uncappedMaxPerParticipant;
  const capTotal = card.caps.total;
  // The wholes are shared with the rules: the breakdowns add to copies.
  const blocked = new Set(figures.blocked);
  const payerProblems: BlockedLine[] = [];
  const splits = splitsByLine(card, framework, payerProblems);
  const blockedBy = [...figures.blockedBy.slice(0, payerProblemsAt), ...payerProblems, ...figures.blockedBy.slice(payerProblemsAt)];

  // By payer.
  const payerIds = new Set<string>(framework ? framework.payers.map((p) => p.id).filter(Boolean) : []);
  let lastSplit: SplitsByLine[number];
  let unsplit = false;
  for (const line of card.prices) {
    const split = splits[line.index];
    if (!split) unsplit = true;
    else if (split !== lastSplit) for (const id of split.keys()) if (id !== COHORT_PAYER) payerIds.add(id);
    lastSplit = split;
  }
  if (unsplit) blocked.add('byPayer');
  // `cohort` in a split is each cohort's own payer: a cohort without one leaves its lines' payments without a payer.
  const cohortPayer = cohortPayerOf(framework);
  // The first line and cohort without one; a loop, not flatMap: no list per line.
  let orphan: readonly [(typeof card.prices)[number], string] | undefined;
  for (const line of card.prices) {
    if (!splits[line.index]?.has(COHORT_PAYER)) continue;
    const cohort = (lineCohorts()[line.index] ?? []).find((c) => !cohortPayer(c));
    if (cohort !== undefined) {
      orphan = [line, cohort];
      break;
    }
  }
  if (orphan) {
    blocked.add('byPayer');
    blockedBy.push({ file: card.file, span: card.parsed.spanOf(orphan[0].path), message: `Who pays for ${orphan[0].outcome ?? 'this line'} in ${orphan[1]} is not said: the split names \`cohort\` (the cohort's own payer) but the framework gives ${orphan[1]} no payer, so the figures by payer are incomplete. Add payer: to the cohort.` });
  }
  const byPayer: Record<string, PayerTotals> = {};
  for (const id of payerIds) byPayer[id] = { maximumLiability: null, expected: null, deadweight: null };

  // Each line's part of each figure, visited once (no lists of them): split by payer where a
  // figure's payers were not already capped with the wholes (figures.ts), and the expected
  // payments summed by line.
  let lastIndex = -1;
  for (const line of card.prices) if (line.index > lastIndex) lastIndex = line.index;
  const { payerParts } = figures.work;
  const parts = new BreakdownSink(
    payerParts.maximumLiability ? undefined : new PayerSplitter(splits),
    projected && !payerParts.expected ? new PayerSplitter(splits) : undefined,
    projected && deadweightAmount !== undefined && !payerParts.deadweight ? new PayerSplitter(splits) : undefined,
    lastIndex,
  );
  figures.work.visitParts(parts);
  const payerFigure = (figure: keyof PayerTotals, whole: number | null, wholeAmount: Amount | undefined, splitter: PayerSplitter | undefined, factor: Q.Rational | undefined) => {
    // With caps per payer, each payer's part was capped with the wholes (figures.ts).
    const capped = payerParts[figure];
    const perPayer = capped ?? splitter!.byPayer(payerIds, factor, cohortPayer);
    for (const [id, amount] of perPayer) if (amount === 'blocked') blocked.add(`byPayer.${id}.${figure}`);
    const values = shareOut(whole, wholeAmount, perPayer, capTotal);
    if (capped) keepUnderCaps(values, figure === 'deadweight' ? payerCeilings(byPayer) : (card.caps.perPayer ?? {}));
    for (const id of payerIds) byPayer[id][figure] = values.get(id) ?? null;
  };
  payerFigure('maximumLiability', maximumLiability, liabilityCapped.amount, parts.liabilitySplit, liabilityFactor);
  if (projected) {
    payerFigure('expected', expected, expectedCapped?.amount, parts.expectedSplit, totalFactor);
    if (deadweightAmount !== undefined) payerFigure('deadweight', deadweight, deadweightAmount, parts.deadweightSplit, totalFactor);
    else if (notEstimated.deadweight) for (const id of payerIds) notEstimated[`byPayer.${id}.deadweight`] = notEstimated.deadweight;
  }

  // A whole too large to count exactly leaves its payers' parts that large said the same way.
  for (const figure of ['maximumLiability', 'expected', 'deadweight'] as const) {
    if (notEstimated[figure] !== TOO_LARGE) continue;
    for (const id of payerIds) if (byPayer[id][figure] === null && !blocked.has(`byPayer.${id}.${figure}`)) notEstimated[`byPayer.${id}.${figure}`] = TOO_LARGE;
  }

  // By line and by outcome: each line's part of the expected payments (summed by the sink above).
  // A line blocked in one cohort has no figure, rather than a part of one; a line with a part
  // was projected for some cohort. The total cap cuts every line in the same proportion.
  const { lineSums, lineIsBlocked, projectedLines, lineBlocked } = parts;
  lastIndex = parts.lastIndex;
  const lineExpected: (Q.Rational | undefined)[] = new Array(lastIndex + 1).fill(undefined);
  for (let i = 0; i <= lastIndex; i++) {
    const sum = lineSums[i];
    if (sum !== undefined && !lineIsBlocked[i]) lineExpected[i] = Q.mul(sum.value(), totalFactor);
  }
  const linesWithExpected: number[] = [];
  const weights: Q.Rational[] = [];
  for (const line of card.prices) {
    const amount = lineExpected[line.index];
    if (amount === undefined) continue;
    linesWithExpected.push(line.index);
    weights.push(amount);
  }
  const lineShares = expected !== null && !lineBlocked ? Q.largestRemainder(expected, weights) : undefined;
  const lineValue: (number | null)[] = new Array(lastIndex + 1).fill(null);
  for (let i = 0; i < linesWithExpected.length; i++) {
    // null: past any number (absurd inputs), no figure
    lineValue[linesWithExpected[i]] = lineShares ? lineShares[i] : roundAmount(weights[i]);
  }
  const shareOf = (amount: number | null): number | null => (amount === null || expected === null || expected === 0 ? null : Math.round((amount / expected) * 10000) / 10000);
  // Built by push, not map: the array map() gives changed shape from one run to the next, and
  // each change threw away this whole function's optimised code.
  const byLine: LineTotals[] = [];
  for (const line of card.prices) {
    const valid = !lineProblems.has(line.index);
    const claims = timesPaid(line) ?? 1;
    // null when no projected cohort is priced by this line, or when it is blocked.
    const amount = lineValue[line.index];
    const price = valid && line.price !== undefined ? line.price : null;
    const most = valid && line.price !== undefined ? (claims === 'unlimited' ? (line.price === 0 ? 0 : null) : line.discount ? roundAmount(Q.mul(Q.mul(Q.int(line.price), Q.int(claims)), keptAfter(line.discount))) : safeOrNull(line.price * claims)) : null;
    const cohorts = (lineCohorts()[line.index] ?? []) as string[];
    const outcome = line.outcome ?? '';
    // Two literals rather than a spread of `per` (an object spread per line cost a tenth of the
    // totals); the keys stay in the same order, as the JSON report shows them.
    byLine.push(
      line.periods
        ? { index: line.index, outcome, cohorts, claims, per: line.periods.per, price, maxPerParticipant: most, expected: amount, share: shareOf(amount) }
        : { index: line.index, outcome, cohorts, claims, price, maxPerParticipant: most, expected: amount, share: shareOf(amount) },
    );
  }
  const byOutcome: Record<string, { expected: number | null; share: number | null }> = {};
  // Each outcome's entry by its slot (slots.ts): an array read per line, not a keyed one.
  const { slots } = figures.work;
  const entryBySlot: ({ expected: number | null; share: number | null } | undefined)[] = new Array(slots.count).fill(undefined);
  // The same entries in a list: Object.values of a record of a thousand keys sorts them first.
  const outcomeEntries: { expected: number | null; share: number | null }[] = [];
  const blockedOutcomes = new Set<string>();
  // Indexed loops: a for-of over this fresh array deoptimised the whole function again and again.
  for (let i = 0; i < byLine.length; i++) {
    const line = byLine[i];
    if (projectedLines[line.index] && line.expected === null && line.outcome) blockedOutcomes.add(line.outcome);
  }
  const anyBlocked = blockedOutcomes.size > 0;
  for (let i = 0; i < byLine.length; i++) {
    const line = byLine[i];
    if (!line.outcome) continue;
    const slot = slots.ofLine[line.index];
    let entry = entryBySlot[slot];
    if (!entry) {
      entryBySlot[slot] = entry = { expected: null, share: null };
      // An outcome called `constructor` or `__proto__` gets its own entry: a keyed read found
      // Object's members there, left the outcome out and wrote its figures onto Object itself.
      setOwn(byOutcome, line.outcome, entry);
      outcomeEntries.push(entry);
    }
    if (line.expected !== null && !(anyBlocked && blockedOutcomes.has(line.outcome))) entry.expected = (entry.expected ?? 0) + line.expected;
  }
  for (const outcome of blockedOutcomes) {
    blocked.add(`byOutcome.${outcome}`);
    byOutcome[outcome].expected = null;
  }
  for (const entry of outcomeEntries) entry.share = shareOf(entry.expected);

  const byYear = yearBreakdown(yearParts, totalFactor, blocked);

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
    notEstimated,
    upperBounds: payerBounds(figures.upperBounds, payerIds),
  };
}

/**
 * Takes each line's part of each figure as the figures visit them: each payer's part (where a
 * splitter is given), and each line's expected payments after its cohort's cut, summed exactly,
 * in arrays by the line's index (its place in the card), not Maps: a read and write per part.
 */
class BreakdownSink implements PartSink {
  readonly lineSums: (Q.Sum | undefined)[];
  readonly lineIsBlocked: boolean[];
  /** Lines with a part of the expected payments: projected for some cohort. */
  readonly projectedLines: boolean[];
  /** Whether some line's part of the expected payments is blocked. */
  lineBlocked = false;

  constructor(
    readonly liabilitySplit: PayerSplitter | undefined,
    readonly expectedSplit: PayerSplitter | undefined,
    readonly deadweightSplit: PayerSplitter | undefined,
    /** The largest line index (grows if a part names a larger one). */
    public lastIndex: number,
  ) {
    this.lineSums = new Array(lastIndex + 1).fill(undefined);
    this.lineIsBlocked = new Array(lastIndex + 1).fill(false);
    this.projectedLines = new Array(lastIndex + 1).fill(false);
  }

  liability(cohort: string, factor: Q.Rational | undefined, line: number, amount: Amount): void {
    if (this.liabilitySplit) this.liabilitySplit.add(cohort, factor, line, amount);
  }

  expected(cohort: string, factor: Q.Rational | undefined, line: number, amount: Amount): void {
    if (this.expectedSplit) this.expectedSplit.add(cohort, factor, line, amount);
    if (line > this.lastIndex) this.lastIndex = line;
    this.projectedLines[line] = true;
    if (typeof amount !== 'object') {
      this.lineIsBlocked[line] = this.lineBlocked = true;
      return;
    }
    let sum = this.lineSums[line];
    if (sum === undefined) this.lineSums[line] = sum = new Q.Sum();
    // The part after its cohort's cut (amounts.ts cut), without a fraction made for the product.
    if (factor) sum.addProduct(amount, factor);
    else sum.add(amount);
  }

  deadweight(cohort: string, factor: Q.Rational | undefined, line: number, amount: Amount): void {
    if (this.deadweightSplit) this.deadweightSplit.add(cohort, factor, line, amount);
  }
}


/** A whole that is only a bound makes each payer's part of it a bound too. */
function payerBounds(wholes: Record<string, string>, payerIds: Set<string>): Record<string, string> {
  const out = { ...wholes };
  for (const figure of ['maximumLiability', 'expected', 'deadweight']) if (wholes[figure]) for (const id of payerIds) out[`byPayer.${id}.${figure}`] = wholes[figure];
  return out;
}

/** Each payer's expected payments, as the ceiling of its deadweight (a penny of rounding never puts it over). */
function payerCeilings(byPayer: Record<string, PayerTotals>): Record<string, number | undefined> {
  return Object.fromEntries(Object.entries(byPayer).map(([id, p]) => [id, p.expected ?? undefined]));
}

/** By year: the expected payments by each cohort's profile, after the total cap. */
function yearBreakdown(yearParts: { year: string; amount: Q.Rational }[], totalFactor: Q.Rational, blocked: Set<string>): Record<string, number> {
  const byYear: Record<string, number> = {};
  // A year's figure would silently leave out a blocked cohort: none are given then.
  if (yearParts.length > 0 && blocked.has('expected')) blocked.add('byYear');
  else if (yearParts.length > 0) {
    const years = [...new Set(yearParts.map((p) => p.year))].sort();
    const perYear = years.map((year) => yearParts.filter((p) => p.year === year).reduce((sum, p) => Q.add(sum, Q.mul(p.amount, totalFactor)), Q.ZERO));
    const whole = roundAmount(perYear.reduce(Q.add, Q.ZERO));
    if (whole !== null) Q.largestRemainder(whole, perYear).forEach((amount, i) => (byYear[years[i]] = amount));
  }
  return byYear;
}

/** A product past exact whole numbers (a maxClaims of 1e306) is no amount to show. */
function safeOrNull(amount: number): number | null {
  return Number.isSafeInteger(amount) ? amount : null;
}

/**
 * Max per participant over the rate card's general lines (those naming no cohort), before and
 * after caps.perParticipant: what a participant could earn when the framework, and so the
 * cohorts, are unknown. Null when unbounded; `blocked` when a line cannot be read.
 */
export function generalMaxima(card: RateCardModel, framework: FrameworkModel | undefined): { maxPerParticipant: number | null; uncapped: number | null; blocked: boolean } {
  const lines = card.prices.filter((line) => line.outcome !== undefined && line.cohorts === undefined);
  const maxima = maxPerParticipant(lines, blockedLines(card, framework, []), framework, card.caps.perParticipant);
    return { maxPerParticipant: roundAmount(maxima.total), uncapped: roundAmount(maxima.uncapped), blocked: maxima.total === 'blocked' };
}


/**
 * Sharing a rounded whole out can give a capped payer a penny over its cap: that penny goes to
 * the payer with the most below its own cap (the first listed, on a tie). The parts still add up.
 */
function keepUnderCaps(values: Map<string, number | null>, caps: Record<string, number | undefined>): void {
  for (const [id, value] of values) {
    const cap = ownNumber(caps, id);
    if (value === null || cap === undefined || value <= cap) continue;
    let excess = value - cap;
    values.set(id, cap);
    while (excess > 0) {
      let best: string | undefined;
      let room = 0;
      for (const [other, amount] of values) {
        if (other === id || amount === null) continue;
        const otherCap = ownNumber(caps, other);
        const space = otherCap === undefined ? Infinity : otherCap - amount;
        if (space > room) [best, room] = [other, space];
      }
      if (best === undefined) {
        values.set(id, cap + excess); // nobody has room: leave it (never happens while the whole is within the caps)
        break;
      }
      const moved = Math.min(excess, room);
      values.set(best, values.get(best)! + moved);
      excess -= moved;
    }
  }
}
