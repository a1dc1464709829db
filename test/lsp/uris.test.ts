/**
 * URIs as VS Code spells them, through the protocol: a workspace in a folder whose name needs
 * escaping (spaces, parentheses, an en dash, an accent), and clients that spell the same file
 * otherwise (`(` left bare, `C:` against `c%3A`). The server must answer under the very string
 * the client sent, with the version, or the editor never matches its diagnostics to the file.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Location, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { find, fixture, LspClient, tempWorkspace, uriOf } from './client';

const folder = path.join('OneDrive - Council (2024)', 'Rate cards – café');
const files = {
  [path.join(folder, 'housing.framework.yaml')]: fixture('housing.framework.yaml'),
  [path.join(folder, 'housing.ratecard.yaml')]: fixture('housing.ratecard.yaml'),
};

describe('language server: URIs as VS Code spells them', () => {
  let root: string;
  let client: LspClient;
  let rateCard: string;
  let framework: string;

  beforeEach(async () => {
    root = tempWorkspace(files);
    rateCard = path.join(root, folder, 'housing.ratecard.yaml');
    framework = path.join(root, folder, 'housing.framework.yaml');
    client = new LspClient(root);
    await client.initialize();
  });

  afterEach(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('publishes diagnostics and totals notices under the escaped URI the editor sent, with its version', async () => {
    const uri = client.open(rateCard);
    assert.match(uri, /OneDrive%20-%20Council%20%282024%29\/Rate%20cards%20%E2%80%93%20caf%C3%A9\//);
    const diagnostics = await client.currentDiagnostics(uri);
    assert.deepEqual(diagnostics.map((d) => d.code), ['high-deadweight']);
    assert.equal(client.latest(uri)!.version, 1);
    // Nothing is published under another spelling of the same file.
    assert.deepEqual(client.published.filter((p) => p.uri !== uri && p.uri.includes('ratecard')).map((p) => p.uri), []);
    await client.until('a totals notice for the rate card', () => client.notifications.some((n) => n.method === 'outcomes/didChangeTotals' && (n.params as { uris: string[] }).uris.includes(uri)));
    client.replace(uri, 'outcome: accommodation-sustained-26w', 'outcome: accomodation-sustained-26w');
    const after = await client.currentDiagnostics(uri);
    assert.ok(after.some((d) => d.code === 'unknown-reference'), JSON.stringify(after));
    assert.equal(client.latest(uri)!.version, 2);
  });

  it('points to the framework, and renames across files, by the URIs VS Code uses', async () => {
    const uri = client.open(rateCard);
    const text = client.textOf(uri);
    const locations = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: find(text, 'housing.framework.yaml', 3) });
    assert.deepEqual(locations.map((l) => l.uri), [uriOf(framework)]);
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: find(text, 'cohort: leaving-care', 9), newName: 'care-leavers' });
    assert.deepEqual(Object.keys(edit.changes ?? {}).sort(), [uriOf(framework), uri].sort());
  });

  it('answers a client that leaves parentheses bare under that client\'s own spelling', async () => {
    const bare = pathToFileURL(rateCard).toString(); // Node's spelling: `(2024)` unescaped
    assert.notEqual(bare, uriOf(rateCard));
    const uri = client.openUri(bare, fs.readFileSync(rateCard, 'utf8'));
    assert.deepEqual((await client.currentDiagnostics(uri)).map((d) => d.code), ['high-deadweight']);
    const totals = await client.request<{ uri: string } | null>('outcomes/totals', { uri });
    assert.equal(totals?.uri, bare);
    // A quick fix's edit must name the open document as the client knows it.
    client.replace(uri, 'outcome: accommodation-sustained-26w', 'outcome: accomodation-sustained-26w');
    const unknown = (await client.currentDiagnostics(uri)).find((d) => d.code === 'unknown-reference')!;
    const actions = await client.request<{ title: string; edit?: WorkspaceEdit }[]>('textDocument/codeAction', { textDocument: { uri }, range: unknown.range, context: { diagnostics: [unknown] } });
    const fix = actions.find((a) => a.edit?.changes);
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    assert.deepEqual(Object.keys(fix.edit!.changes!), [bare]);
  });

  for (const drive of ['file:///c%3A/Users/Jane%20Smith/Rate%20cards%20%282024%29/', 'file:///C:/Users/Jane%20Smith/Rate%20cards%20(2024)/']) {
    it(`keeps a Windows drive letter as the client spelled it (${drive.slice(8, 14)}…)`, async () => {
      // No such file on this machine: the open document's text is all the server has.
      const uri = client.openUri(`${drive}loose.ratecard.yaml`, 'kind: RateCard\nschemaVersion: 1\nid: loose\ncurrency: GBP\nprices: []\npayers: { council: 10 }\n');
      const diagnostics = await client.currentDiagnostics(uri);
      assert.ok(diagnostics.length > 0, 'a rate card without its framework has findings');
      assert.equal(client.latest(uri)!.version, 1);
      client.close(uri);
      await client.diagnostics(uri, (d) => d.length === 0);
    });
  }
});
