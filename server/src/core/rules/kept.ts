/**
 * The rules' results kept between edits. An analyst typing in an outcome's title changes one
 * value that no rule judges: the rules read titles only to name outcomes in their messages, and
 * those names are written in after the rules ran (names.ts). So when the files a check sees differ
 * from the last check's only by such edits (yaml-edit.ts says which value an edit re-read), the
 * last findings are given again with the new names and every place after the edit moved, and no
 * rule runs. Anything else (another value, a key, a line, a rate card, the settings, a validation
 * error) runs every rule on the whole file, as without this. Proven against a fresh check in
 * test/unit/kept-rules.test.ts; the language server turns it on (`workspace.keepRuleResults`).
 */
import type { Finding, Fix, RelatedLocation } from '../findings';
import type { DocumentModel, FrameworkModel, RateCardModel } from '../model';
import type { Span } from '../ranges';
import type { Workspace } from '../workspace';
import { retitledOutcome } from '../yaml-edit';
import { LazyPlace, withLazyFix } from './lazy-fix';
import { marksIn, writeNames, type NameMark } from './names';
import type { RuleSettings } from './types';

/** A finding's marked texts (names.ts), where it has any: its message, its related messages, its fix's title. */
export interface NamedTexts {
  message?: string;
  related?: (string | undefined)[];
  /** The places in the framework's outcome list of the outcomes these texts name (found when first needed). */
  outcomes?: Set<number>;
}

/** One full run of the rules, as the runner made it. */
export interface RuleRun {
  findings: Finding[];
  texts: (NamedTexts | undefined)[];
  marks: NameMark[];
}

export interface RuleInputs {
  workspace: Workspace;
  target: DocumentModel;
  framework: FrameworkModel | undefined;
  rateCards: RateCardModel[];
  settings: RuleSettings;
}

/** One place moved by an edit: every offset of `file` from `at` on moved by `delta`. */
interface Shift {
  file: string;
  at: number;
  delta: number;
  /** The outcome whose title was edited (its place in the list). */
  outcome: number;
}

interface Kept {
  settings: string;
  target: DocumentModel;
  framework: FrameworkModel | undefined;
  rateCards: RateCardModel[];
  /** The validation errors' spans the rules saw, by file (the rules never judge an invalid value). */
  errors: Map<string, Span[]>;
  /** The findings of the last full run, and the edits since. */
  run: RuleRun;
  shifts: Shift[];
  /** The outcomes (places in the list) whose titles changed since the full run: only texts naming them are written again. */
  retitled: Set<number>;
}

/** Edits given from the kept results before the rules run again in full (the moves stay few). */
const MAX_STEPS = 64;

const keptByWorkspace = new WeakMap<Workspace, Map<string, Kept>>();

/** How many checks gave kept findings and how many ran the rules, while results are kept (for the tests and the bench). */
export const keptCounts = { replayed: 0, ran: 0 };

/**
 * The rules' findings for `inputs`: the kept ones when only outcomes' titles changed since the
 * last check of this file, else `run()`'s (kept for the next check when the workspace keeps results).
 */
export function keptOrRun(inputs: RuleInputs, run: () => RuleRun): Finding[] {
  const { workspace, target } = inputs;
  if (!workspace.keepRuleResults) return run().findings;
  let files = keptByWorkspace.get(workspace);
  if (!files) keptByWorkspace.set(workspace, (files = new Map()));
  const settings = JSON.stringify(inputs.settings);
  const kept = files.get(target.file);
  const shifts = kept ? stepsFrom(kept, inputs, settings) : undefined;
  if (kept && shifts) {
    kept.target = target;
    kept.framework = inputs.framework;
    kept.shifts.push(...shifts);
    for (const shift of shifts) kept.retitled.add(shift.outcome);
    keptCounts.replayed++;
    return replay(kept, inputs, run);
  }
  const fresh = run();
  keptCounts.ran++;
  files.set(target.file, { settings, target, framework: inputs.framework, rateCards: inputs.rateCards, errors: errorsOf(inputs), run: fresh, shifts: [], retitled: new Set() });
  return fresh.findings;
}

