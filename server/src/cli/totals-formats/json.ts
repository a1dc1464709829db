/** `totals --format json`: format.md's shape, amounts as decimal strings, null for unbounded or not projected. */
import type { TotalsReport } from '../../core/totals/report';
import { decimal } from '../../core/totals/report';
import { valueJson } from '../../core/value';

export function totalsJson(report: TotalsReport): unknown {
  const t = report.totals;
  const money = (minor: number | null) => decimal(report, minor);
  const map = <V, R>(record: Record<string, V>, f: (v: V) => R): Record<string, R> => Object.fromEntries(Object.entries(record).map(([k, v]) => [k, f(v)]));
  return {
    rateCard: t.rateCard,
    file: report.filePath,
    framework: report.frameworkPath ?? null,
    currency: t.currency,
    maxPerParticipant: map(t.maxPerParticipant, money),
    maximumLiability: money(t.maximumLiability),
    expected: money(t.expected),
    deadweight: money(t.deadweight),
    byCohort: map(t.byCohort, (c) => ({ participants: c.participants, maxPerParticipant: money(c.maxPerParticipant), maximumLiability: money(c.maximumLiability), expected: money(c.expected), deadweight: money(c.deadweight) })),
    byPayer: map(t.byPayer, (p) => ({ maximumLiability: money(p.maximumLiability), expected: money(p.expected), deadweight: money(p.deadweight) })),
    byOutcome: map(t.byOutcome, (o) => ({ expected: money(o.expected), share: o.share })),
    byLine: t.byLine.map((l) => ({ index: l.index, outcome: l.outcome, cohorts: l.cohorts, claims: l.claims, ...(l.per ? { per: l.per } : {}), maxPerParticipant: money(l.maxPerParticipant), expected: money(l.expected), share: l.share })),
    byYear: map(t.byYear, money),
    capsApplied: t.capsApplied,
    cannotCompute: t.blocked,
    ...(Object.keys(t.notEstimated).length ? { notEstimated: t.notEstimated } : {}),
    ...(report.investor ? { investor: investorJson(report) } : {}),
    blockedBy: report.blockedBy,
    ...(report.value ? { value: valueJson(report.value) } : {}),
    ...(report.errors?.length ? { errors: report.errors, affectedByErrors: [...(report.touched ?? [])] } : {}),
  };
}

/** The investor's case: money as decimal strings, ratios as numbers to 4 decimals, why a figure is null. */
function investorJson(report: TotalsReport): unknown {
  const i = report.investor!;
  const money = (minor: number | null) => decimal(report, minor);
  return {
    committed: money(i.committed),
    costs: money(i.costs),
    payments: money(i.payments),
    peakFunding: money(i.peakFunding),
    fundingGap: money(i.fundingGap),
    moneyMultiple: i.moneyMultiple,
    irr: i.irr,
    breakEvenAchievement: i.breakEvenAchievement,
    notPaidAfterLastPaymentDate: money(i.notPaidAfterLastPaymentDate),
    cashFlow: i.cashFlow.map((q) => ({ period: q.period, costs: money(q.costs), payments: money(q.payments), balance: money(q.balance) })),
    ...(Object.keys(i.notEstimated).length ? { notEstimated: i.notEstimated } : {}),
    ...(i.missing ? { missing: i.missing } : {}),
  };
}

export function formatTotalsJson(reports: TotalsReport[]): string {
  const value = reports.length === 1 ? totalsJson(reports[0]) : reports.map(totalsJson);
  return JSON.stringify(value, null, 2) + '\n';
}
