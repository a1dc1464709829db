/** `outcomes-lint [paths...]`: checks files and prints the findings. */
import * as path from 'node:path';
import { isConfigFile, lintConfigFile, lintFile, type LintOptions } from '../core/analysis';
import type { Finding } from '../core/findings';
import type { RuleSeverity } from '../core/rules/types';
import { nodeHost } from '../core/node-host';
import { Workspace } from '../core/workspace';
import { discover } from './discover';
import { describeFixes, diffOf, fixFiles, writeAtomically, writeFixedFiles } from './fix';
import { formatGithub } from './formats/github';
import { formatGitlab } from './formats/gitlab';
import { formatJson } from './formats/json';
import { formatJunit } from './formats/junit';
import { formatSarif } from './formats/sarif';
import { formatStylish } from './formats/stylish';
import { toFileResult, type FileResult } from './results';
import { UsageError, type Io } from './io';

export interface LintArgs {
  paths: string[];
  formats: { name: string; outputFile?: string }[];
  maxWarnings?: number;
  root?: string;
  color: boolean;
  quiet: boolean;
  /** `--rule id=severity`, already checked against the rules. */
  rules?: Record<string, RuleSeverity>;
  /** `--config FILE`: use it instead of searching for .outcomes-lint.yaml. */
  config?: string;
  /** `--fix` writes the fixes; `--fix-dry-run` prints them as a diff. */
  fix?: 'write' | 'dry-run';
}

export type Formatter = (results: FileResult[], context: { color: boolean; root: string }) => string;

export const formatters: Record<string, Formatter> = {
  stylish: (results, { color }) => formatStylish(results, { color }),
  json: (results) => formatJson(results),
  sarif: (results, { root }) => formatSarif(results, { root, version: VERSION, docsBaseUrl: process.env.OUTCOMES_LINT_DOCS_URL }),
  junit: (results) => formatJunit(results),
  github: (results) => formatGithub(results),
  gitlab: (results) => formatGitlab(results),
};

export function runLint(args: LintArgs, io: Io): number {
  for (const format of args.formats) if (!formatters[format.name]) throw new UsageError(`Unknown format "${format.name}". Formats: ${Object.keys(formatters).join(', ')}.`);
  const root = path.resolve(args.root ?? process.cwd());
  const discovered = discover(args.paths.length ? args.paths : ['.']);
  const { missing } = discovered;
  // A config file named on the command line is checked as a configuration.
  const namedConfigs = discovered.files.filter(isConfigFile);
  const files = discovered.files.filter((file) => !isConfigFile(file));
  if (missing.length) throw new UsageError(`No such file or folder: ${missing.join(', ')}`);
  const workspace = new Workspace(root, nodeHost);
  for (const file of files) workspace.addKnownFile(file);
  if (args.config !== undefined && workspace.textOf(path.resolve(args.config)) === undefined) throw new UsageError(`No such config file: ${args.config}`);
  const options: LintOptions = { cliRules: args.rules, configFile: args.config };
  let diff = '';
  let unwritten = 0;
  if (args.fix) {
    let fixed = fixFiles(workspace, files, options);
    if (args.fix === 'write') {
      const outcome = writeFixedFiles(fixed, io.stderr);
      // A file left unwritten is checked as it is on disk.
      for (const f of fixed) if (!outcome.written.includes(f)) workspace.clearOverlay(f.file);
      fixed = outcome.written;
      unwritten = outcome.refused;
    } else diff = fixed.map((f) => diffOf(f)).join('');
    io.stderr(describeFixes(fixed, args.fix === 'dry-run'));
  }
  // A broken config is reported once, on the config file, however many files it applies to.
  const configFindings = new Map<string, Finding>();
  for (const config of namedConfigs) for (const f of lintConfigFile(workspace, config).findings) configFindings.set(`${f.file}|${f.span.start}|${f.span.end}|${f.message}`, f);
  let results = files.map((file) => {
    const report = lintFile(workspace, file, options);
    for (const f of report.configFindings) configFindings.set(`${f.file}|${f.span.start}|${f.span.end}|${f.message}`, f);
    return toFileResult(file, report.analyzed?.text ?? workspace.textOf(file), report.findings);
  });
  const byConfig = new Map<string, Finding[]>(namedConfigs.map((file) => [path.resolve(file), []]));
  for (const f of configFindings.values()) byConfig.set(f.file, [...(byConfig.get(f.file) ?? []), f]);
  for (const [file, findings] of [...byConfig].sort(([a], [b]) => a.localeCompare(b))) results.push(toFileResult(file, workspace.textOf(file), findings.sort((a, b) => a.span.start - b.span.start)));
  if (args.quiet) results = results.map((r) => ({ ...r, messages: r.messages.filter((m) => m.severity === 'error'), warningCount: 0, infoCount: 0, hintCount: 0 }));
  for (const format of args.formats) {
    const output = formatters[format.name](results, { color: format.outputFile ? false : args.color, root });
    if (format.outputFile) writeAtomically(format.outputFile, output);
    else if (args.fix !== 'dry-run') io.stdout(output);
  }
  if (args.fix === 'dry-run') io.stdout(diff);
  if (unwritten > 0) return 2; // a fix that could not be written is an error of the run, whatever the findings
  const errors = results.reduce((n, r) => n + r.errorCount, 0);
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  if (errors > 0) return 1;
  if (args.maxWarnings !== undefined && warnings > args.maxWarnings) {
    io.stderr(`outcomes-lint: ${warnings} warnings, more than --max-warnings ${args.maxWarnings}.\n`);
    return 1;
  }
  return 0;
}

export { writeAtomically } from './fix';

declare const __VERSION__: string;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';
