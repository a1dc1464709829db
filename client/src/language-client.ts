/**
 * Starts the language server for VS Code on a desktop (and code-server's Node extension host):
 * dist/server.js in a Node process, over stdio. The browser twin, language-client.web.ts, starts
 * dist/server-web.js in a web worker instead.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type BaseLanguageClient, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

/** Where the extension runs, for what it says about features a browser cannot have. */
export const runsInBrowser = false;

export async function createLanguageClient(context: vscode.ExtensionContext, clientOptions: LanguageClientOptions): Promise<BaseLanguageClient> {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    // Over stdio, as other editors start it: the server keeps each diagnostic's bytes between publishes there (publish-encoder.ts).
    run: { module, transport: TransportKind.stdio },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  return new LanguageClient('outcomeFrameworks', 'Outcome Frameworks', serverOptions, clientOptions);
}
