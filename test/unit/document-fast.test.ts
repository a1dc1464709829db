/**
 * The fast path of parseYaml must be indistinguishable from the `yaml` library's Document:
 * same values, same spans for every node, and no file with a YAML problem read as if it had
 * none. Checked on every sample, the benchmark's generated files, a corpus of tricky
 * snippets, and 1,500 random edits of the samples.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { stringify } from 'yaml';
import { parsePointer, parseYaml, type PathSegment } from '../../server/src/core/document';
import { fastSnippets, mustBeFast, mustFallBack } from './document-fast.corpus';

function assertSame(text: string, label: string): 'fast' | 'yaml' | 'none' {
  const fast = parseYaml(text);
  const full = parseYaml(text, { fastPath: false });
  assert.deepEqual(fast.value, full.value, `${label}: values differ`);
  assert.deepEqual(Object.fromEntries(fast.locationEntries()), Object.fromEntries(full.locationEntries()), `${label}: spans differ`);
  assert.deepEqual(fast.problems, full.problems, `${label}: problems differ`);
  // Lookups too: every node by its path (items by number and by digit string), and paths that
  // run past the tree, which must stop at the same deepest node.
  for (const [pointer] of full.locationEntries()) {
    const path = parsePointer(pointer);
    const numeric: PathSegment[] = path.map((segment) => (/^\d+$/.test(segment as string) ? Number(segment) : segment));
    for (const p of [path, numeric]) {
      assert.deepEqual(fast.locate(p), full.locate(p), `${label}: locate ${pointer}`);
      assert.equal(fast.sourceOf(p), full.sourceOf(p), `${label}: sourceOf ${pointer}`);
    }
    const beyond = [...path, 'no-such-key', 7];
    assert.deepEqual(fast.nearest(beyond), full.nearest(beyond), `${label}: nearest ${pointer}`);
    assert.deepEqual(fast.spanOf(beyond, true), full.spanOf(beyond, true), `${label}: spanOf ${pointer}`);
  }
  for (const missing of [['nope'], [0], ['items', 99], ['items', '01'], ['items', -1]]) {
    assert.deepEqual(fast.locate(missing), full.locate(missing), `${label}: locate ${missing}`);
    assert.deepEqual(fast.nearest(missing), full.nearest(missing), `${label}: nearest ${missing}`);
  }
  return fast.parsedBy;
}

function yamlFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? yamlFiles(full) : /\.ya?ml$/.test(entry.name) ? [full] : [];
  });
}

/** A small deterministic random source, so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

describe('parseYaml fast path', () => {
  const samples = yamlFiles(path.resolve('samples'));

  it('reads every sample itself, with the same values and spans as the yaml library', () => {
    assert.ok(samples.length >= 6, 'the samples are there');
    for (const file of samples) assert.equal(assertSame(fs.readFileSync(file, 'utf8'), file), 'fast', `${file} took the fast path`);
  });

  it('reads every sample saved with Windows line ends itself, with the same values and spans', () => {
    for (const file of samples) assert.equal(assertSame(fs.readFileSync(file, 'utf8').replace(/\n/g, '\r\n'), `${file} (CRLF)`), 'fast', `${file} (CRLF) took the fast path`);
  });

  it('reads the benchmark files itself, with the same values and spans', async function () {
    this.timeout(120_000);
    const { frameworkText, rateCardText } = await import('../../bench/generate.mjs');
    for (const n of [10, 1000]) {
      assert.equal(assertSame(frameworkText(n), `framework of ${n}`), 'fast');
      assert.equal(assertSame(rateCardText(n, 'bench.framework.yaml'), `rate card of ${n}`), 'fast');
    }
  });

  for (const [name, text] of Object.entries(fastSnippets)) {
    it(`agrees with the yaml library on: ${name}`, () => {
      const by = assertSame(text, name);
      if (mustBeFast.includes(name)) assert.equal(by, 'fast', 'read by the fast path');
      if (mustFallBack.includes(name)) assert.equal(by, 'yaml', 'handed to the full parser');
      if (!text.includes('\r')) {
        const crlf = assertSame(text.replace(/\n/g, '\r\n'), `${name} (CRLF)`);
        if (mustBeFast.includes(name)) assert.equal(crlf, 'fast', 'read by the fast path with CRLF line ends');
      }
    });
  }

  it('still reports a repeated key as yaml-syntax on the second key', () => {
    const text = 'kind: RateCard\nid: a\nid: b\n';
    const parsed = parseYaml(text);
    assert.equal(parsed.problems.length, 1);
    assert.equal(parsed.problems[0].code, 'yaml-syntax');
    assert.match(parsed.problems[0].message, /appears twice/);
    assert.ok(text.slice(parsed.problems[0].span.start).startsWith('id: b'), 'underlines the second `id`');
    assert.deepEqual(parsed.lines.positionAt(parsed.problems[0].span.start), { line: 2, character: 0 });
  });

  it('agrees with the yaml library on random documents written by the yaml library itself', function () {
    this.timeout(60_000);
    const key = fc.oneof(fc.constantFrom('id', 'price', 'a b', '1', 'true', 'null', '-x', 'x:y', '#k', 'ö'), fc.string({ maxLength: 6 }));
    const scalar = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.string({ maxLength: 12 }), fc.constantFrom('line 1\nline 2\n', 'a\n\nb', ' lead', 'trail ', '- x', '# c', 'a: b', '0x1F', '1e3', '.inf', '~', ''));
    const { value } = fc.letrec((tie) => ({ value: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(key, tie('value'), { maxKeys: 4 })) }));
    let fast = 0;
    fc.assert(
      fc.property(fc.dictionary(key, value, { minKeys: 1, maxKeys: 5 }), fc.constantFrom(2, 4), fc.boolean(), fc.boolean(), (doc, indent, indentSeq, crlf) => {
        let text = stringify(doc, { indent, indentSeq, flowCollectionPadding: true, lineWidth: 40, minContentWidth: 10 });
        if (crlf) text = text.replace(/\n/g, '\r\n');
        if (assertSame(text, JSON.stringify(text)) === 'fast') fast++;
      }),
      { numRuns: 600, seed: 20261123 },
    );
    assert.ok(fast > 100, `the fast path read ${fast} of 600 documents`);
  });

  it('agrees with the yaml library on 1,500 random edits of the samples', function () {
    this.timeout(120_000);
    const next = random(20261123);
    const pieces = [' ', '  ', '\n', '\r\n', '\r', ':', ': ', '- ', '#', ' #', '"', "'", '[', ']', '{', '}', ',', '|', '>', '-', 'x', '1', '.5', '\n  ', '\n- ', '&a ', '*a', '!', '?', '~'];
    const texts = samples.flatMap((file) => {
      const text = fs.readFileSync(file, 'utf8');
      return [text, text.replace(/\n/g, '\r\n')];
    });
    let fast = 0;
    for (let round = 0; round < 1500; round++) {
      let text = texts[Math.floor(next() * texts.length)];
      const edits = 1 + Math.floor(next() * 3);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(next() * text.length);
        const cut = next() < 0.5 ? Math.floor(next() * 4) : 0;
        text = text.slice(0, at) + pieces[Math.floor(next() * pieces.length)] + text.slice(at + cut);
      }
      if (assertSame(text, `edit ${round}: ${JSON.stringify(text)}`) === 'fast') fast++;
    }
    assert.ok(fast > 250, `the fast path read ${fast} of 1500 edited files`);
  });
});
