/** Runs the built CLI as a process, as users and CI do. */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../..');
export const cliPath = path.join(repoRoot, 'dist/cli.js');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): CliRun {
  const result = spawnSync(process.execPath, [cliPath, ...args], {
    cwd: options.cwd ?? repoRoot,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    input: options.input,
    encoding: 'utf8',
    timeout: 30000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
