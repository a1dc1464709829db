/**
 * A real LSP client for the protocol tests and the benchmark: spawns the BUILT server
 * (`dist/server.js --stdio`) and speaks JSON-RPC to it through vscode-jsonrpc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, InitializeResult, PublishDiagnosticsParams, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { startWebServer, type WebFolder } from './web-server';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const serverPath = path.join(repoRoot, 'dist', 'server.js');

/** A file's URI as VS Code sends it (vscode-uri): `My%20Docs%20%282024%29`, `c%3A` on Windows. */
export function uriOf(file: string): string {
  return URI.file(file).toString();
}

/** A temporary folder holding copies of the given files (name → text). */
export function tempWorkspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'of-lsp-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return fs.realpathSync(dir);
}

export function fixture(name: string): string {
  return fs.readFileSync(path.join(repoRoot, 'test', 'lsp', 'fixtures', name), 'utf8');
}

export interface ClientOptions {
  /** What the server gets for `workspace/configuration` (the `outcomeFrameworks` section). */
  settings?: Record<string, unknown>;
  /** Advertise dynamic watched-file registration and lens/hint refresh, as VS Code does. */
  editorLike?: boolean;
  initializationOptions?: Record<string, unknown>;
  /** Node options for the server process (the stress test bounds its heap). */
  execArgv?: string[];
  /** The browser server (dist/server-web.js) in a worker, reading this folder through the client under its URIs. */
  web?: WebFolder;
}

export class LspClient {
  readonly connection: MessageConnection;
  readonly process: ChildProcess;
  /** Every publishDiagnostics received, latest last. */
  readonly published: PublishDiagnosticsParams[] = [];
  readonly notifications: { method: string; params: unknown }[] = [];
  readonly refreshes: string[] = [];
  readonly registrations: unknown[] = [];
  private waiters: (() => void)[] = [];
  stderr = '';

