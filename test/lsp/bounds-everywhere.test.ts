/**
 * A figure that is only an upper bound says "at most" everywhere the editor shows it (issue 20):
 * the lens against git's HEAD (no exact change claimed, as `--base`), the preview's HEAD rows and
 * its what-if rows, and the price-line hints. Through the built server over stdio. The bound here
 * is one docs/totals.md says is always a bound: `caps.perParticipant` cutting a participant's
 * payments while a cap per payer binds.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeLens, InlayHint } from 'vscode-languageserver-protocol';
import { commitAll, tempRepo } from '../support/git';
import { LspClient } from './client';

const framework = `kind: OutcomeFramework
schemaVersion: 1
id: f
title: Into work
currency: GBP
payers:
  - id: fund
    name: Outcomes fund
  - id: council
    name: Council
cohorts:
  - id: c
    title: Young people
    eligibility: [Anyone referred]
    size: 10
outcomes:
  - id: x
    title: Job start
    domain: employment
    stage: entry
    role: payment
    evidence: { kind: administrative, source: Records }
  - id: y
    title: Job kept 13 weeks
    domain: employment
    stage: sustainment
    sustainWeeks: 13
    requires: [x]
    role: payment
    evidence: { kind: administrative, source: Records }
`;
const card = (cap: number) => `kind: RateCard
schemaVersion: 1
id: r
framework: f.framework.yaml
currency: GBP
caps:
  perParticipant: ${cap}
  perPayer: { fund: 5000 }
prices:
  - outcome: x
    price: 1000
    payers: { fund: 100 }
  - outcome: y
    price: 1000
    payers: { council: 100 }
projection:
  - cohort: c
    achievement: { x: 0.5, y: 0.3 }
`;

describe('language server: "at most" on every figure that is a bound', function () {
  this.timeout(60000);
  let repo: string;
  let client: LspClient | undefined;

  afterEach(async () => {
    await client?.stop();
    client = undefined;
    fs.rmSync(repo, { recursive: true, force: true });
  });

  it('the HEAD lens and rows, the what-if rows and the hints', async () => {
    repo = tempRepo();
    fs.writeFileSync(path.join(repo, 'f.framework.yaml'), framework);
    fs.writeFileSync(path.join(repo, 'r.ratecard.yaml'), card(1500));
    commitAll(repo, 'As approved');
    client = new LspClient(repo, { initializationOptions: { gitBase: true } });
    await client.initialize();
    const c = client;
    const uri = c.open(path.join(repo, 'r.ratecard.yaml'));
    await c.currentDiagnostics(uri);
    const totals = await c.request<{ upperBounds: Record<string, string>; formatted: { maximumLiability: string } }>('outcomes/totals', { uri });
    assert.ok(totals.upperBounds.maximumLiability, 'the case is a bound');
    assert.equal(totals.formatted.maximumLiability, 'at most £15,000.00');

    // The what-if's rows: the bound is said, the exact figures are not.
    const whatIf = await c.request<{ rows: { figure: string; value: string }[] }>('outcomes/whatIf', { uri, achievement: '1.2' });
    assert.equal(whatIf.rows[0].figure, 'Maximum liability');
    assert.match(whatIf.rows[0].value, /^at most £[\d,]+\.00$/);
    assert.match(whatIf.rows[1].value, /^£[\d,]+\.00$/, 'expected payments are exact here');

    // An edit: a bound on both sides, so no exact change is claimed.
    c.replace(uri, 'perParticipant: 1500', 'perParticipant: 1200');
    await c.currentDiagnostics(uri);
    const lenses = (await c.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } })).map((l) => l.command!.title);
    const head = lenses.find((t) => /HEAD/.test(t));
    assert.ok(head, JSON.stringify(lenses));
    assert.match(head!, /^Maximum liability at most £[\d.]+k \(was at most £15k; no exact change: an upper bound\)/);
    assert.doesNotMatch(head!, /Maximum liability[^·]*[+-]£/);
    const after = await c.request<{ head: { rows: { figure: string; head: string; now: string; change: string }[] } }>('outcomes/totals', { uri });
    assert.deepEqual(after.head.rows[0], { figure: 'Maximum liability', head: 'at most £15,000.00', now: after.head.rows[0].now, change: 'no exact change: an upper bound' });
    assert.match(after.head.rows[0].now, /^at most £[\d,]+\.00$/);

    // The hints: each line's own max is price × claims, exact, so no "at most" on it.
    const hints = await c.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } } });
    const labels = hints.map((h) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')));
    assert.equal(labels.length, 2);
    for (const label of labels) assert.match(label, /^× 1 · max £1,000\.00 · expected £[\d,]+\.00/);
  });
});
