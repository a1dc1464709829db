/**
 * Plan against actual (docs/actuals.md): what the rate card's projection planned to date beside
 * what the actuals file reports, and the reforecast if the rest of the contract performs as it
 * has so far. Plan figures are exact fractions rounded once (half up); a plan whose timing or
 * size is not known is "not estimated" with the reason, never zero.
 */
import { timesPaid, type ProjectionModel, type RateCardModel } from '../model';
import { computeTotals, type Totals } from '../totals';
import { COHORT_PAYER, cohortIdsOf, cohortPayerOf, participantsOf, projectionFor } from '../totals/inputs';
import { ownNumber } from '../records';
import * as Q from '../totals/rational';
import { investorFigures } from '../investor';
import { computeValue } from '../value';
import { lineFor, type Contract, type ReadRow } from './contract';
import { firstDayOf, lastDayOf, periodLabel } from './periods';
import { derivedTiming, type DerivedTiming } from './derived';

/** One figure: the actual to date beside the plan to date. */
export interface PlanLine {
  actual: number;
  /** Rounded once; null when not estimated (see `why`). */
  plan: number | null;
  /** actual ÷ plan, unrounded; null when there is no plan to compare with. */
  share: number | null;
  why?: string;
  /** For an outcome: the plan for the whole contract (rounded once); null when not projected. */
  whole?: number | null;
  /** The plan unrounded, as a float: the workbook keeps it in the cell (shown rounded) so actual ÷ plan there is the share above. */
  planExact?: number;
}

export interface PeriodPoint {
  label: string;
  /** Payments claimed in the period (minor units). */
  actual: number;
  /** Planned payments in the period; null when not estimated. */
  plan: number | null;
}

export interface Reforecast {
  /** How the contract has performed so far: payments claimed ÷ planned to date. */
  performance: number | null;
  /** Expected payments to the end of the contract if the rest performs as so far; null with `why`. */
  expected: number | null;
  expectedWhy?: string;
  /** The plan's expected payments (the rate card's projection), for comparison. */
  planned: number | null;
  /** Maximum liability less what has been claimed; null when the liability is unbounded (or, with `maximumLiabilityWhy`, cannot be computed). */
  maximumLiabilityOpen: number | null;
  maximumLiabilityWhy?: string;
  /** Each cap less what has been claimed against it (may be negative: past the cap). */
  headroom: { total?: number; perPayer: Record<string, number> };
  /** The investor's figures to the end, if the rest performs as so far (a rate card with `investment`). */
  investor?: { payments: number | null; costs: number | null; moneyMultiple: number | null; balance: number | null; plannedMultiple: number | null; why?: string };
}

/** The investor's balance to date: outcome payments received less delivery costs and fees. */
export interface InvestorBalance {
  /** Payments claimed to date less the costs planned to date (the actuals file reports no costs). */
  actual: number | null;
  /** The plan's balance at the end of its last quarter starting by the as-at date. */
  plan: number | null;
  /** The costs to date both use. */
  costs: number | null;
  why?: string;
}

export interface PlanAgainstActual {
  rateCard: string;
  currency: string;
  digits: number;
  periodKind: 'quarter' | 'month';
  /** The last month reported: the plan is taken to the end of it. */
  asAt?: { label: string; date: string; month: number };
  /** The month the plan starts counting from (the contract's start, else the first period reported). */
  from?: string;
  participants: PlanLine;
  outcomes: Record<string, PlanLine>;
  payments: PlanLine;
  byPayer: Record<string, PlanLine>;
  byPeriod: PeriodPoint[];
  /** Fiscal savings implied by the outcomes, beside the plan's (the framework's values); absent when no outcome has a value. */
  savings?: PlanLine & { bound: '' | 'at most ' | 'at least ' | 'about ' };
  /** The investor's balance, for a rate card with an `investment`. */
  investor?: InvestorBalance;
  reforecast: Reforecast;
}

/** Each payer's part of one claim, exactly, by the line's payer split (undefined parts are left out). */
export function claimsByPayer(contract: Contract, r: ReadRow): [string, Q.Rational][] {
  if (!r.line || r.claimed === 0) return [];
  const shares = sharesOf(contract, r.line.index, r.cohort);
  return shares.map(([payer, share]) => [payer, Q.mul(Q.int(r.claimed), share)]);
}

