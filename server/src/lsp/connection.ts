/**
 * The server's connection and what it knows of its process, in Node (stdio or IPC). Its
 * browser twin, connection.web.ts, talks to the extension through the web worker's messages.
 */
import { format } from 'node:util';
import { createConnection, ProposedFeatures, StreamMessageWriter, type Connection, type MessageReader } from 'vscode-languageserver/node';
import { publishEncoder } from './publish-encoder';

export function openConnection(): Connection {
  if (!process.argv.slice(2).includes('--stdio')) return createConnection(ProposedFeatures.all);
  // Over stdio (VS Code starts it so, as other editors do), with each diagnostic's bytes kept
  // between publishes (publish-encoder.ts). Given stdin as a stream (its typings want two streams
  // or two endpoints; it reads each as what it is), the library still ends the server when the
  // editor closes it; its console, which it moves off stdout only when it opens stdio itself, is
  // moved here: nothing but the protocol may reach stdout.
  const input = process.stdin as unknown as MessageReader;
  const connection = createConnection(ProposedFeatures.all, input, new StreamMessageWriter(process.stdout, { charset: 'utf-8', contentTypeEncoder: publishEncoder() }));
  const say = (level: 'log' | 'info' | 'warn' | 'error') => (...args: unknown[]) => connection.console[level](format(...args));
  console.log = console.debug = console.trace = say('log');
  console.info = say('info');
  console.warn = say('warn');
  console.error = say('error');
  return connection;
}

/** Lets the event loop turn (pending messages in and out) before the next piece of work. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The server's memory, after a collection when node runs with --expose-gc: for the benchmark. */
export function processStats(): { heapUsed: number; rss: number; cpuMs: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const memory = process.memoryUsage();
  const cpu = process.cpuUsage(); // the server's own work so far, whatever the machine's load does to wall time
  return { heapUsed: memory.heapUsed, rss: memory.rss, cpuMs: (cpu.user + cpu.system) / 1000 };
}
