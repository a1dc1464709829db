/** `outcomes-lint totals [rate-card] --actuals F`: plan against actual for one rate card. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkActuals, isActualsFile } from '../core/actuals';
import { nodeHost } from '../core/node-host';
import { Workspace } from '../core/workspace';
import { UsageError, type Io } from './io';
import { displayPath } from './results';
import { collectReports } from './totals-collect';
import { writeOutputFile } from './output-file';
import { loadWorkbookWriter } from './totals-formats/xlsx-load';
import { actualsCsv, actualsJson, actualsMarkdown, actualsTable, type ActualsView } from './totals-formats/actuals';

export function actualsMain(actualsPath: string, positionals: string[], options: { root: string; format: string; io: Io; color: boolean; write: (output: string) => void; outputFile?: string }): number | Promise<number> {
  const { io } = options;
  if (!['table', 'markdown', 'csv', 'json', 'xlsx'].includes(options.format)) throw new UsageError(`--actuals gives table, markdown, csv, json or xlsx; not ${options.format}.`);
  if (positionals.length > 1) throw new UsageError('With --actuals, name one rate card (or none: the one the actuals file names).');
  const actualsFile = path.resolve(actualsPath);
  if (!fs.statSync(actualsFile, { throwIfNoEntry: false })) throw new UsageError(`No such file: ${actualsPath}`);
  const rateCard = positionals[0] === undefined ? undefined : path.resolve(positionals[0]);
  if (rateCard && !fs.statSync(rateCard, { throwIfNoEntry: false })?.isFile()) throw new UsageError(`No such rate card: ${positionals[0]}`);
  const workspace = new Workspace(options.root, nodeHost, { unchangingDisk: true });
  workspace.addKnownFile(actualsFile);
  const text = workspace.textOf(actualsFile);
  if (text === undefined) throw new UsageError(`${actualsPath} cannot be read${workspace.whyUnreadable(actualsFile) ? `: ${workspace.whyUnreadable(actualsFile)}` : ''}.`);
  if (!isActualsFile(actualsFile, text)) throw new UsageError(`${actualsPath} is not an actuals file: name it *.actuals.yaml or *.actuals.csv (or begin the YAML with \`kind: Actuals\`).`);
  const report = checkActuals(workspace, actualsFile, {}, rateCard)!;
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  const warnings = report.findings.filter((f) => f.severity === 'warning').length;
  const plan = report.unreadable ? undefined : report.plan();
  if (!plan || !report.contract) {
    // Never a figure from a file that does not read: the findings say where it is wrong.
    const first = report.findings.find((f) => f.severity === 'error');
    const where = first ? ` The first: ${displayPath(actualsFile)}:${report.actuals.parsed?.lines.positionAt(first.span.start).line ?? lineOf(text, first.span.start)} ${first.message.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')}` : '';
    io.stderr(`outcomes-lint totals: ${displayPath(actualsFile)} has ${errors} error${errors === 1 ? '' : 's'} in reading it, so no plan-against-actual figure is made from it; see outcomes-lint ${displayPath(actualsFile)}.${where}\n`);
    return 1;
  }
  const view: ActualsView = { plan, rateCardId: report.contract.rateCard.id ?? path.basename(report.contract.rateCard.file), actualsFile, errors, warnings };
  if (options.format === 'xlsx') {
    // The rate card's own sheets (its totals, investor's cash flow, lines), then the plan against actual.
    const card = report.contract.rateCard.file;
    const { reports } = collectReports(workspace, [card], new Set([card]), undefined);
    return loadWorkbookWriter().then(async ({ formatTotalsXlsx }) => {
      writeOutputFile(options.outputFile!, await formatTotalsXlsx(reports, { plan, rateCardId: view.rateCardId, actualsFile: displayPath(actualsFile) }), io);
      if (errors) io.stderr(`outcomes-lint totals: ${displayPath(actualsFile)} has ${errors} claim${errors === 1 ? '' : 's'} the contract does not allow; see outcomes-lint ${displayPath(actualsFile)}.\n`);
      return errors ? 1 : 0;
    });
  }
  const bold = (s: string) => (options.color ? `\u001b[1m${s}\u001b[0m` : s);
  const formats: Record<string, () => string> = { table: () => actualsTable(view, bold), markdown: () => actualsMarkdown(view), csv: () => actualsCsv(view), json: () => actualsJson(view) };
  options.write(formats[options.format]());
  if (errors) io.stderr(`outcomes-lint totals: ${displayPath(actualsFile)} has ${errors} claim${errors === 1 ? '' : 's'} the contract does not allow; see outcomes-lint ${displayPath(actualsFile)}.\n`);
  return errors ? 1 : 0;
}

/** 1-based line of an offset. */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
