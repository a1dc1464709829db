/** Finds the frameworks and rate cards under the paths the user gave. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readRegularFile } from '../core/node-host';

const OUR_NAMES = /\.(framework|ratecard)\.ya?ml$/i;
const YAML = /\.ya?ml$/i;
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out', '.e2e', '.bench', '.vscode-test']);
const OUR_KIND = /^kind:\s*["']?(OutcomeFramework|RateCard)["']?\s*(#.*)?$/m;

export interface Discovery {
  files: string[];
  /** Paths the user named that do not exist. */
  missing: string[];
}

export function discover(paths: string[]): Discovery {
  const files = new Set<string>();
  const missing: string[] = [];
  for (const given of paths) {
    const absolute = path.resolve(given);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch {
      missing.push(given);
      continue;
    }
    if (stat.isDirectory()) walk(absolute, files);
    else files.add(absolute); // a file named explicitly is always checked
  }
  return { files: [...files].sort(), missing };
}

function walk(dir: string, files: Set<string>): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.')) walk(full, files);
    } else if (OUR_NAMES.test(entry.name)) {
      // Ours by name, whatever it is: a FIFO or a device is reported as not read, not passed over.
      if (!entry.isSymbolicLink() || !isFolder(full)) files.add(full);
    } else if (entry.isFile()) {
      if (YAML.test(entry.name) && !entry.name.startsWith('.') && isOurKind(full)) files.add(full);
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
