/**
 * The editor's error lens says what the CLI marks (docs/totals.md, "Errors in the files"): an
 * error no figure depends on (an outcome's `notComparable`) says so, rather than doubting every
 * figure; an error in the prices still doubts them. Through the built server over stdio.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeLens } from 'vscode-languageserver-protocol';
import { LspClient, tempWorkspace } from './client';
import { framework, rateCard } from '../cli/rules-fixture';

describe('language server: the error lens names what the errors touch', function () {
  this.timeout(60000);
  let root: string;
  let client: LspClient;

  afterEach(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('an error in notComparable: no figure depends on it; an error in a price split: the figures may not mean what the contract says', async () => {
    root = tempWorkspace({ 'housing.framework.yaml': framework.replace('    domain: accommodation\n    stage: entry\n', '    domain: accommodation\n    notComparable: 5\n    stage: entry\n'), 'housing.ratecard.yaml': rateCard });
    client = new LspClient(root);
    await client.initialize();
    const uri = client.open(path.join(root, 'housing.ratecard.yaml'));
    await client.currentDiagnostics(uri);
    const titles = async () => (await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } })).map((l) => l.command!.title);
    assert.deepEqual((await titles()).slice(1), ['⚠ 1 error in the rate card or its framework: no figure depends on it, but it needs fixing']);
    client.replace(uri, 'payers: { council: 100 }', 'payers: { council: 90 }');
    await client.currentDiagnostics(uri);
    assert.deepEqual((await titles()).slice(1), ['⚠ 2 errors in the rate card or its framework: these figures may not mean what the contract says']);
  });
});
