/** `outcomes-lint [paths...]`: checks files and prints the findings. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isCsvName } from '../core/actuals';
import { isConfigFile, lintConfigFile, lintFile, type LintOptions } from '../core/analysis';
import type { Finding } from '../core/findings';
import type { RuleSeverity } from '../core/rules/types';
import { nodeHost, sha256Hex } from '../core/node-host';
import { Workspace } from '../core/workspace';
import { plural } from '../core/words';
import { fingerprints } from '../core/fingerprint';
import type { GitRevision } from '../node/git-revision';
import { openRevision } from './revision';
import { discover, ignoreProblemsTo, selectDiscovered } from './discover';
import { describeFixes, diffOf, fixFiles, writeFixedFiles, type FixKinds } from './fix';
import { writeOutputFile } from './output-file';
import { formatGithub } from './formats/github';
import { formatGitlab } from './formats/gitlab';
import { formatJson } from './formats/json';
import { formatJunit } from './formats/junit';
import { formatMarkdown } from './formats/markdown';
import { formatSarif } from './formats/sarif';
import { formatStylish } from './formats/stylish';
import { toFileResult, type FileResult } from './results';
import { UsageError, type Io } from './io';
import { printable } from '../core/printable';

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
  /** `--stdin [--stdin-filename F]`: check this text as if it were the file F. */
  stdin?: { text: string; filename?: string };
  /** `--no-ignore` turns this off: honour .gitignore and .outcomes-lintignore when walking folders. */
  ignoreFiles?: boolean;
  /** `--base REF`: report only findings not present at this git revision. */
  base?: string;
  /** `--fix-type term`: `--fix` also applies fixes that change a contract term. */
  fixTypes?: FixKinds;
}

/** The file standard input stands for when no --stdin-filename is given. */
export const STDIN_NAME = '<stdin>';

export type Formatter = (results: FileResult[], context: { color: boolean; root: string }) => string;

export const formatters: Record<string, Formatter> = {
  stylish: (results, { color }) => formatStylish(results, { color }),
  json: (results) => formatJson(results),
  sarif: (results, { root }) => formatSarif(results, { root, version: VERSION, docsBaseUrl: process.env.OUTCOMES_LINT_DOCS_URL }),
  junit: (results) => formatJunit(results),
  github: (results) => formatGithub(results),
  gitlab: (results) => formatGitlab(results),
  markdown: (results) => formatMarkdown(results),
};

