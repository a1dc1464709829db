/** `outcomes-lint`: the headless linter. Exit 0 clean, 1 findings that fail, 2 usage or internal error. */
import { parseArgs } from 'node:util';
import { WriteRefused } from './fix';
import { runLint } from './lint-command';
import { processIo, UsageError, type Io } from './io';
import { parseRuleFlags, rulesCommand } from './rules-command';
import { totalsMain } from './totals-command';

const HELP = `Usage: outcomes-lint [paths...] [options]
       outcomes-lint totals <rate-card>... [--format table|json|csv|markdown]
       outcomes-lint rules [--format text|json]

Checks outcome frameworks (*.framework.yaml) and rate cards (*.ratecard.yaml), and other
YAML files whose kind is OutcomeFramework or RateCard. With no path, the current folder.

Options:
  -f, --format <name>      stylish (default), json, sarif, junit, github or gitlab;
                           may be given more than once, each with its --output-file
  -o, --output-file <file> write the preceding --format to this file
      --max-warnings <n>   exit 1 when there are more than n warnings
      --root <dir>         the workspace root (default: the current folder); rate cards
                           may only refer to frameworks inside it
      --quiet              report errors only
      --rule <id>=<sev>    set a rule's severity (off, hint, info, warning, error) over
                           every config file; may be given more than once
      --config <file>      use this configuration instead of the nearest .outcomes-lint.yaml
      --fix                apply the fixes findings carry and write the files (atomically)
      --fix-dry-run        print the fixes as a unified diff; write nothing
      --color, --no-color  force colour on or off (default: on a terminal, unless NO_COLOR)
  -h, --help               show this help
  -v, --version            show the version

Exit codes: 0 no errors; 1 errors, or more warnings than --max-warnings; 2 usage or internal error.
`;

export type Subcommand = (argv: string[], io: Io) => number;
export const subcommands: Record<string, Subcommand> = {};
subcommands.rules = (argv, io) => rulesCommand(argv, io);
subcommands.totals = totalsMain;

export function main(argv: string[], io: Io = processIo): number {
  try {
    const sub = argv[0] !== undefined ? subcommands[argv[0]] : undefined;
    if (sub) return sub(argv.slice(1), io);
    return lintMain(argv, io);
  } catch (error) {
    if (error instanceof WriteRefused) {
      io.stderr(`outcomes-lint: ${error.message}\n`);
      return 2;
    }
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`outcomes-lint: ${(error as Error).message}\nRun outcomes-lint --help for usage.\n`);
      return 2;
    }
    io.stderr(`outcomes-lint: internal error: ${(error as Error).stack ?? String(error)}\n`);
    return 2;
  }
}

function lintMain(argv: string[], io: Io): number {
  const { values, positionals, tokens } = parseArgs({
    args: argv,
    allowPositionals: true,
    tokens: true,
    options: {
      format: { type: 'string', short: 'f', multiple: true },
      'output-file': { type: 'string', short: 'o', multiple: true },
      'max-warnings': { type: 'string' },
      root: { type: 'string' },
      quiet: { type: 'boolean' },
      rule: { type: 'string', multiple: true },
      config: { type: 'string' },
      fix: { type: 'boolean' },
      'fix-dry-run': { type: 'boolean' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  if (values.version) {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) throw new UsageError(`--max-warnings needs a whole number, not "${values['max-warnings']}".`);
  }
  if (values.fix && values['fix-dry-run']) throw new UsageError('Give --fix or --fix-dry-run, not both.');
  const fix = values.fix ? 'write' : values['fix-dry-run'] ? 'dry-run' : undefined;
  const color = values['no-color'] ? false : values.color ? true : io.isTTY && !io.env.NO_COLOR;
  return runLint({ paths: positionals, formats: pairFormats(tokens ?? []), maxWarnings, root: values.root, color, quiet: Boolean(values.quiet), rules: parseRuleFlags(values.rule ?? []), config: values.config, fix }, io);
}

/** Pairs each --output-file with the --format before it; a format without one goes to stdout. */
export function pairFormats(tokens: ReturnType<typeof parseArgs>['tokens'] & object): { name: string; outputFile?: string }[] {
  const formats: { name: string; outputFile?: string }[] = [];
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    if (token.name === 'format') formats.push({ name: String(token.value) });
    else if (token.name === 'output-file') {
      const last = formats[formats.length - 1];
      if (!last || last.outputFile !== undefined) {
        if (formats.length === 0) formats.push({ name: 'stylish', outputFile: String(token.value) });
        else throw new UsageError('Give --output-file after the --format it is for, once per format.');
      } else last.outputFile = String(token.value);
    }
  }
  if (formats.length === 0) formats.push({ name: 'stylish' });
  const toStdout = formats.filter((f) => f.outputFile === undefined);
  if (toStdout.length > 1) throw new UsageError('Only one format can go to the terminal; give the others an --output-file.');
  return formats;
}

declare const __VERSION__: string;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';
