/**
 * Which figures an error in a rate card or its framework touches, so a report can mark them
 * rather than print them as if the contract said so. Keys are those of `Totals.blocked`
 * (`maximumLiability`, `byCohort.<id>`, `byPayer`, `byLine.<index>`, …); a key covers the keys
 * under it, and `*` every figure.
 */
import type { Path } from '../document';
import type { Finding } from '../findings';
import type { FrameworkModel, RateCardModel } from '../model';
import type { Totals } from '../totals';
import type { Workspace } from '../workspace';
import { frameworkChecks, rateCardChecks } from '../checks';

const errorsOnce = new WeakMap<RateCardModel, { framework: FrameworkModel | undefined; errors: Finding[] }>();

/**
 * The errors of format.md (YAML, schema and the built-in checks; no rules) in a rate card and
 * its framework: what makes its totals not mean what the contract says. Once per model pair.
 */
export function formatErrors(workspace: Workspace, card: RateCardModel, framework: FrameworkModel | undefined): Finding[] {
  const known = errorsOnce.get(card);
  if (known && known.framework === framework) return known.errors;
  const errors: Finding[] = [];
  const collect = (model: RateCardModel | FrameworkModel) => {
    errors.push(...(workspace.analyze(model.file)?.fileFindings ?? []).filter((f) => f.severity === 'error'));
    const report = (finding: Omit<Finding, 'file' | 'severity'> & { severity?: Finding['severity'] }) => {
      if ((finding.severity ?? 'error') === 'error') errors.push({ severity: 'error', file: model.file, ...finding });
    };
    if (model.kind === 'RateCard') {
      const link = workspace.frameworkOf(model);
      for (const check of rateCardChecks) check({ workspace, rateCard: model, link, framework, report });
    } else for (const check of frameworkChecks) check({ workspace, framework: model, report });
  };
  collect(card);
  if (framework) collect(framework);
  errorsOnce.set(card, { framework, errors });
  return errors;
}

const WHOLES = ['maxPerParticipant', 'maximumLiability', 'expected', 'deadweight', 'byCohort', 'byPayer', 'byOutcome', 'byLine', 'byYear'];

/**
 * An outcome's fields that say what it is, how it is evidenced or how it compares with published
 * prices: rules read them, no figure does, so an error in one touches no figure.
 */
const NAMES_ONLY = new Set(['title', 'description', 'notComparable', 'domain', 'evidence', 'measure', 'personLed', 'qualificationLevel', 'minGuidedHours']);

/**
 * An outcome's fields that say *when* it is achieved: how much is paid does not depend on them,
 * only when (the investor's cash flow, the contract-end check). An error in one touches `investor`
 * (when the rate card has an investment; else no figure).
 */
const TIMING_ONLY = new Set(['weeksToAchieve', 'sustainWeeks']);