export function runLint(args: LintArgs, io: Io): number {
  for (const format of args.formats) if (!formatters[format.name]) throw new UsageError(`Unknown format "${format.name}". Formats: ${Object.keys(formatters).join(', ')}.`);
  const root = path.resolve(args.root ?? process.cwd());
  const stdinFile = args.stdin ? path.resolve(args.stdin.filename ?? STDIN_NAME) : undefined;
  if (stdinFile && isFolder(stdinFile)) throw new UsageError(`--stdin-filename names a folder (${args.stdin!.filename}); give the file the text stands for.`);
  const discovered = stdinFile ? { files: [stdinFile], missing: [] } : discover(args.paths.length ? args.paths : ['.'], { ignoreFiles: args.ignoreFiles, root, onIgnoreProblem: ignoreProblemsTo(io) });
  const { missing } = discovered;
  // A config file named on the command line is checked as a configuration.
  const namedConfigs = discovered.files.filter(isConfigFile);
  const files = discovered.files.filter((file) => !isConfigFile(file));
  if (missing.length) throw new UsageError(`No such file or folder: ${missing.join(', ')}`);
  // Nothing to check is said plainly, never "No problems in 0 files": for paths the user named it
  // is a usage error, as in `totals`; for the default folder a note, so a hook in a new repository passes.
  if (files.length === 0 && namedConfigs.length === 0) {
    const where = args.paths.length ? args.paths.join(', ') : 'this folder';
    const why = `No framework or rate card found in ${where}: nothing was checked. Frameworks are named *.framework.yaml and rate cards *.ratecard.yaml (or begin with \`kind: OutcomeFramework\` or \`kind: RateCard\`).`;
    if (args.paths.length) throw new UsageError(why);
    io.stderr(`outcomes-lint: ${printable(why)}\n`);
  }
  const workspace = new Workspace(root, nodeHost, { unchangingDisk: true }); // each file read once per run
  // The piped text stands in for the file, whether or not it exists on disk.
  if (stdinFile) workspace.setOverlay(stdinFile, args.stdin!.text);
  for (const file of files) workspace.addKnownFile(file);
  if (args.config !== undefined && workspace.textOf(path.resolve(args.config)) === undefined) throw new UsageError(`No such config file: ${args.config}`);
  const options: LintOptions = { cliRules: args.rules, configFile: args.config };
  let diff = '';
  let unwritten = 0;
  if (args.fix) {
    // A dry run shows every fix, those that change a term marked; --fix applies terms only when asked.
    let fixed = fixFiles(workspace, files, options, args.fix === 'dry-run' ? { terms: true } : (args.fixTypes ?? { terms: false }));
    if (args.fix === 'write') {
      const outcome = writeFixedFiles(fixed, io.stderr);
      // A file left unwritten is checked as it is on disk.
      for (const f of fixed) if (!outcome.written.includes(f)) workspace.clearOverlay(f.file);
      fixed = outcome.written;
      unwritten = outcome.refused;
    } else diff = fixed.map((f) => diffOf(f)).join('');
    io.stderr(describeFixes(fixed, args.fix === 'dry-run'));
  }
  let results = lintResults(workspace, files, namedConfigs, options);
  // Counted before --base leaves out old findings: a term fix left is left whatever the base says.
  const termFixesLeft = args.fix === 'write' && !args.fixTypes?.terms ? results.reduce((n, r) => n + r.messages.filter((m) => m.finding.fix?.changesTerm).length, 0) : 0;
  if (args.base !== undefined) results = onlyNew(results, baseFingerprints(args.base, root, args.paths.length ? args.paths : ['.'], options), args.base, io);
  if (args.quiet) results = results.map((r) => ({ ...r, messages: r.messages.filter((m) => m.severity === 'error'), warningCount: 0, infoCount: 0, hintCount: 0 }));
  for (const format of args.formats) {
    const output = formatters[format.name](results, { color: format.outputFile ? false : args.color, root });
    if (format.outputFile) writeOutputFile(format.outputFile, output, io);
    else if (args.fix !== 'dry-run') io.stdout(output);
  }
  if (args.fix === 'dry-run') io.stdout(diff);
  if (termFixesLeft > 0) io.stderr(`${plural(termFixesLeft, 'fix', 'fixes')} would change a contract term (a price, maxClaims, a cap, excludes...) and ${termFixesLeft === 1 ? 'was' : 'were'} not applied: see ${termFixesLeft === 1 ? 'it' : 'them'} with --fix-dry-run, and apply ${termFixesLeft === 1 ? 'it' : 'them'} with --fix --fix-type term once agreed.\n`);
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

/** Whether a path names a folder; a name the system cannot look up (too long, a loop of links) does not. */
function isFolder(file: string): boolean {
  try {
    return fs.statSync(file, { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    return false;
  }
}

/** Checks the files and the named config files, each finding with its fingerprint. */
function lintResults(workspace: Workspace, files: string[], namedConfigs: string[], options: LintOptions): FileResult[] {
  const root = workspace.root;
  // A CSV file has no YAML structure: its findings are told apart by rule, message and place.
  const parsedOf = (file: string) => (isCsvName(file) ? undefined : workspace.analyze(file)?.parsed);
  // A broken config is reported once, on the config file, however many files it applies to.
  const configFindings = new Map<string, Finding>();
  for (const config of namedConfigs) for (const f of lintConfigFile(workspace, config).findings) configFindings.set(`${f.file}|${f.span.start}|${f.span.end}|${f.message}`, f);
  const results = files.map((file) => {
    const report = lintFile(workspace, file, options);
    for (const f of report.configFindings) configFindings.set(`${f.file}|${f.span.start}|${f.span.end}|${f.message}`, f);
    // The editor's pointer at a broken config on each file is not repeated here (configuration.md).
    const findings = report.findings.filter((f) => !(f.ruleId === 'config' && !isConfigFile(f.file)));
    return toFileResult(file, report.analyzed?.text ?? workspace.textOf(file), findings, fingerprints(findings, root, parsedOf, sha256Hex));
  });
  const byConfig = new Map<string, Finding[]>(namedConfigs.map((file) => [path.resolve(file), []]));
  for (const f of configFindings.values()) byConfig.set(f.file, [...(byConfig.get(f.file) ?? []), f]);
  for (const [file, findings] of [...byConfig].sort(([a], [b]) => a.localeCompare(b))) {
    findings.sort((a, b) => a.span.start - b.span.start);
    results.push(toFileResult(file, workspace.textOf(file), findings, fingerprints(findings, root, parsedOf, sha256Hex)));
  }
  return results;
}

/** The fingerprints of every finding in the same paths at the git revision `base`, read without checking it out. */
function baseFingerprints(base: string, root: string, paths: string[], options: LintOptions): Set<string> {
  const revision = openRevision(base);
  const workspace = new Workspace(root, revision.host());
  const { files, configs } = filesAtRevision(revision, paths);
  for (const file of files) workspace.addKnownFile(file);
  // A --config file is read as it is now: the rules' settings are not what is being compared.
  const results = lintResults(workspace, files, configs, { ...options, configFile: undefined });
  return new Set(results.flatMap((r) => r.messages.map((m) => m.fingerprint)));
}

/** The frameworks, rate cards and named config files at a revision, under the paths given now. */
export function filesAtRevision(revision: GitRevision, paths: string[]): { files: string[]; configs: string[] } {
  const named = new Set(paths.map((p) => path.resolve(p)));
  const found = selectDiscovered(revision.filesUnder(paths), named, (file) => revision.readFile(file));
  return { files: found.filter((f) => !isConfigFile(f)), configs: found.filter((f) => isConfigFile(f) && named.has(f)) };
}

/** Keeps only the findings whose fingerprint is not in `old`, and says on stderr how many were left out. */
function onlyNew(results: FileResult[], old: Set<string>, base: string, io: Io): FileResult[] {
  let hidden = 0;
  const out = results.map((result) => {
    const messages = result.messages.filter((m) => !old.has(m.fingerprint));
    hidden += result.messages.length - messages.length;
    const count = (severity: string) => messages.filter((m) => m.severity === severity).length;
    return { ...result, messages, errorCount: count('error'), warningCount: count('warning'), infoCount: count('info'), hintCount: count('hint') };
  });
  if (hidden) io.stderr(`outcomes-lint: ${hidden} finding${hidden === 1 ? ' was' : 's were'} already there at ${base} and ${hidden === 1 ? 'is' : 'are'} not reported (--base ${base}).\n`);
  return out;
}


declare const __VERSION__: string;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';
