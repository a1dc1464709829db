/**
 * In a browser the server reads the workspace through the client: these answer its
 * `outcomes/readFile` and `outcomes/findFiles` with VS Code's own file system, which serves
 * github.dev's repository, code-server's folders and vscode.dev's alike.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { findFilesRequest, readFileRequest, type FileReadResult, type FindFilesParams, type FindFilesResult, type ReadFileParams } from '../../server/src/protocol';

/** The most files one search returns, whatever the server asks. */
const MAX_FOUND = 20_000;

export function answerFileRequests(client: BaseLanguageClient): vscode.Disposable[] {
  // Typed by hand: the union of answers is not one the generic handler type can infer.
  const onRequest = client.onRequest.bind(client) as (method: string, handler: (params: never) => Promise<unknown>) => vscode.Disposable;
  return [
    onRequest(readFileRequest, (params: ReadFileParams): Promise<FileReadResult> => readFile(params)),
    onRequest(findFilesRequest, async ({ base, include, max }: FindFilesParams): Promise<FindFilesResult> => {
      const found = await vscode.workspace.findFiles(new vscode.RelativePattern(vscode.Uri.parse(base), include), undefined, Math.min(Math.max(0, max), MAX_FOUND));
      return { uris: found.map((uri) => uri.toString()) };
    }),
  ];
}

async function readFile({ uri, maxBytes }: ReadFileParams): Promise<FileReadResult> {
  const target = vscode.Uri.parse(uri);
  let stat: vscode.FileStat;
  try {
    stat = await vscode.workspace.fs.stat(target);
  } catch (error) {
    return error instanceof vscode.FileSystemError && error.code !== 'FileNotFound' ? { kind: 'error', message: error.code } : { kind: 'missing' };
  }
  if (stat.type & vscode.FileType.Directory) return { kind: 'folder' };
  // The size first, so a huge file is refused unread (the server words the message, as the CLI does).
  if (stat.size > maxBytes) return { kind: 'tooLarge', size: stat.size };
  try {
    const bytes = await vscode.workspace.fs.readFile(target);
    if (bytes.byteLength > maxBytes) return { kind: 'tooLarge', size: bytes.byteLength };
    return { kind: 'text', text: new TextDecoder('utf-8').decode(bytes) };
  } catch (error) {
    return error instanceof vscode.FileSystemError && error.code === 'FileNotFound' ? { kind: 'missing' } : { kind: 'error', message: error instanceof vscode.FileSystemError ? error.code : 'unknown error' };
  }
}
