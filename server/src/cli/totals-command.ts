/** `outcomes-lint totals <rate-card>...`: the payment totals of each rate card, as a report. */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { nodeHost } from '../core/node-host';
import { computeTotals } from '../core/totals';
import { Workspace } from '../core/workspace';
import { checkFile } from '../core/lint';
import { figuresTouched } from '../core/totals/touched';
import { builtInCheckIds } from '../core/checks';
import { discover } from './discover';
import { UsageError, type Io } from './io';
import { writeAtomically } from './lint-command';
import { displayPath } from './results';
import { formatTotalsCsv } from './totals-formats/csv';
import { formatTotalsJson } from './totals-formats/json';
import { formatTotalsMarkdown } from './totals-formats/markdown';
import type { TotalsReport } from './totals-formats/report';
import { formatTotalsTable } from './totals-formats/table';

const builtIn = new Set<string>(builtInCheckIds);

export const totalsFormatters: Record<string, (reports: TotalsReport[], options: { color: boolean }) => string> = {
  table: formatTotalsTable,
  json: formatTotalsJson,
  csv: formatTotalsCsv,
  markdown: formatTotalsMarkdown,
};

const HELP = `Usage: outcomes-lint totals <rate-card or folder>... [options]

Prints what each rate card can cost and is expected to cost: max per participant, maximum
liability, expected payments and deadweight, by cohort, payer, outcome and year.

Options:
  -f, --format <name>       table (default), json, csv or markdown
  -o, --output-file <file>  write the report to this file instead of the terminal
      --root <dir>          the workspace root (default: the current folder)
      --color, --no-color   force colour on or off
  -h, --help                show this help

Exit codes: 0 every figure computed; 1 a file is not a readable rate card, the rate card or its
framework has errors (named on stderr, the figures they touch marked), or a line stops a figure
being computed; 2 usage error.
`;

export function totalsMain(argv: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f' },
      'output-file': { type: 'string', short: 'o' },
      root: { type: 'string' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  const format = values.format ?? 'table';
  const formatter = totalsFormatters[format];
  if (!formatter) throw new UsageError(`Unknown totals format "${format}". Formats: ${Object.keys(totalsFormatters).join(', ')}.`);
  if (positionals.length === 0) throw new UsageError('Name at least one rate card: outcomes-lint totals path/to/card.ratecard.yaml');
  const { files, missing } = discover(positionals);
  if (missing.length) throw new UsageError(`No such file or folder: ${missing.join(', ')}`);
  const root = path.resolve(values.root ?? process.cwd());
  const workspace = new Workspace(root, nodeHost);
  for (const file of files) workspace.addKnownFile(file);

  const reports: TotalsReport[] = [];
  let failed = false;
  const named = new Set(positionals.map((p) => path.resolve(p)));
  for (const file of files) {
    const analyzed = workspace.analyze(file);
    if (analyzed?.model?.kind !== 'RateCard') {
      // Folders may hold frameworks too; only a file named on its own must be a rate card.
      if (named.has(file)) {
        io.stderr(`outcomes-lint totals: ${displayPath(file)} is not a rate card${analyzed ? '' : ' (it cannot be read)'}; give a file whose kind is RateCard.\n`);
        failed = true;
      }
      continue;
    }
    const card = analyzed.model;
    const link = workspace.frameworkOf(card);
    const totals = computeTotals(card, link.ok ? link.framework : undefined);
    const blockedBy = totals.blockedBy.map((b) => {
      const lines = workspace.analyze(b.file)?.parsed.lines ?? card.parsed.lines;
      const at = lines.positionAt(b.span.start);
      return { filePath: displayPath(b.file), line: at.line + 1, column: at.character + 1, message: b.message };
    });
    if (blockedBy.length) failed = true;
    // Errors in the rate card or its framework: named on stderr, the figures they touch marked, exit 1.
    const framework = link.ok ? link.framework : undefined;
    // The checks of format.md (always errors) make figures wrong; a rule set to error judges a
    // design whose figures still stand, and is only mentioned.
    const all = checkFile(workspace, file).findings.filter((f) => f.severity === 'error');
    if (framework) all.push(...checkFile(workspace, framework.file).findings.filter((f) => f.severity === 'error'));
    const findings = all.filter((f) => builtIn.has(f.ruleId));
    const ruleErrors = all.length - findings.length;
    if (ruleErrors) io.stderr(`outcomes-lint totals: ${displayPath(file)}${framework ? ' and its framework' : ''}: ${ruleErrors} rule finding${ruleErrors === 1 ? ' is an error' : 's are errors'}; the figures stand, but the design may not (run outcomes-lint ${displayPath(file)}).\n`);
    const errors = findings.map((f) => {
      const lines = workspace.analyze(f.file)?.parsed.lines ?? card.parsed.lines;
      const at = lines.positionAt(f.span.start);
      return { filePath: displayPath(f.file), line: at.line + 1, column: at.character + 1, ruleId: f.ruleId, message: f.message };
    });
    if (errors.length) {
      failed = true;
      io.stderr(`outcomes-lint totals: ${displayPath(file)} has ${errors.length} error${errors.length === 1 ? '' : 's'}${framework ? ' (with its framework)' : ''}; the figures they touch are marked (!) and may not mean what the contract says until they are fixed:\n`);
      for (const e of errors) io.stderr(`  ${e.filePath}:${e.line}:${e.column}  ${e.message}  ${e.ruleId}\n`);
    }
    const touched = errors.length ? figuresTouched(findings, card, framework, totals) : undefined;
    reports.push({ filePath: displayPath(file), frameworkPath: link.ok ? displayPath(link.file) : undefined, totals, blockedBy, errors, touched });
  }
  if (reports.length === 0 && !failed) throw new UsageError(`No rate cards found in ${positionals.join(', ')}.`);
  if (reports.length) {
    const color = !values['output-file'] && (values['no-color'] ? false : values.color ? true : io.isTTY && !io.env.NO_COLOR);
    const output = formatter(reports, { color });
    if (values['output-file']) writeAtomically(values['output-file'], output);
    else io.stdout(output);
  }
  return failed ? 1 : 0;
}
