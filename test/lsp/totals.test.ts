/** Live payment totals: the code lens, the inlay hints and the `outcomes/totals` request. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeLens, InlayHint } from 'vscode-languageserver-protocol';
import { fixture, LspClient, tempWorkspace } from './client';

const files = { 'housing.framework.yaml': fixture('housing.framework.yaml'), 'housing.ratecard.yaml': fixture('housing.ratecard.yaml') };

describe('language server: live payment totals', () => {
  let root: string;
  let client: LspClient;
  let uri: string;
  let frameworkUri: string;

  beforeEach(async () => {
    root = tempWorkspace(files);
    client = new LspClient(root);
    await client.initialize();
    uri = client.open(path.join(root, 'housing.ratecard.yaml'));
    await client.currentDiagnostics(uri);
  });

  afterEach(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const lensTitles = async () => (await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } })).map((l) => l.command!.title);
  const hints = async () => (await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } } })).map((h) => `${h.position.line}:${h.label}`);

  it('shows the four figures in a lens at the top of the rate card, which opens the preview', async () => {
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.equal(lenses[0].range.start.line, 0);
    assert.equal(lenses[0].command!.title, 'Max per participant £4,000.00 · Maximum liability £400,000.00 · Expected £140,000.00 · Deadweight £50,000.00');
    assert.equal(lenses[0].command!.command, 'outcomeFrameworks.showPreview');
    assert.deepEqual(lenses[0].command!.arguments, [uri]);
  });

  it('puts claims, max and expected at the end of each price line', async () => {
    assert.deepEqual(await hints(), ['11:× 1 · max £1,000.00 · expected £50,000.00 (36%)', '13:× 1 · max £3,000.00 · expected £90,000.00 (64%)']);
  });

  it('says "£30 × up to 104 weeks" for a line paid per week held', async () => {
    client.replace(uri, '    price: 3000\n', '    price: 30\n    per: week\n    maxPeriods: 104\n');
    await client.currentDiagnostics(uri);
    // Max 30 × 104 = 3,120. Expected: 0.3 × 100 × 3,120 = 93,600 (every period, as no periodsPerAchiever is given),
    // of 50,000 + 93,600 = 143,600 in all: 65%.
    assert.deepEqual(await hints(), ['11:× 1 · max £1,000.00 · expected £50,000.00 (35%)', '13:£30.00 × up to 104 weeks · max £3,120.00 · expected £93,600.00 (65%)']);
  });

  it('says "bands £2,000.00 to £3,000.00" for a line priced in bands of distance travelled', async () => {
    client.replace(uri, '    price: 3000\n', '    bands:\n      - { from: 3, price: 2000 }\n      - { from: 6, price: 3000 }\n');
    await client.currentDiagnostics(uri);
    const all = await hints();
    assert.match(all[1], /^\d+:bands £2,000\.00 to £3,000\.00 · max £3,000\.00 · expected £90,000\.00/);
  });

  it('warns in a second lens when the rate card or its framework has errors, and not otherwise', async () => {
    assert.equal((await lensTitles()).length, 1);
    client.replace(uri, 'payers: { council: 40, fund: 60 }', 'payers: { council: 40, fund: 50 }');
    await client.currentDiagnostics(uri);
    assert.deepEqual((await lensTitles()).slice(1), ['⚠ 1 error in the rate card or its framework: these figures may not mean what the contract says']);
  });

  it('keeps the hint of a line with no readable price on that line, and says so', async () => {
    client.replace(uri, '    price: 1000\n', '    pryce: 1000\n');
    await client.currentDiagnostics(uri);
    const all = await hints();
    assert.equal(all[0], '11:× 1 · no price yet');
    assert.match(all[1], /^13:× 1 · max £3,000\.00/);
  });

  it('refreshes lenses and hints as the rate card changes, with the new figures', async () => {
    const refreshesBefore = client.refreshes.length;
    client.replace(uri, 'price: 3000', 'price: 2000');
    await client.currentDiagnostics(uri);
    // Asks the client to refresh lenses and hints, and says which rate card's totals changed.
    await client.until('lens and hint refreshes', () => client.refreshes.slice(refreshesBefore).includes('codeLens') && client.refreshes.slice(refreshesBefore).includes('inlayHint'));
    await client.until('outcomes/didChangeTotals', () => client.notifications.some((n) => n.method === 'outcomes/didChangeTotals' && (n.params as { uris: string[] }).uris.includes(uri)));
    assert.deepEqual(await hints(), ['11:× 1 · max £1,000.00 · expected £50,000.00 (45%)', '13:× 1 · max £2,000.00 · expected £60,000.00 (55%)']);
    assert.match((await lensTitles())[0], /Expected £110,000\.00/);
  });

  it('follows a framework edit: a baseline change moves the deadweight of the rate card', async () => {
    frameworkUri = client.open(path.join(root, 'housing.framework.yaml'));
    await client.currentDiagnostics(frameworkUri);
    client.replace(frameworkUri, 'baseline: { leaving-care: 0.2 }', 'baseline: { leaving-care: 0.4 }');
    await client.currentDiagnostics(frameworkUri);
    // min(0.4, 0.5) × 100 × £1,000 + min(0.1, 0.3) × 100 × £3,000 = £40,000 + £30,000
    assert.match((await lensTitles())[0], /Deadweight £70,000\.00/);
  });

  it('answers outcomes/totals with the figures in minor units and formatted', async () => {
    const totals = await client.request<any>('outcomes/totals', { uri });
    assert.equal(totals.currency, 'GBP');
    assert.equal(totals.expected, 14_000_000);
    assert.equal(totals.formatted.expected, '£140,000.00');
    assert.deepEqual(totals.byYear, { 2021: 7_000_000, 2022: 7_000_000 });
    assert.equal(totals.byPayer.council.expected, 5_600_000);
    assert.equal(totals.formatted.byPayer.fund.maximumLiability, '£240,000.00');
    assert.equal(totals.names.payers.council, 'Example County Council');
    assert.equal(await client.request('outcomes/totals', { uri: uri.replace('ratecard', 'framework') }), null);
  });

  it('says "unbounded" when an unlimited line has nothing to cap it', async () => {
    client.replace(uri, 'caps:\n  perParticipant: 5000\n  total: 400000\n', '');
    client.replace(uri, '    price: 1000\n', '    price: 1000\n    maxClaims: unlimited\n');
    await client.currentDiagnostics(uri);
    const [title] = await lensTitles();
    assert.match(title, /^Max per participant unbounded · Maximum liability unbounded · Expected £140,000\.00/);
  });

  it('turns lenses and hints off through the settings', async () => {
    await client.stop();
    client = new LspClient(root, { settings: { codeLens: { enabled: false }, inlayHints: { enabled: false } } });
    await client.initialize();
    uri = client.open(path.join(root, 'housing.ratecard.yaml'));
    await client.currentDiagnostics(uri);
    assert.deepEqual(await lensTitles(), []);
    assert.deepEqual(await hints(), []);
  });
});
