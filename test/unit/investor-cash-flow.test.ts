/**
 * The investor's cash flow by quarter (core/investor/cash-flow.ts and stateOf) against a plain
 * week-by-week reckoning of docs/value.md: payments timed week by week by core/timing's
 * paymentSchedule (itself checked against a simulation in investor-timing.test.ts), costs day by
 * day (fixed at the start, a participant's cost the week they join, a year's running costs ÷ 365
 * each day the service runs, fees each day of the contract), each week put in the quarter
 * monthsBetween(start, its first day) ÷ 3 falls in. The fast path sums runs of weeks by quarter
 * and parts by timing; the figures must be the same to the penny.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { investorFigures } from '../../server/src/core/investor';
import { calendarOf, costsByQuarter, profiledByQuarter, Quarters, timedByQuarter } from '../../server/src/core/investor/cash-flow';
import type { FrameworkModel, InvestmentModel, RateCardModel } from '../../server/src/core/model';
import { nodeHost } from '../../server/src/core/node-host';
import { computeTotals, expectedParts } from '../../server/src/core/totals';
import * as Q from '../../server/src/core/totals/rational';
import { contractTimeline, dayOf, expectedPeriods, isoOf, monthsBetween, outcomeDelays, paymentSchedule, type TimedPart, type Timeline } from '../../server/src/core/timing';
import { whatIfModels } from '../../server/src/core/what-if';
import { Workspace } from '../../server/src/core/workspace';

type Per = 'week' | 'month' | 'quarter';
type ByWeek = Map<number, Q.Rational>;

const quarterOfWeek = (timeline: Timeline, week: number) => Math.floor(monthsBetween(timeline.start, timeline.start + 7 * week) / 3);

/** The costs week by week, from a loop over the days. */
function plainCosts(investment: InvestmentModel, timeline: Timeline, participants: number): ByWeek {
  const byWeek: ByWeek = new Map();
  const put = (week: number, amount: Q.Rational) => {
    if (!Q.isZero(amount)) byWeek.set(week, Q.add(byWeek.get(week) ?? Q.ZERO, amount));
  };
  put(0, Q.int((investment.costs.fixed ?? 0) + (investment.fees.fixed ?? 0)));
  const perParticipant = investment.costs.perParticipant ?? 0;
  if (perParticipant && participants) for (let w = 0; w < timeline.recruitmentWeeks; w++) put(w, Q.div(Q.int(perParticipant * participants), Q.int(timeline.recruitmentWeeks)));
  const daily = (perYear: number | undefined, days: number) => {
    if (perYear) for (let d = 0; d < days; d++) put(Math.floor(d / 7), Q.div(Q.int(perYear), Q.int(365)));
  };
  daily(investment.costs.perYear, timeline.serviceDays);
  daily(investment.fees.perYear, timeline.contractDays);
  return byWeek;
}

/** Weeks into quarters: the sums, and the last quarter any week (even one of nothing) falls in. */
function byQuarter(timeline: Timeline, byWeek: ByWeek): { sums: Map<number, Q.Rational>; last: number } {
  const sums = new Map<number, Q.Rational>();
  let last = 0;
  for (const [week, amount] of byWeek) {
    const q = quarterOfWeek(timeline, week);
    sums.set(q, Q.add(sums.get(q) ?? Q.ZERO, amount));
    last = Math.max(last, q);
  }
  return { sums, last };
}

function assertSameQuarters(fast: Quarters, plain: { sums: Map<number, Q.Rational>; last: number }, what: string) {
  assert.equal(fast.last, plain.last, `${what}: the last quarter`);
  for (let q = 0; q <= plain.last; q++) assert.equal(Q.compare(fast.value(q), plain.sums.get(q) ?? Q.ZERO), 0, `${what}: quarter ${q}`);
}

const timelineArb = fc
  .record({
    startOffset: fc.integer({ min: 0, max: 3000 }),
    recruitDays: fc.integer({ min: 0, max: 800 }),
    serviceDays: fc.integer({ min: 0, max: 1600 }),
    contractDays: fc.integer({ min: 1, max: 2000 }),
    lastPaymentOffset: fc.integer({ min: -60, max: 2200 }),
  })
  .map(({ startOffset, recruitDays, serviceDays, contractDays, lastPaymentOffset }): Timeline => {
    const start = dayOf('2019-01-31')! + startOffset; // the 31st: months of different lengths
    return { start, recruitmentWeeks: Math.floor(recruitDays / 7) + 1, serviceDays, contractDays, lastPaymentDay: start + lastPaymentOffset };
  });

