/**
 * The server's shortcuts (files indexed in the background, the files an edit affects worked out
 * one at a time, stale runs abandoned, URIs remembered) against a full fresh check: after random
 * edits, what the editor shows must be what a server started on the final text shows, and what
 * the CLI reports.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic, PublishDiagnosticsParams, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { LspClient, repoRoot, tempWorkspace, uriOf } from './client';

const sample = (name: string) => fs.readFileSync(path.join(repoRoot, 'samples', name), 'utf8');
const perverseFramework = sample('perverse/perverse.framework.yaml');
/** A rate card that prices any-qualification for young people only: then the framework's missing young-parents baseline does not matter. */
const perverseCard = sample('perverse/perverse.ratecard.yaml').replace('  - outcome: any-qualification\n', '  - outcome: any-qualification\n    cohorts: [young-people]\n');

/** Waits until the server has published nothing for `quiet` ms. */
async function settle(client: LspClient, quiet = 400): Promise<void> {
  for (;;) {
    const count = client.published.length;
    await new Promise((r) => setTimeout(r, quiet));
    if (client.published.length === count) return;
  }
}

/** The latest diagnostics of every file, by path relative to the root, URIs in them made relative too. */
function shown(client: LspClient, root: string): Record<string, unknown> {
  const rootUri = uriOf(root);
  const latest = new Map<string, PublishDiagnosticsParams>();
  for (const p of client.published) latest.set(p.uri, p);
  const out: Record<string, unknown> = {};
  for (const [uri, p] of [...latest].sort(([a], [b]) => a.localeCompare(b))) out[uri.replace(rootUri, '')] = JSON.parse(JSON.stringify(p.diagnostics).split(rootUri).join('<root>'));
  return out;
}

