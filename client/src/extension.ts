/**
 * The VS Code extension: starts the language server (IPC), owns the payment preview, the status
 * bar item and the commands. It asks the server for every figure; it computes none itself.
 * `activate` returns a small API so that in-editor tests can drive and observe it.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import { commandIds, exportCsv, lintWorkspace, registerCommands, type LintSummary, type ServerRequests } from './commands';
import { PaymentPreview, type PreviewState } from './preview/panel';
import { sameUri, didChangeTotalsNotification, didGrantWorkspaceTrustNotification, totalsRequest, whatIfRequest, type DidChangeTotalsParams, type TotalsView, type UriParams, type WhatIfParams, type WhatIfView } from '../../server/src/protocol';
import { createLanguageClient, runsInBrowser } from './language-client';
import { TotalsStatus } from './status';
import { registerNewFromUkProgramme } from './uk-programme';

export interface OutcomeFrameworksApi {
  /** The totals of a rate card, as the server computes them (null when not a rate card). */
  getTotals(uri: string): Promise<TotalsView | null>;
  previewPanelState(): PreviewState;
  /** Sets the preview's what-if scales, as its control does (for tests and scripts). */
  setPreviewWhatIf(achievement: string, participants: string): Promise<void>;
  statusBarText(): string | undefined;
  lintWorkspace(): Promise<LintSummary | undefined>;
  exportCsv(uri: string, target: string): Promise<string | undefined>;
  commands: typeof commandIds;
  /** Resolves once the server has started. */
  ready: Promise<void>;
}

let client: BaseLanguageClient | undefined;

/** Where a browser editor keeps workspace files: vscode.dev, github.dev, code-server, VS Code's own web tests. */
const browserSchemes = ['file', 'vscode-vfs', 'vscode-remote', 'vscode-test-web'];

export function activate(context: vscode.ExtensionContext): OutcomeFrameworksApi {
  const clientOptions: LanguageClientOptions = {
    // Every YAML file goes to the server: it recognises ours by name or by `kind:`; and actuals CSVs.
    // In a browser files have other schemes (github.dev's `vscode-vfs:`, code-server's `vscode-remote:`).
    // Not `git:` or other views of old versions: only the workspace's own files.
    documentSelector: (runsInBrowser ? browserSchemes : ['file']).flatMap((scheme) => [{ scheme, language: 'yaml' }, { scheme, pattern: '**/*.actuals.csv' }]),
    diagnosticCollectionName: 'outcomes-lint',
    // Commands this client has, which the server may put in code actions.
    // Workspace trust: until the folder is trusted, no config file in it changes a rule, and git (which
    // reads the repository's own configuration) is not asked for HEAD.
    initializationOptions: { clientCommands: [commandIds.openRuleDocs], workspaceTrusted: vscode.workspace.isTrusted, gitBase: vscode.workspace.isTrusted && !runsInBrowser, extensionUri: context.extensionUri.toString() },
  };
  // In a browser the server's script is read before the worker starts: the client comes a moment later.
  const starting = createLanguageClient(context, clientOptions).then((created) => (client = created));
  const ready = starting.then((languageClient) => languageClient.start());
  const server: ServerRequests = {
    sendRequest: async <R>(method: string, params?: unknown) => {
      await ready;
      return (await starting).sendRequest<R>(method, params);
    },
  };

  const getTotals = (uri: string): Promise<TotalsView | null> => server.sendRequest<TotalsView | null>(totalsRequest, { uri } satisfies UriParams);
  const getWhatIf = (uri: string, whatIf: { achievement: string; participants: string }): Promise<WhatIfView | null> => server.sendRequest<WhatIfView | null>(whatIfRequest, { uri, ...whatIf } satisfies WhatIfParams);
  const preview = new PaymentPreview(getTotals, async (uri) => void (await exportCsv(deps, uri)), getWhatIf);
  const status = new TotalsStatus(getTotals);
  const deps = { context, server, preview, getTotals };

  context.subscriptions.push(preview, status, ...registerCommands(deps));
  context.subscriptions.push(registerNewFromUkProgramme(server));
  void ready.then(async () => {
    const languageClient = await starting;
    context.subscriptions.push(
      vscode.workspace.onDidGrantWorkspaceTrust(() => void languageClient.sendNotification(didGrantWorkspaceTrustNotification)),
      languageClient.onNotification(didChangeTotalsNotification, ({ uris }: DidChangeTotalsParams) => {
        preview.totalsChanged(uris);
        status.totalsChanged(uris);
      }),
    );
    void status.update();
    void openAutomatically(vscode.window.activeTextEditor);
  });

  async function openAutomatically(editor: vscode.TextEditor | undefined): Promise<void> {
    const document = editor?.document;
    if (!document || document.languageId !== 'yaml') return;
    if (!vscode.workspace.getConfiguration('outcomeFrameworks', document.uri).get<boolean>('preview.openAutomatically')) return;
    if (preview.current && sameUri(preview.current.toString(), document.uri.toString())) return;
    if (await getTotals(document.uri.toString())) await preview.show(document.uri, true);
  }

  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor((editor) => {
      void status.update(editor);
      void openAutomatically(editor);
    }),
  );

  return {
    getTotals,
    previewPanelState: () => preview.snapshot(),
    setPreviewWhatIf: (achievement, participants) => preview.setWhatIf(achievement, participants),
    statusBarText: () => status.text,
    lintWorkspace: () => lintWorkspace(deps),
    exportCsv: async (uri, target) => (await exportCsv(deps, uri, vscode.Uri.parse(target)))?.toString(),
    commands: commandIds,
    ready,
  };
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
