/** The language server's entry point (stdio or IPC). Wiring only: features live beside it. */
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocumentSyncKind,
  type InitializeResult,
} from 'vscode-languageserver';
import { openConnection, processStats } from './connection';
import { ruleDocs } from './rule-docs';
import { isActualsName } from '../core/actuals';
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
import { codeLenses, inlayHints, totalsCsv, totalsFor, totalsResponse } from './totals';
import { didChangeTotalsNotification, didGrantWorkspaceTrustNotification, lintWorkspaceRequest, totalsCsvRequest, setGitBaseNotification, totalsRequest, ukProgrammeFilesRequest, ukProgrammesRequest, whatIfRequest, type LintSummary, type UriParams, type WhatIfParams } from '../protocol';
import { ukProgrammeFiles, ukProgrammes } from './uk-programmes';
import { HeadBase, headLenses, headView } from './head-delta';
import { whatIfResponse } from './what-if';

const connection = openConnection();
const session = new Session();
const settings = new SettingsCache(connection);
/** The rate cards against git's HEAD: only once the client says the workspace is trusted. */
const heads = new HeadBase(session, () => {
  // A commit or checkout moved HEAD: the lenses and previews compare with the new one.
  if (canRefreshLenses) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
  const rateCards = session.knownFiles().filter((file) => session.isOpen(file) && session.analyze(file)?.kind === 'RateCard').map(pathToUri);
  if (rateCards.length) void connection.sendNotification('outcomes/didChangeTotals', { uris: rateCards });
});
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
  const rateCards = files.filter((file) => !isActualsName(file) && session.analyze(file)?.kind === 'RateCard').map(pathToUri);
  // New results change the plan against actual of the rate cards beside them (shown in their previews).
  if (files.some((file) => isActualsName(file))) for (const known of session.knownFiles()) if (/\.ratecard\.ya?ml$/i.test(known) && !rateCards.includes(pathToUri(known))) rateCards.push(pathToUri(known));
  if (rateCards.length) void connection.sendNotification(didChangeTotalsNotification, { uris: rateCards });
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
  const options = params.initializationOptions as { debounceMs?: unknown; clientCommands?: unknown; gitBase?: unknown; workspaceTrusted?: unknown; extensionUri?: unknown } | undefined;
  ruleDocs.useExtensionUri(typeof options?.extensionUri === 'string' ? options.extensionUri : undefined);
  heads.enabled = options?.gitBase === true;
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
    void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yaml,yml}' }, { globPattern: '**/*.actuals.csv' }, { globPattern: `**/${configFileName}` }] });
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

connection.onNotification(didGrantWorkspaceTrustNotification, () => {
  workspaceTrust.trusted = true;
  checker.schedule(session.knownFiles(), true);
  // A trusted workspace may be compared with git's HEAD too.
  heads.enabled = true;
  heads.forget();
  if (canRefreshLenses) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
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

connection.onReferences(guarded('references', [], async ({ textDocument, position, context }) => {
  await session.scanned(); // every rate card on disk, not only those found so far
  const file = fileOf(textDocument.uri);
  return file ? references(session, file, position, context.includeDeclaration) : [];
}));

connection.onPrepareRename(guarded('prepareRename', null, ({ textDocument, position }) => {
  const file = fileOf(textDocument.uri);
  return file ? prepareRename(session, file, position) : null;
}));

connection.onRenameRequest(guarded('rename', null, async ({ textDocument, position, newName }) => {
  await session.scanned(); // a rename must reach every rate card on disk
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
  const editor = await settings.get(textDocument.uri);
  if (!file || !editor.codeLens.enabled) return [];
  // The change against HEAD first: when a card differs, it is what a reviewer reads first.
  return [...headLenses(heads, file), ...codeLenses(session, file, editor.value)];
}));

connection.languages.inlayHint.on(guarded('inlayHint', [], async ({ textDocument, range }) => {
  const file = fileOf(textDocument.uri);
  if (!file || !(await settings.get(textDocument.uri)).inlayHints.enabled) return [];
  return inlayHints(session, file, range);
}));

connection.onRequest(totalsRequest, guarded(totalsRequest, null, async ({ uri }: UriParams) => {
  const file = fileOf(uri);
  const response = file ? totalsResponse(session, file, (await settings.get(uri)).value) : null;
  return response && file ? { ...response, head: headView(heads, file) ?? null } : response;
}));

connection.onRequest(totalsCsvRequest, guarded(totalsCsvRequest, null, async ({ uri }: UriParams) => {
  const file = fileOf(uri);
  return file ? totalsCsv(session, file, (await settings.get(uri)).value) : null;
}));

connection.onRequest(whatIfRequest, guarded(whatIfRequest, null, async (params: WhatIfParams) => {
  const file = fileOf(params.uri);
  return file ? whatIfResponse(session, file, params, (await settings.get(params.uri)).value) : null;
}));

/** The client's workspace became trusted (or not): compare with git's HEAD from now on (or stop). */
connection.onNotification(setGitBaseNotification, ({ enabled }: { enabled: boolean }) => {
  heads.enabled = enabled === true;
  heads.forget();
  if (canRefreshLenses) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
});

/** Checks every known file now (the client's "lint workspace" command) and counts the findings. */
connection.onRequest(lintWorkspaceRequest, guarded(lintWorkspaceRequest, null, async (): Promise<LintSummary> => {
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

/** The UK programmes with published prices, and the framework and rate card written from one. */
connection.onRequest(ukProgrammesRequest, guarded(ukProgrammesRequest, null, () => ukProgrammes()));
connection.onRequest(ukProgrammeFilesRequest, guarded(ukProgrammeFilesRequest, null, ({ id }: { id: string }) => ukProgrammeFiles(id)));

/** The server's memory, after a collection when node runs with --expose-gc: for the benchmark. */
connection.onRequest('outcomes/serverStats', () => {
  const { heapUsed, rss, cpuMs } = processStats();
  return { heapUsed, rss, knownFiles: session.knownFiles().length, debounceMs: checker.delay, cpuMs };
});

session.documents.listen(connection);
connection.listen();
