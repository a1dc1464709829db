/** A maximum that is only an upper bound says "at most" in the editor too: the lens and the preview's figures (issue 20). */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeLens } from 'vscode-languageserver-protocol';
import { LspClient, tempWorkspace } from './client';
import { cardYaml, cohortYaml, frameworkYaml, outcomeYaml } from '../cli/totals-edge-fixture';

/**
 * 120 outcomes in one tangled group of exclusions (a chain plus random links, each outcome
 * excluding about seven others): past the search's budget of work (about a second of it).
 */
function tangle(): Record<string, string> {
  let seed = 7;
  const next = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed / 0x7fffffff);
  const n = 120;
  let outcomes = '';
  let prices = '';
  for (let i = 0; i < n; i++) {
    const excludes: string[] = [];
    for (let j = i + 1; j < n; j++) if (j === i + 1 || next() < 0.06) excludes.push(`o${j}`);
    outcomes += outcomeYaml(`o${i}`, excludes.length ? `    excludes: [${excludes.join(', ')}]\n` : '');
    prices += `  - outcome: o${i}\n    price: ${100 + Math.floor(next() * 900)}\n`;
  }
  return { 'f.framework.yaml': frameworkYaml(cohortYaml('c', 10), outcomes), 'r.ratecard.yaml': cardYaml(`prices:\n${prices}`) };
}

describe('language server: a figure that is only a bound', function () {
  this.timeout(120000);
  let root: string;
  let client: LspClient;

  afterEach(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('says "at most" in the lens and in the preview figures', async () => {
    root = tempWorkspace(tangle());
    client = new LspClient(root);
    await client.initialize();
    const uri = client.open(path.join(root, 'r.ratecard.yaml'));
    await client.currentDiagnostics(uri);
    const [lens] = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.match(lens.command!.title, /^Max per participant at most £[\d,]+\.00 · Maximum liability at most £[\d,]+\.00 · /);
    const totals = await client.request<{ formatted: { maximumLiability: string; byPayer: Record<string, { maximumLiability: string }> }; upperBounds: Record<string, string> }>('outcomes/totals', { uri });
    assert.match(totals.formatted.maximumLiability, /^at most £/);
    assert.match(totals.formatted.byPayer.p.maximumLiability, /^at most £/);
    assert.ok(totals.upperBounds.maximumLiability);
  });
});
