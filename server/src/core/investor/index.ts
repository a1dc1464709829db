/**
 * The investor's case (docs/value.md, "The investor's case"): from the rate card's `investment`
 * (capital committed, delivery costs, fees) and the contract's dates, the quarterly cash flow,
 * the peak funding need against the capital committed, the money multiple, the IRR and the
 * achievement scale at which the investors break even. Money in minor units, exact until each
 * figure is rounded once; ratios to 4 decimals; every figure that cannot be known says why.
 */
import type { FrameworkModel, InvestmentModel, RateCardModel } from '../model';
import { expectedParts, computeTotals } from '../totals';
import * as Q from '../totals/rational';
import { contractTimeline, expectedPeriods, outcomeDelays, type TimedPart, type Timeline } from '../timing';
import { whatIfModels, type WhatIf } from '../what-if';
import { calendarOf, costsByQuarter, profiledByQuarter, Quarters, quarterly, timedByQuarter } from './cash-flow';
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
  const state = stateOf(models.rateCard, models.framework, reading.timeline, investment, whatIf.achievement !== undefined);
  if (typeof state === 'string') return empty(state);
  const flow = quarterly(state.costs, state.payments, reading.timeline);
  if (!flow) return empty('The costs or payments are past any amount that can be shown: check the figures.');
  const notEstimated: Record<string, string> = {};
  const irr = irrOf(flow.quarters.map((q) => q.payments - q.costs));
  if (irr.irr === null) notEstimated.irr = irr.reason;
  if (committed === null) notEstimated.fundingGap = 'the investment gives no capital committed';
  const multiple = flow.costs === 0 ? null : ratio(Q.div(Q.int(flow.payments), Q.int(flow.costs)), 'half-up');
  const breakEven = breakEvenOf(rateCard, framework, whatIf, reading.timeline, state, investment);
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
  costs: Quarters;
  payments: Quarters;
  late: Q.Rational;
  exactCosts: Q.Rational;
  exactPayments: Q.Rational;
  /**
   * How the payments move with achievement below the scale now, where that is known exactly: per
   * cohort, its payments before any cap (X) and after its per-participant cap (A, when that cap
   * binds) and the share of them paid by the last payment date (rho); and caps.total. Absent
   * where a line is paid above a baseline or by band shares, a share may be held at 1, or
   * caps.perPayer applies: then break-even is searched.
   */
  shape?: { cohorts: { X: Q.Rational; A: Q.Rational | undefined; rho: Q.Rational }[]; capTotal: number | undefined };
}

type Projection = RateCardModel['projection'][number];

/** One cohort's parts as the loop over them finds it: its projection, its profile, and its parts summed by timing. */
interface CohortParts {
  projection: Projection | undefined;
  profile: Map<string, Q.Rational> | undefined;
  /** Parts with no periods, by delay; and parts paid per period, by delay and periods. */
  byDelay: Map<number, { amount: Q.Sum; delay: number }>;
  byPeriods: Map<string, { amount: Q.Sum; delay: number; periods: NonNullable<TimedPart['periods']> }>;
}

