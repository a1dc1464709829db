/**
 * `--output-file`: where a report goes when it does not go to the terminal.
 *
 * A regular file (or a new one) is replaced atomically, so a reader never sees half a report. Anything
 * else at the path is written to as a stream and never replaced: a rename over `/dev/null` would
 * leave the machine a regular file there, one over a FIFO would leave its reader nothing, and
 * `/dev/stdout` is the process's own standard output (a pipe, a terminal, a socket or a file the
 * shell opened). A disk (block device) is refused: no report belongs on one. A symbolic link is
 * followed to a regular file (as --fix follows one) and to our own standard output, but not to
 * a device, FIFO or socket: a link committed where CI writes its report must not reach one.
 */
import * as fs from 'node:fs';
import { writeAtomically, WriteRefused } from './fix';
import type { Io } from './io';

/** Writes `content` (a report's text, or a workbook's bytes) to the file the user named with --output-file, as that kind of file needs. */
export function writeOutputFile(file: string, content: string | Buffer, io: Io): void {
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(file); // through links: /dev/stdout is a link to /proc/self/fd/1
  } catch {
    stat = undefined; // a new file (a missing folder is said by the writer)
  }
  if (stat) {
    // The path is our own standard output or error (/dev/stdout, /dev/fd/2, or the file the shell redirected to).
    if (sameFile(stat, 1)) return typeof content === 'string' ? void io.stdout(content) : writeAll(1, content);
    if (sameFile(stat, 2)) return typeof content === 'string' ? void io.stderr(content) : writeAll(2, content);
    // A link at the report path may come with the checkout (a pull request can commit one): it is not followed to a device.
    if (!stat.isFile() && !stat.isDirectory() && isLink(file)) throw new WriteRefused(`${file} is a symbolic link to a device, FIFO or socket; a report is not written through such a link (one in a pull request could lead it to any device), so nothing was written. Give the device itself, or a regular file.`);
    if (stat.isBlockDevice()) throw new WriteRefused(`${file} is a disk (a block device); a report is never written to one, so nothing was written. Choose a file for --output-file.`);
    if (!stat.isFile() && !stat.isDirectory()) return writeStream(file, content, stat);
    if (stat.isFile() && (stat.mode & 0o222) === 0) throw new WriteRefused(`${file} is read-only; nothing was written to it. Make it writable, or give --output-file another file.`);
  }
  writeAtomically(file, content);
}

function isLink(file: string): boolean {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

function sameFile(stat: fs.Stats, fd: number): boolean {
  try {
    const own = fs.fstatSync(fd);
    return own.dev === stat.dev && own.ino === stat.ino;
  } catch {
    return false; // that descriptor is closed
  }
}

/** A device, FIFO or socket: opened for writing as it is (never created, truncated or renamed over). */
function writeStream(file: string, content: string | Buffer, stat: fs.Stats): void {
  const kind = stat.isFIFO() ? 'FIFO' : stat.isSocket() ? 'socket' : 'device';
  let fd: number;
  try {
    // A FIFO waits here for its reader, as a shell's `>` does.
    fd = fs.openSync(file, fs.constants.O_WRONLY | (fs.constants.O_NOCTTY ?? 0));
  } catch (error) {
    throw new WriteRefused(`${file} (a ${kind}) could not be opened for writing (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); nothing was written.`);
  }
  try {
    writeAll(fd, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
  } catch (error) {
    throw new WriteRefused(`${file} (a ${kind}) stopped taking the report (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); it may hold only part of it.`);
  } finally {
    fs.closeSync(fd);
  }
}

/** Bytes (a workbook) to an open descriptor, all of them. */
function writeAll(fd: number, bytes: Buffer): void {
  for (let written = 0; written < bytes.length; ) written += fs.writeSync(fd, bytes, written, bytes.length - written);
}
