/**
 * The workspace's reverse index (framework → rate cards) against the obvious answer: analyse
 * every known file afresh and keep the rate cards whose `framework:` names the framework.
 * Random sequences of what happens in a session (files written and deleted on disk, editors
 * opened, edited and closed, files found and forgotten) must never make the two disagree, in
 * the CLI's mode (index on demand) and the language server's (indexed in the background).
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import fc from 'fast-check';
import { analyzeText, Workspace } from '../../server/src/core/workspace';

const root = path.resolve('/fund');
const frameworks = ['a/a.framework.yaml', 'b/b.framework.yaml', 'c/shared.framework.yaml'];
const cards = ['a/a.ratecard.yaml', 'b/b.ratecard.yaml', 'b/extra.ratecard.yaml', 'c/one.ratecard.yaml', 'c/two.ratecard.yaml', 'loose.ratecard.yaml'];
/** What a rate card may name, relative to its folder: each framework by several spellings, nothing, or a missing file. */
const references = ['../a/a.framework.yaml', '../b/b.framework.yaml', './shared.framework.yaml', 'shared.framework.yaml', 'a/a.framework.yaml', 'b.framework.yaml', 'missing.framework.yaml', null];

const frameworkText = (id: string) => `kind: OutcomeFramework\nschemaVersion: 1\nid: ${id}\ntitle: ${id}\ncurrency: GBP\noutcomes:\n  - id: started\n    title: Started\n`;
const cardText = (reference: string | null, broken: boolean) =>
  broken ? 'kind: RateCard\nframework: [unclosed\n' : `kind: RateCard\nschemaVersion: 1\nid: card\n${reference === null ? '' : `framework: ${reference}\n`}currency: GBP\nprices:\n  - outcome: started\n    price: 100\n`;

type Step =
  | { op: 'write'; card: number; reference: number; broken: boolean }
  | { op: 'delete'; card: number }
  | { op: 'overlay'; card: number; reference: number; broken: boolean }
  | { op: 'close'; card: number }
  | { op: 'forget'; card: number }
  | { op: 'find'; card: number }
  | { op: 'framework'; framework: number; exists: boolean };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant('write' as const), card: fc.nat(cards.length - 1), reference: fc.nat(references.length - 1), broken: fc.boolean() }),
  fc.record({ op: fc.constant('delete' as const), card: fc.nat(cards.length - 1) }),
  fc.record({ op: fc.constant('overlay' as const), card: fc.nat(cards.length - 1), reference: fc.nat(references.length - 1), broken: fc.boolean() }),
  fc.record({ op: fc.constant('close' as const), card: fc.nat(cards.length - 1) }),
  fc.record({ op: fc.constant('forget' as const), card: fc.nat(cards.length - 1) }),
  fc.record({ op: fc.constant('find' as const), card: fc.nat(cards.length - 1) }),
  fc.record({ op: fc.constant('framework' as const), framework: fc.nat(frameworks.length - 1), exists: fc.boolean() }),
);

/** The obvious answer: every known file analysed from its current text. */
function bruteForce(known: Set<string>, textOf: (file: string) => string | undefined, framework: string): string[] {
  const out: string[] = [];
  for (const file of known) {
    const text = textOf(file);
    if (text === undefined) continue;
    const model = analyzeText(file, text).model;
    if (model?.kind === 'RateCard' && model.framework && path.resolve(path.dirname(file), model.framework) === framework) out.push(file);
  }
  return out.sort();
}

