/**
 * The browser twin of language-client.ts, for vscode.dev, github.dev and code-server's web
 * worker extension host: the server (dist/server-web.js) runs in a web worker, and reads the
 * workspace through this client (workspace-files.ts). Nothing is fetched from the network: the
 * worker's script is the extension's own file.
 */
import * as vscode from 'vscode';
import { LanguageClient, type BaseLanguageClient, type LanguageClientOptions } from 'vscode-languageclient/browser';
import { answerFileRequests } from './workspace-files';

export const runsInBrowser = true;

export async function createLanguageClient(context: vscode.ExtensionContext, clientOptions: LanguageClientOptions): Promise<BaseLanguageClient> {
  const client = new LanguageClient('outcomeFrameworks', 'Outcome Frameworks', await startWorker(context), clientOptions);
  context.subscriptions.push(...answerFileRequests(client));
  return client;
}

/**
 * On vscode.dev and github.dev the extension's folder is an https URL, from which a worker starts
 * directly. Where it is not (code-server's `vscode-remote:` folders, where "creating workers from
 * remote extensions is not supported"), the script is read with workspace.fs and started from a
 * Blob URL.
 */
async function startWorker(context: vscode.ExtensionContext): Promise<Worker> {
  const script = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server-web.js');
  if (script.scheme === 'https' || script.scheme === 'http') {
    try {
      return new Worker(script.toString(true));
    } catch {
      // fall through to the Blob
    }
  }
  const bytes = await vscode.workspace.fs.readFile(script);
  const url = URL.createObjectURL(new Blob([new Uint8Array(bytes)], { type: 'text/javascript' }));
  context.subscriptions.push({ dispose: () => URL.revokeObjectURL(url) });
  return new Worker(url);
}
