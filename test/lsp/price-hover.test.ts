/** The hover on a price, through the built server: what real UK programmes paid for the same kind of outcome. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Hover } from 'vscode-languageserver-protocol';
import { find, LspClient, repoRoot, tempWorkspace } from './client';

const sample = (name: string) => fs.readFileSync(path.join(repoRoot, 'samples', 'care-leavers', name), 'utf8');
const hoverText = (h: Hover | null) => (h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '');

describe('language server: real UK prices on hover', () => {
  let root: string;
  let client: LspClient;
  let uri: string;
  let text: string;
  const framework = sample('care-leavers.framework.yaml');

  before(async () => {
    root = tempWorkspace({ 'care-leavers.framework.yaml': framework, 'care-leavers.ratecard.yaml': sample('care-leavers.ratecard.yaml') });
    client = new LspClient(root);
    await client.initialize();
    uri = client.open(path.join(root, 'care-leavers.ratecard.yaml'));
    text = client.textOf(uri);
    await client.currentDiagnostics(uri);
  });

  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const hoverOn = async (needle: string, delta: number, nth = 1) => hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: find(client.textOf(uri), needle, delta, nth) }));

  it('shows lowest, median and highest, the programmes and years, where this price falls, and the source', async () => {
    // employment-sustained-26w: 2750, the second `price: 2750` after employment-sustained-13w's.
    const value = await hoverOn('employment-sustained-26w\n    price: 2750', 37);
    assert.match(value, /\*\*Real UK prices\*\* for employment · sustainment · 26 weeks: 8 prices from 5 programmes/);
    assert.match(value, /Lowest £1,000 \(DWP Innovation Fund, round 1 \(2012\)\) · median £2,000 · highest £3,500 \(Fair Chance Fund \(2015\)\)/);
    assert.match(value, /This price, £2,750, is above 6, equal to 1, below 1 of the 8\./);
    assert.match(value, /- £2,750: DfE care leavers SIBs \(2018\), Earns £3350 \(3 projects\) — mapping uncertain: paid on cumulative earnings/);
    assert.match(value, /- £3,500: Fair Chance Fund \(2015\), Full-time employment \(16 hours a week or more\) for 26 weeks \(7 projects\)/);
    assert.match(value, /Source: INDIGO impact bond dataset, version 2 \(Government Outcomes Lab, .*\), export of May 2025/);
    // The schema's words for `price` are still there, above.
    assert.match(value, /^\*\*price\*\*: /);
  });

  it('counts a programme once however many projects used its card', async () => {
    const value = await hoverOn('outcome: volunteering-4w\n    price: 330', 38);
    // Volunteering kept 4 weeks: the DfE card (three projects) is the only one.
    assert.match(value, /volunteering · sustainment · 4 weeks: 1 price from 1 programme/);
    assert.match(value, /This price, £330, is equal to 1 of the 1\./);
  });

  it('says plainly when nothing is comparable, and when the outcome is in the catch-all domain', async () => {
    const edited = text.replace('  - outcome: volunteering-1w\n    price: 220', '  - outcome: volunteering-1w\n    price: 220\n  - outcome: self-determined-goal\n    price: 999');
    client.edit(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 10000, character: 0 } }, newText: edited }]);
    const other = await hoverOn('price: 999', 8);
    assert.match(other, /nothing comparable\. `self-determined-goal` is in the catch-all domain `other`/);
    const frameworkFile = path.join(root, 'care-leavers.framework.yaml');
    const frameworkUri = client.open(frameworkFile);
    // No UK programme paid for volunteering kept 3 weeks.
    const changed = framework.replace('sustainWeeks: 1\n', 'sustainWeeks: 3\n');
    assert.notEqual(changed, framework);
    client.edit(frameworkUri, [{ range: { start: { line: 0, character: 0 }, end: { line: 10000, character: 0 } }, newText: changed }]);
    let nothing = '';
    for (let i = 0; i < 50 && !/nothing comparable/.test(nothing); i++) {
      nothing = await hoverOn('outcome: volunteering-1w\n    price: 220', 38);
      if (!/nothing comparable/.test(nothing)) await new Promise((r) => setTimeout(r, 100));
    }
    assert.match(nothing, /\*\*Real UK prices\*\*: nothing comparable\. None of the 8 UK programmes with published prices paid for an outcome of this kind \(volunteering · sustainment · 3 weeks\)\./);
    assert.match(nothing, /Source: INDIGO impact bond dataset/);
    client.edit(frameworkUri, [{ range: { start: { line: 0, character: 0 }, end: { line: 10000, character: 0 } }, newText: framework }]);
    client.close(frameworkUri);
    client.edit(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 10000, character: 0 } }, newText: text }]);
  });

  it('escapes the file\'s text where it becomes Markdown', async () => {
    const frameworkFile = path.join(root, 'care-leavers.framework.yaml');
    const frameworkUri = client.open(frameworkFile);
    const hostile = framework.replace('    title: Completes one week of work experience or volunteering\n    domain: volunteering', '    title: Completes one week of work experience or volunteering\n    domain: "[click](https://example.com) <img src=x>"');
    assert.notEqual(hostile, framework);
    client.edit(frameworkUri, [{ range: { start: { line: 0, character: 0 }, end: { line: 10000, character: 0 } }, newText: hostile }]);
    let value = '';
    for (let i = 0; i < 50 && !/example/.test(value); i++) {
      value = await hoverOn('outcome: volunteering-1w\n    price: 220', 38);
      if (!/example/.test(value)) await new Promise((r) => setTimeout(r, 100));
    }
    assert.match(value, /\\\[click\\\]\\\(https\\:\/\/example\.com\\\) \\<img src=x\\>/);
    assert.doesNotMatch(value, /[^\\]<img/);
    client.edit(frameworkUri, [{ range: { start: { line: 0, character: 0 }, end: { line: 10000, character: 0 } }, newText: framework }]);
    client.close(frameworkUri);
  });

  it('compares nothing on a rate card in another currency, and says why', async () => {
    const edited = text.replace('currency: GBP', 'currency: EUR');
    client.edit(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 10000, character: 0 } }, newText: edited }]);
    const value = await hoverOn('employment-entry\n    price: 660', 29);
    assert.match(value, /the real UK prices are in pounds and this rate card is in EUR, so nothing is compared/);
    client.edit(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 10000, character: 0 } }, newText: text }]);
  });

  it('offers the UK programmes and writes one\'s files on request, for the editor\'s pick list', async () => {
    const list = await client.request<{ items: { id: string; name: string; programme: string; year: number; prices: number }[]; source: string } | null>('outcomes/ukProgrammes', {});
    assert.ok(list && list.items.length >= 24);
    assert.deepEqual(list.items.find((i) => i.id === 'INDIGO-POJ-0154'), { id: 'INDIGO-POJ-0154', name: 'Entrenched Rough Sleeping Social Impact Bond- Greater Manchester', programme: 'MHCLG entrenched rough sleeping SIBs', year: 2017, prices: 22 });
    assert.match(list.source, /^INDIGO impact bond dataset, version 2/);
    const files = await client.request<{ frameworkFile: string; rateCardFile: string; frameworkText: string; rateCardText: string } | null>('outcomes/ukProgrammeFiles', { id: 'INDIGO-POJ-0154' });
    assert.ok(files);
    assert.match(files.frameworkFile, /\.framework\.yaml$/);
    assert.match(files.rateCardText, new RegExp(`^framework: ${files.frameworkFile.replace(/\./g, '\\.')}$`, 'm'));
    assert.match(files.rateCardText, /- outcome: drug-treatment-sustained\n {4}price: 2600 /);
    assert.equal(await client.request('outcomes/ukProgrammeFiles', { id: 'INDIGO-POJ-9999' }), null);
  });
});
