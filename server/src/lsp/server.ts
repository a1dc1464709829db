/** The language server's entry point (stdio or IPC). Wiring only: features live beside it. */
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ProposedFeatures,
  TextDocumentSyncKind,
  type InitializeResult,
} from 'vscode-languageserver/node';
import * as path from 'node:path';
import { Checker, configFileName } from './checker';
import { clientCommands, codeActions, fixAllKind } from './code-actions';
import { completion } from './completion';
import { pathToUri, uriToPath } from './convert';
import { hover } from './hover';
import { workspaceTrust } from './lint-source';
import { definition, prepareRename, references, rename } from './navigation';
import { Session } from './session';
import { SettingsCache } from './settings';
import { documentSymbols, workspaceSymbols } from './symbols';
import { codeLenses, inlayHints, totalsFor, totalsResponse } from './totals';

const connection = createConnection(ProposedFeatures.all);
const session = new Session();
const settings = new SettingsCache(connection);
let canRefreshLenses = false;
let canRefreshHints = false;
let canWatchDynamically = false;
let canRegisterConfiguration = false;
let hasWorkspaceFolders = false;

const checker = new Checker(connection, session, settings, (files) => {
  // Compute the totals now, so the lens and hint requests the refresh triggers find them ready.
  for (const file of files) if (session.isOpen(file)) try { totalsFor(session, file); } catch { /* the request reports it */ }
  // Lenses, hints and previews show totals: refresh them whenever a checked file changed.
  if (canRefreshLenses) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
  if (canRefreshHints) void connection.sendRequest('workspace/inlayHint/refresh').catch(() => undefined);
  const rateCards = files.filter((file) => session.analyze(file)?.kind === 'RateCard').map(pathToUri);
  if (rateCards.length) void connection.sendNotification('outcomes/didChangeTotals', { uris: rateCards });
}, (file) => (checker.isConfigFile(file) ? session.knownFiles() : session.affectedBy(file)));

/** A request handler that reports its failure instead of taking the server down. */
function guarded<P, R>(name: string, fallback: R, handler: (params: P) => R | Promise<R>): (params: P) => Promise<R> {
  return async (params: P) => {
    try {
      return await handler(params);
    } catch (error) {
      if ((error as { code?: number }).code === -32602) throw error; // a message meant for the user (rename)
      connection.console.error(`${name} failed: ${(error as Error).stack ?? error}`);
      return fallback;
    }
  };
}

function fileOf(uri: string): string | undefined {
  return uriToPath(uri);
}

connection.onInitialize((params): InitializeResult => {
  const capabilities = params.capabilities;
  canRefreshLenses = !!capabilities.workspace?.codeLens?.refreshSupport;
  canRefreshHints = !!capabilities.workspace?.inlayHint?.refreshSupport;
  canWatchDynamically = !!capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  canRegisterConfiguration = !!capabilities.workspace?.didChangeConfiguration?.dynamicRegistration;
  settings.supported = !!capabilities.workspace?.configuration;
  hasWorkspaceFolders = !!capabilities.workspace?.workspaceFolders;
  const roots = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri)).filter((p): p is string => !!p);
  if (!roots.length && params.rootUri) roots.push(...[uriToPath(params.rootUri)].filter((p): p is string => !!p));
  if (!roots.length && params.rootPath) roots.push(params.rootPath);
  session.setRoots(roots);
  const options = params.initializationOptions as { debounceMs?: unknown; clientCommands?: unknown; workspaceTrusted?: unknown } | undefined;
  // Only a client that says the workspace is untrusted (VS Code) makes it so; others have no such notion.
  workspaceTrust.trusted = options?.workspaceTrusted !== false;
  const debounce = options?.debounceMs;
  clientCommands.openRuleDocs = Array.isArray(options?.clientCommands) && options.clientCommands.includes('outcomeFrameworks.openRuleDocs');
  if (typeof debounce === 'number' && debounce >= 0) checker.fixedDelay = debounce;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
      completionProvider: { triggerCharacters: [':', ' ', '-', '[', ','] },
      definitionProvider: true,
      referencesProvider: true,
      renameProvider: { prepareProvider: true },
      documentSymbolProvider: true,
      workspaceSymbolProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll, fixAllKind] },
      codeLensProvider: { resolveProvider: false },
      inlayHintProvider: { resolveProvider: false },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'outcomes-lint', version: typeof __VERSION__ === 'string' ? __VERSION__ : undefined },
  };
});

declare const __VERSION__: string;

connection.onInitialized(async () => {
  if (canWatchDynamically) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yaml,yml}' }, { globPattern: `**/${configFileName}` }] });
  }
  if (canRegisterConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'outcomeFrameworks' });
  if (hasWorkspaceFolders) {
    connection.workspace.onDidChangeWorkspaceFolders(async () => {
      const folders = (await connection.workspace.getWorkspaceFolders()) ?? [];
      session.setRoots(folders.map((f) => uriToPath(f.uri)).filter((p): p is string => !!p));
      checker.scheduleBackground(await session.scan());
    });
  }
  const found = await session.scan();
  // Files on disk are checked after the open ones, so the editor's first diagnostics come first.
  checker.scheduleBackground(found.filter((file) => !session.isOpen(file)));
});

