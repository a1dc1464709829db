/**
 * Runs the scenarios inside the extension host, one after another, each on a fresh copy of
 * the samples, and writes the results as JSON after every scenario (so a hang still leaves
 * a record). The runner outside reads the file.
 */
import * as vscode from 'vscode';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { EXTENSION_ID } from './preview';
import { scenarios } from './index';
import type { Context, E2eConfig } from './harness';

export interface ScenarioResult { name: string; ok: boolean; ms: number; saw: string[]; error?: string }
export interface Results { done: boolean; results: ScenarioResult[]; vscodeVersion: string; startedAt: string }

export const SCENARIO_TIMEOUT_MS = 60000;

const slug = (name: string) => name.split(':')[0].replace(/[^a-z0-9]+/gi, '-').toLowerCase();

export async function runScenarios(config: E2eConfig): Promise<Results> {
  const out: Results = { done: false, results: [], vscodeVersion: vscode.version, startedAt: new Date().toISOString() };
  const write = () => {
    mkdirSync(path.dirname(config.resultsFile), { recursive: true });
    writeFileSync(config.resultsFile, JSON.stringify(out, null, 2));
  };
  write();
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  let activation: string | undefined;
  try {
    if (!extension) activation = `the extension ${EXTENSION_ID} is not installed in this VS Code.`;
    else await extension.activate();
  } catch (error) {
    activation = `the extension ${EXTENSION_ID} failed to activate: ${String(error)}`;
  }
  let copies = 0;
  for (const scenario of scenarios) {
    if (config.only?.length && !config.only.some((o) => scenario.name.includes(o))) continue;
    const saw: string[] = [];
    const ctx: Context = {
      config,
      fresh() {
        const dir = path.join(config.scratch, `${String(++copies).padStart(2, '0')}-${slug(scenario.name)}`);
        cpSync(config.samples, dir, { recursive: true });
        return dir;
      },
      saw: (note) => saw.push(note),
    };
    const start = Date.now();
    let error: string | undefined = activation;
    if (!error) {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          scenario.run(ctx),
          new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`the scenario took more than ${SCENARIO_TIMEOUT_MS / 1000} s`)), SCENARIO_TIMEOUT_MS); }),
        ]);
      } catch (caught) {
        error = caught instanceof Error ? caught.message : String(caught);
      } finally {
        clearTimeout(timer);
      }
    }
    out.results.push({ name: scenario.name, ok: !error, ms: Date.now() - start, saw, error });
    write();
    // Leave nothing open for the next scenario: revert edits, close editors and previews.
    await vscode.commands.executeCommand('workbench.action.files.revert').then(undefined, () => undefined);
    await closeEverything();
  }
  out.done = true;
  write();
  return out;
}

async function closeEverything(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments) {
    if (!doc.isDirty) continue;
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
