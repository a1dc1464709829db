/**
 * What every editor scenario needs: a fresh copy of the samples, the CLI's view of the same
 * files (the editor must agree with it), and waiting on a condition with a deadline instead
 * of sleeping. Runs inside VS Code's extension host (code-server or @vscode/test-electron).
 */
import * as vscode from 'vscode';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
export { amountsIn, digitsOf, grouped, priceLines, type PriceLine } from '../shared/figures.mjs';

export interface E2eConfig {
  /** Pristine samples, outside the workspace: each scenario copies them. */
  samples: string;
  /** A folder inside the opened workspace where the fresh copies go. */
  scratch: string;
  /** The built CLI (dist/cli.js) and a Node to run it with. */
  cli: string;
  node: string;
  resultsFile: string;
  /** Run only scenarios whose name contains one of these. */
  only?: string[];
}

export interface Context {
  config: E2eConfig;
  /** A fresh copy of the samples inside the workspace; returns its folder. */
  fresh(): string;
  /** Records what the scenario observed, for the report. */
  saw(note: string): void;
}

export interface Scenario {
  name: string;
  run(ctx: Context): Promise<void>;
}

export class Failure extends Error {}

export function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Failure(message);
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs` with what it last saw. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 10000, describe?: () => string): Promise<{ value: T; ms: number }> {
  const start = Date.now();
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return { value, ms: Date.now() - start };
    } catch (error) {
      lastError = error;
    }
    if (Date.now() - start > timeoutMs) {
      const seen = describe ? ` Last seen: ${describe()}` : lastError ? ` Last error: ${String(lastError)}` : '';
      throw new Failure(`Timed out after ${timeoutMs} ms waiting for ${what}.${seen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export function filesUnder(dir: string, suffix: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full, suffix));
    else if (name.endsWith(suffix)) out.push(full);
  }
  return out;
}

export interface CliMessage { ruleId: string; severity: string; message: string; line: number; column: number }

/** Runs the built CLI; `cwd` is the workspace root it checks against. */
export function cli(ctx: Context, args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(ctx.config.node, [ctx.config.cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ELECTRON_RUN_AS_NODE: '1' }, timeout: 30000 });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

export function cliFindings(ctx: Context, file: string, root: string): CliMessage[] {
  const run = cli(ctx, [path.relative(root, file), '--format', 'json', '--root', root], root);
  expect(run.status === 0 || run.status === 1, `outcomes-lint failed on ${file}: ${run.stderr}`);
  const results = JSON.parse(run.stdout) as { filePath: string; messages: CliMessage[] }[];
  return results.find((r) => path.resolve(root, r.filePath) === file)?.messages ?? [];
}

export type CliTotals = Record<string, unknown> & { currency: string; maximumLiability: string | null; expected: string | null };

export function cliTotals(ctx: Context, file: string, root: string): CliTotals {
  const run = cli(ctx, ['totals', path.relative(root, file), '--format', 'json'], root);
  expect(run.status === 0, `outcomes-lint totals failed on ${file} (exit ${run.status}): ${run.stderr}`);
  const parsed = JSON.parse(run.stdout);
  return (Array.isArray(parsed) ? parsed[0] : parsed) as CliTotals;
}

/** The CLI's totals for `text` as if it were saved at `file`: computed on a throwaway copy of its samples folder. */
export function cliTotalsOfText(ctx: Context, root: string, file: string, text: string): CliTotals {
  const copy = mkdtempSync(path.join(os.tmpdir(), 'of-e2e-'));
  cpSync(root, copy, { recursive: true });
  try {
    const target = path.join(copy, path.relative(root, file));
    writeFileSync(target, text);
    return cliTotals(ctx, target, copy);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

/** The rule id of a diagnostic: a plain code, or `{ value, target }` when it links to its docs. */
export function ruleIdOf(d: vscode.Diagnostic): string | undefined {
  const code = d.code as string | number | { value: string | number } | undefined;
  if (code === undefined) return undefined;
  return String(typeof code === 'object' ? code.value : code);
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => ruleIdOf(d) !== undefined);
}

export const describeDiagnostics = (uri: vscode.Uri) => () =>
  JSON.stringify(ours(uri).map((d) => `${ruleIdOf(d)}@${d.range.start.line + 1}`));

export async function open(file: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  return vscode.window.showTextDocument(doc, { preview: false });
}

export async function lensTitles(uri: vscode.Uri): Promise<string[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
  return lenses.map((lens) => lens.command?.title ?? '').filter(Boolean);
}

export interface HintSeen { line: number; label: string }

export async function hints(doc: vscode.TextDocument): Promise<HintSeen[]> {
  const range = new vscode.Range(0, 0, doc.lineCount, 0);
  const found = (await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, range)) ?? [];
  return found.map((hint) => ({
    line: hint.position.line,
    label: typeof hint.label === 'string' ? hint.label : hint.label.map((part) => part.value).join(''),
  }));
}

export function readYaml(file: string): any {
  return parse(readFileSync(file, 'utf8'));
}

/** The framework file a rate card points at. */
export function frameworkOf(rateCard: string): string {
  return path.resolve(path.dirname(rateCard), String(readYaml(rateCard).framework));
}

/** Rate cards outside samples/broken whose CLI run has no errors and whose totals are computed. */
export function goodRateCards(ctx: Context, root: string): string[] {
  return filesUnder(root, '.ratecard.yaml').filter((file) => {
    if (file.split(path.sep).includes('broken')) return false;
    return !cliFindings(ctx, file, root).some((m) => m.severity === 'error');
  });
}

/** Rate cards and frameworks under samples/broken with at least one finding from the CLI. */
export function brokenFiles(ctx: Context, root: string): { file: string; findings: CliMessage[] }[] {
  const broken = path.join(root, 'broken');
  return [...filesUnder(broken, '.ratecard.yaml'), ...filesUnder(broken, '.framework.yaml')]
    .map((file) => ({ file, findings: cliFindings(ctx, file, root) }))
    .filter((entry) => entry.findings.length > 0);
}

/** Every sample with findings from the CLI, the broken ones first. */
export function filesWithFindings(ctx: Context, root: string): { file: string; findings: CliMessage[] }[] {
  const broken = brokenFiles(ctx, root);
  const others = [...filesUnder(root, '.ratecard.yaml'), ...filesUnder(root, '.framework.yaml')]
    .filter((file) => !broken.some((b) => b.file === file))
    .map((file) => ({ file, findings: cliFindings(ctx, file, root) }))
    .filter((entry) => entry.findings.length > 0);
  return [...broken, ...others];
}

export const rel = (root: string, file: string) => path.relative(root, file);
