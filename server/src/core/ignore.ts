/**
 * `.gitignore` and `.outcomes-lintignore` while walking folders, with git's syntax and precedence:
 * `#` comments, `!` to re-include, a trailing `/` for folders only, a `/` at the start or in the
 * middle anchors a pattern to its file's folder, otherwise it matches a name at any depth. Deeper
 * files and later lines win. A folder that is ignored is not entered, so nothing under it comes
 * back (as in git).
 */
import * as path from './path';
import { compileWildmatch } from './wildmatch';

export const IGNORE_FILE_NAMES = ['.gitignore', '.outcomes-lintignore'] as const;

/**
 * The limits on ignore files, which come from strangers' pull requests like everything else.
 * An ignore file past the size or pattern limit is not used at all (the files it would leave out
 * are checked, and a message says why); a line past the length limit is left out on its own.
 */
export const IGNORE_LIMITS = {
  /** Bytes read of one ignore file. */
  fileBytes: 1024 * 1024,
  /** Characters in one line (one pattern). */
  lineChars: 4096,
  /** Patterns in one ignore file. */
  patterns: 10_000,
  /** Steps of pattern matching in one walk of the folders (about 2 s): past it, ignore files stop applying. */
  matchWork: 100_000_000,
} as const;

/** A read of an ignore file: its text (at most `maxBytes` of it), or why there is none. */
export type IgnoreRead = { ok: true; text: string } | { ok: false; missing: boolean; message: string };

/**
 * How a walk reads ignore files: the disk through the one bounded reader (node-host), or the
 * files the editor sent (a browser). Both keep the limits below.
 */
export interface IgnoreReader {
  /** At most the first `maxBytes` of the file's text, or why it cannot be read. */
  readFile(file: string, maxBytes: number): IgnoreRead;
  exists(file: string): boolean;
}

/** Something about an ignore file that the person running the linter should hear. */
export interface IgnoreProblem {
  file: string;
  /** 1-based, for a problem with one line. */
  line?: number;
  message: string;
}

interface Pattern {
  negate: boolean;
  foldersOnly: boolean;
  matches: (relative: string) => boolean;
  /** The work of the last `matches` call. */
  work: () => number;
}

interface Layer {
  /** The folder the ignore file is in: its patterns are relative to it. */
  base: string;
  /** The ignore files of that folder, for messages. */
  files: string[];
  patterns: Pattern[];
}

/** What one walk shares between its stacks: the matching work done so far, and where problems go. */
interface Walk {
  reader: IgnoreReader;
  work: number;
  exhausted: boolean;
  report: (problem: IgnoreProblem) => void;
}

export function parseIgnoreFile(text: string): { patterns: Pattern[]; problems: { line: number; message: string }[] } {
  const patterns: Pattern[] = [];
  const problems: { line: number; message: string }[] = [];
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index];
    if (raw.length > IGNORE_LIMITS.lineChars) {
      problems.push({ line: index + 1, message: `This line is ${raw.length.toLocaleString('en-GB')} characters long, more than the ${IGNORE_LIMITS.lineChars.toLocaleString('en-GB')} a pattern may have, so it was not used.` });
      continue;
    }
    let line = raw.endsWith('\\ ') ? raw : raw.trimEnd();
    if (!line || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    if (negate) line = line.slice(1);
    else if (line.startsWith('\\#') || line.startsWith('\\!')) line = line.slice(1);
    const foldersOnly = line.endsWith('/');
    if (foldersOnly) line = line.replace(/\/+$/, '');
    if (!line) continue;
    const anchored = line.includes('/');
    if (line.startsWith('/')) line = line.slice(1);
    // git's own matching (wildmatch), in time linear in the name: see wildmatch.ts.
    const matcher = compileWildmatch(anchored ? line : `**/${line}`);
    patterns.push({ negate, foldersOnly, matches: (name) => matcher.matches(name), work: () => matcher.lastWork });
  }
  return { patterns, problems };
}

/** The ignore files in force at one folder of a walk: its ancestors' and its own. */
export class IgnoreStack {
  private constructor(
    private readonly layers: Layer[],
    private readonly walk: Walk,
  ) {}

