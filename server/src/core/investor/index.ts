/**
 * The investor's case (docs/value.md, "The investor's case"): from the rate card's `investment`
 * (capital committed, delivery costs, fees) and the contract's dates, the quarterly cash flow,
 * the peak funding need against the capital committed, the money multiple, the IRR and the
 * achievement scale at which the investors break even. Money in minor units, exact until each
 * figure is rounded once; ratios to 4 decimals; every figure that cannot be known says why.
 */
import type { FrameworkModel, RateCardModel } from '../model';
import { expectedParts, computeTotals } from '../totals';
import * as Q from '../totals/rational';
import { contractTimeline, outcomeDelays, paymentSchedule, type TimedPart, type Timeline } from '../timing';
import { whatIfModels, type WhatIf } from '../what-if';
import { costsByWeek, quarterly } from './cash-flow';
import type { InvestorFigures } from './types';
import { irrOf } from './irr';

export { irrOf, npvSign } from './irr';
export type { QuarterFlow } from './cash-flow';
export type { InvestorFigures } from './types';
export { breakEvenText, investorRows, irrText, multipleText } from './words';

const FIGURES = ['costs', 'payments', 'peakFunding', 'fundingGap', 'moneyMultiple', 'irr', 'breakEvenAchievement', 'notPaidAfterLastPaymentDate'] as const;

/** The investor's figures for a rate card with an `investment`, under a what-if; undefined without one. */
export function investorFigures(rateCard: RateCardModel, framework: FrameworkModel | undefined, whatIf: WhatIf = {}): InvestorFigures | undefined {
  const investment = rateCard.investment;
  if (!investment) return undefined;
  const committed = investment.committed ?? null;
  const empty = (missing: string): InvestorFigures => ({
    committed,
    costs: null,
    payments: null,
    peakFunding: null,
    fundingGap: null,
    moneyMultiple: null,
    irr: null,
    breakEvenAchievement: null,
    cashFlow: [],
    notPaidAfterLastPaymentDate: null,
    notEstimated: Object.fromEntries(FIGURES.map((f) => [f, missing])),
    missing,
  });
  const { costs, fees } = investment;
  if (![costs.perParticipant, costs.perYear, costs.fixed, fees.perYear, fees.fixed].some((v) => v !== undefined && v > 0)) {
    return empty('The investment gives no delivery costs, so what the investors put in cannot be said: add investment.costs (perParticipant, perYear or fixed).');
  }
  const reading = contractTimeline(framework);
  if (!reading.ok) return empty(reading.missing);
  const models = whatIfModels(rateCard, framework, whatIf);
  const state = stateOf(models.rateCard, models.framework, reading.timeline);
  if (typeof state === 'string') return empty(state);
  const flow = quarterly(state.costs, state.payments, reading.timeline);
  if (!flow) return empty('The costs or payments are past any amount that can be shown: check the figures.');
  const notEstimated: Record<string, string> = {};
  const irr = irrOf(flow.quarters.map((q) => q.payments - q.costs));
  if (irr.irr === null) notEstimated.irr = irr.reason;
  if (committed === null) notEstimated.fundingGap = 'the investment gives no capital committed';
  const multiple = flow.costs === 0 ? null : ratio(Q.div(Q.int(flow.payments), Q.int(flow.costs)), 'half-up');
  const breakEven = breakEvenOf(rateCard, framework, whatIf, reading.timeline, state);
  if (typeof breakEven === 'string') notEstimated.breakEvenAchievement = breakEven;
  const late = Q.roundHalfUp(state.late);
  return {
    committed,
    costs: flow.costs,
    payments: flow.payments,
    peakFunding: flow.peakFunding,
    fundingGap: committed === null ? null : Math.max(0, flow.peakFunding - committed),
    moneyMultiple: multiple,
    irr: irr.irr,
    breakEvenAchievement: typeof breakEven === 'number' ? breakEven : null,
    cashFlow: flow.quarters,
    notPaidAfterLastPaymentDate: Number.isSafeInteger(late) ? late : null,
    notEstimated,
  };
}

interface State {
  costs: Map<number, Q.Rational>;
  payments: Map<number, Q.Rational>;
  late: Q.Rational;
  exactCosts: Q.Rational;
  exactPayments: Q.Rational;
  /** Whether the payments are exactly proportional to achievement here (no cap cuts them, no share is held at 1, no line is paid above a baseline or by band shares). */
  linear: boolean;
}

