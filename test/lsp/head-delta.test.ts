/**
 * The rate card against git's HEAD in the editor, through the built server over stdio: the lens
 * after an edit, the preview's HEAD-and-now rows and the what-if request; HEAD read without
 * touching the working tree, only when the client says the workspace is trusted, nothing
 * outside a git repository.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeLens } from 'vscode-languageserver-protocol';
import { commitAll, copyInto, git, tempRepo } from '../support/git';
import { compactMoney } from '../../server/src/lsp/head-delta';
import { renderHead, renderWhatIf } from '../../client/src/preview/render';
import type { TotalsView, WhatIfView } from '../../server/src/protocol';
import { LspClient, repoRoot } from './client';

const care = path.join(repoRoot, 'test/fixtures/totals/care');

describe('language server: totals against git HEAD', function () {
  this.timeout(30000);
  let repo: string;
  let client: LspClient | undefined;

  beforeEach(() => {
    repo = tempRepo();
    copyInto(care, path.join(repo, 'care'));
    commitAll(repo, 'As approved');
  });

  afterEach(async () => {
    await client?.stop();
    client = undefined;
    fs.rmSync(repo, { recursive: true, force: true });
  });

  async function start(root: string, trusted: boolean): Promise<{ client: LspClient; uri: string; lenses: () => Promise<string[]> }> {
    client = new LspClient(root, { initializationOptions: { gitBase: trusted } });
    await client.initialize();
    const c = client;
    const uri = c.open(path.join(root, 'care/care.ratecard.yaml'));
    await c.currentDiagnostics(uri);
    const lenses = async () => (await c.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } })).map((l) => l.command!.title);
    return { client: c, uri, lenses };
  }

  it('shows the change against HEAD in a lens after an edit, and HEAD beside now in the preview', async () => {
    const { client: c, uri, lenses } = await start(repo, true);
    assert.equal((await lenses()).filter((t) => /HEAD/.test(t)).length, 0, 'nothing differs from HEAD yet');
    const status = git(repo, 'status', '--porcelain');
    c.replace(uri, '  - outcome: level-1-qualification\n    price: 1200', '  - outcome: level-1-qualification\n    price: 1500');
    await c.currentDiagnostics(uri);
    // 240 people × £300 more: £1,028,000 → £1,100,000.
    assert.ok((await lenses()).includes('Maximum liability £1.1m, +£72k · Expected £343k, +£9k vs HEAD'), JSON.stringify(await lenses()));
    const totals = await c.request<{ head: { status: string; rows: { figure: string; head: string; now: string; change: string }[] } }>('outcomes/totals', { uri });
    assert.equal(totals.head.status, 'changed');
    assert.deepEqual(totals.head.rows[0], { figure: 'Maximum liability', head: '£1,028,000.00', now: '£1,100,000.00', change: '+£72,000.00' });
    assert.deepEqual(totals.head.rows[2], { figure: 'Deadweight', head: '£70,000.00', now: '£70,000.00', change: 'no change' });
    assert.equal(git(repo, 'status', '--porcelain'), status, 'the working tree is as it was');
  });

  it('counts a change to the framework, and a rate card not yet committed', async () => {
    const { client: c, uri, lenses } = await start(repo, true);
    const frameworkFile = path.join(repo, 'care/care.framework.yaml');
    const frameworkUri = c.open(frameworkFile);
    c.replace(frameworkUri, '    size: 40', '    size: 50');
    await c.currentDiagnostics(frameworkUri);
    await c.currentDiagnostics(uri);
    assert.ok((await lenses()).some((t) => /^Maximum liability £1\.08m, \+£47k vs HEAD$/.test(t)), JSON.stringify(await lenses()));
    const fresh = path.join(repo, 'care/new.ratecard.yaml');
    fs.writeFileSync(fresh, fs.readFileSync(path.join(care, 'care.ratecard.yaml'), 'utf8').replace('care-leavers-2017', 'new-card'));
    const newUri = c.open(fresh);
    await c.currentDiagnostics(newUri);
    const titles = (await c.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: newUri } })).map((l) => l.command!.title);
    assert.ok(titles.includes('New since HEAD: not in the last commit'), JSON.stringify(titles));
    // A rate card git ignores (a scratch copy) is no part of the history: no HEAD lens at all.
    fs.writeFileSync(path.join(repo, '.gitignore'), 'scratch/\n');
    fs.mkdirSync(path.join(repo, 'scratch'));
    const scratch = path.join(repo, 'scratch/care.ratecard.yaml');
    fs.writeFileSync(scratch, fs.readFileSync(path.join(care, 'care.ratecard.yaml'), 'utf8').replace('care-leavers-2017', 'scratch-card').replace('framework: care.framework.yaml', 'framework: ../care/care.framework.yaml'));
    const scratchUri = c.open(scratch);
    await c.currentDiagnostics(scratchUri);
    const scratchTitles = (await c.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: scratchUri } })).map((l) => l.command!.title);
    assert.ok(scratchTitles.some((t) => /^Max per participant/.test(t)), JSON.stringify(scratchTitles));
    assert.ok(!scratchTitles.some((t) => /HEAD/.test(t)), JSON.stringify(scratchTitles));
  });

  it('follows a commit made while the editor is open: the lens then compares with the new HEAD', async () => {
    const { client: c, uri, lenses } = await start(repo, true);
    const card = path.join(repo, 'care/care.ratecard.yaml');
    const edited = fs.readFileSync(card, 'utf8').replace('    price: 1200', '    price: 1500');
    c.replace(uri, '    price: 1200', '    price: 1500');
    await c.currentDiagnostics(uri);
    assert.ok((await lenses()).some((t) => /vs HEAD$/.test(t)));
    fs.writeFileSync(card, edited);
    commitAll(repo, 'The raise, approved');
    const started = Date.now();
    let titles: string[] = [];
    while (Date.now() - started < 15000) {
      titles = await lenses();
      if (!titles.some((t) => /HEAD/.test(t))) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.ok(!titles.some((t) => /HEAD/.test(t)), `still compared with the old HEAD: ${JSON.stringify(titles)}`);
    assert.ok(c.refreshes.includes('codeLens'));
  });

  it('compares nothing until the workspace is trusted, then does', async () => {
    const { client: c, uri, lenses } = await start(repo, false);
    c.replace(uri, '    price: 1200', '    price: 1500');
    await c.currentDiagnostics(uri);
    assert.ok(!(await lenses()).some((t) => /HEAD/.test(t)));
    const totals = await c.request<{ head: unknown }>('outcomes/totals', { uri });
    assert.equal(totals.head, null);
    await c.connection.sendNotification('outcomes/setGitBase', { enabled: true });
    await c.until('a lens against HEAD', () => c.refreshes.includes('codeLens'));
    assert.ok((await lenses()).some((t) => /\+£72k/.test(t) && /vs HEAD$/.test(t)));
  });

  it('shows nothing about HEAD outside a git repository', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'outcomes-nogit-'));
    try {
      copyInto(care, path.join(outside, 'care'));
      process.env.GIT_CEILING_DIRECTORIES = path.dirname(outside);
      const { client: c, uri, lenses } = await start(outside, true);
      c.replace(uri, '    price: 1200', '    price: 1500');
      await c.currentDiagnostics(uri);
      assert.ok(!(await lenses()).some((t) => /HEAD/.test(t)));
      assert.equal((await c.request<{ head: unknown }>('outcomes/totals', { uri })).head, null);
    } finally {
      delete process.env.GIT_CEILING_DIRECTORIES;
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('answers the preview\'s what-if: the wholes scaled, where the cap binds, outcomes ranked', async () => {
    const { client: c, uri } = await start(repo, true);
    const answer = await c.request<{ rows: { figure: string; value: string }[]; capBinds: string; sensitivity: { outcome: string; moves: string; fraction: number }[]; tried: number; outcomes: number }>('outcomes/whatIf', { uri, achievement: '1.2' });
    assert.deepEqual(answer.rows[1], { figure: 'Expected payments', value: '£400,812.00' });
    assert.match(answer.capBinds, /No caps\.total/);
    assert.deepEqual(answer.sensitivity.map((s) => [s.outcome, s.moves]).slice(0, 2), [['accommodation-sustained-26w', '+£19,200.00'], ['accommodation-entry', '+£14,400.00']]);
    assert.equal(answer.sensitivity[0].fraction, 1);
    assert.deepEqual([answer.tried, answer.outcomes], [4, 4], 'every outcome tried on a small card');
  });

  it('the preview draws HEAD beside now and the what-if from the server\'s answers, file text escaped', async () => {
    const frameworkFile = path.join(repo, 'care/care.framework.yaml');
    fs.writeFileSync(frameworkFile, fs.readFileSync(frameworkFile, 'utf8').replace('title: Moved into stable accommodation', 'title: "Moved <img src=x onerror=alert(1)> in"'));
    const { client: c, uri } = await start(repo, true);
    c.replace(uri, '    price: 1200', '    price: 1500');
    await c.currentDiagnostics(uri);
    const totals = await c.request<TotalsView>('outcomes/totals', { uri });
    const head = renderHead(totals.head);
    assert.match(head, /<th class="num">HEAD<\/th><th class="num">Now<\/th>/);
    assert.match(head, /<td>Maximum liability<\/td><td class="num">£1,028,000\.00<\/td><td class="num">£1,100,000\.00<\/td><td class="num change">\+£72,000\.00<\/td>/);
    assert.match(head, /rate card and framework edited/);
    const whatIf = await c.request<WhatIfView>('outcomes/whatIf', { uri, achievement: '0.5', participants: '2' });
    const html = renderWhatIf(whatIf, { achievement: '0.5', participants: '2' });
    assert.match(html, /What if: achievement × 0\.5, participants × 2/);
    assert.match(html, /id="what-if-achievement" type="number" min="0" step="0\.05" value="0\.5"/);
    assert.match(html, /<rect [^>]*><title>Moved &lt;img src=x onerror=alert\(1\)&gt; in \(accommodation-entry\)/);
    assert.doesNotMatch(html, /<img/);
    assert.equal(renderHead(null), '');
  });

  it('words amounts for a lens in millions and thousands, rounded halves up', () => {
    const gbp = (pounds: number) => compactMoney(Math.round(pounds * 100), 'GBP', 2);
    assert.deepEqual([gbp(2_370_000), gbp(2_250_000), gbp(1_075_000), gbp(120_000), gbp(9_000), gbp(1_550), gbp(999.5), gbp(-40_000)], ['£2.37m', '£2.25m', '£1.08m', '£120k', '£9k', '£1.6k', '£999.50', '-£40k']);
    assert.equal(compactMoney(1_500_000, 'JPY', 0), '¥1.5m');
  });
});
