// Talks to yaml-language-server (the peer) over stdio LSP, with our schemas associated through
// the `yaml.schemas` setting, and times didOpen → the first publishDiagnostics for that file.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const rpc = require('vscode-jsonrpc/node');

export async function startYamlLanguageServer(root) {
  const bin = require.resolve('yaml-language-server/bin/yaml-language-server');
  const child = spawn(process.execPath, [bin, '--stdio'], { stdio: ['pipe', 'pipe', process.env.YLS_DEBUG ? 'inherit' : 'ignore'] });
  const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const schemaUri = (name) => pathToFileURL(path.join(root, 'schemas', name)).href;
  const yaml = {
    validate: true,
    hover: false,
    completion: false,
    schemaStore: { enable: false },
    schemas: {
      [schemaUri('outcome-framework.schema.json')]: ['**/*.framework.yaml'],
      [schemaUri('rate-card.schema.json')]: ['**/*.ratecard.yaml'],
    },
  };
  connection.onRequest('workspace/configuration', (params) => { if (process.env.YLS_DEBUG) console.error('config', JSON.stringify(params)); return params.items.map((item) => (item.section === 'yaml' ? yaml : {})); });
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification((method, params) => { if (process.env.YLS_DEBUG) console.error(method, JSON.stringify(params).slice(0, 300)); }); // telemetry, logs
  // (The URIs avoid dot-folders such as .bench/: yls's globs do not match inside them.)
  const waiting = new Map(); // uri → resolve
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    const resolve = waiting.get(params.uri);
    if (resolve) {
      waiting.delete(params.uri);
      resolve(params.diagnostics);
    }
  });
  child.stdin.on('error', () => {}); // the server may be gone before our last message
  connection.onError(() => {});
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } }, textDocument: { publishDiagnostics: {} } },
    workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'bench' }],
  });
  connection.sendNotification('initialized', {});
  connection.sendNotification('workspace/didChangeConfiguration', { settings: { yaml } });
  let counter = 0;
  return {
    /** Opens `text` as a new file named like `fileName` and resolves with {ms, diagnostics}. */
    async time(fileName, text) {
      const uri = pathToFileURL(path.join(root, 'yls-bench', `run${++counter}-${fileName}`)).href;
      const done = new Promise((resolve) => waiting.set(uri, resolve));
      const start = performance.now();
      connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
      const diagnostics = await done;
      const ms = performance.now() - start;
      connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
      return { ms, diagnostics };
    },
    /**
     * Opens `text` and keeps it open: `edit(change, version)` sends an incremental change and
     * resolves with the ms until the diagnostics that follow it (yls publishes after each change,
     * once its own debounce has passed).
     */
    async openKept(fileName, text) {
      const uri = pathToFileURL(path.join(root, 'yls-bench', `kept${++counter}-${fileName}`)).href;
      const opened = new Promise((resolve) => waiting.set(uri, resolve));
      const start = performance.now();
      connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
      await opened;
      const openMs = performance.now() - start;
      return {
        openMs,
        async edit(change, version) {
          const done = new Promise((resolve) => waiting.set(uri, resolve));
          const sent = performance.now();
          connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
          await done;
          return performance.now() - sent;
        },
        close: () => connection.sendNotification('textDocument/didClose', { textDocument: { uri } }),
      };
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      try {
        await Promise.race([connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
        await connection.sendNotification('exit');
      } catch {}
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
      connection.dispose();
      if (child.exitCode === null) child.kill();
    },
  };
}
