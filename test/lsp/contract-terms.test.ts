/**
 * The contract terms of issue 20 (weeksToAchieve, the deadweight discount, outcome domains and
 * the not-comparable marker) in the editor: hover and completion through the protocol.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CompletionItem, Hover } from 'vscode-languageserver-protocol';
import { find, LspClient, tempWorkspace } from './client';

const framework = `kind: OutcomeFramework
schemaVersion: 1
id: ladder
title: Care leavers into learning
currency: GBP
payers:
  - id: council
    name: Example County Council
cohorts:
  - id: care-leavers
    title: Care leavers aged 18 to 21
    eligibility: [Left care at 18, Lives in the county]
    size: 100
outcomes:
  - id: level-2
    title: Level 2 qualification
    domain: education
    stage: attainment
    role: payment
    weeksToAchieve: 26
    qualificationLevel: 2
    baseline: { care-leavers: 0.1 }
  - id: level-3
    title: Level 3 qualification
    domain: education
    stage: attainment
    role: payment
    qualificationLevel: 3
    requires: [level-2]
    notComparable: Paid only for a <b>level 3</b> in social care, unlike the published level 3 prices
    baseline: { care-leavers: 0.05 }
`;

const rateCard = `kind: RateCard
schemaVersion: 1
id: ladder-2025
framework: ladder.framework.yaml
currency: GBP
prices:
  - outcome: level-2
    price: 1000
  - outcome: level-3
    price: 2000
    discount: 33
    discountCoversDeadweight: true
`;

describe('language server: contract terms of issue 20', () => {
  let root: string;
  let client: LspClient;
  let frameworkUri: string;
  let cardUri: string;

  before(async () => {
    root = tempWorkspace({ 'ladder.framework.yaml': framework, 'ladder.ratecard.yaml': rateCard });
    client = new LspClient(root);
    await client.initialize();
    frameworkUri = client.open(path.join(root, 'ladder.framework.yaml'));
    cardUri = client.open(path.join(root, 'ladder.ratecard.yaml'));
    await client.currentDiagnostics(frameworkUri);
  });

  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const hoverText = (h: Hover | null) => (h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '');
  const replaceAll = (uri: string, text: string) => client.edit(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 500, character: 0 } }, newText: text }]);

  it('explains weeksToAchieve on hover, in the schema words', async () => {
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: frameworkUri }, position: find(framework, 'weeksToAchieve', 3) });
    assert.match(hoverText(hover), /^\*\*weeksToAchieve\*\*: For an `entry` or `attainment` outcome[^]*how many weeks after joining the programme a participant needs to achieve it/);
  });

  it('shows the time to achieve in the hover of an outcome id', async () => {
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: cardUri }, position: find(rateCard, 'outcome: level-2', 11) });
    assert.match(hoverText(hover), /stage: attainment · role: payment · achieved 26 weeks after joining/);
  });

  it('offers weeksToAchieve among the keys an outcome may still take', async () => {
    const edited = framework.replace('    qualificationLevel: 3\n', '    qualificationLevel: 3\n    \n');
    replaceAll(frameworkUri, edited);
    const at = find(edited, '    qualificationLevel: 3\n', 0);
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: frameworkUri }, position: { line: at.line + 1, character: 4 } });
    const item = items.find((i) => i.label === 'weeksToAchieve');
    assert.ok(item, JSON.stringify(items.map((i) => i.label)));
    assert.match(JSON.stringify(item.documentation), /weeks after joining the programme/);
    replaceAll(frameworkUri, framework);
  });

  it('says on the price hover that an outcome marked notComparable is not compared, and why (escaped)', async () => {
    const hover = hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: cardUri }, position: find(rateCard, 'price: 2000', 8) }));
    assert.match(hover, /\*\*Real UK prices\*\*: not compared\. The framework marks `level-3` as not comparable: Paid only for a \\<b\\>level 3\\<\/b\\> in social care/);
    assert.doesNotMatch(hover, /<b>/);
    // The level 2 beside it is compared as before.
    const compared = hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: cardUri }, position: find(rateCard, 'price: 1000', 8) }));
    assert.match(compared, /\*\*Real UK prices\*\* for education · attainment · level 2/);
  });

  it('offers the new domains when completing an outcome\'s domain', async () => {
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: frameworkUri }, position: find(framework, 'domain: education', 8) });
    const labels = items.map((i) => i.label);
    for (const domain of ['safety', 'domestic-abuse', 'money', 'health-service-use']) assert.ok(labels.includes(domain), JSON.stringify(labels));
  });

  it('explains discountCoversDeadweight on hover, and offers it among the keys a price line may take', async () => {
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: cardUri }, position: find(rateCard, 'discountCoversDeadweight', 3) });
    assert.match(hoverText(hover), /^\*\*discountCoversDeadweight\*\*: `true` when this line's `discount` is its deadweight adjustment/);
    const edited = rateCard.replace('    price: 1000\n', '    price: 1000\n    \n');
    replaceAll(cardUri, edited);
    const at = find(edited, '    price: 1000\n', 0);
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: cardUri }, position: { line: at.line + 1, character: 4 } });
    const item = items.find((i) => i.label === 'discountCoversDeadweight');
    assert.ok(item, JSON.stringify(items.map((i) => i.label)));
    assert.match(JSON.stringify(item.documentation), /not counted twice|deadweight adjustment/);
    replaceAll(cardUri, rateCard);
  });
});
