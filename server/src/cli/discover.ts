/** Finds the frameworks and rate cards under the paths the user gave. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { IGNORE_FILE_NAMES, IgnoreStack, type IgnoreProblem } from '../core/ignore';
import { nodeIgnoreReader, readRegularFile } from '../core/node-host';
import { printable } from '../core/printable';
import type { Io } from './io';
import { displayPath } from './results';

const OUR_NAMES = /\.(framework|ratecard|actuals)\.ya?ml$|\.actuals\.csv$/i;
const YAML = /\.ya?ml$/i;
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out', '.e2e', '.bench', '.vscode-test']);
const OUR_KIND = /^kind:\s*["']?(OutcomeFramework|RateCard|Actuals)["']?\s*(#.*)?$/m;

export interface Discovery {
  files: string[];
  /** Paths the user named that do not exist. */
  missing: string[];
}

export interface DiscoverOptions {
  /** Honour `.gitignore` and `.outcomes-lintignore` in the folders walked (default true). */
  ignoreFiles?: boolean;
  /** The workspace root: outside a git repository, ignore files above a folder apply up to here. */
  root?: string;
  /** Hears once about each ignore file not read or not used in full (too large, a FIFO, a long line...). */
  onIgnoreProblem?: (problem: IgnoreProblem) => void;
}

export function discover(paths: string[], options: DiscoverOptions = {}): Discovery {
  const useIgnoreFiles = options.ignoreFiles !== false;
  const root = path.resolve(options.root ?? process.cwd());
  const files = new Set<string>();
  const missing: string[] = [];
  const told = new Set<string>();
  const report = (problem: IgnoreProblem) => {
    const key = `${problem.file}|${problem.line}|${problem.message}`;
    if (told.has(key)) return;
    told.add(key);
    options.onIgnoreProblem?.(problem);
  };
  for (const given of paths) {
    const absolute = path.resolve(given);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch {
      missing.push(given);
      continue;
    }
    if (stat.isDirectory()) walk(absolute, files, useIgnoreFiles ? IgnoreStack.above(absolute, root, nodeIgnoreReader, report) : undefined);
    else files.add(absolute); // a file named explicitly is always checked
  }
  return { files: [...files].sort(), missing };
}

/** An ignore file not read, or not used in full, said on stderr with where it is (`folder/.gitignore:3: ...`). */
export function ignoreProblemsTo(io: Io): (problem: IgnoreProblem) => void {
  return (problem) => io.stderr(`outcomes-lint: ${printable(displayPath(problem.file))}${problem.line ? `:${problem.line}` : ''}: ${printable(problem.message)}\n`);
}

/** `ignores` is undefined with --no-ignore. */
function walk(dir: string, files: Set<string>, ignores: IgnoreStack | undefined): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  // Only a folder that holds an ignore file adds patterns; patterns are matched last, on candidates only.
  const inside = ignores && entries.some((e) => (IGNORE_FILE_NAMES as readonly string[]).includes(e.name)) ? ignores.enter(dir) : ignores;
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (SKIP_DIRS.has(entry.name) || entry.name.startsWith('.') || inside?.ignores(full, true)) continue;
      walk(full, files, inside);
    } else if (OUR_NAMES.test(entry.name)) {
      if (inside?.ignores(full, false)) continue;
      // Ours by name, whatever it is: a FIFO or a device is reported as not read, not passed over.
      if (!entry.isSymbolicLink() || !isFolder(full)) files.add(full);
    } else if (entry.isFile()) {
      if (YAML.test(entry.name) && !entry.name.startsWith('.') && !inside?.ignores(full, false) && isOurKind(full)) files.add(full);
    }
  }
}

function isFolder(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/** Reads only the start of a YAML file to see whether its `kind:` is one of ours. */
function isOurKind(file: string): boolean {
  const read = readRegularFile(file, 4096, true);
  return read.ok && OUR_KIND.test(read.text);
}

/**
 * The same choice as `discover`, over a list of files that are not on the disk (the files of a
 * git revision under the paths given): a file named itself is kept; under a named folder, the
 * folders `discover` skips are skipped and a file is kept by its name or its `kind:`.
 */
export function selectDiscovered(files: string[], named: Set<string>, readText: (file: string) => string | undefined): string[] {
  const out: string[] = [];
  for (const file of files) {
    if (named.has(file)) {
      out.push(file);
      continue;
    }
    const folder = [...named].find((p) => file.startsWith(p.endsWith(path.sep) ? p : p + path.sep));
    if (folder === undefined) continue;
    const parts = path.relative(folder, file).split(path.sep);
    const name = parts.pop()!;
    if (parts.some((dir) => SKIP_DIRS.has(dir) || dir.startsWith('.'))) continue;
    if (OUR_NAMES.test(name)) out.push(file);
    else if (YAML.test(name) && !name.startsWith('.') && OUR_KIND.test((readText(file) ?? '').slice(0, 4096))) out.push(file);
  }
  return out.sort();
}
