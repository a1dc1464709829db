/**
 * Live payment totals in the editor: the lens at the top of a rate card, the hints after each
 * price line, and the `outcomes/totals` request behind the preview. The figures come from the
 * core; this module only words and places them.
 */
import { InlayHintKind, type CodeLens, type InlayHint } from 'vscode-languageserver';
import type { FrameworkModel, RateCardModel } from '../core/model';
import { computeTotals, formatMoney, type Totals } from '../core/totals';
import { formatTotalsCsv } from '../core/totals/csv';
import type { FormattedTotals, PlanActualView, TotalsView } from '../protocol';
import { figuresTouched, formatErrors } from '../core/totals/touched';
import { boundOf } from '../core/totals/report';
import * as path from '../core/path';
import { checkActuals, isActualsFile, isActualsName, planRows, reforecastRows } from '../core/actuals';
import { pathToUri } from './convert';
import type { Session } from './session';
import { plural } from '../core/words';
import { computeValue, outcomeValues, type ValueOptions } from '../core/value';
import { valueLensTitle, valueView } from './value';
import { investorLensTitle, investorView } from './investor';
import { investorCase } from '../core/investor';

export const showPreviewCommand = 'outcomeFrameworks.showPreview';

const cache = new WeakMap<RateCardModel, { framework: FrameworkModel | undefined; totals: Totals }>();

/** The totals of a rate card as its text stands, or undefined when the file is not a rate card. */
export function totalsFor(session: Session, file: string): { rateCard: RateCardModel; totals: Totals } | undefined {
  const model = session.analyze(file)?.model;
  if (model?.kind !== 'RateCard') return undefined;
  const framework = session.frameworkOf(model)?.framework;
  const cached = cache.get(model);
  if (cached && cached.framework === framework) return { rateCard: model, totals: cached.totals };
  const totals = computeTotals(model, framework);
  cache.set(model, { framework, totals });
  return { rateCard: model, totals };
}

function money(totals: Totals, minor: number | null, key?: string): string {
  const text = formatMoney(minor, totals.currency, totals.digits);
  // A figure that is only an upper bound says so.
  return minor !== null && key && boundOf(totals, key) ? `at most ${text}` : text;
}

/** "£1,500" for one cohort; "£1,500 to £3,000" across cohorts. */
function perParticipant(totals: Totals): string {
  const values = Object.values(totals.maxPerParticipant);
  if (!values.length) return 'none';
  if (Object.entries(totals.maxPerParticipant).some(([cohort, v]) => v === null && totals.blocked?.includes(`maxPerParticipant.${cohort}`))) return 'cannot be computed';
  if (values.some((v) => v === null)) return 'unbounded';
  const numbers = values as number[];
  const low = Math.min(...numbers);
  const high = Math.max(...numbers);
  const range = low === high ? money(totals, low) : `${money(totals, low)} to ${money(totals, high)}`;
  return Object.keys(totals.maxPerParticipant).some((cohort) => boundOf(totals, `maxPerParticipant.${cohort}`)) ? `at most ${range}` : range;
}

function projected(totals: Totals, minor: number | null, key?: string): string {
  if (minor === null && key && totals.blocked?.includes(key)) return 'cannot be computed';
  if (minor === null && key && totals.notEstimated?.[key]) return `not estimated — ${totals.notEstimated[key]}`;
  return minor === null ? 'not projected' : money(totals, minor, key);
}

/** A maximum: "unbounded" when nothing bounds it, unless a broken line stops it being computed. */
function maximum(totals: Totals, minor: number | null, key: string): string {
  return minor === null && totals.blocked?.includes(key) ? 'cannot be computed' : money(totals, minor, key);
}

export function codeLenses(session: Session, file: string, valueOptions: ValueOptions = {}): CodeLens[] {
  const found = totalsFor(session, file);
  if (!found) return [];
  const { totals } = found;
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const arguments_ = [pathToUri(file)];
  const title = [
    `Max per participant ${perParticipant(totals)}`,
    `Maximum liability ${maximum(totals, totals.maximumLiability, 'maximumLiability')}`,
    `Expected ${projected(totals, totals.expected, 'expected')}`,
    `Deadweight ${projected(totals, totals.deadweight, 'deadweight')}`,
  ].join(' · ');
  // What the outcomes are expected to save, when the framework gives them a value (docs/value.md).
  const saves = valueLensTitle(found.rateCard, session.frameworkOf(found.rateCard)?.framework, valueOptions);
  // The investors' case, when the rate card describes an investment.
  const investor = investorLensTitle(found.rateCard, session.frameworkOf(found.rateCard)?.framework);
  const lenses: CodeLens[] = [{ range, command: { title: [title, saves, investor].filter(Boolean).join(' · '), command: showPreviewCommand, arguments: arguments_ } }];
  // Errors in the rate card or its framework: the figures may not mean what the contract says.
  const errors = formatErrors(session.workspaceFor(file), found.rateCard, session.frameworkOf(found.rateCard)?.framework);
  if (errors.length) {
    // Said as the CLI marks them (docs/totals.md): an error no figure depends on, or one in the timing alone, says so.
    const touched = figuresTouched(errors, found.rateCard, session.frameworkOf(found.rateCard)?.framework, totals);
    const what = touched.size === 0 ? `no figure depends on ${errors.length === 1 ? 'it' : 'them'}, but ${errors.length === 1 ? 'it needs' : 'they need'} fixing` : [...touched].every((k) => k === 'investor') ? "the investor's figures may not mean what the contract says" : 'these figures may not mean what the contract says';
    lenses.push({ range, command: { title: `⚠ ${plural(errors.length, 'error')} in the rate card or its framework: ${what}`, command: showPreviewCommand, arguments: arguments_ } });
  }
  if (totals.blockedBy.length) {
    lenses.push({ range, command: { title: `${plural(totals.blockedBy.length, 'line')} left out of the totals`, command: showPreviewCommand, arguments: arguments_ } });
  }
  return lenses;
}

