/** The extension's commands. Their ids are stable: the walkthrough, keybindings and tests use them. */
import * as vscode from 'vscode';
import { fileName, lintWorkspaceRequest, plural, relativeUriPath, totalsCsvRequest, type LintSummary, type TotalsView, type UriParams } from '../../server/src/protocol';
import type { PaymentPreview } from './preview/panel';

export type { LintSummary };

export const commandIds = {
  showPreview: 'outcomeFrameworks.showPreview',
  lintWorkspace: 'outcomeFrameworks.lintWorkspace',
  exportCsv: 'outcomeFrameworks.exportTotalsCsv',
  openRuleDocs: 'outcomeFrameworks.openRuleDocs',
  newFramework: 'outcomeFrameworks.newFramework',
  newRateCard: 'outcomeFrameworks.newRateCard',
} as const;

/** Requests to the language server, sent once it has started (in a browser it starts a moment later). */
export interface ServerRequests {
  sendRequest<R>(method: string, params?: unknown): Promise<R>;
}

export interface CommandDeps {
  context: vscode.ExtensionContext;
  server: ServerRequests;
  preview: PaymentPreview;
  getTotals(uri: string): Promise<TotalsView | null>;
}

/** The rate card a command is about: the argument, else the preview's, else the active editor's. */
function targetUri(deps: CommandDeps, arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string') return vscode.Uri.parse(arg);
  const active = vscode.window.activeTextEditor?.document;
  if (active?.languageId === 'yaml') return active.uri;
  return deps.preview.current;
}

export async function exportCsv(deps: CommandDeps, arg?: unknown, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const uri = targetUri(deps, arg);
  if (!uri) {
    void vscode.window.showWarningMessage('Open a rate card first: the CSV holds the totals of one rate card.');
    return undefined;
  }
  const totals = await deps.getTotals(uri.toString());
  if (!totals) {
    void vscode.window.showWarningMessage(`${fileName(uri)} is not a rate card, so it has no totals to export.`);
    return undefined;
  }
  const destination = target ?? (await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.joinPath(uri, '..', `${totals.rateCard}-totals.csv`), filters: { CSV: ['csv'] } }));
  if (!destination) return undefined;
  // The server writes it, so the editor's CSV is the CLI's (`outcomes-lint totals --format csv`).
  const csv = await deps.server.sendRequest<string | null>(totalsCsvRequest, { uri: uri.toString() } satisfies UriParams);
  if (csv === null) return undefined;
  await vscode.workspace.fs.writeFile(destination, new TextEncoder().encode(csv));
  if (!target) void vscode.window.showInformationMessage(`Saved the totals of ${totals.rateCard} to ${fileName(destination)}.`);
  return destination;
}

export async function lintWorkspace(deps: CommandDeps): Promise<LintSummary | undefined> {
  const summary = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Checking the frameworks and rate cards of this workspace…', cancellable: false }, () =>
    deps.server.sendRequest<LintSummary | null>(lintWorkspaceRequest),
  );
  if (!summary) return undefined;
  const message = `Checked ${plural(summary.files, 'file')}: ${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${plural(summary.others, 'other finding')}.`;
  if (summary.errors || summary.warnings) {
    void vscode.window.showWarningMessage(message, 'Show problems').then((choice) => choice && vscode.commands.executeCommand('workbench.actions.view.problems'));
  } else void vscode.window.showInformationMessage(message);
  return summary;
}

async function openRuleDocs(deps: CommandDeps, ruleId?: unknown): Promise<void> {
  const docs = vscode.Uri.joinPath(deps.context.extensionUri, 'docs', 'rules');
  let id = typeof ruleId === 'string' ? ruleId : undefined;
  if (!id) {
    let names: string[] = [];
    try {
      names = (await vscode.workspace.fs.readDirectory(docs)).map(([name]) => name).filter((n) => n.endsWith('.md') && n !== 'README.md').map((n) => n.slice(0, -3));
    } catch {
      names = [];
    }
    id = await vscode.window.showQuickPick(names.sort(), { placeHolder: 'Which rule?' });
    if (!id) return;
  }
  const file = vscode.Uri.joinPath(docs, `${id}.md`);
  await vscode.commands.executeCommand('markdown.showPreview', file);
}

async function fromTemplate(deps: CommandDeps, kind: 'framework' | 'ratecard'): Promise<void> {
  const id = await vscode.window.showInputBox({
    prompt: kind === 'framework' ? 'An id for the framework (lower-case, hyphens), such as care-leavers-eet' : 'An id for the rate card (lower-case, hyphens), such as care-leavers-2017',
    validateInput: (value) => (/^[a-z0-9]+(-[a-z0-9]+)*$/.test(value) ? undefined : 'Use lower-case letters, digits and single hyphens.'),
  });
  if (!id) return;
  const template = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(deps.context.extensionUri, 'templates', `${kind}.yaml`)));
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  let frameworkPath = 'my.framework.yaml';
  if (kind === 'ratecard') {
    const frameworks = await vscode.workspace.findFiles('**/*.framework.{yaml,yml}', '**/node_modules/**', 200);
    const picked = frameworks.length ? await vscode.window.showQuickPick(frameworks.map((f) => ({ label: vscode.workspace.asRelativePath(f), uri: f })), { placeHolder: 'Which framework does this rate card price?' }) : undefined;
    if (picked && folder) frameworkPath = relativeUriPath(folder.toString(), picked.uri.toString()) ?? frameworkPath;
  }
  const text = template.replace(/\$\{id\}/g, id).replace(/\$\{framework\}/g, frameworkPath);
  if (!folder) {
    const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: text });
    await vscode.window.showTextDocument(document);
    return;
  }
  const target = vscode.Uri.joinPath(folder, `${id}.${kind}.yaml`);
  try {
    await vscode.workspace.fs.stat(target);
    void vscode.window.showWarningMessage(`${fileName(target)} already exists; choose another id.`);
    return;
  } catch {
    // does not exist: good
  }
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  await vscode.window.showTextDocument(target);
}

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(commandIds.showPreview, async (arg?: unknown) => {
      const uri = targetUri(deps, arg);
      if (!uri) return void vscode.window.showWarningMessage('Open a rate card to see its payment preview.');
      await deps.preview.show(uri);
    }),
    vscode.commands.registerCommand(commandIds.lintWorkspace, () => lintWorkspace(deps)),
    vscode.commands.registerCommand(commandIds.exportCsv, (arg?: unknown, target?: vscode.Uri) => exportCsv(deps, arg, target)),
    vscode.commands.registerCommand(commandIds.openRuleDocs, (ruleId?: unknown) => openRuleDocs(deps, ruleId)),
    vscode.commands.registerCommand(commandIds.newFramework, () => fromTemplate(deps, 'framework')),
    vscode.commands.registerCommand(commandIds.newRateCard, () => fromTemplate(deps, 'ratecard')),
  ];
}
