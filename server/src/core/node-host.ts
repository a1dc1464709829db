/** The workspace host that reads the disk, for the CLI and the language server. */
import * as fs from 'node:fs';
import { MAX_FILE_CHARS } from './document';
import type { WorkspaceHost } from './workspace';

export const nodeHost: WorkspaceHost = {
  readFile(file) {
    try {
      const stat = fs.statSync(file);
      if (!stat.isFile()) return undefined;
      if (stat.size > MAX_FILE_CHARS * 4) {
        // Read no more than is needed to report it as too large.
        const fd = fs.openSync(file, 'r');
        try {
          const buffer = Buffer.alloc(MAX_FILE_CHARS + 1);
          fs.readSync(fd, buffer, 0, buffer.length, 0);
          return buffer.toString('latin1');
        } finally {
          fs.closeSync(fd);
        }
      }
      return fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  },
  realPath(file) {
    try {
      return fs.realpathSync(file);
    } catch {
      return undefined;
    }
  },
};