function percent(share: number): string {
  const value = share * 100;
  return `${value < 1 && value > 0 ? value.toFixed(1) : Math.round(value)}%`;
}

/**
 * `× 1 · max £1,500 · expected £315,000 (23%)` at the end of each price line's `price:` line;
 * `£220 × up to 104 weeks · max £22,880 · …` for a line paid per period.
 */
export function inlayHints(session: Session, file: string, range?: { start: { line: number }; end: { line: number } }): InlayHint[] {
  const found = totalsFor(session, file);
  if (!found) return [];
  const { rateCard, totals } = found;
  const parsed = rateCard.parsed;
  const hints: InlayHint[] = [];
  for (const line of totals.byLine) {
    const location = parsed.locate(['prices', line.index, 'price']) ?? parsed.locate(['prices', line.index]);
    if (!location) continue;
    // A list item's span may run into the next line: place the hint after its last character.
    let end = location.value.end;
    while (end > location.value.start && /\s/.test(parsed.text[end - 1])) end--;
    const at = parsed.lines.positionAt(end);
    if (range && (at.line < range.start.line || at.line > range.end.line)) continue;
    // A null maximum is "unbounded" only for an unlimited line; otherwise the price cannot be read yet.
    const max = line.maxPerParticipant === null && line.claims !== 'unlimited' ? 'no price yet' : `max ${money(totals, line.maxPerParticipant)}`;
    // A line paid per period: "£220 × up to 104 weeks".
    const times = line.per && typeof line.claims === 'number' ? `${line.price === null ? '' : `${money(totals, line.price)} `}× up to ${line.claims} ${line.per}${line.claims === 1 ? '' : 's'}` : `× ${line.claims === 'unlimited' ? 'unlimited' : line.claims}`;
    // A line priced in bands of distance travelled: "bands £500.00 to £900.00", paid once at the band reached.
    const bands = rateCard.prices[line.index]?.bands;
    const prices = bands?.map((b) => b.price).filter((p): p is number => p !== undefined) ?? [];
    const parts = [prices.length > 1 ? `bands ${money(totals, Math.min(...prices))} to ${money(totals, Math.max(...prices))}` : times, max];
    if (line.expected !== null) parts.push(`expected ${money(totals, line.expected, `byLine.${line.index}`)}${line.share !== null ? ` (${percent(line.share)})` : ''}`);
    hints.push({
      position: { line: at.line, character: parsed.lines.lineEnd(at.line) - parsed.lines.lineStart(at.line) },
      label: parts.join(' · '),
      kind: InlayHintKind.Type,
      paddingLeft: true,
      tooltip: 'Most this line can pay for one participant, and the payments expected from the projection (share of all expected payments).',
    });
  }
  return hints;
}

/** Every amount of a totals object formatted for display, in the same shape. */
function formatAll(totals: Totals): FormattedTotals {
  const m = (minor: number | null) => money(totals, minor);
  const map = <T, U>(record: Record<string, T>, f: (v: T) => U) => Object.fromEntries(Object.entries(record).map(([k, v]) => [k, f(v)]));
  return {
    maxPerParticipant: Object.fromEntries(Object.entries(totals.maxPerParticipant).map(([id, v]) => [id, money(totals, v, `maxPerParticipant.${id}`)])),
    maximumLiability: maximum(totals, totals.maximumLiability, 'maximumLiability'),
    expected: projected(totals, totals.expected, 'expected'),
    deadweight: projected(totals, totals.deadweight, 'deadweight'),
    byCohort: Object.fromEntries(Object.entries(totals.byCohort).map(([id, c]) => [id, { maxPerParticipant: money(totals, c.maxPerParticipant, `byCohort.${id}.maxPerParticipant`), maximumLiability: money(totals, c.maximumLiability, `byCohort.${id}.maximumLiability`), expected: projected(totals, c.expected, `byCohort.${id}.expected`), deadweight: projected(totals, c.deadweight, `byCohort.${id}.deadweight`) }])),
    byPayer: Object.fromEntries(Object.entries(totals.byPayer).map(([id, p]) => [id, { maximumLiability: money(totals, p.maximumLiability, `byPayer.${id}.maximumLiability`), expected: projected(totals, p.expected, `byPayer.${id}.expected`), deadweight: projected(totals, p.deadweight, `byPayer.${id}.deadweight`) }])),
    byOutcome: Object.fromEntries(Object.entries(totals.byOutcome).map(([id, o]) => [id, { expected: projected(totals, o.expected, `byOutcome.${id}`), share: o.share === null ? null : percent(o.share) }])),
    byYear: map(totals.byYear, (v) => money(totals, v, 'byYear')),
    byLine: totals.byLine.map((l) => ({ maxPerParticipant: m(l.maxPerParticipant), expected: projected(totals, l.expected, `byLine.${l.index}`) })),
  };
}

