/**
 * `--fix` and `--fix-dry-run`: applies the fixes the findings carry, then writes each changed
 * file atomically (`--fix`) or prints a unified diff and writes nothing (`--fix-dry-run`).
 *
 * Fixes go one rule at a time, in the order `outcomes-lint rules` lists the rules, re-checking
 * after each: a fix may mend or reveal another finding, and a fix that states a figure (caps.total
 * at the maximum liability) must see the others (maxClaims: 1) already made: fixes that write a
 * figure go last, after every other fix of the run.
 *
 * A fix that changes a contract term (a price, maxClaims, caps, excludes...) is applied only when
 * the run asks for terms (`--fix-type term`); `--fix-dry-run` shows every fix, the term ones marked.
 */
import { createTwoFilesPatch } from 'diff';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintFile, type LintOptions } from '../core/analysis';
import { ruleCatalog } from '../core/config/catalog';
import { applyFixes } from '../core/fixes';
import type { Finding, Fix } from '../core/findings';
import type { Workspace } from '../core/workspace';
import { displayPath } from './results';
import { plural } from '../core/words';
import { printable } from '../core/printable';

/** Stops a fix that never settles: every rule once, and some room for fixes that reveal others. */
export const MAX_FIX_PASSES = ruleCatalog.rules.length + 5;

const ruleOrder = new Map(ruleCatalog.rules.map((rule, index) => [rule.id, index]));

/** Which fixes a run applies: those that change no contract term, and (when asked) those that do. */
export interface FixKinds {
  terms: boolean;
}

export const safeFixesOnly: FixKinds = { terms: false };

function allowed(fix: Fix, kinds: FixKinds): boolean {
  return kinds.terms || !fix.changesTerm;
}

export interface FixedFile {
  file: string;
  original: string;
  fixed: string;
  /** The findings mended, in the order they were fixed. */
  applied: Finding[];
}

/**
 * Applies fixes to each file in memory (as editor overlays of the workspace), so that later
 * checks, of this file and of the files that depend on it, see the fixed text.
 */
export function fixFiles(workspace: Workspace, files: string[], options: LintOptions, kinds: FixKinds = safeFixesOnly): FixedFile[] {
  const out: FixedFile[] = [];
  for (const file of files) {
    const original = workspace.textOf(file);
    if (original === undefined) continue;
    let text = original;
    const applied: Finding[] = [];
    const stuck = new Set<string>(); // rules whose fixes could not be applied to this text
    for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
      const report = lintFile(workspace, file, options);
      const fixable = report.findings.filter((f) => f.fix && allowed(f.fix, kinds) && f.file === report.file && !stuck.has(f.ruleId));
      if (fixable.length === 0) break;
      // A fix that writes a figure waits until no other fix is left, so it sees the file as written.
      const others = fixable.filter((f) => !f.fix!.figure);
      const candidates = others.length ? others : fixable;
      const rank = (id: string) => ruleOrder.get(id) ?? ruleOrder.size;
      const ruleId = candidates.map((f) => f.ruleId).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))[0];
      const outcome = applyFixes(text, candidates.filter((f) => f.ruleId === ruleId));
      if (outcome.applied.length === 0 || outcome.text === text) {
        stuck.add(ruleId);
        continue;
      }
      stuck.clear();
      text = outcome.text;
      applied.push(...outcome.applied);
      workspace.setOverlay(file, text);
    }
    if (text !== original) out.push({ file, original, fixed: text, applied });
  }
  return out;
}

/** A write that was refused or failed, with a message for the user (no stack trace). */
export class WriteRefused extends Error {}

/** Test hooks: called between the steps of a write, to race it (tests only). */
export interface WriteSteps {
  afterCheck?(): void;
  beforeReplace?(): void;
  /** After the last comparison, before the rename: the window a concurrent write can still fall into. */
  inWindow?(): void;
}

