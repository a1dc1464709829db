/**
 * Re-reading only the edited value (yaml-edit.ts) must be indistinguishable from reading the whole
 * text again: long random edit sequences, each step's parse built from the previous step's, give
 * the values, spans, lookups and problems of a fresh parse; and a workspace fed the same edits ends
 * with exactly the findings and totals of a fresh workspace on the final texts.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parsePointer, parseYaml, type ParsedYaml, type PathSegment } from '../../server/src/core/document';
import { checkFile } from '../../server/src/core/lint';
import type { RateCardModel } from '../../server/src/core/model';
import { computeTotals } from '../../server/src/core/totals';
import { Workspace, type WorkspaceHost } from '../../server/src/core/workspace';
import { numberLimitFindings } from '../../server/src/core/number-limits';
import { reparseAfterEdit } from '../../server/src/core/yaml-edit';

/** A small deterministic random source, so a failure can be replayed from its seed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

function assertSameParse(edited: ParsedYaml, fresh: ParsedYaml, label: string): void {
  assert.equal(edited.text, fresh.text, `${label}: text`);
  assert.equal(edited.parsedBy, fresh.parsedBy, `${label}: reader`);
  assert.deepEqual(edited.value, fresh.value, `${label}: values differ`);
  assert.deepEqual(edited.problems, fresh.problems, `${label}: problems differ`);
  assert.deepEqual(edited.locationEntries(), fresh.locationEntries(), `${label}: spans differ`);
  for (const [pointer, location] of fresh.locationEntries()) {
    // Lines and characters, as the editor is told them.
    assert.deepEqual(edited.lines.rangeOf(location.value), fresh.lines.rangeOf(location.value), `${label}: range of ${pointer}`);
    const p = parsePointer(pointer);
    const numeric: PathSegment[] = p.map((segment) => (/^\d+$/.test(segment as string) ? Number(segment) : segment));
    for (const q of [p, numeric]) {
      assert.deepEqual(edited.locate(q), fresh.locate(q), `${label}: locate ${pointer}`);
      assert.equal(edited.sourceOf(q), fresh.sourceOf(q), `${label}: sourceOf ${pointer}`);
    }
    const beyond = [...p, 'no-such-key', 3];
    assert.deepEqual(edited.nearest(beyond), fresh.nearest(beyond), `${label}: nearest ${pointer}`);
  }
  assert.equal(edited.lines.lineCount, fresh.lines.lineCount, `${label}: lines`);
  for (let line = 0; line < fresh.lines.lineCount; line++) {
    assert.equal(edited.lines.lineStart(line), fresh.lines.lineStart(line), `${label}: start of line ${line}`);
    assert.equal(edited.lines.lineEnd(line), fresh.lines.lineEnd(line), `${label}: end of line ${line}`);
  }
}

const samplesDir = path.resolve('samples');
const sampleFiles = fs
  .readdirSync(samplesDir)
  .flatMap((dir) => fs.readdirSync(path.join(samplesDir, dir)).map((name) => path.join(samplesDir, dir, name)))
  .filter((file) => /\.ya?ml$/.test(file));

/** Characters typed: mostly what a value holds, and the ones that change the structure. */
const TYPED = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789     .()-/:#\'",[]{}|>&*!\n';

/**
 * One keystroke-sized edit of `text`: most inside a value the parse knows (typing in a title),
 * the rest anywhere. Insert, delete or replace one character, or paste a word.
 */
function edit(text: string, parsed: ParsedYaml, next: () => number): string {
  const entries = parsed.locationEntries();
  let at: number;
  if (entries.length && next() < 0.7) {
    const [, location] = entries[Math.floor(next() * entries.length)];
    at = location.value.start + Math.floor(next() * (location.value.end - location.value.start + 1));
  } else at = Math.floor(next() * (text.length + 1));
  const typed = () => TYPED[Math.floor(next() * TYPED.length)];
  const kind = next();
  if (kind < 0.4) return text.slice(0, at) + typed() + text.slice(at);
  if (kind < 0.7) return text.slice(0, at) + text.slice(at + 1);
  if (kind < 0.9) return text.slice(0, at) + typed() + text.slice(at + 1);
  return text.slice(0, at) + ['word', 'Sustained', '26 weeks', 'true', '12', 'null', ' x'][Math.floor(next() * 7)] + text.slice(at);
}

/** Forty digits and an `e` pasted into a value: text to YAML, a number too long to the number check. */
function pasteDigits(text: string, parsed: ParsedYaml, next: () => number): string {
  const entries = parsed.locationEntries();
  if (!entries.length) return text;
  const [, location] = entries[Math.floor(next() * entries.length)];
  return text.slice(0, location.value.start) + '12345678901234567890123456789012345678901234567890e' + text.slice(location.value.end);
}

