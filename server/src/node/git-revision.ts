/**
 * Files as they were at a git revision, read with `git ls-tree` and `git cat-file`: nothing is
 * checked out and the working tree is never touched. Gives a workspace host, so the same
 * checks and totals run on the files at the revision as on the disk.
 */
import type * as ChildProcess from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { WorkspaceHost } from '../core/workspace';

/** Something about git or the revision that stops the comparison: said in the user's words. */
export class GitRevisionError extends Error {}

/** Larger outputs than this are not read (a rate card is never near it). */
const MAX_BUFFER = 64 * 1024 * 1024;

/** How every git call of ours runs: no prompts, no optional locks, plain C messages. */
export function gitEnv(): NodeJS.ProcessEnv {
  return { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' };
}

let childProcess: typeof ChildProcess | undefined;

function git(cwd: string, args: string[]): { ok: true; stdout: Buffer } | { ok: false; stderr: string; missing?: boolean } {
  // No pager, no prompts, no global hooks: plumbing only.
  // Loaded when git is first run, not at start: node:child_process costs about 4 ms of every CLI run.
  childProcess ??= require('node:child_process') as typeof ChildProcess;
  const result = childProcess.spawnSync('git', args, { cwd, maxBuffer: MAX_BUFFER, env: gitEnv(), windowsHide: true });
  if (result.error) return { ok: false, stderr: (result.error as Error).message, missing: (result.error as NodeJS.ErrnoException).code === 'ENOENT' };
  if (result.status !== 0) return { ok: false, stderr: result.stderr.toString('utf8').trim() };
  return { ok: true, stdout: result.stdout };
}

export class GitRevision {
  /** The commit the revision names (a full hash). */
  readonly commit: string;
  /** The repository's top folder, as git gives it. */
  readonly topLevel: string;
  private listed: Map<string, string> | undefined;
  private readonly texts = new Map<string, string | undefined>();
  /** The folder the revision was opened from and its path inside the repository (`sub/dir/`). */
  private readonly cwd: string;
  private readonly prefix: string;

  /**
   * Opens `ref` in the repository that holds `cwd`. Throws GitRevisionError when git is not
   * installed, `cwd` is not in a git repository, or `ref` names no commit.
   */
  constructor(cwd: string, readonly ref: string) {
    this.cwd = path.resolve(cwd);
    const inside = git(this.cwd, ['rev-parse', '--show-toplevel', '--show-prefix']);
    if (!inside.ok) {
      if (inside.missing) throw new GitRevisionError('git is not installed (or not on the PATH), so files at a git revision cannot be read.');
      // Common in CI containers: the checkout belongs to another user, and git refuses it with its own fix.
      const dubious = /dubious ownership in repository at '([^'\n]*)'/.exec(inside.stderr);
      if (dubious) throw new GitRevisionError(`git refuses to read the repository at ${dubious[1]}: it belongs to another user than the one running the linter (git's "dubious ownership" check, not a problem of your files). If you trust it, tell git so (git config --global --add safe.directory ${dubious[1]}), or run the linter as the user who owns the repository.`);
      if (!/not a git repository/i.test(inside.stderr) && inside.stderr) throw new GitRevisionError(`git could not open the repository holding ${this.cwd}: ${inside.stderr.split('\n')[0]}`);
      throw new GitRevisionError(`${this.cwd} is not inside a git repository, so there is no revision "${ref}" to compare with. Run this in a clone of your repository, or leave out --base.`);
    }
    const [topLevel, prefix = ''] = inside.stdout.toString('utf8').split('\n');
    this.topLevel = path.resolve(topLevel);
    this.prefix = prefix;
    if (ref.startsWith('-')) throw new GitRevisionError(`"${ref}" is not a git revision.`);
    const commit = git(this.cwd, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
    if (!commit.ok) throw new GitRevisionError(`git knows no commit "${ref}" in ${this.topLevel} (${commit.stderr || 'not found'}). Give a branch, tag or commit that exists here, such as HEAD, main or origin/main; in CI, fetch it first (git fetch origin main).`);
    const hash = commit.stdout.toString('utf8').trim();
    // `^HEAD` (and `^!`, `^@` forms) names what is *not* reachable: git answers with `^<hash>`, no files.
    if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(hash)) throw new GitRevisionError(`"${ref}" is not one commit${ref.startsWith('^') ? ' (a leading ^ means "not reachable from", which has no files)' : ''}. Give a branch, tag or commit, such as HEAD~1, main or origin/main.`);
    this.commit = hash;
  }

  /** Lists the revision's files now, so that a failure to is reported here (GitRevisionError) rather than midway. */
  list(): this {
    void this.blobs;
    return this;
  }

  /** Every file of the revision by its path from the top folder: its blob id. Listed once, when first needed. */
  private get blobs(): Map<string, string> {
    if (this.listed) return this.listed;
    const listed = new Map<string, string>();
    const tree = git(this.cwd, ['ls-tree', '-r', '-z', '--full-tree', this.commit]);
    if (!tree.ok) throw new GitRevisionError(`The files of "${this.ref}" could not be listed: ${tree.stderr}`);
    for (const entry of tree.stdout.toString('utf8').split('\0')) {
      // `<mode> blob <id>\t<path>`; submodules (commit) and links (mode 120000) are not files to read.
      const match = /^(\d+) blob ([0-9a-f]+)\t([\s\S]+)$/.exec(entry);
      if (match && match[1] !== '120000') listed.set(match[3], match[2]);
    }
    this.listed = listed;
    return listed;
  }

  /** A path on disk as git names it in the revision (`samples/a.ratecard.yaml`), or undefined outside the repository. */
  repoPath(file: string): string | undefined {
    const absolute = path.resolve(file);
    const fromCwd = path.relative(this.cwd, absolute);
    let relative: string;
    if (!fromCwd.startsWith('..') && !path.isAbsolute(fromCwd)) relative = this.prefix + fromCwd.split(path.sep).join('/');
    else {
      const fromTop = path.relative(this.topLevel, realPathOf(absolute));
      if (fromTop.startsWith('..') || path.isAbsolute(fromTop)) return undefined;
      relative = fromTop.split(path.sep).join('/');
    }
    return relative.replace(/\/$/, '');
  }

  /** The path on disk where a file of the revision would be, beside the files of now. */
  diskPath(repoPath: string): string {
    const prefix = this.prefix.replace(/\/$/, '');
    if (prefix && (repoPath === prefix || repoPath.startsWith(this.prefix))) return path.join(this.cwd, repoPath.slice(this.prefix.length));
    if (!prefix) return path.join(this.cwd, repoPath);
    return path.join(this.topLevel, repoPath);
  }

  /** The file's text at the revision, or undefined when it did not exist there. */
  readFile(file: string): string | undefined {
    const repoPath = this.repoPath(file);
    if (repoPath === undefined) return undefined;
    if (this.texts.has(repoPath)) return this.texts.get(repoPath);
    const blob = this.blobs.get(repoPath);
    let text: string | undefined;
    if (blob) {
      const shown = git(this.cwd, ['cat-file', 'blob', blob]);
      text = shown.ok ? shown.stdout.toString('utf8') : undefined;
    }
    this.texts.set(repoPath, text);
    return text;
  }

  /** Files of the revision at or under each path (paths on disk), as paths on disk. */
  filesUnder(paths: string[]): string[] {
    const wanted = paths.map((p) => this.repoPath(p)).filter((p): p is string => p !== undefined);
    const out: string[] = [];
    for (const repoPath of this.blobs.keys()) {
      if (wanted.some((w) => w === '' || repoPath === w || repoPath.startsWith(w + '/'))) out.push(this.diskPath(repoPath));
    }
    return out.sort();
  }

  /** A workspace host that reads the revision instead of the disk. */
  host(): WorkspaceHost {
    return { readFile: (file) => this.readFile(file) };
  }
}

function realPathOf(file: string): string {
  // The file may not exist now (removed since the revision): resolve the nearest folder that does.
  let dir = file;
  const rest: string[] = [];
  while (dir !== path.dirname(dir)) {
    try {
      return path.join(fs.realpathSync(dir), ...rest);
    } catch {
      rest.unshift(path.basename(dir));
      dir = path.dirname(dir);
    }
  }
  return file;
}
