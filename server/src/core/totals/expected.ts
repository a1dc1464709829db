/**
 * Expected payments and deadweight for one projected cohort:
 *   per participant  Σ achievement × price × claims   (claims = claimsPerAchiever, default 1, at most maxClaims;
 *                    for a line paid per period, periodsPerAchiever, default and at most maxPeriods)
 *   deadweight       Σ min(baseline, achievement) × price × claims
 *                    (a line's discount cuts both; where it is the deadweight adjustment,
 *                    discountCoversDeadweight, the deadweight is what is left once the cut is
 *                    taken off it, never below zero)
 * The per-participant figure is capped by caps.perParticipant and by the most that may be paid
 * for one participant (so outcomes that exclude each other are not expected to be paid together
 * beyond that); deadweight is cut in the same proportion, so it is never more than the expected
 * payments.
 */
import type { FrameworkModel, OutcomeEntry, PriceLineModel, ProjectionModel, RateCardModel } from '../model';
import type { BlockedLine } from './types';
import { type Amount, capAmount, type PartSink } from './amounts';
import { keptAfter } from './maxima';
import { pathwaysOf } from './pathways';
import * as Q from './rational';
import { ownEntry, ownNumber } from '../records';
import { type OutcomeSlots, outcomeSlots } from './slots';

export interface CohortExpected {
  total: Amount;
  /** Whether the framework gives a baseline for this cohort for any outcome it prices: without one, deadweight is not estimated. */
  hasBaseline: boolean;
  deadweight: Amount;
  capped: boolean;
  /** Outcomes whose projected periodsPerAchiever is more than the line's maxPeriods (counted as maxPeriods). */
  periodsCut: string[];
  /** Whether the most that may be paid for one participant cut the expected payments down. */
  cutByMost: boolean;
  /** Each line's part of `total` and of `deadweight`, handed to a sink (no list of their own): the expected parts, then the deadweight's. */
  visitParts(sink: PartSink): void;
  /** Unless blocked: the expected parts' sum (one participant's, before caps) and the factor every part is multiplied by. */
  expectedEach?: { sum: Q.Rational; factor: Q.Rational };
  /**
   * Each outcome's line for this cohort (the first that prices it), with what it was read as:
   * the value figures multiply these by each outcome's value. In the rate card's order, and by
   * the outcome's slot (slots.ts).
   */
  lines: readonly ExpectedLine[];
  bySlot: readonly (ExpectedLine | undefined)[];
  slots: OutcomeSlots;
}

/**
 * One outcome's line for a cohort, as the expected payments read it. `claims` is set only where
 * the line was read in full (a share above zero, the line not blocked); otherwise whoever needs
 * more reads it again.
 */
export class ExpectedLine {
  /** The price line's index (kept here: the breakdowns read it for every part). */
  readonly line: number;

  constructor(
    /** The price line: the first that prices this outcome for the cohort. */
    readonly priced: PriceLineModel,
    readonly share: Q.Rational,
    readonly pay: Q.Rational | 'blocked',
    readonly dead: Q.Rational | 'blocked',
    /** The framework's baseline for the cohort; undefined when it gives none (or the line was not read in full). */
    readonly baseline: Q.Rational | undefined,
    /** Claims per achiever, at most maxClaims; for a line paid per period, periods per achiever, at most maxPeriods. */
    readonly claims: Q.Rational | undefined,
  ) {
    this.line = priced.index;
  }
}

