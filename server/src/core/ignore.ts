/**
 * `.gitignore` and `.outcomes-lintignore` while walking folders, with git's syntax and precedence:
 * `#` comments, `!` to re-include, a trailing `/` for folders only, a `/` at the start or in the
 * middle anchors a pattern to its file's folder, otherwise it matches a name at any depth. Deeper
 * files and later lines win. A folder that is ignored is not entered, so nothing under it comes
 * back (as in git).
 */
import * as path from './path';
import picomatch from 'picomatch';

export const IGNORE_FILE_NAMES = ['.gitignore', '.outcomes-lintignore'] as const;

/** How a walk reads ignore files: the disk (node-host) or the files the editor sent (a browser). */
export interface IgnoreReader {
  /** The file's text, or undefined when there is none. */
  readFile(file: string): string | undefined;
  exists(file: string): boolean;
}

interface Pattern {
  negate: boolean;
  foldersOnly: boolean;
  matches: (relative: string) => boolean;
}

interface Layer {
  /** The folder the ignore file is in: its patterns are relative to it. */
  base: string;
  patterns: Pattern[];
}

export function parseIgnoreFile(text: string): Pattern[] {
  const patterns: Pattern[] = [];
  for (const raw of text.split(/\r?\n/)) {
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
    const matches = picomatch(anchored ? line : `**/${line}`, { dot: true });
    patterns.push({ negate, foldersOnly, matches });
  }
  return patterns;
}

/** The ignore files in force at one folder of a walk: its ancestors' and its own. */
export class IgnoreStack {
  private constructor(private readonly layers: Layer[], private readonly reader: IgnoreReader) {}

  static empty(reader: IgnoreReader): IgnoreStack {
    return new IgnoreStack([], reader);
  }

  /**
   * The ignore files that apply to a folder before its own: those of its ancestors up to the top of
   * its git repository or, outside one, up to `root` (the workspace root) when the folder is in it.
   */
  static above(dir: string, root: string, reader: IgnoreReader): IgnoreStack {
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
    let stack = IgnoreStack.empty(reader);
    for (const folder of applying.reverse()) stack = stack.enter(folder);
    return stack;
  }

  /** The stack inside `dir`: with the ignore files `dir` holds, if any. */
  enter(dir: string): IgnoreStack {
    const patterns: Pattern[] = [];
    for (const name of IGNORE_FILE_NAMES) {
      const text = this.reader.readFile(path.join(dir, name));
      if (text === undefined) continue;
      patterns.push(...parseIgnoreFile(text));
    }
    return patterns.length ? new IgnoreStack([...this.layers, { base: dir, patterns }], this.reader) : this;
  }

  ignores(file: string, isFolder: boolean): boolean {
    let ignored = false;
    for (const layer of this.layers) {
      const relative = path.relative(layer.base, file);
      if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) continue;
      const posix = relative.split(path.sep).join('/');
      for (const pattern of layer.patterns) {
        if (pattern.foldersOnly && !isFolder) continue;
        if (pattern.matches(posix)) ignored = !pattern.negate;
      }
    }
    return ignored;
  }
}
