/**
 * The built language server under what issue 11 found: an absurd number in a file only on disk,
 * FIFOs appearing in the workspace, an untrusted workspace's config, and Markdown in a title.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { find, fixture, LspClient, tempWorkspace, uriOf } from './client';

const posix = process.platform !== 'win32';
/** A real CommonMark renderer (markdown-it), as an editor renders a hover. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MarkdownIt = require('markdown-it') as new (options: object) => { render(text: string): string };

describe('language server: reliability and trust', () => {
  let root: string;
  let client: LspClient;

  afterEach(async () => {
    await client?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('stays up when a rate card only on disk has `price: 1e999999999`, and reports it at the value', async () => {
    root = tempWorkspace({ 'housing.framework.yaml': fixture('housing.framework.yaml'), 'housing.ratecard.yaml': fixture('housing.ratecard.yaml').replace('price: 1000', 'price: 1e999999999') });
    client = new LspClient(root);
    await client.initialize();
    const uri = uriOf(path.join(root, 'housing.ratecard.yaml'));
    const diagnostics = await client.diagnostics(uri, (d) => d.some((x) => /exponent of 999999999/.test(String(x.message))));
    const text = fs.readFileSync(path.join(root, 'housing.ratecard.yaml'), 'utf8');
    assert.deepEqual(diagnostics.find((d) => /exponent/.test(String(d.message)))!.range.start, find(text, '1e999999999'));
    assert.equal(client.process.exitCode, null, 'the server is still running');
    assert.ok(await client.request('textDocument/hover', { textDocument: { uri }, position: find(text, '1e999999999') }) !== undefined);
  });

  (posix ? it : it.skip)('keeps answering when FIFOs named *.yaml and .outcomes-lint.yaml appear, and says why a FIFO rate card is not read', async () => {
    root = tempWorkspace({ 'housing.framework.yaml': fixture('housing.framework.yaml'), 'housing.ratecard.yaml': fixture('housing.ratecard.yaml') });
    client = new LspClient(root);
    await client.initialize();
    const card = client.open(path.join(root, 'housing.ratecard.yaml'));
    await client.currentDiagnostics(card);
    const fifos = ['pipe.ratecard.yaml', 'notes.yaml', '.outcomes-lint.yaml'];
    for (const name of fifos) assert.equal(spawnSync('mkfifo', [path.join(root, name)]).status, 0);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: fifos.map((name) => ({ uri: uriOf(path.join(root, name)), type: 1 })) });
    const pipe = await client.diagnostics(uriOf(path.join(root, 'pipe.ratecard.yaml')), (d) => d.length > 0);
    assert.match(String(pipe[0].message), /This is a FIFO \(named pipe\), not a regular file, so it was not read/);
    // Still answering: a hover comes back at once.
    const text = client.textOf(card);
    const hover = await Promise.race([client.request<Hover | null>('textDocument/hover', { textDocument: { uri: card }, position: find(text, 'accommodation-entry') }), new Promise((resolve) => setTimeout(() => resolve('timeout'), 5000))]);
    assert.notEqual(hover, 'timeout');
    assert.equal(client.process.exitCode, null);
  });

  it('in an untrusted workspace, its .outcomes-lint.yaml changes no rule until trust is granted', async () => {
    root = tempWorkspace({
      'housing.framework.yaml': fixture('housing.framework.yaml'),
      'housing.ratecard.yaml': fixture('housing.ratecard.yaml'),
      '.outcomes-lint.yaml': 'rules:\n  high-deadweight: off\n',
    });
    client = new LspClient(root, { initializationOptions: { workspaceTrusted: false } });
    await client.initialize();
    const card = client.open(path.join(root, 'housing.ratecard.yaml'));
    assert.ok((await client.currentDiagnostics(card)).some((d) => d.code === 'high-deadweight'), 'the config file does not silence the rule');
    await client.connection.sendNotification('outcomes/didGrantWorkspaceTrust');
    await client.diagnostics(card, (d) => !d.some((x) => x.code === 'high-deadweight'));
  });

  it('a trusted workspace (the default for clients without workspace trust) follows its config file', async () => {
    root = tempWorkspace({
      'housing.framework.yaml': fixture('housing.framework.yaml'),
      'housing.ratecard.yaml': fixture('housing.ratecard.yaml'),
      '.outcomes-lint.yaml': 'rules:\n  high-deadweight: off\n',
    });
    client = new LspClient(root);
    await client.initialize();
    const card = client.open(path.join(root, 'housing.ratecard.yaml'));
    assert.ok(!(await client.currentDiagnostics(card)).some((d) => d.code === 'high-deadweight'));
  });

  it('escapes Markdown from the file in hovers: a title cannot become an image or a link', async () => {
    const title = '![x](https://host/pixel.png) <img src=https://host/a.png> [click](https://host/) **bold**';
    root = tempWorkspace({
      'housing.framework.yaml': fixture('housing.framework.yaml').replace('title: Moved into stable accommodation', `title: "${title}"`).replace('name: Example County Council', 'name: "[Council](https://host/c)"'),
      'housing.ratecard.yaml': fixture('housing.ratecard.yaml'),
    });
    client = new LspClient(root);
    await client.initialize();
    const card = client.open(path.join(root, 'housing.ratecard.yaml'));
    await client.currentDiagnostics(card);
    const text = client.textOf(card);
    const render = (hover: Hover | null) => new MarkdownIt({ html: true, linkify: true }).render((hover!.contents as MarkupContent).value);
    const outcome = render(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: card }, position: find(text, 'accommodation-entry', 2) }));
    assert.doesNotMatch(outcome, /<img|<a /, outcome);
    // The characters are all shown, as written.
    assert.ok(outcome.includes('![x](https://host/pixel.png) &lt;img src=https://host/a.png&gt; [click](https://host/) **bold**'), outcome);
    const framework = client.open(path.join(root, 'housing.framework.yaml'));
    await client.currentDiagnostics(framework);
    const payer = render(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: framework }, position: find(client.textOf(framework), '- id: council', 7) }));
    assert.doesNotMatch(payer, /<a /, payer);
  });

  it('ends when the editor closes its input over stdio, without a shutdown, as an orphaned server must', async function () {
    this.timeout(20_000);
    root = tempWorkspace({ 'housing.framework.yaml': fixture('housing.framework.yaml'), 'housing.ratecard.yaml': fixture('housing.ratecard.yaml') });
    client = new LspClient(root);
    await client.initialize();
    await client.diagnostics(uriOf(path.join(root, 'housing.ratecard.yaml')));
    const exited = new Promise<number | null>((resolve) => client.process.once('exit', (code) => resolve(code)));
    client.process.stdin!.end();
    const code = await Promise.race([exited, new Promise<string>((resolve) => setTimeout(() => resolve('still running'), 10_000))]);
    assert.equal(code, 1, 'exits with 1: the client went away without asking it to shut down');
  });
});
