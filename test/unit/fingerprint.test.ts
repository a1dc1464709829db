/** Findings' fingerprints: by file, rule, structural place and own key; never by line or message. */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseYaml, type ParsedYaml, type PathSegment } from '../../server/src/core/document';
import { fingerprints, itemName, structuralPath } from '../../server/src/core/fingerprint';
import { lintFile } from '../../server/src/core/analysis';
import { sha256Hex } from '../../server/src/core/node-host';
import { memoryRoot, memoryWorkspace } from '../support/workspace';

const sample = (name: string) => fs.readFileSync(path.join(__dirname, '../../samples/perverse', name), 'utf8');
const framework = sample('perverse.framework.yaml');
const rateCard = sample('perverse.ratecard.yaml');

/** Each finding of the rate card (and of the framework) with its fingerprint. */
function fingerprinted(files: Record<string, string>) {
  const workspace = memoryWorkspace(files);
  const out: { ruleId: string; message: string; line: number; fingerprint: string }[] = [];
  for (const name of Object.keys(files)) {
    const report = lintFile(workspace, path.join(memoryRoot, name));
    const prints = fingerprints(report.findings, memoryRoot, (file) => workspace.analyze(file)?.parsed, sha256Hex);
    report.findings.forEach((f, i) => out.push({ ruleId: f.ruleId, message: f.message, line: report.analyzed!.parsed.lines.positionAt(f.span.start).line, fingerprint: prints[i] }));
  }
  return out;
}

/** The obvious way: at each level, try every child in turn; list items named by counting the ones before. */
function structuralPathByScan(parsed: ParsedYaml, span: { start: number; end: number }): string {
  const segments: PathSegment[] = [];
  let value: unknown = parsed.value;
  let out = '';
  const within = (o: { start: number; end: number }) => o.start <= span.start && span.end <= o.end;
  while (value !== null && typeof value === 'object') {
    const children: PathSegment[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
    let next: PathSegment | undefined;
    let onKey = false;
    for (const child of children) {
      const location = parsed.locate([...segments, child]);
      if (!location) continue;
      if (within(location.value) && location.value.end > location.value.start) { next = child; break; }
      if (location.key && within({ start: location.key.start, end: Math.max(location.key.end, location.value.end) })) { next = child; onKey = true; break; }
    }
    if (next === undefined) break;
    if (Array.isArray(value)) {
      const name = itemName(value[next as number]);
      const occurrence = value.slice(0, next as number).filter((item) => name !== undefined && itemName(item) === name).length + 1;
      out += name === undefined ? `[${next}]` : `[${name}${occurrence > 1 ? `#${occurrence}` : ''}]`;
    } else out += (out ? '.' : '') + (/^[^.[\]"#=]+$/.test(String(next)) ? String(next) : JSON.stringify(String(next)));
    segments.push(next);
    value = Array.isArray(value) ? value[next as number] : (value as Record<string, unknown>)[next as string];
    if (onKey) break;
  }
  return out;
}

describe('finding fingerprints', () => {
  it('find a span\'s place by bisection as trying every child in turn does (property test)', () => {
    const texts = [rateCard, framework, fs.readFileSync(path.join(__dirname, '../../samples/care-leavers/care-leavers.ratecard.yaml'), 'utf8')];
    const parsed = texts.map((text) => parseYaml(text));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 40 }), (which, at, length) => {
        const text = texts[which];
        const start = Math.floor(at * text.length);
        const span = { start, end: Math.min(text.length, start + length) };
        assert.equal(structuralPath(parsed[which], span), structuralPathByScan(parsed[which], span));
      }),
      { numRuns: 2000 },
    );
  });

  it('name the place in the document by its structure, list items by what they are about', () => {
    const parsed = parseYaml(rateCard);
    const at = (needle: string, offset = 0) => {
      const start = rateCard.indexOf(needle) + offset;
      return structuralPath(parsed, { start, end: start + 1 });
    };
    assert.equal(at('maxClaims: 3'), 'prices[outcome=accommodation-entry].maxClaims');
    assert.equal(at('maxClaims: 3', 'maxClaims: '.length), 'prices[outcome=accommodation-entry].maxClaims');
    assert.equal(at('price: 2000\n  - outcome: confidence'), 'prices[outcome=training-level-3].price');
    assert.equal(at('perParticipant: 5000'), 'caps.perParticipant');
    const lines = parseYaml('prices:\n  - outcome: a\n    price: 1\n  - outcome: a\n    cohorts: [y, x]\n    price: 2\n  - outcome: a\n    price: 3\n');
    const text = lines.text;
    assert.equal(structuralPath(lines, { start: text.indexOf('price: 2'), end: text.indexOf('price: 2') + 8 }), 'prices[outcome=a,cohorts=x+y].price');
    assert.equal(structuralPath(lines, { start: text.indexOf('price: 3'), end: text.indexOf('price: 3') + 8 }), 'prices[outcome=a#2].price');
  });

  it('stay the same when a price changes elsewhere, although messages quote the new amounts', () => {
    const before = fingerprinted({ 'perverse.framework.yaml': framework, 'perverse.ratecard.yaml': rateCard });
    const raised = rateCard.replace('  - outcome: training-level-2\n    price: 2500', '  - outcome: training-level-2\n    price: 2600');
    assert.notEqual(raised, rateCard);
    const after = fingerprinted({ 'perverse.framework.yaml': framework, 'perverse.ratecard.yaml': raised });
    assert.ok(before.length > 20);
    assert.deepEqual(after.map((f) => f.fingerprint).sort(), before.map((f) => f.fingerprint).sort());
    // The messages quoting amounts did change: the fingerprints do not rest on them.
    const inverted = (list: typeof before) => list.find((f) => f.ruleId === 'inverted-progression')!;
    assert.notEqual(inverted(after).message, inverted(before).message);
    assert.equal(inverted(after).fingerprint, inverted(before).fingerprint);
    assert.ok(after.filter((f, i) => f.message !== before[i].message).length >= 2, 'more than one message quotes the raised price');
  });

  it('stay the same when lines are inserted above', () => {
    const before = fingerprinted({ 'perverse.framework.yaml': framework, 'perverse.ratecard.yaml': rateCard });
    const moved = fingerprinted({
      'perverse.framework.yaml': '# A note\n# and another\n\n' + framework,
      'perverse.ratecard.yaml': '# Reviewed in March\n' + rateCard.replace('prices:\n', 'prices:\n  # a comment inside the list\n'),
    });
    assert.equal(moved.length, before.length);
    assert.ok(moved.every((m, i) => m.line > before[i].line), 'every finding moved down');
    assert.deepEqual(moved.map((f) => f.fingerprint), before.map((f) => f.fingerprint));
  });

  it('are distinct for every finding, and differ when the finding is at another place', () => {
    const all = fingerprinted({ 'perverse.framework.yaml': framework, 'perverse.ratecard.yaml': rateCard });
    assert.equal(new Set(all.map((f) => f.fingerprint)).size, all.length);
    // The same rule on another line (accommodation-entry's maxClaims set to 1): that finding is gone, the others keep theirs.
    const mended = fingerprinted({ 'perverse.framework.yaml': framework, 'perverse.ratecard.yaml': rateCard.replace('maxClaims: 3\n  - outcome: accommodation-sustained-52w', 'maxClaims: 1\n  - outcome: accommodation-sustained-52w') });
    const gone = all.filter((f) => !mended.some((m) => m.fingerprint === f.fingerprint));
    assert.deepEqual(gone.map((f) => f.ruleId), ['repeatable-entry-payment']);
  });
});
