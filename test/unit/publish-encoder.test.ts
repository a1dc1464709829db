/**
 * lsp/publish-encoder.ts keeps each diagnostic's bytes between publishes: whatever it re-uses, the
 * message must be exactly the bytes vscode-jsonrpc's own encoder writes (JSON.stringify, UTF-8),
 * over long sequences of publishes in which diagnostics come, go, move and change their texts.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { publishEncoder } from '../../server/src/lsp/publish-encoder';

// Few places and texts, so that one place and rule often meet other texts, and the same texts
// other related places, within a publish and from one to the next (as after an edit).
const uri = fc.constantFrom('file:///c%3A/Users/Jane/OneDrive%20-%20Council%20%282024%29/care.framework.yaml', 'file:///tmp/x.ratecard.yaml');
const range = fc.constantFrom({ start: { line: 1, character: 0 }, end: { line: 1, character: 4 } }, { start: { line: 1, character: 0 }, end: { line: 2, character: 4 } }, { start: { line: 0, character: 3 }, end: { line: 1, character: 4 } });
const related = fc.array(fc.record({ location: fc.record({ uri, range }), message: fc.constantFrom('Sustained “26 weeks”', 'a\u0000b') }), { maxLength: 2, size: 'max' });
const diagnostic = fc
  .record({ range, severity: fc.constantFrom(2, 2, 2, 1), code: fc.constantFrom('broad-cohort', 'x'), source: fc.constantFrom('outcomes-lint', 'outcomes-lint', 'other'), message: fc.constantFrom('Started', 'café £1,000 — 50% "quoted" 😀'), href: fc.constantFrom('file:///docs/rules/a.md', 'file:///docs/rules/a.md', 'file:///docs/rules/b.md'), related, hasRelated: fc.boolean(), odd: fc.nat(15) })
  .map(({ range, severity, code, source, message, href, related, hasRelated, odd }) => {
    const d: Record<string, unknown> = { range, severity, code, source, message, codeDescription: { href } };
    if (hasRelated) d.relatedInformation = related;
    // Shapes the encoder does not keep must still come out as JSON.stringify writes them.
    if (odd === 0) d.data = { fix: message };
    if (odd === 1) return { message, range, code, severity, source }; // another order of fields
    if (odd === 2) d.code = 42;
    if (odd === 3) d.relatedInformation = undefined;
    if (odd === 4) d.tags = [1];
    return d;
  });

describe('the diagnostics encoder (bytes kept between publishes)', () => {
  it('writes every publish exactly as JSON.stringify would, over 300 random sequences', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ uri, version: fc.option(fc.nat(100), { nil: undefined }), diagnostics: fc.array(diagnostic, { minLength: 20, maxLength: 80, size: 'max' }) }), { minLength: 1, maxLength: 6, size: 'max' }), async (publishes) => {
        const encoder = publishEncoder();
        for (const params of publishes) {
          const message = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params };
          const bytes = await encoder.encode(message, { charset: 'utf-8' });
          assert.equal(Buffer.from(bytes).toString('utf8'), JSON.stringify(message));
          assert.deepEqual(Buffer.from(bytes), Buffer.from(JSON.stringify(message), 'utf8'));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('re-sends the same finding-heavy publish as the same bytes, and a changed message as its new text', async () => {
    const encoder = publishEncoder();
    const many = (title: string) => Array.from({ length: 200 }, (_, i) => ({ range: { start: { line: i, character: 2 }, end: { line: i, character: 9 } }, severity: 2, code: 'broad-cohort', source: 'outcomes-lint', message: `${i % 7 === 0 ? title : 'Started'} — outcome ${i}`, codeDescription: { href: 'file:///docs/rules/broad-cohort.md' } }));
    const send = async (title: string) => Buffer.from(await encoder.encode({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a.yaml', version: 1, diagnostics: many(title) } }, { charset: 'utf-8' })).toString('utf8');
    const first = await send('Started');
    assert.equal(await send('Started'), first);
    const renamed = await send('Startes');
    assert.equal(JSON.parse(renamed).params.diagnostics[7].message, 'Startes — outcome 7');
    assert.equal(JSON.parse(renamed).params.diagnostics[8].message, 'Started — outcome 8');
  });

  it('encodes any other message as vscode-jsonrpc does', async () => {
    const encoder = publishEncoder();
    const message = { jsonrpc: '2.0', id: 3, result: { contents: 'café £', n: [1, null] } };
    assert.equal(Buffer.from(await encoder.encode(message, { charset: 'utf-8' })).toString('utf8'), JSON.stringify(message));
  });
});