/** Who pays a line's claims in a cohort, with the shares: resolved once per line and cohort. */
const resolvedShares = new WeakMap<Contract, Map<string, [string, Q.Rational][]>>();
function sharesOf(contract: Contract, line: number, cohort: string): [string, Q.Rational][] {
  let cache = resolvedShares.get(contract);
  if (!cache) resolvedShares.set(contract, (cache = new Map()));
  const key = `${line}\u0000${cohort}`;
  let shares = cache.get(key);
  if (!shares) {
    const split = contract.splits.get(line);
    const cohortPayer = cohortPayerOf(contract.framework);
    shares = [];
    for (const [id, share] of split ?? []) {
      const payer = id === COHORT_PAYER ? cohortPayer(cohort) : id;
      if (payer) shares.push([payer, share]);
    }
    cache.set(key, shares);
  }
  return shares;
}

/** The share of a cohort's expected payments planned by the end of `month`, from its profile by year. */
function profileShare(profile: Record<string, number>, month: number): Q.Rational {
  const year = Math.floor(month / 12);
  let share = Q.ZERO;
  for (const [key, value] of Object.entries(profile)) {
    const y = Number(key);
    const part = Q.readShare(() => undefined, value);
    if (y < year) share = Q.add(share, part);
    else if (y === year) share = Q.add(share, Q.div(Q.mulInt(part, (month % 12) + 1), Q.int(12)));
  }
  return share;
}

/** The investor's payments, multiple and balance to the end if the rest of the contract performs as it has so far. */
function reforecastInvestor(balance: InvestorBalance, figures: ReturnType<typeof investorFigures>, performance: Q.Rational | null, actualPaid: number, lastMonth: number | undefined): NonNullable<Reforecast['investor']> {
  const none = (why: string) => ({ payments: null, costs: null, moneyMultiple: null, balance: null, plannedMultiple: figures?.moneyMultiple ?? null, why });
  if (!figures || figures.missing || balance.why) return none(balance.why ?? figures?.missing ?? 'no investment');
  if (figures.payments === null || figures.costs === null) return none(figures.notEstimated.payments ?? figures.notEstimated.costs ?? 'the investor\'s figures cannot be computed');
  if (performance === null || lastMonth === undefined) return none('nothing was planned to date to compare with');
  const asAt = lastDayOf(lastMonth);
  const plannedToDate = figures.cashFlow.filter((q) => q.period <= asAt).reduce((n, q) => n + q.payments, 0);
  const rest = Math.max(0, figures.payments - plannedToDate);
  const payments = Q.add(Q.int(actualPaid), Q.mulInt(performance, rest));
  const rounded = Q.roundHalfUp(payments);
  return {
    payments: rounded,
    costs: figures.costs,
    moneyMultiple: figures.costs === 0 ? null : Math.round(Q.toNumber(Q.div(payments, Q.int(figures.costs))) * 10000) / 10000,
    balance: rounded - figures.costs,
    plannedMultiple: figures.moneyMultiple,
  };
}

/** Outcomes planned for a cohort over the whole contract: participants × achievement × claims (or periods) per achiever. */
function plannedCount(card: RateCardModel, cohort: string, outcome: string, projection: ProjectionModel, people: number): Q.Rational {
  const achievement = ownNumber(projection.achievement, outcome) ?? 0;
  const l = lineFor(card, cohort, outcome);
  const times = l ? timesPaid(l) : 1;
  const each = l?.periods ? ownNumber(projection.periodsPerAchiever, outcome) ?? (typeof times === 'number' ? times : 1) : ownNumber(projection.claimsPerAchiever, outcome) ?? 1;
  return Q.mul(Q.mul(Q.int(people), Q.readShare(() => undefined, achievement)), Q.readShare(() => undefined, each));
}

const shareOf = (actual: number, plan: Q.Rational | null): number | null => (plan === null || Q.isZero(plan) ? null : actual / Q.toNumber(plan));

