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

export function figuresTouched(findings: Finding[], card: RateCardModel, framework: FrameworkModel | undefined, totals: Totals): Set<string> {
  const touched = new Set<string>();
  const line = (index: number) => {
    const entry = totals.byLine.find((l) => l.index === index);
    touched.add(`byLine.${index}`);
    if (entry?.outcome) touched.add(`byOutcome.${entry.outcome}`);
    for (const cohort of entry?.cohorts ?? []) (touched.add(`maxPerParticipant.${cohort}`), touched.add(`byCohort.${cohort}`));
    for (const key of ['maximumLiability', 'expected', 'deadweight', 'byPayer', 'byYear']) touched.add(key);
  };
  const outcome = (id: string) => {
    for (const entry of totals.byLine) if (entry.outcome === id) line(entry.index);
  };
  for (const finding of findings) {
    if (finding.file === card.file) {
      const path = pathAt(card, finding.span.start);
      const [top, index, field] = path;
      if (top === 'prices' && typeof index === 'number') {
        if (field === 'payers' || field === 'note') touched.add(field === 'payers' ? 'byPayer' : `byLine.${index}`);
        else line(index);
      } else if (top === 'payers') touched.add('byPayer');
      else if (top === 'projection' && typeof index === 'number') {
        const cohort = card.projection[index]?.cohort;
        for (const key of ['expected', 'deadweight', 'byYear', 'byOutcome', 'byPayer']) touched.add(key);
        if (cohort) touched.add(`byCohort.${cohort}`);
        if (field !== 'profile') touched.add('byLine');
      } else if (top === 'title' || top === 'description') continue;
      else WHOLES.forEach((key) => touched.add(key));
    } else if (framework && finding.file === framework.file) {
      const path = pathAt(framework, finding.span.start);
      const [top, index, field] = path;
      if (top === 'outcomes' && typeof index === 'number') {
        const id = framework.outcomes[index]?.id;
        if (field === 'baseline') (touched.add('deadweight'), touched.add('byPayer'), touched.add('byCohort'));
        else if (id) outcome(id);
        if (field === 'requires' || field === 'excludes') WHOLES.forEach((key) => touched.add(key));
      } else if (top === 'cohorts' && typeof index === 'number') {
        const id = framework.cohorts[index]?.id;
        if (id) (touched.add(`maxPerParticipant.${id}`), touched.add(`byCohort.${id}`));
        for (const key of ['maximumLiability', 'expected', 'deadweight', 'byPayer', 'byYear']) touched.add(key);
      } else if (top === 'payers') touched.add('byPayer');
      else if (top === 'contract') touched.add('byYear');
      else if (top === 'title' || top === 'description') continue;
      else WHOLES.forEach((key) => touched.add(key));
    } else WHOLES.forEach((key) => touched.add(key));
  }
  return touched;
}

/** Whether a figure's key is touched: itself, or a key above it (`byCohort` covers `byCohort.x.expected`). */
export function isTouched(touched: ReadonlySet<string>, key: string): boolean {
  if (touched.has(key)) return true;
  for (let i = key.indexOf('.'); i > 0; i = key.indexOf('.', i + 1)) if (touched.has(key.slice(0, i))) return true;
  return false;
}

/** The deepest recorded path whose node holds this offset (the first two or three segments are enough here). */
function pathAt(model: RateCardModel | FrameworkModel, offset: number): Path {
  let best: { path: Path; size: number } | undefined;
  for (const [pointer, location] of model.parsed.locationEntries()) {
    const span = location.value;
    const key = location.key;
    const inside = (span.start <= offset && offset < Math.max(span.end, span.start + 1)) || (key !== undefined && key.start <= offset && offset < key.end);
    if (!inside) continue;
    const path = pointer.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
    if (!best || path.length > best.path.length) best = { path, size: span.end - span.start };
  }
  return best?.path ?? [];
}
