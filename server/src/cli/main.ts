/** `outcomes-lint`: the headless linter. Exit 0 clean, 1 findings that fail, 2 usage or internal error. */
import { parseArgs } from 'node:util';
import { WriteRefused } from './fix';
import { runLint, type LintArgs } from './lint-command';
import { printConfig } from './print-config';
import { processIo, UsageError, type Io } from './io';
import { parseRuleFlags, rulesCommand } from './rules-command';
import { totalsMain } from './totals-command';
import { newMain } from './new-command';

const HELP = `Usage: outcomes-lint [paths...] [options]
       outcomes-lint totals <rate-card>... [--format table|json|csv|markdown] [--base REF]
       outcomes-lint rules [--format text|json]
       outcomes-lint new --from <INDIGO-POJ-nnnn> [folder]   (new --list shows them)

Checks outcome frameworks (*.framework.yaml) and rate cards (*.ratecard.yaml), and other
YAML files whose kind is OutcomeFramework or RateCard. With no path, the current folder.

Options:
  -f, --format <name>      stylish (default), json, sarif, junit, github, gitlab or markdown;
                           may be given more than once, each with its --output-file
  -o, --output-file <file> write the preceding --format to this file
      --max-warnings <n>   exit 1 when there are more than n warnings
      --root <dir>         the workspace root (default: the current folder); rate cards
                           may only refer to frameworks inside it
      --quiet              report errors only
      --rule <id>=<sev>    set a rule's severity (off, hint, info, warning, error) over
                           every config file; may be given more than once
      --config <file>      use this configuration instead of the nearest .outcomes-lint.yaml
      --print-config <file>
                           print the configuration that applies to this file (after
                           extends, overrides, --config and --rule) as JSON; check nothing
      --stdin              check the text on standard input instead of files
      --stdin-filename <file>
                           the file that text stands for: its name, its folder's
                           .outcomes-lint.yaml and the framework it refers to
      --no-ignore          do not honour .gitignore and .outcomes-lintignore when walking
                           folders (files named on the command line are always checked)
      --fix                apply the fixes that change no contract term and write the files
                           (atomically)
      --fix-type <types>   with --fix, also apply fixes of these kinds: term (fixes that change
                           a price, maxClaims, a cap, excludes, requires, dates or splits)
      --fix-dry-run        print every fix as a unified diff, those that change a contract
                           term marked; write nothing
      --base <ref>         report only findings not present at this git revision (a branch,
                           tag or commit; read with git, nothing checked out); the exit code
                           counts only those
      --color, --no-color  force colour on or off (default: on a terminal, unless NO_COLOR)
  -h, --help               show this help
  -v, --version            show the version

Exit codes: 0 no errors; 1 errors, or more warnings than --max-warnings; 2 usage or internal error.
`;

/** A subcommand's exit code; a promise of one where it writes asynchronously (the totals workbook). */
export type Subcommand = (argv: string[], io: Io) => number | Promise<number>;
export const subcommands: Record<string, Subcommand> = {};
subcommands.rules = (argv, io) => rulesCommand(argv, io);
subcommands.totals = totalsMain;
subcommands.new = newMain;

export function main(argv: string[], io: Io = processIo): number | Promise<number> {
  try {
    const sub = argv[0] !== undefined ? subcommands[argv[0]] : undefined;
    if (sub) {
      const code = sub(argv.slice(1), io);
      return typeof code === 'number' ? code : code.catch((error: unknown) => failed(error, io));
    }
    return lintMain(argv, io);
  } catch (error) {
    return failed(error, io);
  }
}

/** The exit code and message for an error thrown by a command. */
function failed(error: unknown, io: Io): number {
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
      'print-config': { type: 'string' },
      stdin: { type: 'boolean' },
      'stdin-filename': { type: 'string' },
      'no-ignore': { type: 'boolean' },
      base: { type: 'string' },
      'fix-type': { type: 'string', multiple: true },
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
  if (values.base !== undefined && (values.fix || values['fix-dry-run'])) throw new UsageError('--base reports the findings a change brings; give --fix without --base.');
  const fix = values.fix ? 'write' : values['fix-dry-run'] ? 'dry-run' : undefined;
  const fixTypes = parseFixTypes(values['fix-type'], fix);
  const color = values['no-color'] ? false : values.color ? true : io.isTTY && !io.env.NO_COLOR;
  const rules = parseRuleFlags(values.rule ?? []);
  if (values['print-config'] !== undefined) {
    if (positionals.length || values.stdin) throw new UsageError('--print-config takes one file and checks nothing: give no other paths and no --stdin.');
    return printConfig(values['print-config'], { root: values.root, config: values.config, rules }, io);
  }
  let stdin: LintArgs['stdin'];
  if (values['stdin-filename'] !== undefined && !values.stdin) throw new UsageError('--stdin-filename goes with --stdin.');
  if (values.stdin) {
    if (positionals.length) throw new UsageError('Give --stdin or paths, not both.');
    if (fix === 'write') throw new UsageError('--fix cannot write back to standard input; use --fix-dry-run to see the fixes as a diff.');
    stdin = { text: io.readStdin(), filename: values['stdin-filename'] };
  }
  return runLint({ paths: positionals, formats: pairFormats(tokens ?? []), maxWarnings, root: values.root, color, quiet: Boolean(values.quiet), rules, config: values.config, fix, stdin, ignoreFiles: !values['no-ignore'], base: values.base, fixTypes }, io);
}

/** `--fix-type term` (ESLint's option name; a comma list or repeated): which fixes beyond the safe ones --fix applies. */
function parseFixTypes(given: string[] | undefined, fix: 'write' | 'dry-run' | undefined): { terms: boolean } | undefined {
  if (!given) return undefined;
  if (!fix) throw new UsageError('--fix-type needs --fix (or --fix-dry-run).');
  const types = given.flatMap((g) => g.split(',')).map((t) => t.trim()).filter(Boolean);
  for (const type of types) if (type !== 'term' && type !== 'safe') throw new UsageError(`Unknown fix type "${type}". Fix types: term (fixes that change a contract term), safe (those that change none, always applied).`);
  return { terms: types.includes('term') };
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