describe('re-reading only the edited value', () => {
  it('gives exactly a fresh parse after each of 2,800 random edits of the samples (each built from the last)', function () {
    this.timeout(240_000);
    const next = random(20261206);
    let reused = 0;
    let steps = 0;
    for (const file of sampleFiles) {
      for (const lineEnd of ['\n', '\r\n']) {
        let text = fs.readFileSync(file, 'utf8').replace(/\n/g, lineEnd);
        let parsed = parseYaml(text);
        // Long sequences: each parse is built from the one before, as an editor's keystrokes are.
        for (let i = 0; i < 2800 / (sampleFiles.length * 2); i++) {
          text = edit(text, parsed, next);
          const quick = reparseAfterEdit(parsed, text);
          const fresh = parseYaml(text);
          if (quick) {
            reused++;
            assertSameParse(quick, fresh, `${path.basename(file)} (${JSON.stringify(lineEnd)}) edit ${i}`);
          }
          parsed = quick ?? fresh;
          steps++;
          // A file broken by the edits is put back now and then, so the sequences keep reaching the fast path.
          if (parsed.parsedBy !== 'fast' && next() < 0.2) {
            text = fs.readFileSync(file, 'utf8').replace(/\n/g, lineEnd);
            parsed = parseYaml(text);
          }
        }
      }
    }
    // The reuse must really happen, or this test would prove nothing.
    assert.ok(reused > steps / 5, `only ${reused} of ${steps} edits re-read one value`);
  });

  it('finds the absurd numbers of a fresh read after each of 600 random edits, looking again only at the edited value', function () {
    this.timeout(120_000);
    const next = random(6122026);
    let reused = 0;
    for (const file of sampleFiles) {
      // Absurd numbers before and after every value typed in, and a long string of digits that
      // reads as one (a value YAML keeps as text that the number check still calls too long).
      const original = `absurd: 1e999\n${fs.readFileSync(file, 'utf8')}tail: 123456789012345678901234567890123456\nlong: 12345678901234567890123456789012345678901234567890e\n`;
      let text = original;
      let parsed = parseYaml(text);
      numberLimitFindings(parsed, file);
      for (let i = 0; i < 600 / sampleFiles.length; i++) {
        text = next() < 0.1 ? pasteDigits(text, parsed, next) : edit(text, parsed, next);
        const quick = reparseAfterEdit(parsed, text);
        const fresh = parseYaml(text);
        if (quick) {
          reused++;
          assert.deepEqual(numberLimitFindings(quick, file), numberLimitFindings(fresh, file), `${path.basename(file)} edit ${i}`);
        } else numberLimitFindings(fresh, file);
        parsed = quick ?? fresh;
        // A file broken by the edits is put back now and then, so the sequences keep reaching the fast path.
        if (parsed.parsedBy !== 'fast' && next() < 0.2) {
          text = original;
          parsed = parseYaml(text);
          numberLimitFindings(parsed, file);
        }
      }
    }
    assert.ok(reused > 100, `only ${reused} edits re-read one value`);
  });

  it('re-reads a typed letter in a title, and gives way on edits that change the structure', () => {
    const text = 'kind: OutcomeFramework\noutcomes:\n  - id: a\n    title: Started in work\n    role: payment\n';
    const parsed = parseYaml(text);
    const at = text.indexOf('Started') + 'Started'.length;
    const typed = reparseAfterEdit(parsed, text.slice(0, at) + 's' + text.slice(at));
    assert.ok(typed, 'a letter typed in a title re-reads that title alone');
    assert.equal((typed.value as { outcomes: { title: string }[] }).outcomes[0].title, 'Starteds in work');
    assert.equal((parsed.value as { outcomes: { title: string }[] }).outcomes[0].title, 'Started in work', 'the previous parse is left as it was');
    for (const [what, changed] of [
      ['a colon that makes a key', text.replace('Started in', 'Started: in')],
      ['a comment', text.replace('Started in', 'Started #in')],
      ['a quote', text.replace('Started in', "'Started in")],
      ['a number', text.replace('Started in work', '12')],
      ['true', text.replace('Started in work', 'true')],
      ['a key', text.replace('title:', 'titles:')],
      ['a line break', text.replace('Started in', 'Started\n in')],
      ['two values', text.replace('work\n    role: payment', 'works\n    role: payments')],
    ] as const) {
      assert.equal(reparseAfterEdit(parsed, changed), undefined, `gives way on ${what}`);
    }
  });

  it('ends a long random sequence of edits to a framework and its rate card with the findings and totals of a fresh check', function () {
    this.timeout(240_000);
    for (const sample of ['care-leavers', 'pyramid', 'perverse']) {
      const dir = path.join(samplesDir, sample);
      const files = fs.readdirSync(dir).map((name) => path.join(dir, name));
      const texts = new Map(files.map((file) => [file, fs.readFileSync(file, 'utf8')]));
      const host: WorkspaceHost = { readFile: (file) => texts.get(file) };
      // As the language server keeps one: the same workspace through every edit, open editors as overlays.
      const kept = new Workspace(dir, host);
      for (const file of files) kept.addKnownFile(file);
      const next = random(sample.length * 7919);
      const fresh = () => {
        const workspace = new Workspace(dir, host);
        for (const file of files) workspace.addKnownFile(file);
        return workspace;
      };
      const compare = (label: string) => {
        const other = fresh();
        for (const file of files) {
          const mine = checkFile(kept, file).findings.map(({ fix: _fix, ...f }) => f);
          const theirs = checkFile(other, file).findings.map(({ fix: _fix, ...f }) => f);
          assert.deepEqual(mine, theirs, `${label}: findings of ${path.basename(file)}`);
          const card = kept.analyze(file)?.model;
          if (card?.kind !== 'RateCard') continue;
          const link = kept.frameworkOf(card);
          const otherCard = other.analyze(file)!.model as RateCardModel;
          const otherLink = other.frameworkOf(otherCard);
          assert.deepEqual(computeTotals(card, link.ok ? link.framework : undefined), computeTotals(otherCard, otherLink.ok ? otherLink.framework : undefined), `${label}: totals of ${path.basename(file)}`);
        }
      };
      for (let i = 0; i < 150; i++) {
        const file = files[Math.floor(next() * files.length)];
        const before = texts.get(file)!;
        texts.set(file, edit(before, kept.analyze(file)?.parsed ?? parseYaml(before), next));
        kept.setOverlay(file, texts.get(file)!);
        if (i % 25 === 24) compare(`${sample}, edit ${i}`);
      }
      compare(`${sample}, at the end`);
    }
  });
});
