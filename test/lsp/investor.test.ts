/** The investor's case in the editor, through the real server over stdio: the lens, the preview's cash flow, the what-if. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeLens } from 'vscode-languageserver-protocol';
import type { TotalsView, WhatIfView } from '../../server/src/protocol';
import { LspClient, tempWorkspace } from './client';
import { repoRoot, runCli } from '../support/cli';

const sample = path.join(repoRoot, 'samples', 'care-leavers');
const files = Object.fromEntries(fs.readdirSync(sample).map((name) => [name, fs.readFileSync(path.join(sample, name), 'utf8')]));

describe('language server: the investor', () => {
  let root: string;
  let client: LspClient;
  let uri: string;

  beforeEach(async () => {
    root = tempWorkspace(files);
    client = new LspClient(root);
    await client.initialize();
    client.open(path.join(root, 'care-leavers.framework.yaml'));
    uri = client.open(path.join(root, 'care-leavers.ratecard.yaml'));
    await client.currentDiagnostics(uri);
  });

  afterEach(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const lens = async () => (await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } }))[0].command!.title;

  it('adds "Investor ×…, peak …" to the lens, and follows an edit of the costs', async () => {
    assert.match(await lens(), / · Investor ×1\.31, peak £537k$/);
    client.replace(uri, 'perParticipant: 2664', 'perParticipant: 4000');
    await client.currentDiagnostics(uri);
    const after = await lens();
    assert.doesNotMatch(after, /Investor ×1\.31/);
    // £4,000 a young person: the peak passes the £600,000 committed, and the lens says by how much.
    assert.match(after, / · Investor ×\d\.\d\d, peak £\d+k, £\d+k over committed$/);
  });

  it('gives the preview the same cash flow as outcomes-lint totals, with peak and capital committed', async () => {
    const totals = await client.request<TotalsView>('outcomes/totals', { uri });
    const cli = JSON.parse(runCli(['totals', path.join(root, 'care-leavers.ratecard.yaml'), '--format', 'json'], { cwd: root }).stdout).investor;
    assert.deepEqual(totals.investor!.quarters.map((q) => q.balanceMinor), cli.cashFlow.map((q: { balance: string }) => Math.round(Number(q.balance) * 100)));
    assert.equal(totals.investor!.peakText, '£537,172.31');
    assert.equal(totals.investor!.committedText, '£600,000.00');
    assert.ok(totals.investor!.summary.some((r) => r.figure === 'IRR' && /% a year$/.test(r.value)));
  });

  it('the what-if moves the cash flow: lower achievement, lower multiple, deeper peak', async () => {
    const plain = await client.request<WhatIfView>('outcomes/whatIf', { uri, achievement: '1' });
    const lower = await client.request<WhatIfView>('outcomes/whatIf', { uri, achievement: '0.7' });
    const multiple = (v: WhatIfView) => Number(v.investor!.summary.find((r) => r.figure.startsWith('Money multiple'))!.value.slice(1));
    assert.ok(multiple(lower) < multiple(plain));
    assert.ok(lower.investor!.peakFunding! > plain.investor!.peakFunding!);
  });

  it('says what is missing when the investment has no costs', async () => {
    client.replace(uri, '  costs:\n    perParticipant: 2664\n    perYear: 80000\n    fixed: 50000\n', '');
    await client.currentDiagnostics(uri);
    assert.match(await lens(), /Investor not estimated/);
    const totals = await client.request<TotalsView>('outcomes/totals', { uri });
    assert.match(totals.investor!.missing!, /no delivery costs/);
  });
});
