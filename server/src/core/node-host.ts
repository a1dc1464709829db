/**
 * The workspace host that reads the disk, for the CLI and the language server, and the one way
 * any of them reads a workspace file: regular files only, and never more than a bound.
 *
 * A FIFO, socket or device named `*.yaml` would block a plain read for ever (a FIFO waits for a
 * writer; /dev/zero never ends), so files are opened without blocking and checked with fstat on
 * the open descriptor (no window between the check and the read); anything but a regular file is
 * refused with a reason. Reads stop at a byte limit whatever the file's size claims.
 */
import type * as Crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { MAX_FILE_BYTES, tooLargeMessage } from './document';
import type { IgnoreReader } from './ignore';
import { usePathFlavour } from './path';
import type { WorkspaceHost } from './workspace';

// The CLI and the Node server name files by the machine's own paths (drive letters on Windows).
usePathFlavour(nodePath);

export { MAX_FILE_BYTES };

/** O_NONBLOCK where the platform has it (not on Windows, which has no FIFOs of this kind). */
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

export type FileRead = { ok: true; text: string } | { ok: false; missing: boolean; message: string };

/**
 * Reads a regular file as UTF-8, at most `maxBytes` of it; with `prefix`, just its first
 * `maxBytes` (to sniff its `kind:`), without refusing a longer file.
 */
export function readRegularFile(file: string, maxBytes = MAX_FILE_BYTES, prefix = false): FileRead {
  let fd: number;
  try {
    fd = fs.openSync(file, OPEN_FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ENAMETOOLONG') return { ok: false, missing: true, message: 'This file does not exist.' };
    if (code === 'ENXIO') return notRegular('socket');
    if (code === 'EISDIR') return notRegular('folder');
    if (code === 'EACCES' || code === 'EPERM') return { ok: false, missing: false, message: 'This file could not be read: you do not have permission to read it.' };
    return { ok: false, missing: false, message: `This file could not be read (${code ?? 'unknown error'}).` };
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return notRegular(stat.isFIFO() ? 'FIFO (named pipe)' : stat.isSocket() ? 'socket' : stat.isDirectory() ? 'folder' : 'device');
    if (!prefix && stat.size > maxBytes) return { ok: false, missing: false, message: tooLargeMessage(stat.size) };
    // The size may change while reading: read into a buffer one byte larger than allowed, and stop there.
    const buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    while (length < buffer.length) {
      const read = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    if (length > maxBytes) {
      if (!prefix) return { ok: false, missing: false, message: tooLargeMessage(fs.fstatSync(fd).size) };
      length = maxBytes;
    }
    return { ok: true, text: buffer.toString('utf8', 0, length) };
  } catch (error) {
    return { ok: false, missing: false, message: `This file could not be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).` };
  } finally {
    fs.closeSync(fd);
  }
}

function notRegular(kind: string): FileRead {
  return { ok: false, missing: false, message: `This is a ${kind}, not a regular file, so it was not read: Outcome Frameworks reads only regular files (reading anything else could wait for ever).` };
}

/** Why recent reads failed, so the finding for an unreadable file can say why (bounded: most recent kept). */
const refusals = new Map<string, string>();
const MAX_REFUSALS = 1000;

export const nodeHost: WorkspaceHost = {
  readFile(file) {
    const read = readRegularFile(file);
    refusals.delete(file);
    if (read.ok) return read.text;
    if (!read.missing) {
      if (refusals.size >= MAX_REFUSALS) refusals.delete(refusals.keys().next().value as string);
      refusals.set(file, read.message);
    }
    return undefined;
  },
  whyUnreadable(file) {
    return refusals.get(file);
  },
  realPath(file) {
    try {
      return fs.realpathSync(file);
    } catch {
      return undefined;
    }
  },
  listFolder(dir) {
    try {
      return fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
    } catch {
      return undefined;
    }
  },
};

/** The ignore files of a walk on disk, and whether a folder is the top of a git repository. */
export const nodeIgnoreReader: IgnoreReader = {
  readFile: (file, maxBytes) => readRegularFile(file, maxBytes, true),
  exists: (file) => fs.existsSync(file),
};

/** A fingerprint's hash (see core/fingerprint.ts). */
export function sha256Hex(text: string): string {
  crypto ??= require('node:crypto') as typeof Crypto;
  return crypto.createHash('sha256').update(text).digest('hex');
}

// node:crypto is loaded with the first fingerprint, not at start: loading it costs about 9 ms of every CLI run.
let crypto: typeof Crypto | undefined;