function replay(steps: Step[], mode: 'cli' | 'server'): void {
  const disk = new Map<string, string>();
  const overlays = new Map<string, string>();
  const known = new Set<string>();
  const full = (name: string) => path.join(root, name);
  frameworks.forEach((name, i) => disk.set(full(name), frameworkText(`framework-${i}`)));
  cards.forEach((name, i) => disk.set(full(name), cardText(references[i % references.length], false)));
  const workspace = new Workspace(root, { readFile: (file) => disk.get(path.resolve(file)) });
  if (mode === 'server') workspace.indexOnDemand = false;
  for (const name of [...frameworks, ...cards]) {
    workspace.addKnownFile(full(name));
    known.add(full(name));
  }
  const textOf = (file: string) => overlays.get(file) ?? disk.get(file);
  const compare = (when: string) => {
    // The language server indexes every file it is told of in the background before relying on the index.
    if (mode === 'server') for (const file of workspace.unindexedFiles()) workspace.analyze(file);
    for (const name of frameworks) {
      const framework = full(name);
      const indexed = workspace.rateCardsUsing(framework).map((m) => m.file);
      assert.deepEqual(indexed, bruteForce(known, textOf, framework), `${when}: rate cards of ${name}`);
    }
  };
  compare('at the start');
  for (const [i, s] of steps.entries()) {
    if (s.op === 'framework') {
      const file = full(frameworks[s.framework]);
      if (s.exists) disk.set(file, frameworkText(`again-${i}`));
      else disk.delete(file);
      workspace.invalidate(file);
    } else {
      const file = full(cards[s.card]);
      if (s.op === 'write') {
        disk.set(file, cardText(references[s.reference], s.broken));
        workspace.invalidate(file); // what the file watcher tells the server; the CLI's files do not change
      } else if (s.op === 'delete') {
        disk.delete(file);
        if (overlays.has(file)) workspace.invalidate(file);
        else {
          workspace.removeKnownFile(file);
          known.delete(file);
        }
      } else if (s.op === 'overlay') {
        overlays.set(file, cardText(references[s.reference], s.broken));
        workspace.setOverlay(file, overlays.get(file)!);
        known.add(file);
      } else if (s.op === 'close') {
        if (overlays.delete(file)) workspace.clearOverlay(file);
      } else if (s.op === 'forget') {
        if (!overlays.has(file)) {
          workspace.removeKnownFile(file);
          known.delete(file);
        }
      } else if (s.op === 'find') {
        if (disk.has(file) || overlays.has(file)) {
          workspace.addKnownFile(file);
          known.add(file);
        }
      }
    }
    compare(`after step ${i} (${JSON.stringify(s)})`);
  }
}

describe('workspace: reverse index of rate cards', () => {
  it('agrees with analysing every known file afresh, in the CLI mode (index on demand)', () => {
    fc.assert(fc.property(fc.array(step, { maxLength: 40 }), (steps) => replay(steps, 'cli')), { numRuns: 150, seed: 1313 });
  });

  it('agrees with analysing every known file afresh once the server has indexed in the background', () => {
    fc.assert(fc.property(fc.array(step, { maxLength: 40 }), (steps) => replay(steps, 'server')), { numRuns: 150, seed: 4242 });
  });

  it('reads each file of a repository once per run when the disk does not change (the CLI)', () => {
    const disk = new Map<string, string>();
    const reads = new Map<string, number>();
    for (let i = 0; i < 50; i++) {
      disk.set(path.join(root, `p${i}`, 'x.framework.yaml'), frameworkText(`p${i}`));
      disk.set(path.join(root, `p${i}`, 'x.ratecard.yaml'), cardText('x.framework.yaml', false));
    }
    const host = { readFile: (file: string) => (reads.set(file, (reads.get(file) ?? 0) + 1), disk.get(path.resolve(file))) };
    const workspace = new Workspace(root, host, { unchangingDisk: true });
    for (const file of disk.keys()) workspace.addKnownFile(file);
    for (const file of disk.keys()) {
      const model = workspace.analyze(file)!.model!;
      if (model.kind === 'OutcomeFramework') assert.deepEqual(workspace.rateCardsUsing(file).map((m) => m.file), [path.join(path.dirname(file), 'x.ratecard.yaml')]);
      else assert.equal(workspace.frameworkOf(model).ok, true);
    }
    assert.deepEqual([...new Set(reads.values())], [1], 'every file read exactly once');
    assert.equal(reads.size, 100);
  });
});