/** Costs and payments by week for these models, or why they cannot be said. */
function stateOf(card: RateCardModel, framework: FrameworkModel | undefined, timeline: Timeline): State | string {
  const totals = computeTotals(card, framework);
  if (totals.expected === null) {
    return totals.blocked.includes('expected')
      ? 'The expected payments cannot be computed (see "Not every figure could be computed"), so neither can what comes back to the investors.'
      : 'The expected payments are not projected: give the projection achievement shares, so what comes back to the investors can be said.';
  }
  let participants = 0;
  for (const [cohort, c] of Object.entries(totals.byCohort)) {
    if (c.participants === null) {
      if ((card.investment?.costs.perParticipant ?? 0) > 0) return `Cohort ${cohort} has no participant count (projection participants or the cohort's size), so its delivery costs cannot be said.`;
      continue;
    }
    if (c.participants > 0 && c.expected === null) return `Cohort ${cohort} has participants but no projection of achievement, so what comes back for its delivery costs cannot be said: add a projection for it.`;
    participants += c.participants;
  }
  const parts = expectedParts(card, framework);
  if (!parts) return 'The expected payments cannot be computed exactly, so neither can what comes back to the investors.';
  const delayOf = outcomeDelays(framework);
  const lineByIndex = new Map(card.prices.map((l) => [l.index, l]));
  const profiles = new Map<string, Map<string, Q.Rational>>();
  let linear = !totals.capsApplied.some((c) => c.endsWith('expected'));
  const timed: TimedPart[] = [];
  for (const part of parts) {
    const line = lineByIndex.get(part.line)!;
    const projection = card.projection.find((p) => p.cohort === part.cohort && p.value.achievement !== null && typeof p.value.achievement === 'object');
    if (projection?.profile && Object.keys(projection.profile).length && !profiles.has(part.cohort)) {
      profiles.set(part.cohort, new Map(Object.entries(projection.profile).map(([year, share]) => [year, Q.readShare(() => card.parsed.sourceOf([...projection.path, 'profile', year]), share)])));
    }
    if (line.aboveBaseline || (line.bands && projection?.bandShares[line.outcome ?? ''])) linear = false;
    if (projection && Object.values(projection.achievement).some((s) => s >= 1)) linear = false;
    let periods: TimedPart['periods'];
    if (line.periods?.max !== undefined) {
      const raw = projection?.periodsPerAchiever[line.outcome ?? ''];
      const max = Q.int(line.periods.max);
      periods = { per: line.periods.per, expected: raw === undefined ? max : Q.min(max, Q.readShare(() => card.parsed.sourceOf([...projection!.path, 'periodsPerAchiever', line.outcome!]), raw)) };
    }
    timed.push({ cohort: part.cohort, amount: part.amount, delay: delayOf(line.outcome ?? ''), periods });
  }
  const schedule = paymentSchedule(timed, timeline, profiles);
  const costs = costsByWeek(card.investment!, timeline, participants);
  return {
    costs,
    payments: schedule.byWeek,
    late: schedule.late,
    exactCosts: [...costs.values()].reduce(Q.add, Q.ZERO),
    exactPayments: [...schedule.byWeek.values()].reduce(Q.add, Q.ZERO),
    linear,
  };
}

/**
 * The --achievement scale at which the payments first cover the costs, rounded up to 4 decimals.
 * Where payments are proportional to achievement (no cap binds, no share held at 1) it is
 * costs ÷ payments × the scale now, exactly; otherwise it is searched (payments never fall as
 * achievement rises), each step computing the totals afresh.
 */
function breakEvenOf(card: RateCardModel, framework: FrameworkModel | undefined, whatIf: WhatIf, timeline: Timeline, now: State): number | string {
  if (Q.isZero(now.exactCosts)) return 'there are no costs to break even on';
  const scaleNow = whatIf.achievement !== undefined ? (Q.parseDecimal(whatIf.achievement) ?? Q.ONE) : Q.ONE;
  if (!Q.isZero(now.exactPayments) && now.linear) {
    const scale = Q.mul(scaleNow, Q.div(now.exactCosts, now.exactPayments));
    // Below the scale now, payments stay proportional: exact.
    if (Q.compare(scale, scaleNow) <= 0) return ratio(scale, 'up');
  }
  const paysAt = (units: number): boolean => {
    const models = whatIfModels(card, framework, { participants: whatIf.participants, achievement: (units / 10000).toFixed(4) });
    const state = stateOf(models.rateCard, models.framework, timeline);
    return typeof state !== 'string' && Q.compare(state.exactPayments, state.exactCosts) >= 0;
  };
  let top = 10000;
  let smallest = 1;
  for (const p of card.projection) for (const s of Object.values(p.achievement)) if (s > 0 && s < smallest) smallest = s;
  const ceiling = Math.min(Math.ceil(10000 / smallest), 100_000_000);
  while (!paysAt(top)) {
    if (top >= ceiling) return 'the payments stay below the costs even if every share of achievement were 1';
    top = Math.min(top * 2, ceiling);
  }
  let low = 0;
  if (paysAt(0)) return 0;
  while (top - low > 1) {
    const middle = Math.floor((low + top) / 2);
    if (paysAt(middle)) top = middle;
    else low = middle;
  }
  return top / 10000;
}

/** A ratio to 4 decimals: half up, or up (a scale at which the investors do break even). */
function ratio(value: Q.Rational, mode: 'half-up' | 'up'): number {
  const scaled = Q.mulInt(value, 10000);
  const whole = mode === 'up' ? ceil(scaled) : BigInt(Q.roundHalfUp(scaled));
  return Number(whole) / 10000;
}

function ceil(a: Q.Rational): bigint {
  const f = Q.floor(a);
  return Q.compare(Q.int(f), a) === 0 ? f : f + 1n;
}

const cases = new WeakMap<RateCardModel, { framework: FrameworkModel | undefined; figures: InvestorFigures | undefined }>();

/** investorFigures with no what-if, computed once per (rate card, framework) model pair, for the rules and the editor. */
export function investorCase(rateCard: RateCardModel, framework: FrameworkModel | undefined): InvestorFigures | undefined {
  const known = cases.get(rateCard);
  if (known && known.framework === framework) return known.figures;
  const figures = investorFigures(rateCard, framework);
  cases.set(rateCard, { framework, figures });
  return figures;
}
