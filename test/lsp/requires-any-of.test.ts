/** `requiresAnyOf` in the editor: hover on the field, on an outcome and on an id in the list; completion of outcome ids; go to definition. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CompletionItem, Hover, Location } from 'vscode-languageserver-protocol';
import { find, LspClient, tempWorkspace } from './client';

const outcome = (id: string, extra = '', stage = 'entry') => `  - id: ${id}\n    title: ${id} title\n    domain: employment\n    stage: ${stage}\n    role: payment\n    evidence: { kind: administrative, source: Records }\n${extra}`;
const framework =
  'kind: OutcomeFramework\nschemaVersion: 1\nid: f\ntitle: F\ncurrency: GBP\npayers:\n  - id: p\n    name: P\ncohorts:\n  - id: c\n    title: C\n    eligibility: [Anyone referred]\n    size: 100\noutcomes:\n' +
  outcome('job-entry') +
  outcome('apprenticeship-start', '    excludes: [job-entry]\n') +
  outcome('job-13-weeks', '    sustainWeeks: 13\n    requiresAnyOf: [job-entry, apprenticeship-start]\n', 'sustainment');

describe('language server: requiresAnyOf', () => {
  let root: string;
  let client: LspClient;
  let uri: string;
  let text: string;
  const hoverText = (h: Hover | null) => (h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '');

  before(async () => {
    root = tempWorkspace({ 'f.framework.yaml': framework });
    client = new LspClient(root);
    await client.initialize();
    uri = client.open(path.join(root, 'f.framework.yaml'));
    text = client.textOf(uri);
    const diagnostics = await client.currentDiagnostics(uri);
    assert.deepEqual(diagnostics.filter((d) => d.severity === 1).map((d) => d.message), [], 'no errors');
  });

  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('explains the field with the words of the schema', async () => {
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: find(text, 'requiresAnyOf', 3) });
    assert.match(hoverText(hover), /of which at least one must be achieved first/);
  });

  it('shows an outcome\'s routes on its hover, and the outcome behind an id in the list', async () => {
    const own = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: find(text, 'id: job-13-weeks', 6) });
    assert.match(hoverText(own), /Requires any of: job-entry, apprenticeship-start/);
    const named = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: find(text, 'apprenticeship-start]', 3) });
    assert.match(hoverText(named), /apprenticeship-start title/);
  });

  it('goes to the outcome an id in the list names', async () => {
    const found = await client.request<Location | Location[] | null>('textDocument/definition', { textDocument: { uri }, position: find(text, 'apprenticeship-start]', 3) });
    const location = Array.isArray(found) ? found[0] : found;
    assert.ok(location);
    assert.equal(location.range.start.line, find(text, 'id: apprenticeship-start').line);
  });

  it('completes outcome ids in a requiresAnyOf list', async () => {
    const edited = text.replace('    requiresAnyOf: [job-entry, apprenticeship-start]\n', '    requiresAnyOf:\n      - \n');
    client.edit(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 200, character: 0 } }, newText: edited }]);
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: find(edited, '      - \n', 8) });
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('job-entry') && labels.includes('apprenticeship-start'), JSON.stringify(labels));
  });
});
