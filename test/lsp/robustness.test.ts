/** The server under awkward input: broken YAML, files that are not ours, requests anywhere. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
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

  it('survives random damage to a rate card and ends where a fresh check of the same text ends', async () => {
    const uri = client.open(path.join(root, 'housing.ratecard.yaml'));
    await client.currentDiagnostics(uri);
    // A seeded generator, so a failure can be replayed.
    let seed = 20261123;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    const pieces = [':', '- ', '[', ']', '{', '}', '"', "'", '\n', '\t', '  ', '#', '&a', '*a', 'é', '£', '0.5', 'unlimited', 'outcome: ', '\u0000'];
    for (let i = 0; i < 150; i++) {
      const text = client.textOf(uri);
      const start = random(text.length + 1);
      const end = Math.min(text.length, start + random(4));
      client.edit(uri, [{ range: { start: positionAt(text, start), end: positionAt(text, end) }, newText: pieces[random(pieces.length)] }]);
      if (i % 10 === 0) {
        const now = client.textOf(uri);
        const position = positionAt(now, random(now.length + 1));
        await Promise.all([
          client.request('textDocument/hover', { textDocument: { uri }, position }),
          client.request('textDocument/completion', { textDocument: { uri }, position }),
          client.request('textDocument/codeLens', { textDocument: { uri } }),
          client.request('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 200, character: 0 } } }),
          client.request('textDocument/documentSymbol', { textDocument: { uri } }),
          client.request('textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration: true } }),
        ]);
      }
    }
    const live = await client.currentDiagnostics(uri);
    assert.equal(client.process.exitCode, null, 'the server is still running');
    const fresh = tempWorkspace({ 'housing.framework.yaml': fixture('housing.framework.yaml'), 'housing.ratecard.yaml': client.textOf(uri) });
    const cli = spawnSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), '--format', 'json', '--root', fresh, path.join(fresh, 'housing.ratecard.yaml')], { encoding: 'utf8', cwd: fresh });
    const expected = JSON.parse(cli.stdout)[0].messages.map((m: { ruleId: string; line: number; column: number }) => [m.ruleId, m.line - 1, m.column - 1]);
    assert.ok(expected.length > 0, 'the damage is visible to the checker');
    assert.deepEqual(live.map((d) => [d.code, d.range.start.line, d.range.start.character]), expected);
    fs.rmSync(fresh, { recursive: true, force: true });
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

describe('language server: the workspace scan honours ignore files as the CLI does', () => {
  it('skips what .gitignore and .outcomes-lintignore name, and checks the rest', async function () {
    this.timeout(30000);
    const broken = fixture('housing.ratecard.yaml').replace(/^currency: GBP$/m, 'currency: EUR');
    const root = tempWorkspace({
      'housing.framework.yaml': fixture('housing.framework.yaml'),
      'housing.ratecard.yaml': fixture('housing.ratecard.yaml'),
      '.gitignore': 'scratch/\n',
      '.outcomes-lintignore': 'archive/*.ratecard.yaml\n',
      'scratch/housing.ratecard.yaml': broken.replace('framework: housing.framework.yaml', 'framework: ../housing.framework.yaml'),
      'archive/old.ratecard.yaml': broken.replace('framework: housing.framework.yaml', 'framework: ../housing.framework.yaml'),
    });
    const client = new LspClient(root);
    try {
      await client.initialize();
      const counts = await client.request<{ files: number; errors: number }>('outcomes/lintWorkspace', {});
      const cli = spawnSync(process.execPath, [path.join(repoRoot, 'dist/cli.js'), '--format', 'json'], { cwd: root, encoding: 'utf8' });
      const cliFiles = (JSON.parse(cli.stdout) as { filePath: string }[]).map((r) => r.filePath).sort();
      assert.deepEqual(cliFiles, ['housing.framework.yaml', 'housing.ratecard.yaml']);
      assert.equal(counts.files, cliFiles.length, 'the editor checks the files the CLI checks');
      assert.equal(counts.errors, 0);
      assert.equal(client.latest(uriOf(path.join(root, 'scratch', 'housing.ratecard.yaml'))), undefined);
    } finally {
      await client.stop();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
