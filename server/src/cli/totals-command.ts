/** `outcomes-lint totals <rate-card>...`: the payment totals of each rate card, as a report. */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { nodeHost } from '../core/node-host';
import { Workspace } from '../core/workspace';
import { discover, ignoreProblemsTo } from './discover';
import { UsageError, type Io } from './io';
import { writeOutputFile } from './output-file';
import { collectReports, type CollectedReport } from './totals-collect';
import type { RateCardModel } from '../core/model';
import { achievementSensitivity, capBindsAt, isScale, type WhatIf } from '../core/what-if';
import { whatIfCsvRows, whatIfJson, whatIfMarkdown, whatIfTable, whatIfTitle, type WhatIfReport } from './totals-formats/what-if';
import { compareTotals, reportsAt, type TotalsComparison } from './totals-compare';
import { openRevision } from './revision';
import { formatTotalsCsv } from '../core/totals/csv';
import { formatTotalsJson } from './totals-formats/json';
import { loadWorkbookWriter } from './totals-formats/xlsx-load';
import { formatTotalsMarkdown } from './totals-formats/markdown';
import type { TotalsReport } from '../core/totals/report';
import { formatTotalsTable } from './totals-formats/table';
import { plural } from '../core/words';
import { actualsMain } from './totals-actuals';
import type { ValueOptions } from '../core/value';
import { formatDeltaCsv, formatDeltaJson, formatDeltaMarkdown, formatDeltaTable } from './totals-formats/delta';

/** Per rate card: where caps.total starts to bind, and which outcomes move the expected payments most. */
function whatIfReports(workspace: Workspace, collected: CollectedReport[], whatIf: WhatIf): WhatIfReport[] {
  return collected.map(({ report, file }) => {
    const card = workspace.analyze(file)!.model as RateCardModel;
    const link = workspace.frameworkOf(card);
    const framework = link.ok ? link.framework : undefined;
    return { report, capBinds: capBindsAt(card, framework, { participants: whatIf.participants }), sensitivity: achievementSensitivity(card, framework, whatIf) };
  });
}

/** The report under the what-if, said as such, with the what-if's own findings after it. */
function withWhatIf(format: string, output: string, items: WhatIfReport[], whatIf: WhatIf): string {
  const title = whatIfTitle(whatIf);
  switch (format) {
    case 'json':
      return whatIfJson(output, items, whatIf);
    case 'csv':
      return output + whatIfCsvRows(items);
    case 'markdown':
      return `> **What if:** ${title}\n\n${output}\n${whatIfMarkdown(items)}`;
    default:
      return `What if: ${title}\n\n${output}\n${whatIfTable(items)}`;
  }
}