/**
 * The moves that take the kept check's files to `inputs`' files, when every difference is the
 * edit of an outcome's title; undefined when the rules must run.
 */
function stepsFrom(kept: Kept, inputs: RuleInputs, settings: string): Shift[] | undefined {
  if (kept.settings !== settings || kept.shifts.length >= MAX_STEPS) return undefined;
  if (kept.rateCards.length !== inputs.rateCards.length || kept.rateCards.some((card, i) => card !== inputs.rateCards[i])) return undefined;
  const shifts: Shift[] = [];
  const framework = titleEdit(kept.framework, inputs.framework);
  if (!framework) return undefined;
  if (framework !== 'same') shifts.push(framework);
  // The target is the framework itself, or a rate card (which must be the very same model).
  if (inputs.target.kind === 'OutcomeFramework' ? inputs.target !== inputs.framework || kept.target !== kept.framework : inputs.target !== kept.target) return undefined;
  // The validation errors the rules saw, moved with the edits, must be the ones there are now.
  const now = errorsOf(inputs);
  if (now.size !== kept.errors.size) return undefined;
  for (const [file, spans] of now) {
    const before = kept.errors.get(file);
    if (!before || before.length !== spans.length) return undefined;
    for (let i = 0; i < spans.length; i++) {
      const moved = moveSpan(before[i], file, shifts, 0);
      if (moved.start !== spans[i].start || moved.end !== spans[i].end) return undefined;
    }
  }
  for (const [file, spans] of now) kept.errors.set(file, spans);
  return shifts;
}

/** `'same'`, the move when `next` is `previous` with one outcome's title edited, else undefined. */
function titleEdit(previous: FrameworkModel | undefined, next: FrameworkModel | undefined): Shift | 'same' | undefined {
  if (previous === next) return 'same';
  if (!previous || !next || previous.file !== next.file) return undefined;
  const edit = next.parsed.editOf;
  const outcome = retitledOutcome(next.parsed);
  if (!edit || edit.previous !== previous.parsed || outcome === undefined) return undefined;
  return { file: next.file, at: edit.at, delta: edit.delta, outcome };
}

/** The spans of each file's validation errors, as the rules' facts read them (facts.ts, errorsOf). */
function errorsOf(inputs: RuleInputs): Map<string, Span[]> {
  const out = new Map<string, Span[]>();
  const models: DocumentModel[] = [inputs.target, ...(inputs.framework ? [inputs.framework] : []), ...inputs.rateCards];
  for (const model of models) {
    if (out.has(model.file)) continue;
    const analyzed = inputs.workspace.analyzedBefore(model.file);
    const spans: Span[] = [];
    if (analyzed?.model === model) for (const f of analyzed.fileFindings) if (f.severity === 'error') spans.push(f.span);
    out.set(model.file, spans);
  }
  return out;
}

function movePosition(position: number, file: string, shifts: readonly Shift[], from: number): number {
  for (let i = from; i < shifts.length; i++) if (shifts[i].file === file && position >= shifts[i].at) position += shifts[i].delta;
  return position;
}

function moveSpan(span: Span, file: string, shifts: readonly Shift[], from: number): Span {
  return { start: movePosition(span.start, file, shifts, from), end: movePosition(span.end, file, shifts, from) };
}

/**
 * The kept findings for the files as they are now: names written in from the current titles,
 * places moved by the edits since the full run. A fix is read from a full run of the rules on
 * these very files, made the first time one is asked for (fixes are built from the text).
 */
