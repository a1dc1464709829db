/**
 * The one entry point the CLI and the language server share: a file of the workspace in,
 * its findings out, sorted by position.
 */
import { checkActuals, isActualsFile } from './actuals';
import { frameworkChecks, rateCardChecks } from './checks';
import { sortFindings, type Finding } from './findings';
import type { FrameworkModel } from './model';
import { runRules } from './rules/engine';
import { keptFrameworkChecks } from './rules/kept';
import type { RuleSettings } from './rules/types';
import type { AnalyzedFile, Workspace } from './workspace';

export interface FileReport {
  file: string;
  analyzed?: AnalyzedFile;
  findings: Finding[];
}

export interface CheckOptions {
  /** Each rule's severity and thresholds; a rule missing here runs with its defaults, `off` skips it. */
  settings?: RuleSettings;
}

/** Checks one file: YAML, schema, amounts, the cross-file checks of format.md, and the perverse-incentive rules. */
export function checkFile(workspace: Workspace, file: string, options: CheckOptions = {}): FileReport {
  // An actuals file (YAML or CSV) is checked against its rate card by the actuals capability.
  if (isActualsFile(file, workspace.textOf(file))) {
    const report = checkActuals(workspace, file, options.settings);
    if (report) return { file: report.file, analyzed: report.actuals.format === 'yaml' ? workspace.analyze(file) : undefined, findings: report.findings };
  }
  const analyzed = workspace.analyze(file);
  if (!analyzed) {
    const message = workspace.whyUnreadable(file) ?? 'This file could not be read: it does not exist, or it is not readable.';
    return { file, findings: [{ ruleId: 'yaml-syntax', severity: 'error', message, file, span: { start: 0, end: 0 } }] };
  }
  const findings: Finding[] = [...analyzed.fileFindings];
  const report = (finding: Omit<Finding, 'file' | 'severity'> & { severity?: Finding['severity'] }) => findings.push({ severity: 'error', file: analyzed.file, ...finding });
  // A file whose YAML does not read: its syntax error alone (the checks would judge a guess).
  const model = analyzed.brokenYaml ? undefined : analyzed.model;
  // A rate card's framework, looked up once for the checks and the rules alike.
  let linked: { framework: FrameworkModel | undefined } | undefined;
  if (model?.kind === 'OutcomeFramework') {
    // Kept between edits of a title alone, as the rules' findings are (rules/kept.ts).
    const checked = keptFrameworkChecks(workspace, model, () => {
      const out: Finding[] = [];
      for (const check of frameworkChecks) check({ workspace, framework: model, report: (finding) => out.push({ severity: 'error', file: analyzed.file, ...finding }) });
      return out;
    });
    for (const finding of checked) findings.push(finding);
  } else if (model?.kind === 'RateCard') {
    const link = workspace.frameworkOf(model);
    // A framework whose YAML does not read is reported there; judging this card against the
    // library's guess at it would echo that one mistake here as unknown references.
    const framework: FrameworkModel | undefined = link.ok && !workspace.analyze(link.file)?.brokenYaml ? link.framework : undefined;
    linked = { framework };
    for (const check of rateCardChecks) check({ workspace, rateCard: model, link, framework, report });
  }
  if (model) findings.push(...runRules(workspace, model, options.settings, linked));
  return { file: analyzed.file, analyzed, findings: sortFindings(dedupe(findings)) };
}

/** One problem, one finding: drops exact repeats (same id, same place, same message). */
function dedupe(findings: Finding[]): Finding[] {
  // Keyed by where a finding starts (a number: no key string built per finding); the few
  // findings that start at one place are compared by rule, end and message.
  const seen = new Map<number, Finding[]>();
  return findings.filter((f) => {
    const here = seen.get(f.span.start);
    if (!here) {
      seen.set(f.span.start, [f]);
      return true;
    }
    for (const other of here) {
      if (other.ruleId === f.ruleId && other.span.end === f.span.end && other.message === f.message) return false;
    }
    here.push(f);
    return true;
  });
}