  /** `report` hears about ignore files that were not read, or not used in full. */
  static empty(reader: IgnoreReader, report: (problem: IgnoreProblem) => void = () => {}): IgnoreStack {
    return new IgnoreStack([], { reader, work: 0, exhausted: false, report });
  }

  /**
   * The ignore files that apply to a folder before its own: those of its ancestors up to the top of
   * its git repository or, outside one, up to `root` (the workspace root) when the folder is in it.
   */
  static above(dir: string, root: string, reader: IgnoreReader, report?: (problem: IgnoreProblem) => void): IgnoreStack {
    const parents: string[] = []; // nearest first
    let repositoryFound = false;
    for (let current = dir; ; ) {
      if (reader.exists(path.join(current, '.git'))) {
        repositoryFound = true;
        break;
      }
      const parent = path.dirname(current);
      if (parent === current) break;
      parents.push(parent);
      current = parent;
    }
    const within = (folder: string) => {
      const relative = path.relative(root, folder);
      return !relative.startsWith('..') && !path.isAbsolute(relative);
    };
    const applying = repositoryFound ? parents : within(dir) ? parents.filter(within) : [];
    let stack = IgnoreStack.empty(reader, report);
    for (const folder of applying.reverse()) stack = stack.enter(folder);
    return stack;
  }

  /** The stack inside `dir`: with the ignore files `dir` holds, if any, each read through the one bounded reader. */
  enter(dir: string): IgnoreStack {
    const patterns: Pattern[] = [];
    const files: string[] = [];
    for (const name of IGNORE_FILE_NAMES) {
      const file = path.join(dir, name);
      const read = this.walk.reader.readFile(file, IGNORE_LIMITS.fileBytes + 1);
      if (!read.ok) {
        if (!read.missing) this.walk.report({ file, message: `${read.message} Its patterns were not used.` });
        continue;
      }
      if (new TextEncoder().encode(read.text).length > IGNORE_LIMITS.fileBytes) {
        this.walk.report({ file, message: `This ignore file is larger than ${IGNORE_LIMITS.fileBytes / 1024 / 1024} MB, so it was not used: the files it would leave out are checked.` });
        continue;
      }
      const parsed = parseIgnoreFile(read.text);
      for (const problem of parsed.problems) this.walk.report({ file, ...problem });
      if (parsed.patterns.length > IGNORE_LIMITS.patterns) {
        this.walk.report({ file, message: `This ignore file has ${parsed.patterns.length.toLocaleString('en-GB')} patterns, more than the ${IGNORE_LIMITS.patterns.toLocaleString('en-GB')} one file may have, so it was not used: the files it would leave out are checked.` });
        continue;
      }
      for (const pattern of parsed.patterns) patterns.push(pattern); // not push(...all): no argument list as long as the file
      files.push(file);
    }
    return patterns.length ? new IgnoreStack([...this.layers, { base: dir, files, patterns }], this.walk) : this;
  }

  ignores(file: string, isFolder: boolean): boolean {
    if (this.walk.exhausted) return false;
    let ignored = false;
    for (const layer of this.layers) {
      const relative = path.relative(layer.base, file);
      if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) continue;
      const posix = relative.split(path.sep).join('/');
      let work = 0;
      for (const pattern of layer.patterns) {
        if (pattern.foldersOnly && !isFolder) continue;
        if (pattern.matches(posix)) ignored = !pattern.negate;
        work += pattern.work();
      }
      this.walk.work += work;
      if (this.walk.work > IGNORE_LIMITS.matchWork) {
        // A bound with a message rather than a walk that never ends: from here on nothing is left out.
        this.walk.exhausted = true;
        this.walk.report({ file: layer.files[0], message: `Matching the patterns of the ignore files took more than ${IGNORE_LIMITS.matchWork.toLocaleString('en-GB')} steps (these patterns were being matched when it stopped), so ignore files were not used for the rest of the folders: the files they would leave out are checked. Simplify the patterns, or run with --no-ignore.` });
        return false;
      }
    }
    return ignored;
  }
}
