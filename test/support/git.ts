/** Temporary git repositories with real commits, for the commands that compare with a git base. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export function git(cwd: string, ...args: string[]): string {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_DATE: '2024-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2024-01-01T00:00:00Z' } });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/** A new repository in a temporary folder, with a user set so commits work anywhere. */
export function tempRepo(prefix = 'outcomes-git-'): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.email', 'analyst@example.org');
  git(dir, 'config', 'user.name', 'Analyst');
  git(dir, 'config', 'commit.gpgsign', 'false');
  return dir;
}

export function commitAll(dir: string, message: string): string {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
  return git(dir, 'rev-parse', 'HEAD').trim();
}

/** Copies a folder of the repository under test into `to`. */
export function copyInto(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true });
}

/** Rewrites a file with `replace`, failing when the text to replace is not there. */
export function edit(file: string, search: string | RegExp, replacement: string): void {
  const text = fs.readFileSync(file, 'utf8');
  const next = text.replace(search, replacement);
  if (next === text) throw new Error(`edit: ${String(search)} not found in ${file}`);
  fs.writeFileSync(file, next);
}