/** The same formats for `--base REF`: what changed since the revision. */
export const deltaFormatters: Record<string, (comparison: TotalsComparison, options: { color: boolean }) => string> = {
  table: formatDeltaTable,
  json: formatDeltaJson,
  csv: formatDeltaCsv,
  markdown: formatDeltaMarkdown,
};

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
  -f, --format <name>       table (default), json, csv, markdown, or xlsx (a workbook with
                            live formulas; needs --output-file)
  -o, --output-file <file>  write the report to this file instead of the terminal
      --root <dir>          the workspace root (default: the current folder)
      --achievement <scale> what if every achievement share were × scale (each at most 1)
      --participants <scale> what if every participant count were × scale (whole people);
                            either adds, per rate card, the achievement scale at which
                            caps.total starts to bind and the outcomes that move expected
                            payments most
      --actuals <file>      plan against actual: the results in this actuals file (*.actuals.yaml
                            or *.actuals.csv) beside the rate card's plan to date, as a share
                            of plan, and the reforecast (docs/actuals.md); the rate card is the
                            one named, else the one the actuals file names; with --format
                            xlsx the workbook gains a Plan against actual sheet
      --base <ref>          compare with the rate cards at this git revision (a branch, tag
                            or commit, read with git; nothing is checked out): each figure
                            now, at the base, and the difference
      --discount-rate <pct> the discount rate of the value figures' net present value, in
                            percent a year (default 3.5, the Green Book's; docs/value.md)
      --color, --no-color   force colour on or off
  -h, --help                show this help

Exit codes: 0 every figure computed; 1 a file is not a readable rate card, the rate card or its
framework has errors (named on stderr, the figures they touch marked), or a line stops a figure
being computed; 2 usage error.
`;

export function totalsMain(argv: string[], io: Io): number | Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f' },
      'output-file': { type: 'string', short: 'o' },
      root: { type: 'string' },
      base: { type: 'string' },
      achievement: { type: 'string' },
      actuals: { type: 'string' },
      participants: { type: 'string' },
      'discount-rate': { type: 'string' },
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
  // The workbook is binary: written to a file only, and built by a module loaded only for it.
  const workbook = format === 'xlsx';
  const formatter = workbook ? formatTotalsJson : totalsFormatters[format];
  if (!formatter) throw new UsageError(`Unknown totals format "${format}". Formats: ${[...Object.keys(totalsFormatters), 'xlsx'].join(', ')}.`);
  if (workbook && !values['output-file']) throw new UsageError('--format xlsx writes a workbook: give the file to write with --output-file, such as --output-file totals.xlsx.');
  if (workbook && values.base !== undefined) throw new UsageError('--format xlsx shows the figures of one revision: use --base with table, json, csv or markdown.');
  if (positionals.length === 0 && values.actuals === undefined) throw new UsageError('Name at least one rate card: outcomes-lint totals path/to/card.ratecard.yaml');
  const { files, missing } = values.actuals !== undefined ? { files: [], missing: [] } : discover(positionals, { root: values.root, onIgnoreProblem: ignoreProblemsTo(io) });
  const root = path.resolve(values.root ?? process.cwd());
  const workspace = new Workspace(root, nodeHost, { unchangingDisk: true }); // each file read once per run
  for (const file of files) workspace.addKnownFile(file);
  const named = new Set(positionals.map((p) => path.resolve(p)));
  const color = !values['output-file'] && (values['no-color'] ? false : values.color ? true : io.isTTY && !io.env.NO_COLOR);
  const write = (output: string) => (values['output-file'] ? writeOutputFile(values['output-file'], output, io) : io.stdout(output));

  const whatIf: WhatIf = {};
  for (const option of ['achievement', 'participants'] as const) {
    const given = values[option];
    if (given === undefined) continue;
    if (!isScale(given)) throw new UsageError(`--${option} needs a scale such as 1.2 or 0.8: a plain decimal of 0 or more, written without an exponent (1e9 is not accepted); not "${given}".`);
    whatIf[option] = given.trim().replace(/^\+/, '');
  }
  const rate = values['discount-rate'];
  if (rate !== undefined && !(isScale(rate) && Number(rate) <= 100)) throw new UsageError(`--discount-rate needs a percentage a year such as 3.5: a plain decimal from 0 to 100; not "${rate}".`);
  const valueOptions: ValueOptions = rate === undefined ? {} : { discountRate: Number(rate.trim().replace(/^\+/, '')) };
  const asked = whatIf.achievement !== undefined || whatIf.participants !== undefined;
  if (values.base !== undefined && asked) throw new UsageError('Give --base or a what-if (--achievement, --participants), not both.');

  if (values.actuals !== undefined) {
    if (values.base !== undefined || asked) throw new UsageError('Give --actuals alone: not with --base or a what-if.');
    return actualsMain(values.actuals, positionals, { root, format, io, color, write, outputFile: values['output-file'] });
  }

  if (values.base !== undefined) {
    const deltaFormatter = deltaFormatters[format];
    const revision = openRevision(values.base);
    const base = reportsAt(revision, root, positionals, valueOptions);
    // A file named that is gone now may still be at the base: it is a removed rate card.
    const gone = missing.filter((m) => !base.collected.some((c) => c.file === path.resolve(m) || c.file.startsWith(path.resolve(m) + path.sep)));
    if (gone.length) throw new UsageError(`No such file or folder, now or at ${values.base}: ${gone.join(', ')}`);
    const now = collectReports(workspace, files, named, io, {}, valueOptions);
    write(deltaFormatter(compareTotals(values.base, revision.commit, { workspace, collected: now.collected }, base), { color }));
    return now.failed ? 1 : 0;
  }

  if (missing.length) throw new UsageError(`No such file or folder: ${missing.join(', ')}`);
  const { reports, collected, failed } = collectReports(workspace, files, named, io, whatIf, valueOptions);
  if (reports.length === 0 && !failed) throw new UsageError(`No rate cards found in ${positionals.join(', ')}.`);
  if (reports.length && workbook) {
    const target = values['output-file']!;
    return loadWorkbookWriter().then(async ({ formatTotalsXlsx }) => {
      writeOutputFile(target, await formatTotalsXlsx(reports), io);
      return failed ? 1 : 0;
    });
  }
  if (reports.length && asked) write(withWhatIf(format, formatter(reports, { color }), whatIfReports(workspace, collected, whatIf), whatIf));
  else if (reports.length) write(formatter(reports, { color }));
  // A what-if that scales a count past whole numbers counted exactly gives no figure to stand behind.
  const uncountable = asked ? reports.flatMap((r) => Object.entries(r.totals.byCohort).filter(([, c]) => c.participants !== null && !Number.isSafeInteger(c.participants)).map(([id]) => `${r.filePath}: ${id}`)) : [];
  if (uncountable.length) {
    io.stderr(`--participants ${whatIf.participants} makes more participants than can be counted exactly (more than 9,007,199,254,740,991) in ${uncountable.join(', ')}: those figures are not shown. Give a smaller scale.\n`);
    return 1;
  }
  return failed ? 1 : 0;
}
