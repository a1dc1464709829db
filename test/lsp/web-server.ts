/**
 * The BUILT browser server (dist/server-web.js) for the protocol tests: run in a worker thread
 * whose `self` passes messages as a web worker's does, and a client that answers its file
 * requests (`outcomes/readFile`, `outcomes/findFiles`) from a folder on disk under URIs of
 * another scheme, as VS Code's `workspace.fs` answers them on github.dev.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import picomatch from 'picomatch';
import { AbstractMessageReader, AbstractMessageWriter, type DataCallback, type Disposable, type Message, type MessageReader, type MessageWriter } from 'vscode-jsonrpc/node';
import { URI } from 'vscode-uri';

export const webServerPath = path.resolve(__dirname, '..', '..', 'dist', 'server-web.js');

/** The worker's `self`: what BrowserMessageReader and BrowserMessageWriter use of a web worker. */
const BOOTSTRAP = `
const { parentPort, workerData } = require('node:worker_threads');
globalThis.self = {
  postMessage: (message) => parentPort.postMessage(message),
  addEventListener: () => {},
  removeEventListener: () => {},
  set onmessage(listener) { parentPort.on('message', (data) => listener({ data })); },
};
require('node:vm').runInThisContext(require('node:fs').readFileSync(workerData.serverPath, 'utf8'), { filename: workerData.serverPath });
`;

class WorkerReader extends AbstractMessageReader {
  constructor(private readonly worker: Worker) {
    super();
    worker.on('error', (error) => this.fireError(error));
    worker.on('exit', () => this.fireClose());
  }

  listen(callback: DataCallback): Disposable {
    const listener = (message: Message) => callback(message);
    this.worker.on('message', listener);
    return { dispose: () => this.worker.off('message', listener) };
  }
}

class WorkerWriter extends AbstractMessageWriter {
  constructor(private readonly worker: Worker) {
    super();
  }

  async write(message: Message): Promise<void> {
    this.worker.postMessage(message);
  }

  end(): void {}
}

/** VS Code's default `files.exclude`: findFiles never returns these. */
const EXCLUDED = picomatch(['**/.git', '**/.git/**', '**/.svn/**', '**/.hg/**', '**/CVS/**', '**/.DS_Store', '**/Thumbs.db'], { dot: true });

/** Files on disk under `root`, named `<rootUri>/<relative path>`: a repository as github.dev shows it. */
export class WebFolder {
  constructor(readonly root: string, readonly rootUri: string) {}

  uriOf(file: string): string {
    const relative = path.relative(this.root, file).split(path.sep).map(encodeURIComponent).join('/');
    return URI.parse(`${this.rootUri}/${relative}`).toString();
  }

  fileOf(uri: string): string | undefined {
    const target = URI.parse(uri);
    const base = URI.parse(this.rootUri);
    if (target.scheme !== base.scheme || target.authority !== base.authority || !(target.path === base.path || target.path.startsWith(`${base.path}/`))) return undefined;
    return path.join(this.root, ...target.path.slice(base.path.length).split('/').filter(Boolean));
  }

  readFile({ uri, maxBytes }: { uri: string; maxBytes: number }): unknown {
    const file = this.fileOf(uri);
    if (!file) return { kind: 'missing' };
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      return { kind: 'missing' };
    }
    if (stat.isDirectory()) return { kind: 'folder' };
    if (stat.size > maxBytes) return { kind: 'tooLarge', size: stat.size };
    return { kind: 'text', text: fs.readFileSync(file, 'utf8') };
  }

  findFiles({ base, include, max }: { base: string; include: string; max: number }): { uris: string[] } {
    const folder = this.fileOf(base);
    if (!folder) return { uris: [] };
    const matches = picomatch(include, { dot: true });
    const uris: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        const relative = path.relative(folder, full).split(path.sep).join('/');
        if (EXCLUDED(relative) || uris.length >= max) continue;
        if (entry.isDirectory()) walk(full);
        else if (matches(relative)) uris.push(this.uriOf(full));
      }
    };
    walk(folder);
    return { uris };
  }
}

/** Starts dist/server-web.js in a worker thread; the reader and writer speak to it. */
export function startWebServer(): { reader: MessageReader; writer: MessageWriter; worker: Worker } {
  const worker = new Worker(BOOTSTRAP, { eval: true, workerData: { serverPath: webServerPath } });
  return { reader: new WorkerReader(worker), writer: new WorkerWriter(worker), worker };
}
