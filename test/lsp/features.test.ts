/** Hover, completion, definition, references, rename and the outline, through the protocol. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CompletionItem, DocumentSymbol, Hover, Location, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { applyEdits, find, fixture, LspClient, tempWorkspace, uriOf } from './client';

const files = { 'housing.framework.yaml': fixture('housing.framework.yaml'), 'housing.ratecard.yaml': fixture('housing.ratecard.yaml') };

describe('language server: reading and navigating', () => {
  let root: string;
  let client: LspClient;
  let rateCard: string;
  let framework: string;
  let uri: string;
  let text: string;

  before(async () => {
    root = tempWorkspace(files);
    rateCard = path.join(root, 'housing.ratecard.yaml');
    framework = path.join(root, 'housing.framework.yaml');
    client = new LspClient(root);
    await client.initialize();
    uri = client.open(rateCard);
    text = client.textOf(uri);
    await client.currentDiagnostics(uri);
  });

  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const hoverText = (h: Hover | null) => (h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '');

  it('explains a key with the words of the schema', async () => {
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: find(text, 'perParticipant', 3) });
    assert.match(hoverText(hover), /The most that may be paid for one participant/);
  });

  it('explains a field when hovering its value too', async () => {
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: find(text, 'GBP', 1) });
    assert.match(hoverText(hover), /^\*\*currency\*\*: The ISO 4217 code/);
  });

  it('shows the outcome behind an id: title, domain, stage, evidence, baseline and its price lines', async () => {
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: find(text, 'accommodation-sustained-26w', 5) });
    const value = hoverText(hover);
    assert.match(value, /Accommodation sustained for 26 weeks/);
    assert.match(value, /domain: accommodation · stage: sustainment/);
    assert.match(value, /Evidence: administrative, Tenancy records at 26 weeks/);
    assert.match(value, /leaving-care 10%/);
    assert.match(value, /Price lines in this rate card:\n- GBP 3000\.00 × 1/);
  });

  it('shows, on an outcome in the framework, the price lines of every rate card that prices it', async () => {
    const frameworkUri = client.open(framework);
    const frameworkText = client.textOf(frameworkUri);
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: frameworkUri }, position: find(frameworkText, 'id: accommodation-entry', 6) });
    assert.match(hoverText(hover), /Price lines in rate card `housing-test-2020`:\n- GBP 1000\.00 × 1/);
    client.close(frameworkUri);
  });

  it('completes the keys a price line may still take', async () => {
    const edited = text.replace('    price: 3000\n', '    price: 3000\n    \n');
    client.edit(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } }, newText: edited }]);
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: find(edited, 'price: 3000').line + 1, character: 4 } });
    const labels = items.map((i) => i.label).sort();
    assert.deepEqual(labels, ['aboveBaseline', 'bands', 'cohorts', 'discount', 'discountCoversDeadweight', 'maxClaims', 'maxPeriods', 'note', 'payers', 'per']);
    client.edit(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } }, newText: text }]);
  });

  it('completes the keys of the very first price line of an empty list', async () => {
    const edited = text.replace(/prices:\n[\s\S]*?projection:/, 'prices:\n  - \nprojection:');
    client.edit(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } }, newText: edited }]);
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: find(edited, '  - \nprojection', 4) });
    assert.ok(['outcome', 'price'].every((k) => items.some((i) => i.label === k)), JSON.stringify(items.map((i) => i.label)));
    client.edit(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } }, newText: text }]);
  });

  it('completes the outcome ids of the linked framework, payment outcomes first', async () => {
    const edited = text.replace('  - outcome: accommodation-entry\n', '  - outcome: \n    price: 10\n  - outcome: accommodation-entry\n');
    client.edit(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } }, newText: edited }]);
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: find(edited, '- outcome: \n', 11) });
    const ordered = [...items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? '')).map((i) => i.label);
    assert.deepEqual(ordered, ['accommodation-entry', 'accommodation-sustained-26w', 'wellbeing-improved']);
    client.edit(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } }, newText: text }]);
  });

  it('completes payer ids as keys of a payer split, and enum values in the framework', async () => {
    const split = text.replace('    price: 3000\n', '    price: 3000\n    payers:\n      \n');
    client.edit(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } }, newText: split }]);
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: find(split, '    payers:\n').line + 1, character: 6 } });
    assert.deepEqual(items.map((i) => i.label).sort(), ['council', 'fund']);
    client.edit(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } }, newText: text }]);
    const frameworkUri = client.open(framework);
    const frameworkText = client.textOf(frameworkUri);
    const stage = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: frameworkUri }, position: find(frameworkText, 'stage: entry', 7) });
    assert.deepEqual(stage.map((i) => i.label).sort(), ['attainment', 'engagement', 'entry', 'progression', 'sustainment']);
    const withList = frameworkText.replace('    requires: [accommodation-entry]\n', '    requires:\n      - \n');
    client.edit(frameworkUri, [{ range: { start: { line: 0, character: 0 }, end: { line: 200, character: 0 } }, newText: withList }]);
    const required = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: frameworkUri }, position: find(withList, '      - \n', 8) });
    assert.ok(required.some((i) => i.label === 'accommodation-entry'), JSON.stringify(required.map((i) => i.label)));
    client.close(frameworkUri);
  });

  it('completes the years of the contract as keys of a payment profile', async () => {
    const edited = text.replace('    profile: { 2021: 0.5, 2022: 0.5 }\n', '    profile:\n      2021: 0.5\n      \n');
    client.edit(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } }, newText: edited }]);
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: find(edited, '      2021: 0.5').line + 1, character: 6 } });
    assert.deepEqual(items.map((i) => i.label), ['2020', '2022', '2023']);
    client.edit(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } }, newText: text }]);
  });

  it('completes the path of a framework for `framework:`', async () => {
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: find(text, 'framework: ', 11) });
    assert.ok(items.some((i) => i.label === 'housing.framework.yaml'), JSON.stringify(items.map((i) => i.label)));
  });

  it('goes from an outcome id in the rate card to its definition in the framework', async () => {
    const locations = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: find(text, 'accommodation-entry', 2) });
    assert.equal(locations.length, 1);
    assert.equal(locations[0].uri, uriOf(framework));
    assert.equal(locations[0].range.start.line, find(fs.readFileSync(framework, 'utf8'), 'id: accommodation-entry').line);
  });

  it('goes from `framework:` to the framework file', async () => {
    const locations = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: find(text, 'housing.framework.yaml', 3) });
    assert.deepEqual(locations, [{ uri: uriOf(framework), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }]);
  });

  it('finds every reference to an outcome across the framework and its rate cards', async () => {
    const locations = await client.request<Location[]>('textDocument/references', { textDocument: { uri }, position: find(text, 'accommodation-entry', 2), context: { includeDeclaration: true } });
    const byFile = locations.map((l) => `${path.basename(new URL(l.uri).pathname)}:${l.range.start.line}`).sort();
    // Definition and `requires` in the framework; the price line and the achievement in the rate card.
    assert.deepEqual(byFile, ['housing.framework.yaml:22', 'housing.framework.yaml:35', 'housing.ratecard.yaml:10', 'housing.ratecard.yaml:18']);
  });

  it('renames a cohort in the framework and in the rate card at once', async () => {
    const prepared = await client.request<{ placeholder: string } | null>('textDocument/prepareRename', { textDocument: { uri }, position: find(text, 'cohort: leaving-care', 9) });
    assert.equal(prepared?.placeholder, 'leaving-care');
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: find(text, 'cohort: leaving-care', 9), newName: 'care-leavers' });
    const frameworkEdits = edit.changes![uriOf(framework)];
    const rateCardEdits = edit.changes![uri];
    assert.equal(rateCardEdits.length, 1);
    assert.equal(frameworkEdits.length, 3); // the definition and two baselines
    const renamed = applyEdits(fs.readFileSync(framework, 'utf8'), frameworkEdits);
    assert.match(renamed, /- id: care-leavers\n/);
    assert.match(renamed, /baseline: \{ care-leavers: 0\.2 \}/);
    await assert.rejects(client.request('textDocument/rename', { textDocument: { uri }, position: find(text, 'cohort: leaving-care', 9), newName: 'Care Leavers' }), /cannot be an id/);
  });

  it('outlines the price lines and projections of a rate card', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(symbols.map((s) => s.name), ['prices', 'projection']);
    assert.deepEqual(symbols[0].children!.map((s) => `${s.name} ${s.detail}`), ['accommodation-entry GBP 1000.00 × 1', 'accommodation-sustained-26w GBP 3000.00 × 1']);
  });
});