function line(actual: number, plan: Q.Rational | null, why?: string): PlanLine {
  return { actual, plan: plan === null ? null : Q.roundHalfUp(plan), share: shareOf(actual, plan), ...(plan === null ? (why ? { why } : {}) : { planExact: Q.toNumber(plan) }) };
}

export function planAgainstActual(contract: Contract, rows: ReadRow[], periodKind: 'quarter' | 'month' = 'quarter'): PlanAgainstActual {
  const card: RateCardModel = contract.rateCard;
  const framework = contract.framework;
  const totals: Totals = computeTotals(card, framework);
  const lastMonth = rows.length ? Math.max(...rows.map((r) => r.period.lastMonth)) : undefined;
  const firstMonth = contract.start?.month ?? (rows.length ? Math.min(...rows.map((r) => r.period.firstMonth)) : undefined);
  const cohorts = cohortIdsOf(card, framework);

  // Actuals to date.
  const actualStarted = rows.reduce((n, r) => n + r.started, 0);
  const actualPaid = rows.reduce((n, r) => n + r.claimed, 0);
  const actualOutcomes = new Map<string, number>();
  for (const r of rows) if (r.outcome) actualOutcomes.set(r.outcome, (actualOutcomes.get(r.outcome) ?? 0) + r.evidenced);
  const payerExact = new Map<string, Q.Rational>();
  for (const r of rows) for (const [payer, part] of claimsByPayer(contract, r)) payerExact.set(payer, Q.add(payerExact.get(payer) ?? Q.ZERO, part));
  const payerIds = [...new Set([...Object.keys(totals.byPayer), ...payerExact.keys()])];
  const payerWeights = payerIds.map((id) => payerExact.get(id) ?? Q.ZERO);
  const sharedOut = payerWeights.some((w) => !Q.isZero(w)) ? Q.largestRemainder(actualPaid, payerWeights) : payerIds.map(() => 0);
  const actualByPayer = new Map(payerIds.map((id, i) => [id, sharedOut[i]]));

  // The plan's timing: each cohort's profile by year; without one, the timing derived from the contract's dates (derived.ts).
  const noProfile = cohorts.filter((c) => (totals.byCohort[c]?.expected ?? 0) > 0 && !projectionFor(c, card)?.profile);
  const derived: DerivedTiming | string | undefined = noProfile.length && totals.expected !== null && lastMonth !== undefined ? derivedTiming(card, framework, noProfile) : undefined;
  const timingWhy =
    lastMonth === undefined ? 'no period reported yet' : totals.expected === null ? 'the rate card has no projection' : typeof derived === 'string' ? `no profile for ${noProfile.join(', ')}, and no timing can be derived from the contract's dates: ${derived}` : undefined;
  const timed = typeof derived === 'object' ? derived : undefined;
  const paymentsBy = (month: number): Q.Rational | null => {
    if (timingWhy) return null;
    let sum = Q.ZERO;
    for (const c of cohorts) {
      const expected = totals.byCohort[c]?.expected;
      const profile = projectionFor(c, card)?.profile;
      if (!expected) continue;
      if (profile) sum = Q.add(sum, Q.mul(Q.int(expected), profileShare(profile, month)));
      else if (timed) sum = Q.add(sum, timed.paymentsBy(c, month));
    }
    return sum;
  };
  const planPaid = lastMonth === undefined ? null : paymentsBy(lastMonth);

  // Participants: the projection's participants, started evenly over the months of recruitment.
  let planStarted: Q.Rational | null = null;
  let startedWhy: string | undefined;
  if (!contract.start || !contract.recruitmentEnd) startedWhy = 'the framework gives no contract start and recruitmentEnd, so when participants start is not planned';
  else if (lastMonth === undefined) startedWhy = 'no period reported yet';
  else {
    const months = contract.recruitmentEnd.month - contract.start.month + 1;
    const elapsed = Math.max(0, Math.min(months, lastMonth - contract.start.month + 1));
    let people = 0;
    const unknown = cohorts.filter((c) => participantsOf(c, card, framework) === undefined);
    if (unknown.length) startedWhy = `no participant count for ${unknown.join(', ')}`;
    else {
      for (const c of cohorts) people += participantsOf(c, card, framework)!;
      planStarted = Q.div(Q.mulInt(Q.int(people), elapsed), Q.int(months));
    }
  }

  // Outcomes: participants × achievement × claims (or periods) per achiever, timed as the payments.
  const outcomes: Record<string, PlanLine> = {};
  const wholes = new Map<string, Q.Rational>();
  const toDate = new Map<string, Q.Rational>();
  const outcomeIds = new Set<string>(actualOutcomes.keys());
  for (const c of cohorts) for (const id of Object.keys(projectionFor(c, card)?.achievement ?? {})) outcomeIds.add(id);
  for (const id of [...outcomeIds].sort()) {
    let plan: Q.Rational | null = timingWhy ? null : Q.ZERO;
    let whole: Q.Rational | null = totals.expected === null ? null : Q.ZERO;
    for (const c of cohorts) {
      const projection = projectionFor(c, card);
      const achievement = projection && ownNumber(projection.achievement, id);
      if (achievement === undefined || whole === null) continue;
      whole = Q.add(whole, plannedCount(card, c, id, projection!, participantsOf(c, card, framework) ?? 0));
    }
    if (plan && lastMonth !== undefined) {
      for (const c of cohorts) {
        const projection = projectionFor(c, card);
        const achievement = projection && ownNumber(projection.achievement, id);
        if (achievement === undefined || !projection) continue;
        const count = plannedCount(card, c, id, projection, participantsOf(c, card, framework) ?? 0);
        if (projection.profile) plan = Q.add(plan, Q.mul(count, profileShare(projection.profile, lastMonth)));
        else if (timed && noProfile.includes(c)) plan = Q.add(plan, Q.mul(count, timed.shareBy(c, id, lastMonth, projection)));
      }
    }
    outcomes[id] = { ...line(actualOutcomes.get(id) ?? 0, plan, timingWhy), whole: whole === null ? null : Q.roundHalfUp(whole) };
    if (whole !== null) wholes.set(id, whole);
    if (plan !== null) toDate.set(id, plan);
  }

  // By payer: each payer's expected payments, timed as the whole.
  const byPayer: Record<string, PlanLine> = {};
  for (const id of payerIds) {
    const whole = totals.byPayer[id]?.expected ?? null;
    const plan = planPaid !== null && whole !== null && totals.expected ? Q.div(Q.mulInt(planPaid, whole), Q.int(totals.expected)) : null;
    byPayer[id] = line(actualByPayer.get(id) ?? 0, plan, timingWhy ?? (whole === null ? 'this payer\'s expected payments cannot be computed' : undefined));
  }

  // Period by period, for the chart: each period reported (and those between), plan and actual.
  const byPeriod: PeriodPoint[] = [];
  if (lastMonth !== undefined && firstMonth !== undefined) {
    const step = periodKind === 'quarter' ? 3 : 1;
    const start = periodKind === 'quarter' ? firstMonth - (firstMonth % 3) : firstMonth;
    const claimedFrom = new Map<number, number>();
    for (const r of rows) claimedFrom.set(r.period.firstMonth, (claimedFrom.get(r.period.firstMonth) ?? 0) + r.claimed);
    for (let m = start; m <= lastMonth && byPeriod.length < 1200; m += step) {
      const end = m + step - 1;
      let actual = 0;
      for (let month = m; month <= end; month++) actual += claimedFrom.get(month) ?? 0;
      const to = paymentsBy(end);
      const before = paymentsBy(m - 1);
      byPeriod.push({ label: periodLabel(periodKind, m), actual, plan: to === null || before === null ? null : Q.roundHalfUp(Q.sub(to, before)) });
    }
  }

  // Savings: each outcome's expected savings (docs/value.md) per outcome planned, times the outcomes evidenced (actual) or planned to date (plan).
  let savings: PlanAgainstActual['savings'];
  const value = computeValue(card, framework);
  if (value.hasValues) {
    const why = value.notEstimated.savings ?? timingWhy;
    let actual: Q.Rational | null = Q.ZERO;
    let planned: Q.Rational | null = Q.ZERO;
    for (const [id, o] of Object.entries(value.byOutcome)) {
      if (!o.savings) continue;
      const whole = wholes.get(id);
      if (!whole || Q.isZero(whole)) {
        actual = planned = null; // savings for an outcome with no plan to share them by
        break;
      }
      const each = Q.div(Q.int(o.savings), whole);
      actual = Q.add(actual!, Q.mulInt(each, actualOutcomes.get(id) ?? 0));
      const p = toDate.get(id);
      planned = p === undefined || planned === null ? null : Q.add(planned, Q.mul(each, p));
    }
    const b = value.atMost.savings ? 'at most ' : value.atLeast.savings ? 'at least ' : value.about.savings ? 'about ' : '';
    if (why || actual === null) savings = { actual: 0, plan: null, share: null, why: why ?? 'an outcome with savings has no planned count to share them by', bound: b };
    else {
      const l = line(Q.roundHalfUp(actual), planned, 'the plan\'s timing is not known');
      savings = { ...l, share: planned === null || Q.isZero(planned) ? null : Q.toNumber(Q.div(actual, planned)), bound: b };
    }
  }

  // The investor's balance: the investor's cash flow (docs/value.md) to the as-at date, with payments as claimed.
  let investor: InvestorBalance | undefined;
  let investorPlan: ReturnType<typeof investorFigures>;
  if (card.investment) {
    investorPlan = investorFigures(card, framework);
    const asAtDate = lastMonth === undefined ? undefined : lastDayOf(lastMonth);
    if (!investorPlan || investorPlan.missing || !asAtDate) investor = { actual: null, plan: null, costs: null, why: investorPlan?.missing ?? 'no period reported yet' };
    else {
      const quarters = investorPlan.cashFlow.filter((q) => q.period <= asAtDate);
      const costs = quarters.reduce((n, q) => n + q.costs, 0);
      investor = { actual: actualPaid - costs, plan: quarters.length ? quarters[quarters.length - 1].balance : 0, costs };
    }
  }

  // The reforecast.
  const performance = planPaid === null || Q.isZero(planPaid) ? null : Q.div(Q.int(actualPaid), planPaid);
  let expected: number | null = null;
  let expectedWhy: string | undefined;
  if (totals.expected === null) expectedWhy = 'the rate card has no projection';
  else if (performance === null) expectedWhy = timingWhy ?? 'nothing was planned to date to compare with';
  else {
    const rest = Q.sub(Q.int(totals.expected), planPaid!);
    let forecast = Q.add(Q.int(actualPaid), Q.mul(Q.compare(rest, Q.ZERO) > 0 ? rest : Q.ZERO, performance));
    if (card.caps.total !== undefined) forecast = Q.min(forecast, Q.int(Math.max(card.caps.total, actualPaid)));
    expected = Q.roundHalfUp(forecast);
  }
  const perPayer: Record<string, number> = {};
  for (const [id, cap] of Object.entries(card.caps.perPayer ?? {})) if (cap !== undefined) perPayer[id] = cap - (actualByPayer.get(id) ?? 0);
  return {
    rateCard: card.file,
    currency: card.currency ?? '',
    digits: card.digits,
    periodKind,
    asAt: lastMonth === undefined ? undefined : { label: periodLabel(periodKind, lastMonth), date: lastDayOf(lastMonth), month: lastMonth },
    from: firstMonth === undefined ? undefined : firstDayOf(firstMonth),
    participants: line(actualStarted, planStarted, startedWhy),
    outcomes,
    payments: line(actualPaid, planPaid, timingWhy),
    byPayer,
    byPeriod,
    reforecast: {
      performance: performance === null ? null : Q.toNumber(performance),
      expected,
      ...(expectedWhy ? { expectedWhy } : {}),
      planned: totals.expected,
      maximumLiabilityOpen: totals.maximumLiability === null ? null : Math.max(0, totals.maximumLiability - actualPaid),
      ...(totals.blocked.includes('maximumLiability') ? { maximumLiabilityWhy: 'the rate card has errors that stop the maximum liability being computed' } : {}),
      headroom: { ...(card.caps.total !== undefined ? { total: card.caps.total - actualPaid } : {}), perPayer },
      ...(investor ? { investor: reforecastInvestor(investor, investorPlan, performance, actualPaid, lastMonth) } : {}),
    },
    ...(savings ? { savings } : {}),
    ...(investor ? { investor } : {}),
  };
}
