/**
 * The test-only extension: installed beside Outcome Frameworks in a throwaway VS Code, it runs
 * the scenarios through VS Code's API when the settings (code-server) or the environment
 * (@vscode/test-electron) point it at a configuration file. Without one it does nothing.
 */
import * as vscode from 'vscode';
import { readFileSync } from 'node:fs';
import { runScenarios } from '../../scenarios/run';
import type { E2eConfig } from '../../scenarios/harness';

/** Only the setting here: under test-electron, `run` below is the entry and must not run twice. */
function configFile(): string | undefined {
  return vscode.workspace.getConfiguration('outcomeFrameworksE2e').get<string>('config') || undefined;
}

const readConfig = (file: string): E2eConfig => JSON.parse(readFileSync(file, 'utf8'));

export function activate(): void {
  const file = configFile();
  if (!file) return;
  // Not awaited: activation must finish so the workbench settles while the scenarios run.
  void runScenarios(readConfig(file));
}

export function deactivate(): void {}

/** Entry for @vscode/test-electron (extensionTestsPath): fails the run when a scenario fails. */
export async function run(): Promise<void> {
  const file = process.env.OF_E2E_CONFIG;
  if (!file) throw new Error('OF_E2E_CONFIG is not set: run this through npm run test:electron.');
  const results = await runScenarios(readConfig(file));
  const failed = results.results.filter((r) => !r.ok);
  if (failed.length) throw new Error(`${failed.length} scenario(s) failed: ${failed.map((f) => `${f.name}: ${f.error}`).join('\n')}`);
}