/**
 * Writes the fixed text over the file it came from, never losing another program's edit:
 *
 * - through a symbolic link to its target, which keeps the link;
 * - to a temporary file beside the target with the target's mode (and owner, when it can be
 *   given), synced, then renamed over it, so a reader never sees half a file;
 * - in place instead when a rename would break something a rename cannot keep: more than one
 *   hard link, or an owner the runner cannot give a new file;
 * - refusing a read-only file, and a file whose bytes are not the UTF-8 of what was read;
 * - comparing the disk with the text the fixes started from twice: before writing, and again
 *   immediately before the replace. A difference stops the write and says so. What is left is
 *   the time between that last comparison and the rename (one system call): see
 *   docs/reliability.md.
 */
export function writeFixed(fixed: FixedFile, steps: WriteSteps = {}): void {
  const shown = displayPath(fixed.file);
  let target: string;
  try {
    target = fs.realpathSync(fixed.file);
  } catch {
    throw new WriteRefused(`${shown} no longer exists; nothing was written.`);
  }
  const expected = Buffer.from(fixed.original, 'utf8');
  const stat = checkUnchanged(target, fixed.original, expected, shown);
  if ((stat.mode & 0o222) === 0 || !canWrite(target)) throw new WriteRefused(`${shown} is read-only; nothing was written to it. Make it writable to let --fix change it, or apply the fixes by hand (--fix-dry-run shows them).`);
  steps.afterCheck?.();
  const content = Buffer.from(fixed.fixed, 'utf8');
  const uid = process.getuid?.();
  const sameOwner = uid === undefined || uid === 0 || stat.uid === uid; // root can give the file back
  if (stat.nlink > 1 || !sameOwner) return writeInPlace(target, fixed.original, expected, content, shown, steps);
  writeAtomically(target, content, { mode: stat.mode & 0o7777, owner: stat, shown, beforeReplace: () => {
    steps.beforeReplace?.();
    checkUnchanged(target, fixed.original, expected, shown);
    steps.inWindow?.();
  } });
}