/** Costs and payments by quarter for these models, or why they cannot be said. */
function stateOf(card: RateCardModel, framework: FrameworkModel | undefined, timeline: Timeline, investment: InvestmentModel, scaled: boolean): State | string {
  const totals = computeTotals(card, framework);
  if (totals.expected === null) {
    return totals.blocked.includes('expected')
      ? 'The expected payments cannot be computed (see "Not every figure could be computed"), so neither can what comes back to the investors.'
      : 'The expected payments are not projected: give the projection achievement shares, so what comes back to the investors can be said.';
  }
  let participants = 0;
  for (const [cohort, c] of Object.entries(totals.byCohort)) {
    if (c.participants === null) {
      if ((investment.costs.perParticipant ?? 0) > 0) return `Cohort ${cohort} has no participant count (projection participants or the cohort's size), so its delivery costs cannot be said.`;
      continue;
    }
    if (c.participants > 0 && c.expected === null) return `Cohort ${cohort} has participants but no projection of achievement, so what comes back for its delivery costs cannot be said: add a projection for it.`;
    participants += c.participants;
  }
  const expected = expectedParts(card, framework);
  if (!expected) return 'The expected payments cannot be computed exactly, so neither can what comes back to the investors.';
  const calendar = calendarOf(timeline);
  const delayOf = outcomeDelays(framework);
  const perPayerCaps = Object.values(card.caps.perPayer ?? {}).some((v) => v !== undefined);
  let exact = !perPayerCaps;
  // Parts are per participant before any cap: each cohort's are summed by timing (a thousand
  // lines make a few sums), timed once, then scaled by the cohort's own factor. A cohort with a
  // profile is timed by it alone: its parts' sum, which expectedParts gives, is all it needs.
  const byCohort = new Map<string, CohortParts>();
  for (const id of expected.cohorts.keys()) {
    const cohort = cohortParts(card, id);
    byCohort.set(id, cohort);
    // A share of 1 under an achievement what-if may be one held at 1.
    if (scaled && cohort.projection && Object.values(cohort.projection.achievement).some((s) => s >= 1)) exact = false;
  }
  // Only a line paid above a baseline or by bands can hide the payments' shape; without one, and
  // with every cohort profiled, no part needs a look of its own.
  const banded = card.prices.some((l) => l.aboveBaseline || l.bands);
  let current: CohortParts | undefined;
  let currentId: string | undefined;
  if (banded || [...byCohort.values()].some((c) => !c.profile)) {
    for (const part of expected.parts) {
      // Parts come cohort by cohort: the cohort is looked up when it changes.
      if (part.cohort !== currentId || !current) {
        currentId = part.cohort;
        current = byCohort.get(part.cohort)!;
      }
      if (current.profile && !banded) continue;
      const line = lineAt(card, part.line);
      const projection = current.projection;
      if (line.aboveBaseline || (line.bands && projection && line.outcome !== undefined && Object.hasOwn(projection.bandShares, line.outcome))) exact = false;
      if (current.profile) continue;
      const delay = delayOf(line.outcome ?? '');
      const periods = expectedPeriods(line, projection, () => card.parsed.sourceOf([...projection!.path, 'periodsPerAchiever', line.outcome!]));
      if (!periods) {
        const group = current.byDelay.get(delay);
        if (group) group.amount.add(part.amount);
        else current.byDelay.set(delay, { amount: sumOf(part.amount), delay });
        continue;
      }
      const key = `${delay}|${periods.per}|${periods.expected.n}/${periods.expected.d}`;
      const group = current.byPeriods.get(key);
      if (group) group.amount.add(part.amount);
      else current.byPeriods.set(key, { amount: sumOf(part.amount), delay, periods });
    }
  }
  // Each cohort timed on its own (what it loses after the last payment date is its own share), then merged.
  const payments = new Quarters();
  let late: Q.Rational = Q.ZERO;
  const cohorts: { X: Q.Rational; A: Q.Rational | undefined; rho: Q.Rational }[] = [];
  for (const [id, cohort] of byCohort) {
    const { people, capCut, final, sum } = expected.cohorts.get(id)!;
    const schedule = cohort.profile
      ? profiledByQuarter(sum, cohort.profile, calendar)
      : timedByQuarter(
          [...[...cohort.byDelay.values()].map((g) => ({ amount: g.amount.value(), delay: g.delay })), ...[...cohort.byPeriods.values()].map((g) => ({ amount: g.amount.value(), delay: g.delay, periods: g.periods }))],
          calendar,
        );
    for (const [quarter, amount] of schedule.quarters) payments.add(quarter, Q.mul(amount, final));
    late = Q.add(late, Q.mul(schedule.late, final));
    // Before any cap (X), after the cohort's per-participant cap (A, when it binds), and the share paid in time.
    const X = Q.mulInt(sum, people);
    cohorts.push({ X, A: Q.compare(capCut, Q.ONE) < 0 ? Q.mul(X, capCut) : undefined, rho: Q.isZero(sum) ? Q.ZERO : Q.div(Q.sub(sum, schedule.late), sum) });
  }
  const costs = new Quarters();
  costsByQuarter(investment, calendar, participants, costs);
  const exactCosts = new Q.Sum();
  for (const s of costs.sums) exactCosts.add(s.value());
  const exactPayments = new Q.Sum();
  for (const s of payments.sums) exactPayments.add(s.value());
  return {
    costs,
    payments,
    late,
    exactCosts: exactCosts.value(),
    exactPayments: exactPayments.value(),
    ...(exact ? { shape: { cohorts, capTotal: card.caps.total } } : {}),
  };
}

