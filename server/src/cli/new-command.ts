/**
 * `outcomes-lint new --from INDIGO-POJ-nnnn [folder]`: a framework and rate card written from a real
 * UK programme's published outcomes and prices; `new --list` shows the programmes on offer.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { pricedProjects, programmeById, sourceCredit } from '../core/prices/dataset';
import { programmeTemplate } from '../core/prices/template';
import { UsageError, type Io } from './io';

const HELP = `Usage: outcomes-lint new --from <INDIGO-POJ-nnnn> [folder]
       outcomes-lint new --list

Writes <name>.framework.yaml and <name>.ratecard.yaml into the folder (default: the current
folder) from a real UK programme's published outcomes and prices (INDIGO impact bond dataset).
Every line the data does not support is marked "guess:". Existing files are never overwritten.
`;

export function newMain(argv: string[], io: Io): number {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { from: { type: 'string' }, list: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  if (values.list) {
    for (const project of pricedProjects()) {
      const programme = programmeById(project.programme);
      const prices = project.outcomes.filter((o) => o.price !== undefined).length;
      io.stdout(`${project.id}  ${project.name} (${programme?.name ?? project.programme}, ${programme?.year ?? '?'}): ${prices} price${prices === 1 ? '' : 's'}\n`);
    }
    io.stdout(`\nSource: ${sourceCredit()}.\n`);
    return 0;
  }
  if (!values.from) throw new UsageError('Give the programme to start from: new --from INDIGO-POJ-nnnn (new --list shows them).');
  if (positionals.length > 1) throw new UsageError(`Give one folder, not ${positionals.length}.`);
  const template = programmeTemplate(values.from);
  if ('error' in template) throw new UsageError(template.error);
  const folder = path.resolve(positionals[0] ?? '.');
  if (fs.existsSync(folder) && !fs.statSync(folder).isDirectory()) throw new UsageError(`${positionals[0]} is not a folder.`);
  try {
    fs.mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw new UsageError(`Cannot create the folder ${positionals[0]}: ${(error as Error).message}`);
  }
  const files = [
    [path.join(folder, template.frameworkFile), template.frameworkText],
    [path.join(folder, template.rateCardFile), template.rateCardText],
  ] as const;
  const existing = files.filter(([file]) => fs.existsSync(file)).map(([file]) => path.relative(process.cwd(), file) || file);
  if (existing.length) {
    io.stderr(`outcomes-lint: ${existing.join(' and ')} already exist${existing.length === 1 ? 's' : ''}; nothing was written. Choose another folder, or move ${existing.length === 1 ? 'it' : 'them'} away.\n`);
    return 2;
  }
  // 'wx': never replace a file another program created since the check above.
  try {
    for (const [file, text] of files) fs.writeFileSync(file, text, { flag: 'wx' });
  } catch (error) {
    io.stderr(`outcomes-lint: could not write into ${positionals[0] ?? 'the current folder'}: ${(error as Error).message}\n`);
    return 2;
  }
  const shown = files.map(([file]) => path.relative(process.cwd(), file) || file);
  io.stdout(`Wrote ${shown.join(' and ')}, modelled on ${template.project.name} (${template.project.id}, ${template.programme.name}, ${template.programme.year}).\nCheck every line marked "guess:" before relying on them. Source: ${sourceCredit()}.\n`);
  return 0;
}
