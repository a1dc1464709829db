/**
 * What the CLI and the language server call for one file: its configuration resolved, the
 * checks and rules run with those settings, suppression comments applied, and the problems of
 * the configuration itself reported, so that editor and CI agree on every finding.
 */
import * as path from './path';
import { applySeverities, brokenConfigNotice, CONFIG_FILE_NAMES, resolveConfig } from './config';
import { ruleCatalog } from './config/catalog';
import type { RuleCatalog } from './config/load';
import { sortFindings, type Finding } from './findings';
import { checkFile, type FileReport } from './lint';
import type { RuleSettings, RuleSeverity } from './rules/types';
import { applySuppressions } from './suppressions';
import type { Workspace } from './workspace';

export interface LintOptions {
  /** Severities from the command line (`--rule id=severity`): they win over every config file. */
  cliRules?: Record<string, RuleSeverity>;
  /** A config file to use instead of searching upward from the file (`--config`). */
  configFile?: string;
  /** The workspace is not trusted: no config file in it changes a rule (VS Code's workspace trust). */
  untrusted?: boolean;
}

export interface LintReport extends FileReport {
  /** Problems in the config files that apply, each on its own config file. */
  configFindings: Finding[];
  /** The config files that apply, nearest first: when one changes, re-check this file. */
  configFiles: string[];
  /** The settings the rules ran with. */
  settings: RuleSettings;
  /** Findings that suppression comments removed. */
  suppressed: Finding[];
}

export function lintFile(workspace: Workspace, file: string, options: LintOptions = {}, catalog: RuleCatalog = ruleCatalog): LintReport {
  const config = resolveConfig(workspace, file, catalog, options.configFile, { named: options.configFile !== undefined, untrusted: options.untrusted });
  const settings = config.settings;
  if (options.cliRules) applySeverities(settings, options.cliRules, config.configured);
  const report = checkFile(workspace, file, { settings });
  // Rules that are off report nothing, and a severity the team set applies to every finding of
  // its rule (even one the rule would make graver, such as repeatable entry to accommodation).
  let findings = report.findings
    .filter((f) => settings[f.ruleId]?.severity !== 'off')
    .map((f) => (config.configured.has(f.ruleId) ? { ...f, severity: settings[f.ruleId].severity as Finding['severity'], ...('fix' in f ? { fix: f.fix } : {}) } : f));
  let suppressed: Finding[] = [];
  const text = report.analyzed?.text;
  // Every suppression comment names `outcomes-lint-`: a file without one needs no scan of its lines.
  if (text !== undefined && text.includes('outcomes-lint-')) {
    const result = applySuppressions(report.file, text, findings, catalog, settings, report.analyzed!.parsed.lines);
    findings = result.findings;
    suppressed = result.suppressed;
  }
  if (config.findings.length) findings.push(brokenConfigNotice(report.file, config.files, config.findings));
  return { ...report, findings: sortFindings(findings), configFindings: config.findings, configFiles: config.files, settings, suppressed };
}

/** Whether a file is a lint configuration by its name (`.outcomes-lint.yaml`). */
export function isConfigFile(file: string): boolean {
  return (CONFIG_FILE_NAMES as readonly string[]).includes(path.basename(file));
}

/**
 * The problems of a configuration file and of the files it extends (each on its own file), for
 * the editor's diagnostics on an open `.outcomes-lint.yaml` and for `outcomes-lint .outcomes-lint.yaml`.
 */
export function lintConfigFile(workspace: Workspace, configFile: string, catalog: RuleCatalog = ruleCatalog): { file: string; findings: Finding[]; configFiles: string[] } {
  const file = path.resolve(configFile);
  const resolved = resolveConfig(workspace, path.join(path.dirname(file), '(any file)'), catalog, file);
  return { file, findings: sortFindings(resolved.findings), configFiles: resolved.files };
}
