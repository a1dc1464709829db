/** The server under awkward input: broken YAML, files that are not ours, requests anywhere. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeLens, CompletionItem, DocumentSymbol, Hover } from 'vscode-languageserver-protocol';
import { fixture, LspClient, positionAt, repoRoot, tempWorkspace, uriOf } from './client';

describe('language server: awkward input and workspace requests', () => {
  let root: string;
  let client: LspClient;

  beforeEach(async () => {
    root = tempWorkspace({
      'housing.framework.yaml': fixture('housing.framework.yaml'),
      'housing.ratecard.yaml': fixture('housing.ratecard.yaml'),
      'other/docker-compose.yaml': 'services:\n  web:\n    image: nginx\n',
      'node_modules/pkg/x.ratecard.yaml': 'kind: RateCard\n',
    });
    client = new LspClient(root);
    await client.initialize();
  });

  afterEach(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('says nothing about YAML files that are not frameworks or rate cards', async () => {
    const uri = client.open(path.join(root, 'other', 'docker-compose.yaml'));
    assert.deepEqual(await client.currentDiagnostics(uri), []);
    assert.deepEqual(await client.request('textDocument/codeLens', { textDocument: { uri } }), []);
  });

  it('keeps answering while a rate card is half written, and reports the YAML error where it is', async () => {
    const uri = client.open(path.join(root, 'housing.ratecard.yaml'));
    await client.currentDiagnostics(uri);
    client.replace(uri, '  - outcome: accommodation-sustained-26w\n', '  - outcome: [accommodation-sustained-26w\n');
    const diagnostics = await client.currentDiagnostics(uri);
    assert.ok(diagnostics.some((d) => d.code === 'yaml-syntax'), JSON.stringify(diagnostics.map((d) => d.code)));
    const text = client.textOf(uri);
    for (let offset = 0; offset < text.length; offset += 37) {
      const position = positionAt(text, offset);
      await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
      await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position });
    }
    assert.ok(Array.isArray(await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } })));
    assert.equal(client.process.exitCode, null, 'the server is still running');
  });

  it('explains the rule behind a finding on hover', async () => {
    const uri = client.open(path.join(root, 'housing.ratecard.yaml'));
    const diagnostics = await client.currentDiagnostics(uri);
    const deadweight = diagnostics.find((d) => d.code === 'high-deadweight')!;
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: deadweight.range.start });
    const value = (hover.contents as { value: string }).value;
    // The explanation comes from the rule's documentation: its "Why it matters" and "What to change".
    const docs = fs.readFileSync(path.join(repoRoot, 'docs', 'rules', 'high-deadweight.md'), 'utf8');
    const firstLine = (title: string) => docs.split(`## ${title}`)[1].trim().split('\n')[0].trim();
    assert.match(value, /^\*\*high-deadweight\*\*: \S/);
    assert.ok(value.includes(firstLine('Why it matters')), value);
    assert.ok(value.includes(`**What to change:** ${firstLine('What to change')}`), value);
    assert.match(value, /\[Read about high-deadweight\]\(file:.*docs\/rules\/high-deadweight\.md\)/);
  });

  it('outlines a framework: payers, cohorts, outcomes', async () => {
    const uri = client.open(path.join(root, 'housing.framework.yaml'));
    await client.currentDiagnostics(uri);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(symbols.map((s) => [s.name, s.children!.map((c) => c.name)]), [
      ['payers', ['council', 'fund']],
      ['cohorts', ['leaving-care']],
      ['outcomes', ['accommodation-entry', 'accommodation-sustained-26w', 'wellbeing-improved']],
    ]);
  });

  it('finds outcomes, cohorts and payers of every framework by name or title', async () => {
    await client.request('outcomes/lintWorkspace', {});
    const symbols = await client.request<{ name: string; containerName: string; location: { uri: string; range: { start: { line: number } } } }[]>('workspace/symbol', { query: 'stable' });
    assert.deepEqual(symbols.map((s) => [s.name, s.containerName, s.location.range.start.line]), [['accommodation-entry', 'housing-test', 22]]);
  });

  it('checks the whole workspace on request, skipping node_modules', async () => {
    const counts = await client.request<{ files: number; errors: number; warnings: number }>('outcomes/lintWorkspace', {});
    assert.equal(counts.files, 2);
    assert.equal(counts.errors, 0);
    assert.equal(counts.warnings, 1);
    assert.ok(client.latest(uriOf(path.join(root, 'housing.ratecard.yaml'))));
    assert.equal(client.latest(uriOf(path.join(root, 'node_modules', 'pkg', 'x.ratecard.yaml'))), undefined);
  });
});
