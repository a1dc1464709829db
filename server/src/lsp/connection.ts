/**
 * The server's connection and what it knows of its process, in Node (stdio or IPC). Its
 * browser twin, connection.web.ts, talks to the extension through the web worker's messages.
 */
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';

export function openConnection(): Connection {
  return createConnection(ProposedFeatures.all);
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