/** A cohort's projection (the first with achievement shares) and its profile, read once per cohort. */
function cohortParts(card: RateCardModel, cohort: string): CohortParts {
  const projection = card.projection.find((p) => p.cohort === cohort && p.value.achievement !== null && typeof p.value.achievement === 'object');
  const profile =
    projection?.profile && Object.keys(projection.profile).length
      ? new Map(Object.entries(projection.profile).map(([year, share]) => [year, Q.readShare(() => card.parsed.sourceOf([...projection.path, 'profile', year]), share)]))
      : undefined;
  return { projection, profile, byDelay: new Map(), byPeriods: new Map() };
}

/** The price line with this index: the line at that place in the list, as the model builds it. */
function lineAt(card: RateCardModel, index: number): RateCardModel['prices'][number] {
  const line = card.prices[index];
  return line?.index === index ? line : card.prices.find((l) => l.index === index)!;
}

function sumOf(first: Q.Rational): Q.Sum {
  const sum = new Q.Sum();
  sum.add(first);
  return sum;
}

/** What the investors are paid at achievement × r of the scale now (r ≤ 1), from the state's shape: exact. */
function paidAt(shape: NonNullable<State['shape']>, r: Q.Rational): Q.Rational {
  let all: Q.Rational = Q.ZERO;
  let paid: Q.Rational = Q.ZERO;
  for (const c of shape.cohorts) {
    const scaled = Q.mul(c.X, r);
    const expected = c.A !== undefined ? Q.min(c.A, scaled) : scaled;
    all = Q.add(all, expected);
    paid = Q.add(paid, Q.mul(expected, c.rho));
  }
  // caps.total cuts every payment in the same proportion, as the totals do.
  if (shape.capTotal !== undefined && Q.compare(all, Q.int(shape.capTotal)) > 0) paid = Q.mul(paid, Q.div(Q.int(shape.capTotal), all));
  return paid;
}

/**
 * The --achievement scale at which the payments first cover the costs, rounded up to 4 decimals.
 * Where payments are proportional to achievement (no cap binds, no share held at 1) it is
 * costs ÷ payments × the scale now, exactly; otherwise it is searched (payments never fall as
 * achievement rises), each step computing the totals afresh.
 */
function breakEvenOf(card: RateCardModel, framework: FrameworkModel | undefined, whatIf: WhatIf, timeline: Timeline, now: State, investment: InvestmentModel): number | string {
  if (Q.isZero(now.exactCosts)) return 'there are no costs to break even on';
  const scaleNow = whatIf.achievement !== undefined ? (Q.parseDecimal(whatIf.achievement) ?? Q.ONE) : Q.ONE;
  // Below the scale now, where the payments' shape is known: an exact search on it, no totals afresh.
  if (now.shape && !Q.isZero(now.exactPayments) && Q.compare(now.exactPayments, now.exactCosts) >= 0) {
    const shape = now.shape;
    const pays = (units: number) => Q.compare(paidAt(shape, Q.div(Q.div(Q.int(units), Q.int(10000)), scaleNow)), now.exactCosts) >= 0;
    let low = 0;
    let high = Number(Q.floor(Q.mulInt(scaleNow, 10000)));
    if (pays(0)) return 0;
    if (pays(high)) {
      while (high - low > 1) {
        const middle = Math.floor((low + high) / 2);
        if (pays(middle)) high = middle;
        else low = middle;
      }
      return high / 10000;
    }
  }
  const paysAt = (units: number): boolean => {
    const models = whatIfModels(card, framework, { participants: whatIf.participants, achievement: (units / 10000).toFixed(4) });
    const state = stateOf(models.rateCard, models.framework, timeline, investment, true);
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