export function expectedForCohort(
  cohort: string,
  lines: PriceLineModel[],
  problems: Map<number, string>,
  projection: ProjectionModel,
  participants: number | undefined,
  framework: FrameworkModel | undefined,
  capPP: number | undefined,
  card: RateCardModel,
  blockedBy: BlockedLine[],
  /** The most that may be paid for one participant (max per participant, before rounding). */
  most: Amount,
  /** The outcomes' slots for this card and framework (figures.ts makes them once for every cohort). */
  slots: OutcomeSlots = outcomeSlots(card, framework),
): CohortExpected {
  // One line per outcome: the first that prices this cohort. By slot: no keyed read per line.
  const seen: (ExpectedLine | undefined)[] = new Array(slots.count).fill(undefined);
  const perLine: ExpectedLine[] = [];
  // Summed in place: no fraction made per line.
  const paySum = new Q.Sum();
  const deadSum = new Q.Sum();
  let isBlocked = false;
  let hasBaseline = false;
  // A projection's achievement shares, read by the framework's own id for each outcome (slots.ts):
  // one keyed read per line, where a pass over the whole record sorted its keys every time.
  const shares = projection.achievement;
  const anyClaims = hasKeys(projection.claimsPerAchiever);
  // (bandShares: read per banded line below)
  const unpayable = framework ? pathwaysOf(framework).unpayable : undefined;
  const periodsCut: string[] = [];
  for (const line of lines) {
    const outcome = line.outcome!;
    const slot = slots.ofLine[line.index];
    if (seen[slot] !== undefined) continue;
    // The outcome's entry (framework.outcomeById's), by slot (for the baseline below too).
    const entry = slots.entries[slot] as OutcomeEntry | undefined;
    // Read as own numbers (ownNumber): a cohort or outcome called `constructor` is not Object's.
    const rawBaseline = entry ? ownNumber(entry.baseline, cohort) : undefined;
    if (!hasBaseline && rawBaseline !== undefined) hasBaseline = true;
    // An outcome no participant can achieve (unpayable-outcome) is never paid, whatever the projection says.
    const rawShare = unpayable?.has(outcome) ? undefined : ownNumber(shares, slots.ids[slot]);
    // A share read before needs no way to its source text: no closure built per line.
    let achievement = rawShare === undefined ? Q.ZERO : (Q.knownShare(rawShare) ?? Q.readShare(() => card.parsed.sourceOf([...projection.path, 'achievement', outcome]), rawShare));
    // Priced in bands: with shares by band, the achievement is their sum and the price their
    // average weighted by share; without, every achiever at the highest band (line.price).
    let bandPrice: Q.Rational | undefined;
    const bandShares = line.bands && !unpayable?.has(outcome) ? ownEntry(projection.bandShares, outcome) : undefined;
    if (line.bands && bandShares && line.bands.every((b) => b.price !== undefined)) {
      let sum = Q.ZERO;
      let paid = Q.ZERO;
      for (const band of line.bands) {
        const raw = bandShares[String(band.from)];
        if (raw === undefined) continue;
        const share = Q.readShare(() => card.parsed.sourceOf([...projection.path, 'bandShares', outcome, String(band.from)]), raw);
        sum = Q.add(sum, share);
        paid = Q.add(paid, Q.mulInt(share, band.price!));
      }
      achievement = sum;
      if (!Q.isZero(sum)) bandPrice = Q.div(paid, sum);
    }
    if (Q.isZero(achievement)) {
      const read = new ExpectedLine(line, achievement, Q.ZERO, Q.ZERO, undefined, undefined);
      seen[slot] = read;
      perLine.push(read);
      continue;
    }
    if (problems.has(line.index)) {
      isBlocked = true;
      const read = new ExpectedLine(line, achievement, 'blocked', 'blocked', undefined, undefined);
      seen[slot] = read;
      perLine.push(read);
      continue;
    }
    let claims: Q.Rational;
    if (line.periods) {
      // Paid per period: the expected periods per achiever, at most maxPeriods; all of them when not said.
      const periodsRaw = ownNumber(projection.periodsPerAchiever, outcome);
      const most = Q.int(line.periods.max!);
      const said = periodsRaw === undefined ? undefined : Q.readShare(() => card.parsed.sourceOf([...projection.path, 'periodsPerAchiever', outcome]), periodsRaw);
      // More periods expected than the line pays: counted as maxPeriods, and said (capsApplied).
      if (said && Q.compare(said, most) > 0) periodsCut.push(outcome);
      claims = said === undefined ? most : Q.min(most, said);
    } else {
      const claimsRaw = anyClaims ? ownNumber(projection.claimsPerAchiever, outcome) : undefined;
      claims = claimsRaw === undefined ? Q.ONE : Q.readShare(() => card.parsed.sourceOf([...projection.path, 'claimsPerAchiever', outcome]), claimsRaw);
      // One claim (the default) is never more than maxClaims, which is at least 1.
      if (claims !== Q.ONE && typeof line.maxClaims === 'number') claims = Q.min(claims, Q.int(line.maxClaims));
    }
    // One claim (the default): the price times a share, without an object for the price.
    const price = bandPrice ? Q.mul(bandPrice, claims) : claims === Q.ONE ? undefined : Q.mul(Q.int(line.price!), claims);
    const givenBaseline = rawBaseline === undefined || !entry ? undefined : (Q.knownShare(rawBaseline) ?? Q.readShare(() => framework!.parsed.sourceOf([...entry.path, 'baseline', cohort]), rawBaseline));
    const baseline = givenBaseline ?? Q.ZERO;
    // Paid only above the baseline: the share achieving less the baseline, and none of it deadweight.
    const paidShare = line.aboveBaseline ? (Q.compare(achievement, baseline) > 0 ? Q.sub(achievement, baseline) : Q.ZERO) : achievement;
    const deadShare = line.aboveBaseline || Q.isZero(baseline) ? Q.ZERO : Q.min(baseline, achievement);
    let linePay = price ? Q.mul(paidShare, price) : Q.mulInt(paidShare, line.price!);
    let lineDead = Q.isZero(deadShare) ? Q.ZERO : price ? Q.mul(deadShare, price) : Q.mulInt(deadShare, line.price!);
    // A discount cuts every payment, and so the deadweight in them; a discount that is the
    // deadweight adjustment (discountCoversDeadweight) has already taken what it cut off the
    // deadweight: what is left is the deadweight less that cut, never below zero.
    if (line.discount) {
      const kept = keptAfter(line.discount);
      const full = linePay;
      linePay = Q.mul(linePay, kept);
      if (!line.discountCoversDeadweight) lineDead = Q.mul(lineDead, kept);
      else if (!Q.isZero(lineDead)) {
        const left = Q.sub(lineDead, Q.sub(full, linePay));
        lineDead = Q.compare(left, Q.ZERO) > 0 ? left : Q.ZERO;
      }
    }
    const read = new ExpectedLine(line, achievement, linePay, lineDead, givenBaseline, claims);
    seen[slot] = read;
    perLine.push(read);
    paySum.add(linePay);
    deadSum.add(lineDead);
  }
  if (participants === undefined) {
    blockedBy.push({
      file: card.file,
      span: card.parsed.spanOf([...projection.path, 'cohort']),
      message: `The projection for ${cohort} gives no participants and the framework gives the cohort no size, so its expected payments cannot be computed. Add participants: N.`,
    });
    isBlocked = true;
  }
  if (isBlocked) {
    const visitBlocked = (sink: PartSink) => {
      for (const p of perLine) sink.expected(cohort, undefined, p.line, 'blocked');
      for (const p of perLine) sink.deadweight(cohort, undefined, p.line, 'blocked');
    };
    return { total: 'blocked', deadweight: 'blocked', hasBaseline, capped: false, cutByMost: false, periodsCut, visitParts: visitBlocked, lines: perLine, bySlot: seen, slots };
  }
  const pay = paySum.value();
  const dead = deadSum.value();
  const { amount: afterCap, capped } = capAmount(pay, capPP);
  // Achievement shares of outcomes that exclude each other can add up to more than may be paid
  // for one participant; the average participant can never earn more than the most for one.
  const amount = typeof most === 'object' && Q.compare(afterCap as Q.Rational, most) > 0 ? most : (afterCap as Q.Rational);
  const factor = !Q.isZero(pay) && Q.compare(amount, pay) !== 0 ? Q.div(amount, pay) : Q.ONE;
  const people = Q.int(participants!);
  // Each line's part is its per-participant figure × (participants × the cap's cut), applied after summing.
  const partFactor = Q.mul(factor, people);
  return {
    total: Q.mul(amount, people),
    deadweight: Q.mul(dead, partFactor),
    hasBaseline,
    capped,
    cutByMost: amount !== afterCap,
    periodsCut,
    visitParts: (sink) => {
      for (const p of perLine) sink.expected(cohort, partFactor, p.line, p.pay);
      for (const p of perLine) sink.deadweight(cohort, partFactor, p.line, p.dead);
    },
    expectedEach: { sum: pay, factor: partFactor },
    lines: perLine,
    bySlot: seen,
    slots,
  };
}

const achievementMaps = new WeakMap<ProjectionModel, Map<string, number>>();

/** A projection's achievement shares by outcome, read once per projection object (the value figures read the same Map). */
export function achievementOf(projection: ProjectionModel): Map<string, number> {
  let shares = achievementMaps.get(projection);
  if (!shares) {
    shares = new Map();
    for (const outcome in projection.achievement) shares.set(outcome, projection.achievement[outcome]);
    achievementMaps.set(projection, shares);
  }
  return shares;
}


function hasKeys(record: object): boolean {
  for (const _ in record) return true;
  return false;
}