  constructor(readonly root: string, private readonly options: ClientOptions = {}) {
    const web = options.web;
    if (web) {
      const started = startWebServer();
      const worker = { exitCode: null as number | null, pid: undefined, kill: () => void started.worker.terminate() };
      started.worker.on('exit', (code) => (worker.exitCode = code));
      started.worker.on('error', (error) => (this.stderr += String(error.stack ?? error)));
      this.process = worker as unknown as ChildProcess;
      this.connection = createMessageConnection(started.reader, started.writer);
      // What VS Code's workspace.fs and findFiles answer in the browser client (client/src/workspace-files.ts).
      this.connection.onRequest('outcomes/readFile', (params: { uri: string; maxBytes: number }) => web.readFile(params));
      this.connection.onRequest('outcomes/findFiles', (params: { base: string; include: string; max: number }) => web.findFiles(params));
    } else {
      this.process = spawn(process.execPath, [...(options.execArgv ?? []), serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
      this.process.stderr!.on('data', (d) => (this.stderr += d));
      this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    }
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.published.push(params);
      this.wake();
    });
    this.connection.onNotification((method, params) => {
      this.notifications.push({ method, params });
      this.wake();
    });
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => this.options.settings ?? {}));
    this.connection.onRequest('client/registerCapability', (params: { registrations: unknown[] }) => {
      this.registrations.push(...params.registrations);
      return null;
    });
    this.connection.onRequest('workspace/codeLens/refresh', () => {
      this.refreshes.push('codeLens');
      this.wake();
      return null;
    });
    this.connection.onRequest('workspace/inlayHint/refresh', () => {
      this.refreshes.push('inlayHint');
      this.wake();
      return null;
    });
    this.connection.listen();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  async initialize(): Promise<InitializeResult> {
    const editorLike = this.options.editorLike !== false;
    const result = await this.connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: this.options.web?.rootUri ?? uriOf(this.root),
      initializationOptions: this.options.initializationOptions,
      workspaceFolders: [{ uri: this.options.web?.rootUri ?? uriOf(this.root), name: path.basename(this.root) }],
      capabilities: {
        workspace: {
          configuration: true,
          didChangeWatchedFiles: { dynamicRegistration: editorLike },
          codeLens: { refreshSupport: editorLike },
          inlayHint: { refreshSupport: editorLike },
          workspaceEdit: { documentChanges: false },
        },
        textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true }, rename: { prepareSupport: true } },
      },
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, string>();

  open(file: string, text = fs.readFileSync(file, 'utf8')): string {
    return this.openUri(uriOf(file), text);
  }

  /** Opens a document under exactly this URI, spelled as some other editor would spell it. */
  openUri(uri: string, text: string): string {
    this.versions.set(uri, 1);
    this.texts.set(uri, text);
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    return uri;
  }

  textOf(uri: string): string {
    return this.texts.get(uri)!;
  }

  versionOf(uri: string): number {
    return this.versions.get(uri)!;
  }

  /** Sends an incremental change replacing `oldText`'s first occurrence (after `from`) with `newText`. */
  replace(uri: string, oldText: string, newText: string): void {
    const text = this.texts.get(uri)!;
    const start = text.indexOf(oldText);
    if (start < 0) throw new Error(`"${oldText}" is not in ${uri}`);
    this.edit(uri, [{ range: { start: positionAt(text, start), end: positionAt(text, start + oldText.length) }, newText }]);
  }

  /** Applies edits (non-overlapping, as from the server) and sends them as incremental changes. */
  edit(uri: string, edits: TextEdit[]): void {
    let text = this.texts.get(uri)!;
    // Apply from the end so earlier ranges stay valid; send in the same order.
    const sorted = [...edits].sort((a, b) => offsetAt(text, b.range.start) - offsetAt(text, a.range.start));
    const changes = [];
    for (const e of sorted) {
      const start = offsetAt(text, e.range.start);
      const end = offsetAt(text, e.range.end);
      text = text.slice(0, start) + e.newText + text.slice(end);
      changes.push({ range: e.range, text: e.newText });
    }
    const version = this.versions.get(uri)! + 1;
    this.versions.set(uri, version);
    this.texts.set(uri, text);
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  /**
   * Sends the whole text as one change (no range). With `version` below the current one, sends
   * it as a stale, out-of-order change instead, and leaves the client's text and version alone.
   */
  replaceAll(uri: string, text: string, version?: number): void {
    if (version === undefined) {
      version = this.versions.get(uri)! + 1;
      this.versions.set(uri, version);
      this.texts.set(uri, text);
    }
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** Applies a WorkspaceEdit to open documents (incremental changes) and to files on disk. */
  applyWorkspaceEdit(edit: WorkspaceEdit): void {
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
      if (this.texts.has(uri)) this.edit(uri, edits);
      else {
        const file = new URL(uri);
        const text = fs.readFileSync(file, 'utf8');
        fs.writeFileSync(file, applyEdits(text, edits));
      }
    }
  }

  close(uri: string): void {
    this.texts.delete(uri);
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest<R>(method, params);
  }

  /** The latest diagnostics published for `uri`, if any. */
  latest(uri: string): PublishDiagnosticsParams | undefined {
    for (let i = this.published.length - 1; i >= 0; i--) if (this.published[i].uri === uri) return this.published[i];
    return undefined;
  }

  /** Waits until the latest diagnostics for `uri` satisfy `test`. */
  async diagnostics(uri: string, test: (d: Diagnostic[], p: PublishDiagnosticsParams) => boolean = () => true, timeout = 10_000): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const latest = this.latest(uri);
      if (latest && test(latest.diagnostics, latest)) return latest.diagnostics;
      if (Date.now() > deadline) throw new Error(`No matching diagnostics for ${uri} within ${timeout} ms; latest: ${JSON.stringify(latest?.diagnostics.map((d) => [d.code, String(d.message).slice(0, 60)]))}\n${this.stderr}`);
      await this.next(deadline - Date.now());
    }
  }

  /** Diagnostics for the version of the document the client has now. */
  currentDiagnostics(uri: string, timeout?: number): Promise<Diagnostic[]> {
    return this.diagnostics(uri, (_d, p) => p.version === this.versions.get(uri), timeout);
  }

  /** Waits until `test` holds, checking at each message from the server. */
  async until(what: string, test: () => boolean, timeout = 10_000): Promise<void> {
    const deadline = Date.now() + timeout;
    while (!test()) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
      await this.next(Math.min(100, deadline - Date.now()));
    }
  }

  /** Resolves at the next message from the server, or after `ms`. */
  next(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, Math.max(1, ms));
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 1000))]);
      void this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    await new Promise((r) => setTimeout(r, 50));
    this.connection.dispose();
    if (this.process.exitCode === null) this.process.kill();
  }
}

export function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

export function offsetAt(text: string, position: { line: number; character: number }): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return Math.min(offset + position.character, text.length);
}

export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => offsetAt(text, b.range.start) - offsetAt(text, a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offsetAt(out, e.range.start)) + e.newText + out.slice(offsetAt(out, e.range.end));
  return out;
}

/** The position of the `nth` occurrence of `needle` in `text`, plus `delta` characters. */
export function find(text: string, needle: string, delta = 0, nth = 1): { line: number; character: number } {
  let at = -1;
  for (let i = 0; i < nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" not found`);
  }
  return positionAt(text, at + delta);
}
