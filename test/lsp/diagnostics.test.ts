/** Diagnostics through the protocol: the built server over stdio, real files in a temporary folder. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fixture, LspClient, repoRoot, tempWorkspace, uriOf } from './client';

const files = { 'housing.framework.yaml': fixture('housing.framework.yaml'), 'housing.ratecard.yaml': fixture('housing.ratecard.yaml') };

describe('language server: diagnostics', () => {
  let root: string;
  let client: LspClient;
  let rateCard: string;
  let framework: string;

  beforeEach(async () => {
    root = tempWorkspace(files);
    rateCard = path.join(root, 'housing.ratecard.yaml');
    framework = path.join(root, 'housing.framework.yaml');
    client = new LspClient(root);
    await client.initialize();
  });

  afterEach(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });


  it('reports an unknown outcome on its line, with the version it was computed for', async () => {
    const uri = client.open(rateCard);
    const before = await client.currentDiagnostics(uri);
    assert.deepEqual(before.map((d) => d.code), ['high-deadweight']);
    client.replace(uri, 'outcome: accommodation-sustained-26w', 'outcome: accomodation-sustained-26w');
    const after = await client.currentDiagnostics(uri);
    const unknown = after.find((d) => d.code === 'unknown-reference');
    assert.ok(unknown, JSON.stringify(after));
    assert.equal(unknown.range.start.line, 12);
    assert.equal(unknown.range.start.character, 13);
    assert.match(String(unknown.message), /Did you mean `accommodation-sustained-26w`\?/);
    assert.equal(unknown.source, 'outcomes-lint');
    assert.equal(unknown.severity, 1);
    assert.equal(client.latest(uri)!.version, 2);
  });
});

describe('language server: diagnostics across files', () => {
  let root: string;
  let client: LspClient;
  let rateCard: string;
  let framework: string;

  beforeEach(async () => {
    root = tempWorkspace(files);
    rateCard = path.join(root, 'housing.ratecard.yaml');
    framework = path.join(root, 'housing.framework.yaml');
    client = new LspClient(root);
    await client.initialize();
  });

  afterEach(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('links each finding to its rule documentation and to the related place in the framework', async () => {
    const uri = client.open(rateCard);
    await client.currentDiagnostics(uri);
    client.replace(uri, '    price: 1000\n', '    price: 1000\n    maxClaims: 3\n');
    const diagnostics = await client.diagnostics(uri, (d, p) => p.version === 2 && d.some((x) => x.code === 'repeatable-entry-payment'));
    const repeat = diagnostics.find((d) => d.code === 'repeatable-entry-payment')!;
    assert.equal(repeat.range.start.line, 12); // `    maxClaims: 3`
    assert.match(String(repeat.message), /moving people between/);
    assert.ok(repeat.codeDescription, 'codeDescription');
    assert.match(repeat.codeDescription.href, /docs\/rules\/repeatable-entry-payment\.md$/);
    const related = repeat.relatedInformation ?? [];
    assert.ok(related.length >= 1, 'relatedInformation');
    assert.equal(related[0].location.uri, uriOf(framework));
    // The related place is the outcome in the framework (line 22: `  - id: accommodation-entry`).
    assert.ok(related[0].location.range.start.line >= 20 && related[0].location.range.start.line <= 27, JSON.stringify(related[0]));
  });

  it('re-checks a rate card that is not open when its framework changes in the editor', async () => {
    const frameworkUri = client.open(framework);
    await client.currentDiagnostics(frameworkUri);
    // The scan found the rate card on disk and checked it without it being open.
    await client.diagnostics(uriOf(rateCard), (d) => d.some((x) => x.code === 'high-deadweight'));
    client.replace(frameworkUri, '  - id: accommodation-sustained-26w', '  - id: accommodation-kept-26w');
    client.replace(frameworkUri, 'requires: [accommodation-entry]', 'requires: [accommodation-entry]');
    const diagnostics = await client.diagnostics(uriOf(rateCard), (d) => d.some((x) => x.code === 'unknown-reference'));
    const unknown = diagnostics.find((x) => x.code === 'unknown-reference')!;
    assert.equal(unknown.range.start.line, 12);
    assert.match(String(unknown.message), /accommodation-sustained-26w/);
  });

  it('ends rapid edits with the diagnostics a fresh check of the final text gives', async () => {
    const uri = client.open(rateCard);
    await client.currentDiagnostics(uri);
    // Thirty edits without waiting: prices go up and down, a typo comes and goes.
    for (let i = 0; i < 30; i++) {
      client.replace(uri, i % 2 ? 'price: 1999' : 'price: 1000', i % 2 ? 'price: 1000' : 'price: 1999');
      if (i === 10) client.replace(uri, 'cohort: leaving-care', 'cohort: leavng-care');
      if (i === 20) client.replace(uri, 'payers: { council: 40, fund: 60 }', 'payers: { council: 40, fund: 50 }');
    }
    const live = await client.currentDiagnostics(uri);
    // A fresh check: the same text on disk, through the built CLI.
    const fresh = tempWorkspace({ 'housing.framework.yaml': files['housing.framework.yaml'], 'housing.ratecard.yaml': client.textOf(uri) });
    const cli = spawnSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), '--format', 'json', '--root', fresh, path.join(fresh, 'housing.ratecard.yaml')], { encoding: 'utf8', cwd: fresh });
    const expected = JSON.parse(cli.stdout)[0].messages.map((m: { ruleId: string; line: number; column: number; message: string }) => [m.ruleId, m.line - 1, m.column - 1, m.message]);
    const actual = live.map((d) => [d.code, d.range.start.line, d.range.start.character, d.message]);
    assert.ok(expected.length >= 2, JSON.stringify(expected));
    assert.deepEqual(actual, expected);
    fs.rmSync(fresh, { recursive: true, force: true });
  });

  it('clears the diagnostics of a file deleted on disk and re-checks the rate card that used it', async () => {
    await client.diagnostics(uriOf(rateCard), (d) => d.some((x) => x.code === 'high-deadweight'));
    assert.ok(client.registrations.some((r) => JSON.stringify(r).includes('didChangeWatchedFiles')), 'registers file watching dynamically');
    fs.unlinkSync(framework);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(framework), type: 3 }] });
    const diagnostics = await client.diagnostics(uriOf(rateCard), (d) => d.some((x) => x.code === 'framework-not-found'));
    assert.equal(diagnostics.find((x) => x.code === 'framework-not-found')!.range.start.line, 3);
    fs.unlinkSync(rateCard);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(rateCard), type: 3 }] });
    await client.diagnostics(uriOf(rateCard), (d) => d.length === 0);
  });

  it('applies severity overrides from the editor settings to rules, never to the built-in checks', async () => {
    await client.stop();
    client = new LspClient(root, { settings: { rules: { 'high-deadweight': 'error', 'unknown-reference': 'off' } } });
    await client.initialize();
    const uri = client.open(rateCard);
    // A misspelt payer: a built-in check's error that leaves the figures the rule reads intact.
    client.replace(uri, 'payers: { council: 40, fund: 60 }', 'payers: { council: 40, fnud: 60 }');
    const diagnostics = await client.currentDiagnostics(uri);
    assert.equal(diagnostics.find((d) => d.code === 'high-deadweight')?.severity, 1);
    assert.ok(diagnostics.some((d) => d.code === 'unknown-reference'), 'built-in checks stay on');
  });
});

describe('language server: the configuration file', () => {
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

  it('re-checks the workspace when .outcomes-lint.yaml changes on disk, and reports its problems on it', async () => {
    const uri = client.open(path.join(root, 'housing.ratecard.yaml'));
    assert.deepEqual((await client.currentDiagnostics(uri)).map((d) => d.code), ['high-deadweight']);
    const config = path.join(root, '.outcomes-lint.yaml');
    fs.writeFileSync(config, 'rules:\n  high-deadweight: off\n  no-such-rule: error\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(config), type: 1 }] });
    // The rule is off; the unknown rule id is reported on the config file, and the rate card says its config is broken.
    const diagnostics = await client.diagnostics(uri, (d) => !d.some((x) => x.code === 'high-deadweight'));
    assert.deepEqual(diagnostics.map((d) => d.code), ['config']);
    const onConfig = await client.diagnostics(uriOf(config), (d) => d.length > 0);
    assert.equal(onConfig[0].range.start.line, 2);
    assert.match(String(onConfig[0].message), /no-such-rule/);
    // Mended in the editor, before saving: both files clear.
    const configUri = client.open(config);
    client.replace(configUri, '  no-such-rule: error\n', '');
    await client.diagnostics(uriOf(config), (d) => d.length === 0);
    await client.diagnostics(uri, (d) => d.length === 0);
  });
});
