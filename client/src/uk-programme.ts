/**
 * "New Framework from a UK Programme…": a pick list of the real UK programmes with published
 * prices (INDIGO data), then the framework and rate card the server writes from the one chosen,
 * saved beside each other and opened. Existing files are never overwritten.
 */
import * as vscode from 'vscode';
import { fileName, ukProgrammeFilesRequest, ukProgrammesRequest, type UkProgrammeFiles, type UkProgrammeList } from '../../server/src/protocol';
import type { ServerRequests } from './commands';

export const newFromUkProgrammeId = 'outcomeFrameworks.newFromUkProgramme';

/**
 * `id` (INDIGO-POJ-nnnn) and `folder` skip the pick list and the folder choice (for tests and
 * links); the URIs of the two files written are returned.
 */
export async function newFromUkProgramme(server: ServerRequests, id?: unknown, folder?: unknown): Promise<vscode.Uri[] | undefined> {
  let projectId = typeof id === 'string' ? id : undefined;
  if (!projectId) {
    const list = await server.sendRequest<UkProgrammeList | null>(ukProgrammesRequest);
    if (!list) return undefined;
    const picked = await vscode.window.showQuickPick(
      list.items.map((item) => ({ label: item.name, description: item.id, detail: `${item.programme}, ${item.year}: ${item.prices} published price${item.prices === 1 ? '' : 's'}`, id: item.id })),
      { placeHolder: `Which programme? Its published outcomes and prices become your starting point (source: ${list.source}).`, matchOnDescription: true, matchOnDetail: true },
    );
    if (!picked) return undefined;
    projectId = picked.id;
  }
  const files = await server.sendRequest<UkProgrammeFiles | null>(ukProgrammeFilesRequest, { id: projectId });
  if (!files) {
    void vscode.window.showWarningMessage(`${projectId} is not a UK programme with published prices.`);
    return undefined;
  }
  const target = folder instanceof vscode.Uri ? folder : typeof folder === 'string' ? vscode.Uri.parse(folder) : await chooseFolder();
  if (!target) {
    // No folder open: show the two files unsaved.
    for (const content of [files.frameworkText, files.rateCardText]) await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'yaml', content }), { preview: false });
    return [];
  }
  const uris = [vscode.Uri.joinPath(target, files.frameworkFile), vscode.Uri.joinPath(target, files.rateCardFile)];
  for (const uri of uris) {
    try {
      await vscode.workspace.fs.stat(uri);
      void vscode.window.showWarningMessage(`${fileName(uri)} already exists; nothing was written. Move it away, or choose another folder.`);
      return undefined;
    } catch {
      // does not exist: good
    }
  }
  await vscode.workspace.fs.writeFile(uris[0], new TextEncoder().encode(files.frameworkText));
  await vscode.workspace.fs.writeFile(uris[1], new TextEncoder().encode(files.rateCardText));
  await vscode.window.showTextDocument(uris[0], { preview: false });
  await vscode.window.showTextDocument(uris[1], { preview: false, viewColumn: vscode.ViewColumn.Beside });
  void vscode.window.showInformationMessage(`Wrote ${files.frameworkFile} and ${files.rateCardFile}. Lines marked "guess:" say what the data does not; check them. Source: ${files.source}.`);
  return uris;
}

async function chooseFolder(): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0]?.uri;
  const picked = await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Which folder should the two files go in?' });
  return picked?.uri;
}

export function registerNewFromUkProgramme(server: ServerRequests): vscode.Disposable {
  return vscode.commands.registerCommand(newFromUkProgrammeId, (id?: unknown, folder?: unknown) => newFromUkProgramme(server, id, folder));
}