function replay(kept: Kept, inputs: RuleInputs, run: () => RuleRun): Finding[] {
  const { findings, texts, marks } = kept.run;
  const shifts = kept.shifts.slice();
  const retitled = kept.retitled;
  const moved = new Set(shifts.map((s) => s.file));
  const framework = inputs.framework;
  let fresh: RuleRun | undefined;
  const fixOf = (i: number): Fix | undefined => {
    if (!fresh) {
      fresh = run();
      // Nothing changed since: the full run is the one to build on.
      if (kept.target === inputs.target && kept.framework === framework && kept.shifts.length === shifts.length) {
        kept.run = fresh;
        kept.shifts = [];
        kept.retitled = new Set();
      }
    }
    const want = out[i];
    const same = (f: Finding) => f.ruleId === want.ruleId && f.message === want.message && f.span.start === want.span.start && f.span.end === want.span.end;
    return (same(fresh.findings[i]) ? fresh.findings[i] : fresh.findings.find(same))?.fix;
  };
  const out: Finding[] = new Array(findings.length);
  for (let i = 0; i < findings.length; i++) {
    const base = findings[i];
    let named = texts[i];
    // Texts that name no retitled outcome read as they did after the full run.
    if (named && !namesAny(named, marks, retitled)) named = undefined;
    const span = moved.has(base.file) ? moveSpan(base.span, base.file, shifts, 0) : base.span;
    const message = named?.message !== undefined ? writeNames(named.message, marks, framework) : base.message;
    const related = base.related?.map((r, j) => movedRelated(r, named?.related?.[j], marks, framework, moved.has(r.file) ? shifts : undefined));
    out[i] = withLazyFix(base.ruleId, base.severity, message, base.file, span, related, () => fixOf(i));
  }
  return out;
}

/** Whether the marked texts name one of `outcomes`. */
function namesAny(named: NamedTexts, marks: readonly NameMark[], outcomes: Set<number>): boolean {
  if (outcomes.size === 0) return false;
  if (!named.outcomes) {
    named.outcomes = new Set();
    for (const text of [named.message, ...(named.related ?? [])]) if (text !== undefined) for (const n of marksIn(text)) if (marks[n]) named.outcomes.add(marks[n].index);
  }
  for (const outcome of outcomes) if (named.outcomes.has(outcome)) return true;
  return false;
}

function movedRelated(base: RelatedLocation, named: string | undefined, marks: NameMark[], framework: FrameworkModel | undefined, shifts: Shift[] | undefined): RelatedLocation {
  const message = named !== undefined ? writeNames(named, marks, framework) : base.message;
  if (!shifts && message === base.message) return base;
  // Found when read, as the rules' own related places are (most are never shown).
  return new LazyPlace(base.file, message, () => (shifts ? moveSpan(base.span, base.file, shifts, 0) : base.span));
}

/** The format checks' findings on a framework, kept as the rules' are (they read no title either). */
const checksByWorkspace = new WeakMap<Workspace, Map<string, { framework: FrameworkModel; findings: Finding[] }>>();

/**
 * The built-in checks' findings on `framework` (they read the framework alone): the last ones,
 * moved, when only an outcome's title changed since; `run()`'s otherwise. Findings with a fix are
 * never kept (a fix is built from the text).
 */
export function keptFrameworkChecks(workspace: Workspace, framework: FrameworkModel, run: () => Finding[]): Finding[] {
  if (!workspace.keepRuleResults) return run();
  let files = checksByWorkspace.get(workspace);
  if (!files) checksByWorkspace.set(workspace, (files = new Map()));
  const kept = files.get(framework.file);
  const step = kept && titleEdit(kept.framework, framework);
  if (kept && step) {
    kept.framework = framework;
    if (step !== 'same') kept.findings = kept.findings.map((f) => movedFinding(f, [step]));
    return kept.findings;
  }
  const findings = run();
  if (findings.every((f) => f.fix === undefined)) files.set(framework.file, { framework, findings });
  else files.delete(framework.file);
  return findings;
}

/** Written field by field (these findings have no fix): V8 builds `{ ...finding, span }` on a slow path. */
function movedFinding(finding: Finding, shifts: Shift[]): Finding {
  const moved: Finding = { ruleId: finding.ruleId, severity: finding.severity, message: finding.message, file: finding.file, span: finding.file === shifts[0].file ? moveSpan(finding.span, finding.file, shifts, 0) : finding.span };
  if (finding.related) moved.related = finding.related.map((r) => ({ file: r.file, span: r.file === shifts[0].file ? moveSpan(r.span, r.file, shifts, 0) : r.span, message: r.message }));
  if ('fix' in finding) moved.fix = finding.fix;
  return moved;
}
