/** Code actions, applied: the resulting text is re-checked by the server. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { find, fixture, LspClient, tempWorkspace } from './client';

const files = { 'housing.framework.yaml': fixture('housing.framework.yaml'), 'housing.ratecard.yaml': fixture('housing.ratecard.yaml') };

describe('language server: code actions', () => {
  let root: string;
  let client: LspClient;
  let uri: string;

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

  const actionsFor = (diagnostics: Diagnostic[], range = diagnostics[0].range, only?: string[]) =>
    client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, only } });

  it("offers a fix that changes a contract term as a quick fix naming the term and the new value, not preferred; applied, the finding goes away", async () => {
    client.replace(uri, '    price: 1000\n', '    price: 1000\n    maxClaims: 3\n');
    const diagnostics = await client.currentDiagnostics(uri);
    const repeat = diagnostics.filter((d) => d.code === 'repeatable-entry-payment');
    assert.equal(repeat.length, 1);
    const actions = await actionsFor(repeat);
    const fix = actions.find((a) => a.title === 'Set maxClaims of accommodation-entry from 3 to 1')!;
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(fix.kind, 'quickfix');
    assert.ok(!actions.some((a) => a.isPreferred), 'auto-fix must not choose a contract term for the analyst');
    client.applyWorkspaceEdit(fix.edit!);
    assert.match(client.textOf(uri), /    maxClaims: 1\n/);
    const after = await client.currentDiagnostics(uri);
    assert.ok(!after.some((d) => d.code === 'repeatable-entry-payment'), JSON.stringify(after.map((d) => d.code)));
  });

  it('inserts a suppression comment with a reason to fill in, which the checker then honours', async () => {
    const diagnostics = await client.currentDiagnostics(uri);
    const deadweight = diagnostics.filter((d) => d.code === 'high-deadweight');
    const actions = await actionsFor(deadweight);
    const suppress = actions.find((a) => a.title.startsWith('Suppress high-deadweight'))!;
    client.applyWorkspaceEdit(suppress.edit!);
    const line = deadweight[0].range.start.line;
    assert.match(client.textOf(uri).split('\n')[line], /^ *# outcomes-lint-disable-next-line high-deadweight -- REASON/);
    const after = await client.currentDiagnostics(uri);
    assert.ok(!after.some((d) => d.code === 'high-deadweight'), JSON.stringify(after.map((d) => d.code)));
  });

  it("offers the rule's page as an action only to a client that has the command", async () => {
    const diagnostics = (await client.currentDiagnostics(uri)).filter((d) => d.code === 'high-deadweight');
    assert.ok(!(await actionsFor(diagnostics)).some((a) => a.title.startsWith('Read about')), 'a plain LSP client gets no command it cannot run');
    await client.stop();
    client = new LspClient(root, { initializationOptions: { clientCommands: ['outcomeFrameworks.openRuleDocs'] } });
    await client.initialize();
    uri = client.open(path.join(root, 'housing.ratecard.yaml'));
    const again = (await client.currentDiagnostics(uri)).filter((d) => d.code === 'high-deadweight');
    const read = (await actionsFor(again)).find((a) => a.title === 'Read about high-deadweight')!;
    assert.deepEqual(read.command, { title: 'Read about high-deadweight', command: 'outcomeFrameworks.openRuleDocs', arguments: ['high-deadweight'] });
  });

  it('suppresses a rule for the whole file, and never offers to suppress a format check', async () => {
    client.replace(uri, 'fund: 60', 'fund: 50');
    const diagnostics = await client.currentDiagnostics(uri);
    const split = diagnostics.filter((d) => d.code === 'payer-split');
    assert.equal(split.length, 1);
    assert.ok(!(await actionsFor(split)).some((a) => a.title.startsWith('Suppress')), 'format checks are always errors');
    const deadweight = diagnostics.filter((d) => d.code === 'high-deadweight');
    const whole = (await actionsFor(deadweight)).find((a) => a.title.startsWith('Suppress high-deadweight in this whole file'))!;
    client.applyWorkspaceEdit(whole.edit!);
    assert.match(client.textOf(uri), /^# outcomes-lint-disable-file high-deadweight -- REASON: say why this is acceptable\nkind: RateCard/);
    const after = await client.currentDiagnostics(uri);
    assert.deepEqual(after.map((d) => d.code), ['payer-split']);
  });

  it('adds a price line for a payment outcome the rate card does not price', async () => {
    client.replace(uri, '  - outcome: accommodation-sustained-26w\n    price: 3000\n', '');
    await client.currentDiagnostics(uri);
    const text = client.textOf(uri);
    const range = { start: find(text, 'price: 1000'), end: find(text, 'price: 1000') };
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [] } });
    const add = actions.find((a) => a.title === 'Add a price line for accommodation-sustained-26w');
    assert.ok(add, JSON.stringify(actions.map((a) => a.title)));
    assert.ok(!actions.some((a) => a.title.includes('wellbeing-improved')), 'indicators are never priced');
    client.applyWorkspaceEdit(add.edit!);
    assert.match(client.textOf(uri), /  - outcome: accommodation-entry\n    price: 1000\n  - outcome: accommodation-sustained-26w\n    price: 0 # set the price\nprojection:/);
    const after = await client.currentDiagnostics(uri);
    assert.ok(!after.some((d) => d.severity === 1), JSON.stringify(after.map((d) => d.message)));
  });

  it('source.fixAll.outcomes-lint leaves every fix that changes a contract term (maxClaims, caps) to the quick fixes', async () => {
    client.replace(uri, '    price: 1000\n', '    price: 1000\n    maxClaims: unlimited\n');
    client.replace(uri, '    price: 1000\n    maxClaims: unlimited\n', '    price: 1000\n    maxClaims: 2\n');
    client.replace(uri, '  total: 400000\n', '');
    // Asked for at once (as on save), before the debounced check of these edits has run.
    const actions = await actionsFor([], { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, ['source.fixAll']);
    assert.deepEqual(actions, [], 'nothing on this card may be fixed without a person choosing it');
    const diagnostics = await client.currentDiagnostics(uri);
    const titles = (await Promise.all(diagnostics.filter((d) => d.code === 'repeatable-entry-payment' || d.code === 'uncapped-liability').map((d) => actionsFor([d], d.range)))).flat().map((a) => a.title);
    assert.ok(titles.includes('Set maxClaims of accommodation-entry from 2 to 1'), JSON.stringify(titles));
    assert.ok(titles.some((t) => /^Add caps\.total: \d+ \(the maximum liability, £[\d,.]+\)$/.test(t)), JSON.stringify(titles));
  });

  it('source.fixAll.outcomes-lint applies the fixes that change no term: an eligibility placeholder, which keeps its finding open', async () => {
    const frameworkUri = client.open(path.join(root, 'housing.framework.yaml'));
    uri = frameworkUri;
    client.replace(uri, '    eligibility: [Aged 16 to 21 at referral,\n      Looked after for at least 13 weeks since age 14]\n', '');
    const before = await client.diagnostics(uri, (d) => d.some((x) => x.code === 'broad-cohort'));
    assert.equal(before.filter((d) => d.code === 'broad-cohort').length, 1);
    const actions = await actionsFor([], { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, ['source.fixAll']);
    assert.deepEqual(actions.map((a) => a.kind), ['source.fixAll.outcomes-lint']);
    client.applyWorkspaceEdit(actions[0].edit!);
    assert.match(client.textOf(uri), /    eligibility:\n      - Describe who may be referred \(replace this placeholder\)\n/);
    const after = await client.diagnostics(uri, (d) => d.some((x) => x.code === 'broad-cohort' && /placeholder still to be replaced/.test(String(x.message))));
    assert.equal(after.filter((d) => d.code === 'broad-cohort').length, 1);
  });
});