connection.onDidChangeWatchedFiles(({ changes }) => {
  const toCheck = new Set<string>();
  for (const change of changes) {
    const file = fileOf(change.uri);
    if (!file) continue;
    if (checker.isConfigFile(file)) {
      session.fileChangedOnDisk(file, false);
      if (change.type === FileChangeType.Deleted) checker.forgetConfig(file);
      for (const known of session.knownFiles()) toCheck.add(known);
      continue;
    }
    const deleted = change.type === FileChangeType.Deleted;
    if (session.isOpen(file)) continue; // the editor's text wins over the disk
    const before = session.affectedBy(file);
    session.fileChangedOnDisk(file, deleted);
    for (const affected of [...before, ...session.affectedBy(file)]) toCheck.add(affected);
    toCheck.add(file);
  }
  if (toCheck.size) checker.schedule([...toCheck], true);
});

connection.onNotification('outcomes/didGrantWorkspaceTrust', () => {
  workspaceTrust.trusted = true;
  checker.schedule(session.knownFiles(), true);
});

connection.onDidChangeConfiguration(() => {
  settings.clear();
  checker.schedule(session.knownFiles(), true);
});

const opened = new Set<string>();
session.documents.onDidChangeContent(({ document }) => {
  const file = session.setOverlay(document.uri, document.getText());
  if (!file) return;
  const first = !opened.has(document.uri);
  opened.add(document.uri);
  checker.schedule([file], first);
});

session.documents.onDidClose(({ document }) => {
  opened.delete(document.uri);
  const file = session.clearOverlay(document.uri);
  if (!file) return;
  if (session.looksLikeOurs(file) || checker.isConfigFile(file)) checker.schedule([file], true);
  else {
    checker.forget(file);
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  }
});

connection.onHover(guarded('hover', null, ({ textDocument, position }) => {
  const file = fileOf(textDocument.uri);
  return file ? hover(session, checker, file, position) : null;
}));

connection.onCompletion(guarded('completion', [], ({ textDocument, position }) => {
  const file = fileOf(textDocument.uri);
  return file ? completion(session, file, position) : [];
}));

connection.onDefinition(guarded('definition', [], ({ textDocument, position }) => {
  const file = fileOf(textDocument.uri);
  return file ? definition(session, file, position) : [];
}));

connection.onReferences(guarded('references', [], ({ textDocument, position, context }) => {
  const file = fileOf(textDocument.uri);
  return file ? references(session, file, position, context.includeDeclaration) : [];
}));

connection.onPrepareRename(guarded('prepareRename', null, ({ textDocument, position }) => {
  const file = fileOf(textDocument.uri);
  return file ? prepareRename(session, file, position) : null;
}));

connection.onRenameRequest(guarded('rename', null, ({ textDocument, position, newName }) => {
  const file = fileOf(textDocument.uri);
  return file ? rename(session, file, position, newName) : null;
}));

connection.onDocumentSymbol(guarded('documentSymbol', [], ({ textDocument }) => {
  const file = fileOf(textDocument.uri);
  return file ? documentSymbols(session, file) : [];
}));

connection.onWorkspaceSymbol(guarded('workspaceSymbol', [], ({ query }) => workspaceSymbols(session, query)));

connection.onCodeAction(guarded('codeAction', [], async (params) => {
  const file = fileOf(params.textDocument.uri);
  if (!file) return [];
  // Fix-all on save may come before the debounced check of the last keystrokes: check now.
  if (!checker.current(file)) await checker.checkOne(file);
  return codeActions(session, checker, file, params);
}));

connection.onCodeLens(guarded('codeLens', [], async ({ textDocument }) => {
  const file = fileOf(textDocument.uri);
  if (!file || !(await settings.get(textDocument.uri)).codeLens.enabled) return [];
  return codeLenses(session, file);
}));

connection.languages.inlayHint.on(guarded('inlayHint', [], async ({ textDocument, range }) => {
  const file = fileOf(textDocument.uri);
  if (!file || !(await settings.get(textDocument.uri)).inlayHints.enabled) return [];
  return inlayHints(session, file, range);
}));

connection.onRequest('outcomes/totals', guarded('outcomes/totals', null, ({ uri }: { uri: string }) => {
  const file = fileOf(uri);
  return file ? totalsResponse(session, file) : null;
}));

/** Checks every known file now (the client's "lint workspace" command) and counts the findings. */
connection.onRequest('outcomes/lintWorkspace', guarded('outcomes/lintWorkspace', null, async () => {
  await session.scan();
  const files = session.knownFiles();
  const counts = { files: files.length, errors: 0, warnings: 0, others: 0 };
  for (const file of files) {
    await checker.checkOne(file);
    for (const finding of checker.results.get(file)?.findings ?? []) {
      if (finding.severity === 'error') counts.errors++;
      else if (finding.severity === 'warning') counts.warnings++;
      else counts.others++;
    }
  }
  return counts;
}));

/** The server's memory, after a collection when node runs with --expose-gc: for the benchmark. */
connection.onRequest('outcomes/serverStats', () => {
  (globalThis as { gc?: () => void }).gc?.();
  const memory = process.memoryUsage();
  return { heapUsed: memory.heapUsed, rss: memory.rss, knownFiles: session.knownFiles().length, debounceMs: checker.delay };
});

session.documents.listen(connection);
connection.listen();
