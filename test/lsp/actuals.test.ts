/** Actuals files in the editor: the built server over stdio, real files, each kind of wrong claim and a clean file. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LspClient, repoRoot, tempWorkspace } from './client';

const dir = path.join(repoRoot, 'test/fixtures/actuals');
const names = ['contract.framework.yaml', 'contract.ratecard.yaml', 'clean.actuals.yaml', 'contract.actuals.csv', 'wrong.actuals.yaml', 'wrong.actuals.csv'];

describe('language server: actuals files', () => {
  let root: string;
  let client: LspClient;

  before(async () => {
    root = tempWorkspace(Object.fromEntries(names.map((n) => [n, fs.readFileSync(path.join(dir, n), 'utf8')])));
    client = new LspClient(root);
    await client.initialize();
  });

  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('shows nothing on clean results, in YAML and in CSV', async () => {
    for (const name of ['clean.actuals.yaml', 'contract.actuals.csv']) {
      const uri = client.open(path.join(root, name));
      assert.deepEqual(await client.currentDiagnostics(uri), [], name);
    }
  });

  it('underlines each kind of wrong claim in the YAML at its cell, with its rule and a link to its page', async () => {
    const uri = client.open(path.join(root, 'wrong.actuals.yaml'));
    const diagnostics = await client.currentDiagnostics(uri);
    const at = (code: string) => diagnostics.filter((d) => d.code === code).map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}`);
    assert.deepEqual(at('actuals-outside-contract'), ['6:15', '22:87']);
    assert.deepEqual(at('actuals-unpriced-outcome'), ['8:89', '9:55']);
    assert.deepEqual(at('actuals-price-mismatch'), ['11:89']);
    assert.deepEqual(at('actuals-over-max-claims'), ['6:74', '14:71']);
    assert.deepEqual(at('actuals-excluded-outcomes'), ['16:55']);
    assert.deepEqual(at('actuals-missing-prerequisite'), ['17:55']);
    assert.deepEqual(at('actuals-cap-exceeded'), ['18:109', '19:87', '20:91']);
    assert.deepEqual(at('actuals-late-start'), ['21:15']);
    const price = diagnostics.find((d) => d.code === 'actuals-price-mismatch')!;
    assert.match(String(price.message), /£1,700\.00 is claimed for job-entry \(2 evidenced\), but at the card's price of £800\.00 that is £1,600\.00/);
    assert.equal(price.severity, 1);
    assert.match(String(price.codeDescription?.href), /actuals-price-mismatch\.md$/);
    // The claim points at the price it breaks, in the rate card.
    assert.match(price.relatedInformation?.[0].location.uri ?? '', /contract\.ratecard\.yaml$/);
    // A person cell holding a name is refused without repeating the name.
    const person = diagnostics.find((d) => d.range.start.line === 22 && d.code === 'schema')!;
    assert.ok(person, JSON.stringify(diagnostics));
    assert.doesNotMatch(JSON.stringify(diagnostics), /Jane|Smith/);
  });

  it('underlines the CSV at its line and cell, and names no person but by the pseudonymous id', async () => {
    const file = path.join(root, 'wrong.actuals.csv');
    const uri = client.open(file);
    const diagnostics = await client.currentDiagnostics(uri);
    const got = diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`);
    assert.deepEqual(got, ['3:1 schema', '4:32 schema', '5:35 actuals-price-mismatch', '6:36 schema', '8:36 actuals-over-max-claims', '9:39 actuals-price-mismatch', '10:35 schema', '11:27 schema']);
    assert.doesNotMatch(JSON.stringify(diagnostics), /Jane|Smith/);
    assert.match(String(diagnostics.find((d) => d.code === "actuals-over-max-claims")!.message), /^P-010 has now been claimed for housed 2 times/);
  });

  it('checks again as the results are typed: a price put right clears its finding', async () => {
    const uri = client.open(path.join(root, 'wrong.actuals.yaml'));
    await client.currentDiagnostics(uri);
    client.replace(uri, 'evidenced: 2, claimed: 1700', 'evidenced: 2, claimed: 1600');
    const after = await client.diagnostics(uri, (d) => !d.some((x) => x.code === 'actuals-price-mismatch'));
    assert.ok(after.some((d) => d.code === 'actuals-late-start'));
  });

  it('gives the rate card\'s preview its plan against actual, from the actuals file claimed under it', async () => {
    client.open(path.join(root, 'clean.actuals.yaml'));
    const card = client.open(path.join(root, 'contract.ratecard.yaml'));
    await client.currentDiagnostics(card);
    const view = await client.request<{ actuals: { uri: string; asAt: string; rows: { figure: string; actual: string; plan: string; share: string }[]; byPeriod: { label: string; actual: number; plan: number | null }[]; reforecast: { figure: string; text: string }[] } }>('outcomes/totals', { uri: card });
    assert.match(view.actuals.uri, /clean\.actuals\.yaml$/);
    assert.equal(view.actuals.asAt, '2020-Q4 (2020-12-31)');
    assert.deepEqual(view.actuals.rows.find((r) => r.figure === 'payments claimed'), { figure: 'payments claimed', scope: '', actual: '£15,300.00', plan: '£13,816.00', share: '110.7%' });
    assert.deepEqual(view.actuals.byPeriod.map((p) => p.label), ['2020-Q1', '2020-Q2', '2020-Q3', '2020-Q4']);
    // £34,540.00 × 0.4 ÷ 4 a quarter, exactly: £3,454.00 each.
    assert.deepEqual(view.actuals.byPeriod.map((p) => p.plan), [345400, 345400, 345400, 345400]);
    assert.deepEqual(view.actuals.byPeriod.map((p) => p.actual), [100000, 200000, 690000, 540000]);
  });
});
