/**
 * The browser twin of connection.ts: the server runs in a web worker the extension started,
 * and the two talk through the worker's messages. Nothing here reaches the network.
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/browser';

declare const self: DedicatedWorkerGlobalScope;

let opened: Connection | undefined;

export function openConnection(): Connection {
  opened = createConnection(ProposedFeatures.all, new BrowserMessageReader(self), new BrowserMessageWriter(self));
  return opened;
}

/** The connection to the client, for the requests that read files through it (files.web.ts). */
export function clientConnection(): Connection {
  if (!opened) throw new Error('The connection to the editor is not open yet.');
  return opened;
}

/** A worker has no setImmediate: a zero timeout lets the messages through just the same. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** A worker cannot measure its own memory or CPU time: nothing is made up. */
export function processStats(): { heapUsed: number | null; rss: number | null; cpuMs: number | null } {
  return { heapUsed: null, rss: null, cpuMs: null };
}
