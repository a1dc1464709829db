/**
 * The VS Code extension: starts the language server (IPC), owns the payment preview, the status
 * bar item and the commands. It asks the server for every figure; it computes none itself.
 * `activate` returns a small API so that in-editor tests can drive and observe it.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { commandIds, exportCsv, lintWorkspace, registerCommands, type LintSummary } from './commands';
import { PaymentPreview, type PreviewState } from './preview/panel';
import { sameUri, didChangeTotalsNotification, didGrantWorkspaceTrustNotification, totalsRequest, whatIfRequest, type DidChangeTotalsParams, type TotalsView, type UriParams, type WhatIfParams, type WhatIfView } from '../../server/src/protocol';
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

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): OutcomeFrameworksApi {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Every YAML file goes to the server: it recognises ours by name or by `kind:`.
    documentSelector: [{ scheme: 'file', language: 'yaml' }, { scheme: 'file', pattern: '**/*.actuals.csv' }],
    diagnosticCollectionName: 'outcomes-lint',
    // Commands this client has, which the server may put in code actions.
    // Workspace trust: until the folder is trusted, no config file in it changes a rule, and git (which
    // reads the repository's own configuration) is not asked for HEAD.
    initializationOptions: { clientCommands: [commandIds.openRuleDocs], workspaceTrusted: vscode.workspace.isTrusted, gitBase: vscode.workspace.isTrusted },
  };
  client = new LanguageClient('outcomeFrameworks', 'Outcome Frameworks', serverOptions, clientOptions);
  const languageClient = client;
  const ready = languageClient.start();

  const getTotals = async (uri: string): Promise<TotalsView | null> => {
    await ready;
    return languageClient.sendRequest<TotalsView | null>(totalsRequest, { uri } satisfies UriParams);
  };
  const getWhatIf = async (uri: string, whatIf: { achievement: string; participants: string }): Promise<WhatIfView | null> => {
    await ready;
    return languageClient.sendRequest<WhatIfView | null>(whatIfRequest, { uri, ...whatIf } satisfies WhatIfParams);
  };
  const preview = new PaymentPreview(getTotals, async (uri) => void (await exportCsv(deps, uri)), getWhatIf);
  const status = new TotalsStatus(getTotals);
  const deps = { context, client: languageClient, preview, getTotals };

  context.subscriptions.push(preview, status, ...registerCommands(deps));
  context.subscriptions.push(registerNewFromUkProgramme(languageClient, ready));
  void ready.then(() => {
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