describe("the investor's cash flow by quarter", () => {
  it('costs by quarter equal a day-by-day reckoning put in calendar quarters', () => {
    const money = fc.option(fc.integer({ min: 0, max: 50_000_000 }), { nil: undefined });
    fc.assert(
      fc.property(timelineArb, money, money, money, money, money, fc.integer({ min: 0, max: 5000 }), (timeline, perParticipant, perYear, fixed, feesPerYear, feesFixed, participants) => {
        const investment: InvestmentModel = { costs: { perParticipant, perYear, fixed }, fees: { perYear: feesPerYear, fixed: feesFixed } };
        const fast = new Quarters();
        costsByQuarter(investment, calendarOf(timeline), participants, fast);
        assertSameQuarters(fast, byQuarter(timeline, plainCosts(investment, timeline, participants)), 'costs');
      }),
      { numRuns: 200 },
    );
  });

  it("payments by quarter equal paymentSchedule's weeks put in calendar quarters, with or without a profile; what is late is the same", () => {
    const part = fc.record({
      amount: fc.integer({ min: 0, max: 10_000_000 }),
      delay: fc.integer({ min: 0, max: 80 }),
      periods: fc.option(fc.record({ per: fc.constantFrom<Per>('week', 'month', 'quarter'), tenths: fc.integer({ min: 0, max: 400 }) }), { nil: undefined }),
    });
    const profileArb = fc.option(fc.dictionary(fc.integer({ min: 2015, max: 2030 }).map(String), fc.integer({ min: 0, max: 100 }), { maxKeys: 5 }), { nil: undefined });
    fc.assert(
      fc.property(timelineArb, fc.array(part, { minLength: 1, maxLength: 8 }), profileArb, fc.integer({ min: 0, max: 3 }), (timeline, raw, profileRaw, finalTimes) => {
        const parts: TimedPart[] = raw.map((p) => ({ cohort: 'c', amount: Q.div(Q.int(p.amount), Q.int(7)), delay: p.delay, periods: p.periods && { per: p.periods.per, expected: Q.div(Q.int(p.periods.tenths), Q.int(10)) } }));
        const profile = profileRaw && new Map(Object.entries(profileRaw).map(([year, pct]) => [year, Q.div(Q.int(pct), Q.int(100))]));
        const calendar = calendarOf(timeline);
        // The fast path: parts summed by timing, then timed by quarter; a profile times the sum.
        const groups = new Map<string, { amount: Q.Rational; delay: number; periods?: TimedPart['periods'] }>();
        for (const p of parts) {
          const key = p.periods ? `${p.delay}|${p.periods.per}|${Q.toNumber(p.periods.expected)}` : `${p.delay}`;
          const g = groups.get(key);
          if (g) g.amount = Q.add(g.amount, p.amount);
          else groups.set(key, { amount: p.amount, delay: p.delay, periods: p.periods });
        }
        const sum = parts.reduce((s, p) => Q.add(s, p.amount), Q.ZERO as Q.Rational);
        const schedule = profile ? profiledByQuarter(sum, profile, calendar) : timedByQuarter(groups.values(), calendar);
        // A cohort's factor after caps (0 when a cap cuts it to nothing: its quarters still count).
        const final = Q.div(Q.int(finalTimes), Q.int(2));
        const fast = new Quarters();
        for (const [q, amount] of schedule.quarters) fast.add(q, Q.mul(amount, final));
        const plain = paymentSchedule(parts, timeline, profile ? new Map([['c', profile]]) : new Map());
        const scaled: ByWeek = new Map([...plain.byWeek].map(([w, a]) => [w, Q.mul(a, final)]));
        assertSameQuarters(fast, byQuarter(timeline, scaled), 'payments');
        assert.equal(Q.compare(schedule.late, plain.late), 0, 'late');
      }),
      { numRuns: 300 },
    );
  });

  it('the figures of random rate cards, with and without profiles, periods, caps and what-ifs, equal the week-by-week reckoning', function () {
    this.timeout(120000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'investor-cash-flow-'));
    const workspace = () => new Workspace(dir, nodeHost);
    const cohortArb = fc.record({
      participants: fc.integer({ min: 0, max: 400 }),
      shares: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 4, maxLength: 4 }),
      periods: fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined }), // tenths per achiever
      profile: fc.option(fc.dictionary(fc.integer({ min: 2019, max: 2029 }).map(String), fc.integer({ min: 0, max: 100 }), { minKeys: 1, maxKeys: 4 }), { nil: undefined }),
    });
    try {
      fc.assert(
        fc.property(
          fc.record({
            start: fc.integer({ min: 0, max: 1500 }),
            recruit: fc.integer({ min: 0, max: 500 }),
            tail: fc.integer({ min: 0, max: 900 }),
            finalPayment: fc.option(fc.integer({ min: 0, max: 1500 }), { nil: undefined }),
            sustain: fc.integer({ min: 1, max: 80 }),
            per: fc.constantFrom<Per>('week', 'month', 'quarter'),
            maxPeriods: fc.integer({ min: 1, max: 120 }),
            prices: fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 4, maxLength: 4 }),
            capPerParticipant: fc.option(fc.integer({ min: 0, max: 6000 }), { nil: undefined }),
            capTotal: fc.option(fc.integer({ min: 0, max: 2_000_000 }), { nil: undefined }),
            cohorts: fc.array(cohortArb, { minLength: 1, maxLength: 2 }),
            costs: fc.record({ perParticipant: fc.integer({ min: 0, max: 5000 }), perYear: fc.integer({ min: 0, max: 200000 }), fixed: fc.integer({ min: 1, max: 90000 }) }),
            whatIf: fc.constantFrom({}, { achievement: '0.7' }, { participants: '1.5' }),
            aboveBaseline: fc.boolean(),
          }),
          (c) => {
            const start = dayOf('2020-01-31')! + c.start;
            const recruitmentEnd = start + c.recruit;
            const end = recruitmentEnd + c.tail;
            const finalPaymentDate = c.finalPayment === undefined ? '' : `, finalPaymentDate: ${isoOf(start + c.finalPayment)}`;
            const ids = ['leavers', 'high-needs'];
            fs.writeFileSync(
              path.join(dir, 'p.framework.yaml'),
              `kind: OutcomeFramework
schemaVersion: 1
id: cash-flow-property
title: Homes
currency: GBP
contract: { start: ${isoOf(start)}, recruitmentEnd: ${isoOf(recruitmentEnd)}, end: ${isoOf(end)}${finalPaymentDate} }
payers: [{ id: council, name: Council }]
cohorts:
${c.cohorts.map((_, i) => `  - { id: ${ids[i]}, title: Cohort ${i + 1}, eligibility: [a], size: ${20 + 30 * i} }`).join('\n')}
outcomes:
  - { id: housed, title: Housed, domain: accommodation, stage: entry, role: payment, evidence: { kind: administrative, source: Tenancy } }
  - { id: kept, title: Kept, domain: accommodation, stage: sustainment, role: payment, sustainWeeks: ${c.sustain}, requires: [housed], evidence: { kind: administrative, source: Records }, baseline: { leavers: 0.05 } }
  - { id: settled, title: Settled, domain: accommodation, stage: sustainment, role: payment, sustainWeeks: ${c.sustain * 2}, requires: [kept], evidence: { kind: administrative, source: Records } }
  - { id: week-housed, title: A week housed, domain: accommodation, stage: sustainment, role: payment, requires: [housed], evidence: { kind: administrative, source: Records } }
`,
            );
            const caps = [c.capPerParticipant !== undefined && `perParticipant: ${c.capPerParticipant}`, c.capTotal !== undefined && `total: ${c.capTotal}`].filter(Boolean);
            const projection = c.cohorts
              .map((k, i) => {
                const outcomes = ['housed', 'kept', 'settled', 'week-housed'];
                const achievement = outcomes.map((o, j) => `${o}: ${k.shares[j] / 100}`).join(', ');
                const lines = [`  - cohort: ${ids[i]}`, `    participants: ${k.participants}`, `    achievement: { ${achievement} }`];
                if (k.periods !== undefined) lines.push(`    periodsPerAchiever: { week-housed: ${k.periods / 10} }`);
                if (k.profile) lines.push(`    profile: { ${Object.entries(k.profile).map(([y, s]) => `${y}: ${s / 100}`).join(', ')} }`);
                return lines.join('\n');
              })
              .join('\n');
            fs.writeFileSync(
              path.join(dir, 'p.ratecard.yaml'),
              `kind: RateCard
schemaVersion: 1
id: cash-flow-property-card
framework: p.framework.yaml
currency: GBP
payers: { council: 100 }
${caps.length ? `caps: { ${caps.join(', ')} }\n` : ''}investment:
  committed: 100000
  costs: { perParticipant: ${c.costs.perParticipant}, perYear: ${c.costs.perYear}, fixed: ${c.costs.fixed} }
  fees: { perYear: 5000 }
prices:
  - { outcome: housed, price: ${c.prices[0]} }
  - { outcome: kept, price: ${c.prices[1]}${c.aboveBaseline ? ', aboveBaseline: true' : ''} }
  - { outcome: settled, price: ${c.prices[2]} }
  - { outcome: week-housed, price: ${c.prices[3]}, per: ${c.per}, maxPeriods: ${c.maxPeriods} }
projection:
${projection}
`,
            );
            const ws = workspace();
            const card = ws.analyze(path.join(dir, 'p.ratecard.yaml'))?.model as RateCardModel | undefined;
            assert.ok(card, 'the rate card reads');
            const link = ws.frameworkOf(card);
            const framework = link.ok ? link.framework : undefined;
            assert.ok(framework, 'the framework links');
            const figures = investorFigures(card, framework, c.whatIf)!;
            const plain = reference(card, framework, c.whatIf);
            if (typeof plain === 'string') {
              assert.ok(figures.missing, `the reference says "${plain}", the figures say nothing is missing`);
              return;
            }
            assert.equal(figures.missing, undefined, figures.missing);
            assert.deepEqual(
              figures.cashFlow.map((q) => [q.quarter, q.costs, q.payments]),
              plain.quarters.map((q, i) => [i, q.costs, q.payments]),
            );
            assert.equal(figures.costs, plain.costs);
            assert.equal(figures.payments, plain.payments);
            assert.equal(figures.notPaidAfterLastPaymentDate, plain.late);
          },
        ),
        { numRuns: 60 },
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** The cash flow as docs/value.md tells it, week by week, from the totals' expected parts. */
function reference(card0: RateCardModel, framework0: FrameworkModel, whatIf: object): { quarters: { costs: number; payments: number }[]; costs: number; payments: number; late: number } | string {
  const { rateCard: card, framework } = whatIfModels(card0, framework0, whatIf);
  const reading = contractTimeline(framework);
  if (!reading.ok) return reading.missing;
  const timeline = reading.timeline;
  const totals = computeTotals(card, framework);
  if (totals.expected === null) return 'not projected';
  const expected = expectedParts(card, framework);
  if (!expected) return 'not exact';
  let participants = 0;
  for (const c of Object.values(totals.byCohort)) participants += c.participants ?? 0;
  const delayOf = outcomeDelays(framework);
  const timed = new Map<string, TimedPart[]>();
  const profiles = new Map<string, Map<string, Q.Rational>>();
  for (const part of expected.parts) {
    const line = card.prices.find((l) => l.index === part.line)!;
    const projection = card.projection.find((p) => p.cohort === part.cohort && typeof p.value.achievement === 'object' && p.value.achievement !== null);
    if (projection?.profile && Object.keys(projection.profile).length) profiles.set(part.cohort, new Map(Object.entries(projection.profile).map(([y, s]) => [y, Q.readShare(() => undefined, s)])));
    const list = timed.get(part.cohort) ?? [];
    timed.set(part.cohort, list);
    list.push({ cohort: part.cohort, amount: part.amount, delay: delayOf(line.outcome ?? ''), periods: expectedPeriods(line, projection) });
  }
  const payments: ByWeek = new Map();
  let late: Q.Rational = Q.ZERO;
  for (const [cohort, parts] of timed) {
    const { final } = expected.cohorts.get(cohort)!;
    const schedule = paymentSchedule(parts, timeline, profiles);
    for (const [week, amount] of schedule.byWeek) payments.set(week, Q.add(payments.get(week) ?? Q.ZERO, Q.mul(amount, final)));
    late = Q.add(late, Q.mul(schedule.late, final));
  }
  const costs = byQuarter(timeline, plainCosts(card.investment!, timeline, participants));
  const pays = byQuarter(timeline, payments);
  const count = Math.max(costs.last, pays.last) + 1;
  const column = (q: { sums: Map<number, Q.Rational> }) => Array.from({ length: count }, (_, i) => q.sums.get(i) ?? Q.ZERO);
  const costColumn = column(costs);
  const payColumn = column(pays);
  const costWhole = Q.roundHalfUp(costColumn.reduce(Q.add, Q.ZERO));
  const payWhole = Q.roundHalfUp(payColumn.reduce(Q.add, Q.ZERO));
  const costParts = Q.largestRemainder(costWhole, costColumn);
  const payParts = Q.largestRemainder(payWhole, payColumn);
  return { quarters: costParts.map((c, i) => ({ costs: c, payments: payParts[i] })), costs: costWhole, payments: payWhole, late: Q.roundHalfUp(late) };
}
