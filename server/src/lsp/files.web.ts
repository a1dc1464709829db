/**
 * The browser twin of files.ts. A web worker cannot read the workspace, so the server asks the
 * client (`outcomes/readFile`, answered with VS Code's `workspace.fs`; `outcomes/findFiles`,
 * with `workspace.findFiles`) and keeps what arrives in memory. The core's analysis is
 * synchronous: it reads from that memory, and notes each file it asked for and did not have;
 * the checker fetches those (`fetchMissing`) and checks again, so a rate card's framework, the
 * config files and the files they extend are in memory before the result is published.
 * Files are named by the virtual paths of protocol/uri.ts.
 */
import { IGNORE_FILE_NAMES, IgnoreStack, type IgnoreReader } from '../core/ignore';
import { MAX_FILE_BYTES, tooLargeMessage } from '../core/document';
import * as path from '../core/path';
import type { WorkspaceHost } from '../core/workspace';
import { findFilesRequest, readFileRequest, type FileReadResult, type FindFilesParams, type FindFilesResult, type ReadFileParams } from '../protocol';
import { clientConnection } from './connection';
import { acceptEverySchemeOfUri, isOurFileName, isYamlFile, pathToUri, uriToPath } from './convert';
import type { WorkspaceFiles } from './workspace-files';

// Every file the browser editor shows is a URI of its own scheme (vscode-vfs, vscode-remote…).
acceptEverySchemeOfUri();

type Entry = { ok: true; text: string } | { ok: false; missing: boolean; message: string };

/** What the client sent, by virtual path. */
const entries = new Map<string, Entry>();
/** Files an analysis asked for that are not in memory yet. */
const asked = new Set<string>();
/** At most this many files asked for at once (an analysis asks for a handful). */
const MAX_ASKED = 1000;
/** Reads in flight at once: the client answers each from VS Code's file system. */
const PARALLEL_READS = 16;
/** Ignore files read in one scan at most. */
const MAX_IGNORE_FILES = 1000;
const OUR_KIND = /^kind:\s*["']?(OutcomeFramework|RateCard|Actuals)\b/m;

function entryOf(result: FileReadResult | null | undefined): Entry {
  switch (result?.kind) {
    case 'text':
      return { ok: true, text: result.text };
    case 'missing':
      return { ok: false, missing: true, message: 'This file does not exist.' };
    case 'folder':
      return { ok: false, missing: false, message: 'This is a folder, not a regular file, so it was not read.' };
    case 'tooLarge':
      return { ok: false, missing: false, message: tooLargeMessage(result.size) };
    case 'error':
      return { ok: false, missing: false, message: `This file could not be read (${result.message}).` };
    default:
      return { ok: false, missing: false, message: 'This file could not be read: the editor did not answer.' };
  }
}

/** Reads files through the client into memory, a few at a time. */
async function load(files: string[]): Promise<void> {
  const queue = [...new Set(files)];
  const worker = async () => {
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      let result: FileReadResult | null = null;
      try {
        result = await clientConnection().sendRequest<FileReadResult>(readFileRequest, { uri: pathToUri(file), maxBytes: MAX_FILE_BYTES } satisfies ReadFileParams);
      } catch {
        result = null;
      }
      entries.set(file, entryOf(result));
      asked.delete(file);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_READS, queue.length) }, worker));
}

const host: WorkspaceHost = {
  readFile(file) {
    const entry = entries.get(file);
    if (!entry) {
      if (asked.size < MAX_ASKED) asked.add(file);
      return undefined;
    }
    return entry.ok ? entry.text : undefined;
  },
  whyUnreadable(file) {
    const entry = entries.get(file);
    return entry && !entry.ok && !entry.missing ? entry.message : undefined;
  },
};

/** Ignore files from memory; there is no `.git` folder to see, so the workspace folder is the top. */
const ignoreReader: IgnoreReader = {
  readFile(file, maxBytes) {
    const text = host.readFile(file);
    if (text !== undefined) return { ok: true, text: text.slice(0, maxBytes) };
    const why = host.whyUnreadable?.(file);
    return why ? { ok: false, missing: false, message: why } : { ok: false, missing: true, message: 'This file does not exist.' };
  },
  exists: () => false,
};

async function find(root: string, include: string, max: number): Promise<string[]> {
  try {
    const { uris } = await clientConnection().sendRequest<FindFilesResult>(findFilesRequest, { base: pathToUri(root), include, max } satisfies FindFilesParams);
    // The server's own mapping, so a file found here and the same file opened in an editor are one.
    return uris.map((uri) => uriToPath(uri)).filter((file): file is string => file !== undefined);
  } catch {
    return [];
  }
}

export const workspaceFiles: WorkspaceFiles = {
  host,

  async findOurFiles(root, max) {
    const [yamlOnly, actualsCsv, ignoreFiles] = await Promise.all([find(root, '**/*.{yaml,yml}', max * 2), find(root, '**/*.actuals.csv', max), find(root, `**/{${IGNORE_FILE_NAMES.join(',')}}`, MAX_IGNORE_FILES)]);
    const yamlFiles = [...yamlOnly, ...actualsCsv];
    await load(ignoreFiles.filter((file) => !entries.has(file)));
    // As the walk on disk does: no hidden folders or node_modules, no ignored folder entered, no ignored file.
    const stacks = new Map<string, IgnoreStack | undefined>();
    const stackIn = (dir: string): IgnoreStack | undefined => {
      if (stacks.has(dir)) return stacks.get(dir);
      let stack: IgnoreStack | undefined;
      if (dir === root) stack = IgnoreStack.above(root, root, ignoreReader).enter(root);
      else if (dir.length > root.length) {
        const parent = stackIn(path.dirname(dir));
        stack = parent && !parent.ignores(dir, true) ? parent.enter(dir) : undefined;
      }
      stacks.set(dir, stack);
      return stack;
    };
    const candidates: string[] = [];
    const toSniff: string[] = [];
    for (const file of yamlFiles.sort()) {
      const relative = path.relative(root, file);
      if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) continue;
      if (relative.split('/').some((segment) => segment.startsWith('.') || segment === 'node_modules')) continue;
      const stack = stackIn(path.dirname(file));
      if (!stack || stack.ignores(file, false) || !(isYamlFile(file) || isOurFileName(file))) continue;
      (isOurFileName(file) ? candidates : toSniff).push(file);
    }
    // Everything found is read now, so the checks that follow have their files in memory.
    await load([...candidates, ...toSniff].filter((file) => !entries.has(file)));
    const found = [...candidates, ...toSniff.filter((file) => this.looksLikeOurs(file))].slice(0, max);
    // A YAML file that is not ours is not kept in memory.
    for (const file of toSniff) if (!found.includes(file)) entries.delete(file);
    return found;
  },

  looksLikeOurs(file) {
    if (isOurFileName(file)) return true;
    if (!isYamlFile(file)) return false;
    const entry = entries.get(file);
    return !!entry?.ok && OUR_KIND.test(entry.text.slice(0, 4096));
  },

  async fetchMissing() {
    const files = [...asked];
    asked.clear();
    if (!files.length) return false;
    await load(files);
    // A file found missing changes nothing: the analysis already took it as missing.
    return files.some((file) => entries.get(file)?.ok !== false || (entries.get(file) as { missing: boolean }).missing === false);
  },

  changed(file) {
    entries.delete(file);
  },
};

