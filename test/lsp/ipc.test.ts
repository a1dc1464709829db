/** The transport VS Code uses: the same bundle over Node IPC (`--node-ipc`). */
import * as assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-jsonrpc/node';
import type { InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { fixture, serverPath, tempWorkspace, uriOf } from './client';

describe('language server over Node IPC', () => {
  it('initializes and publishes diagnostics', async () => {
    const root = tempWorkspace({ 'housing.framework.yaml': fixture('housing.framework.yaml'), 'housing.ratecard.yaml': fixture('housing.ratecard.yaml').replace('fund: 60', 'fund: 50') });
    const child = fork(serverPath, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    const rateCard = uriOf(path.join(root, 'housing.ratecard.yaml'));
    const diagnostics = new Promise<PublishDiagnosticsParams>((resolve) =>
      connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
        if (p.uri === rateCard) resolve(p);
      }),
    );
    connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
    connection.listen();
    try {
      const init = await connection.sendRequest<InitializeResult>('initialize', { processId: process.pid, rootUri: uriOf(root), capabilities: {} });
      assert.equal(init.serverInfo?.name, 'outcomes-lint');
      assert.equal((init.capabilities.textDocumentSync as { change: number }).change, 2, 'incremental sync');
      await connection.sendNotification('initialized', {});
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: rateCard, languageId: 'yaml', version: 1, text: fs.readFileSync(new URL(rateCard), 'utf8') } });
      const published = await diagnostics;
      assert.deepEqual(published.diagnostics.map((d) => d.code), ['payer-split', 'high-deadweight']);
    } finally {
      connection.dispose();
      child.kill();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
