/** One mistake, one message in the editor too: a value typed wrong is reported by its check, and the rules that would read it stay silent, live as the analyst types. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixture, LspClient, tempWorkspace } from './client';

const files = { 'housing.framework.yaml': fixture('housing.framework.yaml'), 'housing.ratecard.yaml': fixture('housing.ratecard.yaml') };

describe('language server: one mistake, one message', () => {
  let root: string;
  let client: LspClient;

  beforeEach(async () => {
    root = tempWorkspace(files);
    client = new LspClient(root);
    await client.initialize();
  });

  afterEach(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('a misspelt sustainment stage gives the schema error alone, not also entry-without-sustainment', async () => {
    const uri = client.open(path.join(root, 'housing.framework.yaml'));
    const before = await client.currentDiagnostics(uri);
    assert.deepEqual(before.filter((d) => d.code === 'entry-without-sustainment'), []);
    client.replace(uri, '    stage: sustainment\n', '    stage: sustainmnet\n');
    const after = await client.currentDiagnostics(uri);
    assert.deepEqual(after.filter((d) => d.severity === 1).map((d) => d.code), ['schema']);
    assert.deepEqual(after.filter((d) => d.code === 'entry-without-sustainment'), [], JSON.stringify(after.map((d) => d.message)));
  });

  it('a sustainment line misspelt on the rate card gives the unknown-reference error alone', async () => {
    const uri = client.open(path.join(root, 'housing.ratecard.yaml'));
    client.replace(uri, 'outcome: accommodation-sustained-26w', 'outcome: accomodation-sustained-26w');
    const after = await client.currentDiagnostics(uri);
    assert.ok(after.some((d) => d.code === 'unknown-reference'));
    assert.deepEqual(after.filter((d) => d.code === 'entry-without-sustainment' || d.code === 'front-loaded-chain'), [], JSON.stringify(after.map((d) => d.message)));
  });
  it('an unclosed `[` typed into a price gives one yaml-syntax error at the `[`, and nothing from the broken structure', async () => {
    const uri = client.open(path.join(root, 'housing.ratecard.yaml'));
    const text = fs.readFileSync(path.join(root, 'housing.ratecard.yaml'), 'utf8');
    const price = /\n( {4}price: )(\d+)\n/.exec(text)!;
    client.replace(uri, price[0], `\n${price[1]}[${price[2]}\n`);
    const after = await client.currentDiagnostics(uri);
    assert.deepEqual(after.map((d) => d.code), ['yaml-syntax'], JSON.stringify(after.map((d) => d.message)));
    assert.match(String(after[0].message), /This `\[` opens a list that is never closed/);
    const line = text.slice(0, price.index + 1).split('\n').length - 1;
    assert.deepEqual([after[0].range.start.line, after[0].range.start.character], [line, price[1].length]);
  });
});
