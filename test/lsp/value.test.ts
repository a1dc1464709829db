/** Value for money in the editor, through the real server over stdio: lens, hover, preview, what-if, errors at the value. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeLens, CompletionItem, Diagnostic, Hover } from 'vscode-languageserver-protocol';
import type { TotalsView, WhatIfView } from '../../server/src/protocol';
import { LspClient, tempWorkspace } from './client';
import { repoRoot } from '../support/cli';

const read = (name: string) => fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'value', name), 'utf8');
const files = { 'value.framework.yaml': read('value.framework.yaml'), 'value.ratecard.yaml': read('value.ratecard.yaml') };

/** The position of the `nth` character of `needle` in `text`. */
function find(text: string, needle: string, nth = 1): { line: number; character: number } {
  const at = text.indexOf(needle) + nth;
  const before = text.slice(0, at).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

describe('language server: value for money', () => {
  let root: string;
  let client: LspClient;
  let uri: string;
  let frameworkUri: string;

  beforeEach(async () => {
    root = tempWorkspace(files);
    client = new LspClient(root);
    await client.initialize();
    frameworkUri = client.open(path.join(root, 'value.framework.yaml'));
    uri = client.open(path.join(root, 'value.ratecard.yaml'));
    await client.currentDiagnostics(uri);
  });

  afterEach(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const lens = async () => (await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } }))[0].command!.title;

  it('adds "Saves … for …" to the rate card lens, and follows an edit of a value', async () => {
    assert.match(await lens(), / · Saves £170k for £110k$/);
    client.replace(frameworkUri, 'fiscal: { dwp: 2000, council: 500 }', 'fiscal: { dwp: 20000, council: 500 }');
    await client.currentDiagnostics(frameworkUri);
    await client.currentDiagnostics(uri);
    // Entry: 100 × 0.3 × £20,500 × 2 = £1,230,000; sustained £20,000.
    assert.match(await lens(), / · Saves £1\.3m for £110k$/);
  });

  it('says nothing of savings on a card whose framework gives no value', async () => {
    client.replace(frameworkUri, '    value:\n      fiscal: { moj: 1000 }\n      economic: 3000\n      social: { amount: 1000, source: Illustrative wellbeing value, priceYear: 2022 }\n      source: Illustrative unit costs\n      priceYear: 2023\n', '');
    client.replace(frameworkUri, '    value:\n      fiscal: { dwp: 2000, council: 500 }\n      years: 2\n      source: Illustrative unit costs\n      priceYear: 2023\n', '');
    await client.currentDiagnostics(frameworkUri);
    await client.currentDiagnostics(uri);
    assert.doesNotMatch(await lens(), /Saves/);
    const totals = await client.request<TotalsView>('outcomes/totals', { uri });
    assert.equal(totals.value, null);
  });

  it('shows an outcome\'s value beside its prices on hover', async () => {
    const text = files['value.ratecard.yaml'];
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: find(text, 'employment-entry', 3) });
    const value = (hover!.contents as { value: string }).value;
    assert.match(value, /Price lines in this rate card/);
    assert.match(value, /Value of one achievement\*\* \(a year for 2 years\): saves `dwp` £2,000\.00, `council` £500\.00/);
    assert.match(value, /Source: Illustrative unit costs \(prices of 2023\)/);
    assert.match(value, /Price ÷ value in rate card `value-example-2024`: 0\.20/);
  });

  it('gives the preview savings against payments by body, and the what-if moves them', async () => {
    const totals = await client.request<TotalsView>('outcomes/totals', { uri });
    const byBody = Object.fromEntries(totals.value!.bodies.map((b) => [b.body, [b.saves, b.pays, b.net]]));
    assert.deepEqual(byBody, { dwp: ['£120,000.00', '£0.00', '+£120,000.00'], moj: ['£20,000.00', '£0.00', '+£20,000.00'], council: ['£30,000.00', '£110,000.00', '-£80,000.00'] });
    assert.deepEqual(totals.value!.summary.find((r) => r.figure === 'Payment-to-savings')?.value, '0.6471');
    const doubled = await client.request<WhatIfView>('outcomes/whatIf', { uri, participants: '2' });
    const council = doubled.value!.bodies.find((b) => b.body === 'council')!;
    assert.deepEqual([council.saves, council.pays], ['£60,000.00', '£220,000.00']);
  });

  it('completes the bodies (declared and paying) inside value.fiscal, and the value\'s own keys not yet written', async () => {
    const text = files['value.framework.yaml'];
    const edited = text.replace('      fiscal: { moj: 1000 }\n', '      fiscal:\n        \n');
    client.replace(frameworkUri, text, edited);
    await client.currentDiagnostics(frameworkUri);
    const at = find(edited, '      fiscal:\n        \n', 0);
    const bodies = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: frameworkUri }, position: { line: at.line + 1, character: 8 } });
    assert.deepEqual(bodies.map((i) => i.label).sort(), ['council', 'dwp', 'moj']);
    const keys = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: frameworkUri }, position: { line: at.line + 1, character: 6 } });
    // `economic`, `social`, `source` and `priceYear` are written already: only what is left is offered.
    assert.deepEqual(keys.map((i) => i.label).sort(), ['per', 'years']);
  });

  it('reports an undeclared body at the value with a did-you-mean, and a negative value at the value', async () => {
    const text = files['value.framework.yaml'].replace('fiscal: { moj: 1000 }', 'fiscal: { mjo: 1000 }').replace('fiscal: { dwp: 2000, council: 500 }', 'fiscal: { dwp: -2000, council: 500 }');
    client.replace(frameworkUri, files['value.framework.yaml'], text);
    const diagnostics = (await client.currentDiagnostics(frameworkUri)) as Diagnostic[];
    const unknown = diagnostics.find((d) => d.code === 'unknown-reference')!;
    assert.match(String(unknown.message), /`mjo`, which is not a body or payer of this framework\. Did you mean `moj`\?/);
    assert.deepEqual(unknown.range.start, find(text, 'mjo:', 0));
    const negative = diagnostics.find((d) => d.code === 'schema')!;
    assert.match(String(negative.message), /must be at least 0; found -2000/);
    assert.deepEqual(negative.range.start, find(text, '-2000', 0));
    // A figure the errors make wrong is not estimated, never shown as a saving.
    await client.currentDiagnostics(uri);
    assert.match(await lens(), / · Savings not estimated — a value of employment-entry cannot be read$/);
  });
});