export function figuresTouched(findings: Finding[], card: RateCardModel, framework: FrameworkModel | undefined, totals: Totals): Set<string> {
  const touched = new Set<string>();
  const byIndex = new Map(totals.byLine.map((l) => [l.index, l]));
  const byOutcome = new Map<string, number[]>();
  for (const l of totals.byLine) (byOutcome.get(l.outcome) ?? byOutcome.set(l.outcome, []).get(l.outcome)!).push(l.index);
  const seenLines = new Set<number>();
  const line = (index: number) => {
    if (seenLines.has(index)) return;
    seenLines.add(index);
    const entry = byIndex.get(index);
    touched.add(`byLine.${index}`);
    if (entry?.outcome) touched.add(`byOutcome.${entry.outcome}`);
    for (const cohort of entry?.cohorts ?? []) (touched.add(`maxPerParticipant.${cohort}`), touched.add(`byCohort.${cohort}`));
    for (const key of ['maximumLiability', 'expected', 'deadweight', 'byPayer', 'byYear']) touched.add(key);
  };
  // Who pays changes only the figures by payer, unless a payer has its own cap (caps.perPayer):
  // then what it is held to, and so every whole, depends on its share.
  const payerCapped = Object.values(card.caps.perPayer ?? {}).some((cap) => cap !== undefined);
  const payer = () => {
    touched.add('byPayer');
    if (payerCapped) for (const key of ['maximumLiability', 'expected', 'deadweight', 'byCohort', 'byOutcome', 'byLine', 'byYear']) touched.add(key);
  };
  // The investor's case is there only for a rate card with an `investment`.
  const investor = () => {
    if (card.investment || (card.data as { investment?: unknown } | undefined)?.investment !== undefined) touched.add('investor');
  };
  const outcome = (id: string) => {
    for (const index of byOutcome.get(id) ?? []) line(index);
  };
  for (const finding of findings) {
    if (finding.file === card.file) {
      const path = pathAt(card, finding.span.start);
      const [top, index, field] = path;
      if (top === 'prices' && typeof index === 'number') {
        if (field === 'payers') payer();
        else if (field === 'note') touched.add(`byLine.${index}`);
        else line(index);
      } else if (top === 'payers') payer();
      else if (top === 'projection' && typeof index === 'number') {
        const cohort = card.projection[index]?.cohort;
        for (const key of ['expected', 'deadweight', 'byYear', 'byOutcome', 'byPayer']) touched.add(key);
        if (cohort) touched.add(`byCohort.${cohort}`);
        if (field !== 'profile') touched.add('byLine');
      } else if (top === 'investment') investor(); // the investor's case only, not what the contract pays
      else if (top === 'id' || top === 'title' || top === 'description') continue; // names, not money
      else WHOLES.forEach((key) => touched.add(key));
    } else if (framework && finding.file === framework.file) {
      const path = pathAt(framework, finding.span.start);
      const [top, index, field] = path;
      if (top === 'outcomes' && typeof index === 'number') {
        const id = framework.outcomes[index]?.id;
        if (typeof field === 'string' && NAMES_ONLY.has(field)) continue;
        if (typeof field === 'string' && TIMING_ONLY.has(field)) {
          investor();
          continue;
        }
        if (field === 'baseline') {
          // A baseline says what would happen anyway: only deadweight, unless a line pays above it.
          touched.add('deadweight');
          for (const cohort of Object.keys(totals.byCohort)) touched.add(`byCohort.${cohort}.deadweight`);
          for (const payer of Object.keys(totals.byPayer)) touched.add(`byPayer.${payer}.deadweight`);
          if (id && card.prices.some((l) => l.outcome === id && l.aboveBaseline)) outcome(id);
        }
        else if (id) outcome(id);
        if (field === 'requires' || field === 'requiresAnyOf' || field === 'excludes') WHOLES.forEach((key) => touched.add(key));
      } else if (top === 'cohorts' && typeof index === 'number' && field === 'payer') payer();
      else if (top === 'cohorts' && typeof index === 'number') {
        const id = framework.cohorts[index]?.id;
        if (id) (touched.add(`maxPerParticipant.${id}`), touched.add(`byCohort.${id}`));
        for (const key of ['maximumLiability', 'expected', 'deadweight', 'byPayer', 'byYear']) touched.add(key);
      } else if (top === 'payers') payer();
      else if (top === 'contract') (touched.add('byYear'), investor());
      else if (top === 'title' || top === 'description') continue;
      else WHOLES.forEach((key) => touched.add(key));
    } else WHOLES.forEach((key) => touched.add(key));
  }
  return touched;
}

/**
 * Whether the investor's case may not mean what the contract says: an error in when outcomes are
 * achieved or in the investment (`investor`), or in the expected payments it times.
 */
export function investorTouched(touched: ReadonlySet<string> | undefined): boolean {
  return touched !== undefined && (touched.has('investor') || isTouched(touched, 'expected'));
}

/** Whether a figure's key is touched: itself, or a key above it (`byCohort` covers `byCohort.x.expected`). */
export function isTouched(touched: ReadonlySet<string>, key: string): boolean {
  if (touched.has(key)) return true;
  for (let i = key.indexOf('.'); i > 0; i = key.indexOf('.', i + 1)) if (touched.has(key.slice(0, i))) return true;
  return false;
}

/**
 * The path to the node that holds this offset, down to a list item's field: the top-level key,
 * the item (found by binary search: lists may be long) and its field. Enough to say which
 * figures a finding touches.
 */
function pathAt(model: RateCardModel | FrameworkModel, offset: number): Path {
  const parsed = model.parsed;
  const holds = (path: Path) => {
    const at = parsed.locate(path);
    if (!at) return false;
    const inValue = at.value.start <= offset && offset < Math.max(at.value.end, at.value.start + 1);
    return inValue || (at.key !== undefined && at.key.start <= offset && offset < at.key.end);
  };
  const data = model.data as Record<string, unknown>;
  const top = Object.keys(data).find((key) => holds([key]));
  if (top === undefined) return [];
  const value = data[top];
  if (!Array.isArray(value)) {
    const field = value && typeof value === 'object' ? Object.keys(value).find((key) => holds([top, key])) : undefined;
    return field === undefined ? [top] : [top, field];
  }
  // The items of a list are in order: the last whose start is at or before the offset.
  let [low, high] = [0, value.length - 1];
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    const start = parsed.locate([top, mid])?.value.start ?? Infinity;
    if (start <= offset) low = mid;
    else high = mid - 1;
  }
  if (value.length === 0 || !holds([top, low])) return [top];
  const item = value[low];
  const field = item && typeof item === 'object' && !Array.isArray(item) ? Object.keys(item).find((key) => holds([top, low, key])) : undefined;
  return field === undefined ? [top, low] : [top, low, field];
}