/** A small seeded generator, so that a failure replays. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('language server: incremental checks agree with a fresh check', () => {
  const roots: string[] = [];
  const clients: LspClient[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.stop();
    for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
  });

  /** A workspace of `files` with the perverse framework and rate card open, both checked once (debounce 0). */
  async function openPerverse(files: Record<string, string>): Promise<{ root: string; client: LspClient; framework: string; card: string }> {
    const root = tempWorkspace(files);
    roots.push(root);
    const client = new LspClient(root, { initializationOptions: { debounceMs: 0 } });
    clients.push(client);
    await client.initialize();
    const framework = client.open(path.join(root, 'fund/perverse.framework.yaml'));
    const card = client.open(path.join(root, 'fund/perverse.ratecard.yaml'));
    await client.currentDiagnostics(framework);
    await client.currentDiagnostics(card);
    return { root, client, framework, card };
  }

  it('checks a framework opened in a large workspace at once, then again with its rate cards once they are indexed', async function () {
    this.timeout(60_000);
    const files: Record<string, string> = {
      'fund/perverse.framework.yaml': perverseFramework,
      'fund/perverse.ratecard.yaml': perverseCard,
      // Names that do not say which is the rate card: the framework may be checked before its rate card is indexed.
      'odd/plan.yaml': perverseFramework,
      'odd/prices.yaml': perverseCard.replace('framework: perverse.framework.yaml', 'framework: plan.yaml'),
    };
    for (let i = 0; i < 40; i++) {
      files[`project-${i}/care-leavers.framework.yaml`] = sample('care-leavers/care-leavers.framework.yaml');
      files[`project-${i}/care-leavers.ratecard.yaml`] = sample('care-leavers/care-leavers.ratecard.yaml');
    }
    const root = tempWorkspace(files);
    roots.push(root);
    const framework = path.join(root, 'fund/perverse.framework.yaml');
    const client = new LspClient(root, { initializationOptions: { debounceMs: 0 } });
    clients.push(client);
    await client.initialize();
    const uri = client.open(framework);
    await client.currentDiagnostics(uri);
    // What the CLI reports for the frameworks, their rate cards read.
    const cli = spawnSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), '--format', 'json', path.join(root, 'fund'), path.join(root, 'odd')], { cwd: root, encoding: 'utf8' });
    const reported = JSON.parse(cli.stdout) as { filePath: string; messages: { ruleId: string; line: number; column: number; message: string }[] }[];
    const asCli = (d: Diagnostic) => `${d.code} ${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.message)}`;
    await settle(client);
    for (const name of ['fund/perverse.framework.yaml', 'odd/plan.yaml']) {
      const expected = reported.find((r) => r.filePath.endsWith(name))!.messages;
      assert.ok(expected.length > 3 && !expected.some((m) => m.ruleId === 'no-baseline' && /any-qualification/.test(m.message)), 'the rate card restricts any-qualification to young people');
      const want = expected.map((m) => `${m.ruleId} ${m.line}:${m.column} ${m.message}`).sort();
      assert.deepEqual(client.latest(uriOf(path.join(root, name)))!.diagnostics.map(asCli).sort(), want, name);
    }
  });

  it('renames across the rate cards on disk even before the background checks have read them', async function () {
    this.timeout(60_000);
    const files: Record<string, string> = { 'fund/perverse.framework.yaml': perverseFramework, 'fund/perverse.ratecard.yaml': perverseCard };
    for (let i = 0; i < 40; i++) {
      files[`project-${i}/care-leavers.framework.yaml`] = sample('care-leavers/care-leavers.framework.yaml');
      files[`project-${i}/care-leavers.ratecard.yaml`] = sample('care-leavers/care-leavers.ratecard.yaml');
    }
    const root = tempWorkspace(files);
    roots.push(root);
    const client = new LspClient(root);
    clients.push(client);
    await client.initialize();
    const uri = client.open(path.join(root, 'fund/perverse.framework.yaml'));
    await client.currentDiagnostics(uri);
    const text = client.textOf(uri);
    const at = text.indexOf('id: any-qualification') + 'id: '.length;
    const lines = text.slice(0, at).split('\n');
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: { line: lines.length - 1, character: lines[lines.length - 1].length }, newName: 'any-certificate' });
    const cardEdits = edit.changes?.[uriOf(path.join(root, 'fund/perverse.ratecard.yaml'))] ?? [];
    // The price line, the achievement share and the claims per achiever.
    assert.equal(cardEdits.length, 3, JSON.stringify(edit.changes));
  });

  for (const seed of [13, 2026]) {
    it(`shows after random edits what a fresh server shows for the final text (seed ${seed})`, async function () {
      this.timeout(60_000);
      const files = {
        'fund/perverse.framework.yaml': perverseFramework,
        'fund/perverse.ratecard.yaml': perverseCard,
        'other/care-leavers.framework.yaml': sample('care-leavers/care-leavers.framework.yaml'),
        'other/care-leavers.ratecard.yaml': sample('care-leavers/care-leavers.ratecard.yaml'),
      };
      const { root, client, framework, card } = await openPerverse(files);
      const next = random(seed);
      const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)];
      // Edits that change what the checks see: ids, prices, caps, links, cohorts, and plain typing anywhere.
      const meaningful: [string, string, string][] = [
        [framework, 'id: any-qualification', 'id: any-qualifications'],
        [framework, 'id: any-qualifications', 'id: any-qualification'],
        [framework, 'baseline: { young-people: 0.2 }', 'baseline: { young-people: 0.2, young-parents: 0.1 }'],
        [framework, 'young-parents: 0.1 }', '}'],
        [framework, 'stage: entry', 'stage: sustainment'],
        [card, 'cohorts: [young-people]', 'cohorts: [young-people, young-parents]'],
        [card, 'cohorts: [young-people, young-parents]', 'cohorts: [young-people]'],
        [card, 'framework: perverse.framework.yaml', 'framework: ../other/care-leavers.framework.yaml'],
        [card, 'framework: ../other/care-leavers.framework.yaml', 'framework: perverse.framework.yaml'],
        [card, 'price: 800', 'price: 8000'],
        [card, 'price: 8000', 'price: 800'],
        [card, 'maxClaims: 3', 'maxClaims: 1'],
      ];
      for (let i = 0; i < 40; i++) {
        const uri = pick([framework, card]);
        const text = client.textOf(uri);
        const candidates = meaningful.filter(([u, from]) => u === uri && text.includes(from));
        if (candidates.length && next() < 0.6) {
          const [, from, to] = pick(candidates);
          client.replace(uri, from, to);
        } else {
          // Typing: a character inserted or deleted somewhere, sometimes breaking the YAML.
          const at = Math.floor(next() * text.length);
          const lines = text.slice(0, at).split('\n');
          const start = { line: lines.length - 1, character: lines[lines.length - 1].length };
          const remove = next() < 0.5 && text[at] !== '\n' && at < text.length ? 1 : 0;
          client.edit(uri, [{ range: { start, end: { line: start.line, character: start.character + remove } }, newText: remove ? '' : pick(['a', '1', ' ', ':', '-', '#']) }]);
        }
        // Sometimes wait for the check, sometimes type on, so that runs go stale.
        if (next() < 0.4) await client.currentDiagnostics(uri);
      }
      await client.currentDiagnostics(framework);
      await client.currentDiagnostics(card);
      await settle(client);

      // A fresh server on the final texts, saved to disk, opened as before.
      const finalFiles = { ...files, 'fund/perverse.framework.yaml': client.textOf(framework), 'fund/perverse.ratecard.yaml': client.textOf(card) };
      const { root: freshRoot, client: fresh } = await openPerverse(finalFiles);
      await settle(fresh);
      assert.deepEqual(shown(client, root), shown(fresh, freshRoot));
    });
  }

  it('gives, while titles are typed, what a fresh server gives: diagnostics and the quick fixes of the whole file', async function () {
    // Typing in titles is where the server gives its kept rule results (core/rules/kept.ts):
    // checked against a fresh server every 15 edits, mixed with edits that make the rules run again.
    this.timeout(90_000);
    const files = { 'fund/perverse.framework.yaml': perverseFramework, 'fund/perverse.ratecard.yaml': perverseCard };
    const { root, client, framework, card } = await openPerverse(files);
    const next = random(77);
    const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)];
    const fixesOf = async (c: LspClient, uri: string) => {
      const text = c.textOf(uri);
      const end = text.split('\n').length;
      const actions = await c.request<{ title: string; edit?: WorkspaceEdit }[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: end, character: 0 } }, context: { diagnostics: c.latest(uri)?.diagnostics ?? [] } });
      return JSON.parse(JSON.stringify(actions).split(uriOf(c.root)).join('<root>'));
    };
    let titled = 0;
    for (let i = 1; i <= 45; i++) {
      const text = client.textOf(framework);
      if (next() < 0.9) {
        // A letter typed in a title, or one taken out.
        // Mostly the titles the diagnostics name (`"Title" (id)`), whose messages must follow the edit.
        const named = new Set((client.latest(framework)?.diagnostics ?? []).flatMap((d) => [...String(d.message).matchAll(/"([^"]+)" \(/g)].map((m) => m[1])));
        const titles = [...text.matchAll(/^ {4}title: (.+)$/gm)];
        const namedTitles = titles.filter((m) => named.has(m[1]));
        const match = pick(namedTitles.length && next() < 0.8 ? namedTitles : titles);
        const at = match.index! + '    title: '.length + 1 + Math.floor(next() * (match[1].length - 1));
        const lines = text.slice(0, at).split('\n');
        const start = { line: lines.length - 1, character: lines[lines.length - 1].length };
        const remove = next() < 0.3 && match[1].length > 3 ? 1 : 0;
        client.edit(framework, [{ range: { start, end: { line: start.line, character: start.character + remove } }, newText: remove ? '' : pick(['a', 'Z', ' ', '2', '-']) }]);
        titled++;
      } else if (text.includes('stage: entry')) client.replace(framework, 'stage: entry', 'stage: sustainment');
      else client.replace(framework, 'stage: sustainment', 'stage: entry');
      if (next() < 0.7) await client.currentDiagnostics(framework);
      if (i % 15 !== 0) continue;
      await client.currentDiagnostics(framework);
      await client.currentDiagnostics(card);
      await settle(client);
      const { root: freshRoot, client: fresh, framework: freshFramework } = await openPerverse({ ...files, 'fund/perverse.framework.yaml': client.textOf(framework) });
      await settle(fresh);
      assert.deepEqual(shown(client, root), shown(fresh, freshRoot), `after edit ${i}`);
      const mine = await fixesOf(client, framework);
      assert.ok(mine.length > 0, 'the framework has quick fixes to compare');
      assert.deepEqual(mine, await fixesOf(fresh, freshFramework), `quick fixes after edit ${i}`);
      await fresh.stop();
      clients.splice(clients.indexOf(fresh), 1);
    }
    assert.ok(titled > 25);
  });
});