/** Reads the target and stops unless it still holds exactly the bytes the fixes started from. */
function checkUnchanged(target: string, original: string, expected: Buffer, shown: string): fs.Stats {
  let fd: number;
  try {
    fd = fs.openSync(target, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw new WriteRefused(`${shown} could not be read again before writing (${(error as NodeJS.ErrnoException).code}); nothing was written.`);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new WriteRefused(`${shown} is no longer a regular file; nothing was written.`);
    const now = stat.size <= expected.length * 3 + 3 ? readAll(fd, stat.size) : undefined;
    if (!now || !now.equals(expected)) {
      if (now && now.toString('utf8') === original) throw new WriteRefused(`${shown} is not UTF-8 text; --fix writes UTF-8 only, so nothing was written to it (its encoding is kept). Apply the fixes by hand (--fix-dry-run shows them).`);
      throw new WriteRefused(`${shown} changed on disk while it was being fixed (another program wrote to it); nothing was written, so that edit is kept. Run --fix again.`);
    }
    return stat;
  } finally {
    fs.closeSync(fd);
  }
}

function readAll(fd: number, size: number): Buffer {
  const buffer = Buffer.alloc(size + 1);
  let length = 0;
  while (length < buffer.length) {
    const read = fs.readSync(fd, buffer, length, buffer.length - length, length);
    if (read === 0) break;
    length += read;
  }
  return buffer.subarray(0, length);
}

function canWrite(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** For hard-linked files and files of another owner: rewrite the same inode, after the same last check. */
function writeInPlace(target: string, original: string, expected: Buffer, content: Buffer, shown: string, steps: WriteSteps): void {
  steps.beforeReplace?.();
  checkUnchanged(target, original, expected, shown);
  steps.inWindow?.();
  let fd: number;
  try {
    fd = fs.openSync(target, fs.constants.O_WRONLY);
  } catch (error) {
    throw new WriteRefused(`${shown} could not be opened for writing (${(error as NodeJS.ErrnoException).code}); nothing was written.`);
  }
  try {
    fs.writeSync(fd, content, 0, content.length, 0);
    fs.ftruncateSync(fd, content.length);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export interface AtomicWriteOptions {
  /** The mode to give the file (default: what the umask gives a new file, or the existing file's). */
  mode?: number;
  /** The owner to give it, when the runner may. */
  owner?: { uid: number; gid: number };
  /** How the file is named in messages. */
  shown?: string;
  /** Called after the new content is on disk, immediately before the rename; may throw to stop it. */
  beforeReplace?(): void;
}

/**
 * The project's one atomic writer (fixes, --output-file): a temporary file in the same folder,
 * synced, then renamed over the target. Failures become a WriteRefused with a plain message.
 */
export function writeAtomically(file: string, content: string | Buffer, options: AtomicWriteOptions = {}): void {
  let target = path.resolve(file);
  try {
    target = fs.realpathSync(target); // through a symbolic link, which stays a link
  } catch {
    /* a new file */
  }
  const shown = options.shown ?? displayPath(target);
  const folder = path.dirname(target);
  let mode = options.mode;
  if (mode === undefined) {
    try {
      mode = fs.statSync(target).mode & 0o7777;
    } catch {
      /* a new file: the umask decides */
    }
  }
  const temporary = path.join(folder, `.${path.basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  let fd: number;
  try {
    fs.mkdirSync(folder, { recursive: true });
    fd = fs.openSync(temporary, 'wx', mode ?? 0o666);
  } catch (error) {
    throw new WriteRefused(`${shown} could not be written: the folder ${displayPath(folder) || '.'} ${describeError(error)}; nothing was written.`);
  }
  try {
    try {
      fs.writeSync(fd, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
      if (mode !== undefined) fs.fchmodSync(fd, mode);
      if (options.owner) {
        try {
          fs.fchownSync(fd, options.owner.uid, options.owner.gid);
        } catch {
          /* only the same owner, or root, reaches here: the group may still differ, which is harmless */
        }
      }
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    options.beforeReplace?.();
    fs.renameSync(temporary, target);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    if (error instanceof WriteRefused) throw error;
    throw new WriteRefused(`${shown} could not be written: ${describeError(error)}; nothing was written.`);
  }
}

function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'is not writable (permission denied)';
  if (code === 'EROFS') return 'is on a read-only disk';
  if (code === 'ENOSPC') return 'is on a full disk';
  if (code === 'ENOENT') return 'does not exist';
  return `gave an error (${code ?? (error as Error).message})`;
}

/**
 * Writes each fixed file; a file that cannot be written is reported on stderr in one line and
 * left as it was. Returns the files written.
 */
export function writeFixedFiles(fixed: FixedFile[], report: (line: string) => void): { written: FixedFile[]; refused: number } {
  const written: FixedFile[] = [];
  let refused = 0;
  for (const file of fixed) {
    try {
      writeFixed(file);
      written.push(file);
    } catch (error) {
      if (!(error instanceof WriteRefused)) throw error;
      refused++;
      report(`outcomes-lint: ${printable(error.message)}\n`);
    }
  }
  return { written, refused };
}

/** A unified diff of the changes, with paths as the user sees them. */
export function diffOf(fixed: FixedFile, cwd = process.cwd()): string {
  const shown = displayPath(fixed.file, cwd);
  return createTwoFilesPatch(`a/${shown}`, `b/${shown}`, fixed.original, fixed.fixed, '', '', { context: 3 });
}

/** One line per file: what was (or would be) fixed, in the fixes' own words. */
export function describeFixes(fixed: FixedFile[], dryRun: boolean, cwd = process.cwd()): string {
  return fixed
    .map((f) => {
      const count = f.applied.length;
      const titles = f.applied.map((a) => `${a.fix!.title} (${a.ruleId})${dryRun && a.fix!.changesTerm ? ' [changes a contract term: applied only with --fix-type term]' : ''}`).join('; ');
      return `${dryRun ? 'Would fix' : 'Fixed'} ${plural(count, 'problem')} in ${printable(displayPath(f.file, cwd))}: ${printable(titles)}\n`;
    })
    .join('');
}
