/**
 * How the language server finds and reads workspace files, in Node: the disk, through the core's
 * node host. Its browser twin (files.web.ts, bundled into dist/server-web.js in its place) reads
 * through the client instead.
 */
import * as fs from 'node:fs';
import * as path from '../core/path';
import { IGNORE_FILE_NAMES, IgnoreStack } from '../core/ignore';
import { nodeHost, nodeIgnoreReader, readRegularFile } from '../core/node-host';
import { isOurFileName, isYamlFile } from './convert';
import type { WorkspaceFiles } from './workspace-files';

/** How much of an unconventionally named YAML file is read to see whether it is one of ours. */
const SNIFF_BYTES = 4096;

export const workspaceFiles: WorkspaceFiles = {
  host: nodeHost,

  async findOurFiles(root, max) {
    const found: string[] = [];
    // The files the CLI would skip walking the same folder (.gitignore, .outcomes-lintignore) are skipped here too.
    const stack: { dir: string; ignores: IgnoreStack }[] = [{ dir: root, ignores: IgnoreStack.above(root, root, nodeIgnoreReader) }];
    while (stack.length && found.length < max) {
      const { dir, ignores } = stack.pop()!;
      let entries: fs.Dirent[];
      try {
        entries = await fs.promises.readdir(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      const inside = entries.some((e) => (IGNORE_FILE_NAMES as readonly string[]).includes(e.name)) ? ignores.enter(dir) : ignores;
      for (const entry of entries) {
        if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!inside.ignores(full, true)) stack.push({ dir: full, ignores: inside });
        } else if (entry.isFile() && (isYamlFile(entry.name) || isOurFileName(entry.name)) && !inside.ignores(full, false) && this.looksLikeOurs(full)) {
          found.push(full);
        }
      }
    }
    return found;
  },

  looksLikeOurs(file) {
    if (isOurFileName(file)) return true;
    if (!isYamlFile(file)) return false;
    // Never a plain open: a FIFO named *.yaml would block the server for good.
    const read = readRegularFile(file, SNIFF_BYTES, true);
    return read.ok && /^kind:\s*["']?(OutcomeFramework|RateCard|Actuals)\b/m.test(read.text);
  },
};
