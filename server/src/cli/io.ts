/** The CLI's connection to the terminal, injectable for tests. */
import * as fs from 'node:fs';

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
  /** All of standard input, as text (`--stdin`). */
  readStdin(): string;
}

/** A mistake in how the command was called: exit code 2 with a message. */
export class UsageError extends Error {}

export const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: Boolean(process.stdout.isTTY),
  env: process.env,
  readStdin: () => fs.readFileSync(0, 'utf8'),
};