/** The answer to `outcomes/totals`: the core's totals plus what the client needs to show them. */
export type TotalsResponse = TotalsView & Omit<Totals, 'blockedBy'>;

export function totalsResponse(session: Session, file: string, valueOptions: ValueOptions = {}): TotalsResponse | null {
  const found = totalsFor(session, file);
  if (!found) return null;
  const { totals, rateCard } = found;
  const framework = session.frameworkOf(rateCard)?.framework;
  const names = { payers: {} as Record<string, string>, outcomes: {} as Record<string, string>, cohorts: {} as Record<string, string> };
  if (framework) {
    for (const p of framework.payers) if (p.id && typeof p.value.name === 'string') names.payers[p.id] = p.value.name;
    for (const o of framework.outcomes) if (o.id && typeof o.value.title === 'string') names.outcomes[o.id] = o.value.title;
    for (const c of framework.cohorts) if (c.id && typeof c.value.title === 'string') names.cohorts[c.id] = c.value.title;
  }
  const blockedBy = totals.blockedBy.map((b) => {
    const parsed = session.analyze(b.file)?.parsed;
    return { uri: pathToUri(b.file), line: parsed ? parsed.lines.positionAt(b.span.start).line : 0, message: b.message };
  });
  return { ...totals, uri: pathToUri(file), formatted: formatAll(totals), blockedBy, names, value: framework && outcomeValues(framework).size ? valueView(computeValue(rateCard, framework, valueOptions), framework) : null, investor: investorView(investorCase(rateCard, framework), totals.currency, totals.digits), actuals: planActualFor(session, file) };
}

/**
 * Plan against actual for a rate card: from the first actuals file (by path) in the workspace
 * that is claimed under it; null when there is none.
 */
export function planActualFor(session: Session, rateCardFile: string): PlanActualView | null {
  const workspace = session.workspaceFor(rateCardFile);
  const target = path.resolve(rateCardFile);
  for (const file of workspace.knownFiles().filter((f) => isActualsFile(f, isActualsName(f) ? undefined : workspace.textOf(f))).sort()) {
    const report = checkActuals(workspace, file);
    if (!report?.contract || path.resolve(report.contract.rateCard.file) !== target) continue;
    const errors = report.findings.filter((f) => f.severity === 'error').length;
    const warnings = report.findings.filter((f) => f.severity === 'warning').length;
    const plan = report.unreadable ? undefined : report.plan();
    if (!plan) return { uri: pathToUri(file), asAt: null, unreadable: `${path.basename(file)} has ${errors} error${errors === 1 ? '' : 's'} in reading it, so no figure is made from it.`, rows: [], reforecast: [], byPeriod: [], findings: { errors, warnings } };
    return {
      uri: pathToUri(file),
      asAt: plan.asAt ? `${plan.asAt.label} (${plan.asAt.date})` : null,
      rows: planRows(plan).map((r) => ({ figure: r.figure, scope: r.scope, actual: r.actual, plan: r.plan, share: r.share })),
      reforecast: reforecastRows(plan).map((r) => ({ figure: r.scope ? `${r.figure} (${r.scope})` : r.figure, text: r.text })),
      byPeriod: plan.byPeriod.map((b) => ({ ...b, actualText: formatMoney(b.actual, plan.currency, plan.digits), planText: b.plan === null ? 'not estimated' : formatMoney(b.plan, plan.currency, plan.digits) })),
      findings: { errors, warnings },
    };
  }
  return null;
}

/** The totals as CSV: the very file `outcomes-lint totals --format csv` writes, so the editor and CI agree. */
export function totalsCsv(session: Session, file: string, valueOptions: ValueOptions = {}): string | null {
  const found = totalsFor(session, file);
  if (!found) return null;
  // The value rows too, as the CLI writes them, when the framework gives outcomes a value.
  const framework = session.frameworkOf(found.rateCard)?.framework;
  // And the investor's rows, for a rate card with an investment.
  const investor = investorCase(found.rateCard, framework);
  return formatTotalsCsv([{ totals: found.totals, value: framework && outcomeValues(framework).size ? computeValue(found.rateCard, framework, valueOptions) : undefined, ...(investor ? { investor } : {}) }]);
}
