/**
 * The rules' results kept between edits (server/src/core/rules/kept.ts) must be indistinguishable
 * from running the rules afresh: long random edit sequences of frameworks and their rate cards,
 * mostly typing in outcomes' titles (the edit the kept results serve) but also changing what the
 * rules judge, breaking and mending the YAML and editing the rate card, are checked after every
 * edit in a workspace that keeps results, as the language server does, and in a fresh workspace:
 * the findings, their messages, places, related places and (every few edits) their fixes agree.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Finding } from '../../server/src/core/findings';
import { checkFile } from '../../server/src/core/lint';
import { keptCounts } from '../../server/src/core/rules/kept';
import { Workspace, type WorkspaceHost } from '../../server/src/core/workspace';

/** A small deterministic random source, so a failure can be replayed from its seed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

/** What a person sees of a finding, every lazy part read except the fix (reading it runs the rules again). */
function seen(findings: Finding[]): unknown[] {
  return findings.map((f) => ({ ruleId: f.ruleId, severity: f.severity, message: f.message, file: f.file, span: { ...f.span }, related: f.related?.map((r) => ({ file: r.file, span: { ...r.span }, message: r.message })) }));
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .()-/';
/** Pasted into a title: words, and text that reads as another kind of value or as a mark of the runner's. */
const WORDS = ['kept', 'Sustained', '26 weeks', 'true', '12', 'null', 'x: y', '$& $1', '"quoted"', '\uE000', 'a#b'];

/** Typing in an outcome's title: a letter in, a letter out, a word pasted. */
function titleEdit(text: string, next: () => number): string {
  const titles = [...text.matchAll(/^ {4}title: (.+)$/gm)];
  if (titles.length === 0) return text;
  const match = titles[Math.floor(next() * titles.length)];
  const start = match.index! + '    title: '.length;
  const value = match[1];
  const at = start + 1 + Math.floor(next() * value.length);
  const kind = next();
  if (kind < 0.5) return text.slice(0, at) + LETTERS[Math.floor(next() * LETTERS.length)] + text.slice(at);
  if (kind < 0.8 && value.length > 2) return text.slice(0, at - 1) + text.slice(at);
  return text.slice(0, at) + WORDS[Math.floor(next() * WORDS.length)] + text.slice(at);
}

/** Changes the rules judge: a role, a stage, a domain, a link, a baseline, a price. */
const SWAPS: [RegExp, string][] = [
  [/role: payment/g, 'role: indicator'],
  [/role: indicator/g, 'role: payment'],
  [/stage: entry/g, 'stage: sustainment'],
  [/stage: sustainment/g, 'stage: entry'],
  [/domain: employment/g, 'domain: accommodation'],
  [/domain: accommodation/g, 'domain: employment'],
  [/requires: \[/g, 'excludes: ['],
  [/baseline: \{/g, 'baselines: {'],
  [/price: (\d)/g, 'price: 9$1'],
  [/maxClaims: \d+/g, 'maxClaims: 3'],
];

function swapEdit(text: string, next: () => number): string {
  const [pattern, replacement] = SWAPS[Math.floor(next() * SWAPS.length)];
  const matches = [...text.matchAll(pattern)];
  if (matches.length === 0) return text;
  const match = matches[Math.floor(next() * matches.length)];
  return text.slice(0, match.index!) + match[0].replace(new RegExp(pattern.source), replacement) + text.slice(match.index! + match[0].length);
}

/** A character typed, deleted or replaced anywhere (keys, line breaks, indicators included). */
function anyEdit(text: string, next: () => number): string {
  const typed = 'abcXYZ019 :#\'",[]{}-\n'[Math.floor(next() * 21)];
  const at = Math.floor(next() * (text.length + 1));
  const kind = next();
  if (kind < 0.4) return text.slice(0, at) + typed + text.slice(at);
  if (kind < 0.7) return text.slice(0, at) + text.slice(at + 1);
  return text.slice(0, at) + typed + text.slice(at + 1);
}

describe('the rules\' results kept between edits', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kept-rules-'));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  /** The benchmark's generated pairs (bench/generate.mjs), written to a temporary folder. */
  const generated = (folder: string, outcomes: number, heavy: boolean) => async () => {
    const { writePair } = await import('../../bench/generate.mjs');
    return path.dirname(writePair(path.join(tmp, folder), outcomes, { heavy }).framework);
  };
  const cases = [
    ...['care-leavers', 'perverse', 'pyramid', 'homelessness', 'pan-london-edge-of-care'].map((name) => ({ name, dir: async () => path.resolve('samples', name) })),
    // Errors of the format's checks in the framework all along (kept between title edits too).
    { name: 'perverse, naming an outcome it lacks', dir: async () => path.resolve('samples', 'perverse'), prepare: (text: string) => text.replace(/requires: \[/, 'requires: [zz-no-such-outcome, ') },
    { name: 'a finding-heavy 60-outcome framework', dir: generated('heavy-60', 60, true) },
    { name: 'a 100-outcome framework', dir: generated('plain-100', 100, false) },
  ];

  for (const { name, dir: folder, prepare } of cases as { name: string; dir: () => Promise<string>; prepare?: (text: string) => string }[]) {
    it(`give exactly a fresh check's findings after each of 120 random edits: ${name}`, async function () {
      this.timeout(120_000);
      const dir = await folder();
      const files = fs.readdirSync(dir).filter((f) => /\.(framework|ratecard)\.ya?ml$/.test(f)).map((f) => path.join(dir, f));
      const original = new Map(files.map((file) => [file, fs.readFileSync(file, 'utf8')]));
      if (prepare) for (const file of files.filter((f) => /\.framework\./.test(f))) original.set(file, prepare(original.get(file)!));
      const texts = new Map(original);
      const host: WorkspaceHost = { readFile: (file) => texts.get(file) ?? (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined) };
      // As the language server keeps one: the same workspace through every edit, the edited files as overlays.
      const kept = new Workspace(dir, host);
      kept.keepRuleResults = true;
      for (const file of files) kept.addKnownFile(file);
      const frameworks = files.filter((f) => /\.framework\./.test(f));
      const next = random(name.length * 7919 + 17);
      const before = { ...keptCounts };
      for (let i = 0; i < 120; i++) {
        const kind = next();
        const file = kind < 0.6 ? frameworks[Math.floor(next() * frameworks.length)] : files[Math.floor(next() * files.length)];
        const text = texts.get(file)!;
        const changed = kind < 0.6 ? titleEdit(text, next) : kind < 0.8 ? swapEdit(text, next) : kind < 0.95 ? anyEdit(text, next) : original.get(file)!;
        texts.set(file, changed);
        kept.setOverlay(file, changed);
        // Every file checked after every edit, as the server checks an edited framework and then its rate cards.
        const fresh = new Workspace(dir, host);
        for (const f of files) fresh.addKnownFile(f);
        const readFixes = next() < 0.2;
        for (const f of [file, ...files.filter((other) => other !== file)]) {
          const mine = checkFile(kept, f).findings;
          const theirs = checkFile(fresh, f).findings;
          assert.deepEqual(seen(mine), seen(theirs), `${name}, edit ${i} (${path.basename(file)}): findings of ${path.basename(f)}`);
          if (readFixes) {
            const fixes = (list: Finding[]) => list.map((x) => (x.fix ? { title: x.fix.title, edits: x.fix.edits, changesTerm: x.fix.changesTerm } : undefined));
            assert.deepEqual(fixes(mine), fixes(theirs), `${name}, edit ${i}: fixes of ${path.basename(f)}`);
          }
        }
      }
      // The kept results must really be used, or this test would prove nothing.
      const replayed = keptCounts.replayed - before.replayed;
      const ran = keptCounts.ran - before.ran;
      assert.ok(replayed > (replayed + ran) / 5, `only ${replayed} of ${replayed + ran} rule runs were kept results`);
    });
  }

  it('runs no rule when only an outcome\'s title changed, and names the outcome by its new title', () => {
    const dir = path.resolve('samples', 'perverse');
    const file = fs.readdirSync(dir).map((f) => path.join(dir, f)).find((f) => /\.framework\.ya?ml$/.test(f))!;
    let text = fs.readFileSync(file, 'utf8');
    const host: WorkspaceHost = { readFile: (f) => (f === file ? text : fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : undefined) };
    const workspace = new Workspace(dir, host);
    workspace.keepRuleResults = true;
    workspace.setOverlay(file, text);
    const first = checkFile(workspace, file).findings;
    const named = first.find((f) => /"[^"]+" \([a-z0-9-]+\)/.test(f.message));
    assert.ok(named, 'a finding names an outcome by its title');
    const [, title, id] = /"([^"]+)" \(([a-z0-9-]+)\)/.exec(named.message)!;
    const at = text.indexOf(`title: ${title}`);
    assert.ok(at >= 0, `the title ${title} is in the file`);
    text = text.slice(0, at) + `title: Renamed ${title}` + text.slice(at + `title: ${title}`.length);
    workspace.setOverlay(file, text);
    const before = { ...keptCounts };
    const second = checkFile(workspace, file).findings;
    assert.equal(keptCounts.ran - before.ran, 0, 'no rule ran');
    assert.equal(keptCounts.replayed - before.replayed, 1);
    assert.ok(second.some((f) => f.message.includes(`"Renamed ${title}" (${id})`)), 'the new title is in the message');
    assert.ok(!second.some((f) => f.message.includes(`"${title}" (${id})`)), 'the old title is not');
  });
});
