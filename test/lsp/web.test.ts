/**
 * The browser server (dist/server-web.js, as vscode.dev and github.dev run it) in a worker,
 * over the real LSP client, with the workspace served through the client under github.dev's
 * `vscode-vfs:` URIs: it finds, reads and checks the files as the CLI does on disk.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeLens, Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { runCli } from '../support/cli';
import { LspClient, repoRoot, tempWorkspace } from './client';
import { WebFolder } from './web-server';

const ROOT_URI = 'vscode-vfs://github/council/rate-cards';

interface CliMessage {
  ruleId: string;
  severity: string;
  line: number;
  column: number;
  message: string;
}

/** The CLI's findings over a folder, by path relative to it. */
function cliFindings(root: string): Map<string, CliMessage[]> {
  const run = runCli(['.', '--format', 'json'], { cwd: root });
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  const out = new Map<string, CliMessage[]>();
  for (const entry of JSON.parse(run.stdout) as { filePath: string; messages: CliMessage[] }[]) out.set(path.relative(root, path.resolve(root, entry.filePath)), entry.messages);
  return out;
}

const severityName = ['', 'error', 'warning', 'info', 'hint'];
const shape = (d: Diagnostic) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${severityName[d.severity ?? 0]} ${d.code} ${d.message}`;
const cliShape = (m: CliMessage) => `${m.line}:${m.column} ${m.severity} ${m.ruleId} ${m.message}`;

function copySamples(): string {
  const root = tempWorkspace({});
  fs.cpSync(path.join(repoRoot, 'samples'), root, { recursive: true });
  return root;
}

describe('language server in the browser (web worker, files through the client)', function () {
  this.timeout(60_000);
  let root: string;
  let web: WebFolder;
  let client: LspClient;

  afterEach(async () => {
    await client?.stop();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  async function start(files?: Record<string, string>): Promise<void> {
    root = files ? tempWorkspace(files) : copySamples();
    web = new WebFolder(root, ROOT_URI);
    client = new LspClient(root, { web, initializationOptions: { extensionUri: 'https://example.invalid/extension' } });
    await client.initialize();
  }

  it('finds every sample through the client and reports, unopened, exactly what the CLI reports', async () => {
    await start();
    const expected = cliFindings(root);
    const files = [...expected.keys()].filter((f) => /\.(framework|ratecard)\.ya?ml$/.test(f));
    assert.ok(files.length >= 6, `samples: ${files.join(', ')}`);
    const uris = new Map(files.map((f) => [f, web.uriOf(path.join(root, f))]));
    await client.until('diagnostics for every sample', () => files.every((f) => client.latest(uris.get(f)!)), 40_000);
    for (const file of files) {
      const got = client.latest(uris.get(file)!)!.diagnostics.map(shape).sort();
      const want = expected.get(file)!.map(cliShape).sort();
      assert.deepEqual(got, want, file);
    }
  });

  it('checks an open rate card as the CLI does, links its rules to the pages in the bundle, and hovers them', async () => {
    await start();
    const hasPage = (m: CliMessage) => fs.existsSync(path.join(repoRoot, 'docs', 'rules', `${m.ruleId}.md`));
    // A rate card whose findings include a rule with a page, and that depends on its framework.
    const found = [...cliFindings(root)].find(([f, m]) => f.endsWith('.ratecard.yaml') && m.some(hasPage));
    assert.ok(found, 'a rate card with a finding of a rule that has a page');
    const [file, messages] = found;
    const uri = client.openUri(web.uriOf(path.join(root, file)), fs.readFileSync(path.join(root, file), 'utf8'));
    const diagnostics = await client.diagnostics(uri, (d) => d.length === messages.length, 20_000);
    assert.deepEqual(diagnostics.map(shape).sort(), messages.map(cliShape).sort());
    const rule = messages.find(hasPage)!;
    const diagnostic = diagnostics.find((d) => d.code === rule.ruleId)!;
    assert.equal(diagnostic.codeDescription?.href, `https://example.invalid/extension/docs/rules/${rule.ruleId}.md`);
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: diagnostic.range.start });
    const text = JSON.stringify(hover?.contents ?? '');
    const page = fs.readFileSync(path.join(repoRoot, 'docs', 'rules', `${rule.ruleId}.md`), 'utf8');
    const headline = /^#\s+(?:`[^`]+`:?\s*)?(.+)$/m.exec(page)![1].trim().slice(1, 30);
    assert.ok(text.includes(headline), `hover ${text.slice(0, 400)} should quote the page's headline "${headline}"`);
  });

  it('shows a rate card\'s totals lens and preview figures as the CLI computes them, and says HEAD is not compared, and why', async () => {
    await start();
    const card = 'care-leavers/care-leavers.ratecard.yaml';
    assert.ok(fs.existsSync(path.join(root, card)), card);
    const totals = JSON.parse(runCli(['totals', card, '--format', 'json'], { cwd: root }).stdout);
    const cli = Array.isArray(totals) ? totals[0] : totals;
    const uri = client.openUri(web.uriOf(path.join(root, card)), fs.readFileSync(path.join(root, card), 'utf8'));
    await client.diagnostics(uri, () => true, 20_000);
    const view = await client.request<{ digits: number; maximumLiability: number | null; expected: number | null; head?: { status: string; reason?: string } | null }>('outcomes/totals', { uri });
    const major = (minor: number | null) => (minor === null ? null : (minor / 10 ** view.digits).toFixed(view.digits));
    assert.equal(major(view.maximumLiability), cli.maximumLiability);
    assert.equal(major(view.expected), cli.expected);
    assert.equal(view.head?.status, 'unavailable');
    assert.match(view.head?.reason ?? '', /no git/);
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.ok(titles.some((t) => /Maximum liability/.test(t)), titles.join(' | '));
    const head = lenses.find((l) => /vs HEAD/.test(l.command?.title ?? ''));
    assert.match(head?.command?.tooltip ?? '', /browser has no git/);
  });

  it('honours .gitignore and .outcomes-lintignore as the CLI does, and refuses a file too large with its size', async () => {
    const framework = fs.readFileSync(path.join(repoRoot, 'samples', 'care-leavers', 'care-leavers.framework.yaml'), 'utf8');
    await start({
      'live/care.framework.yaml': framework,
      'drafts/care.framework.yaml': framework,
      'archive/old.framework.yaml': framework,
      'archive/keep/kept.framework.yaml': framework,
      '.gitignore': 'drafts/\n',
      '.outcomes-lintignore': 'archive/*\n!archive/keep/\n',
      'huge.framework.yaml': `kind: OutcomeFramework\n# ${'x'.repeat(21 * 1024 * 1024)}\n`,
    });
    const cli = runCli(['.', '--format', 'json'], { cwd: root });
    const cliFiles = (JSON.parse(cli.stdout) as { filePath: string }[]).map((e) => path.relative(root, path.resolve(root, e.filePath)).split(path.sep).join('/')).sort();
    const checked = () => client.published.map((p) => p.uri.slice(ROOT_URI.length + 1)).filter((f, i, all) => all.indexOf(f) === i).sort();
    await client.until('every file the CLI checks', () => cliFiles.every((f) => checked().includes(f)), 30_000);
    await client.next(500);
    assert.deepEqual(checked(), cliFiles);
    const huge = client.latest(`${ROOT_URI}/huge.framework.yaml`)!.diagnostics;
    const cliHuge = (JSON.parse(cli.stdout) as { filePath: string; messages: CliMessage[] }[]).find((e) => e.filePath.endsWith('huge.framework.yaml'))!.messages;
    assert.deepEqual(huge.map((d) => d.message), cliHuge.map((m) => m.message));
    assert.match(String(huge[0]?.message), /Outcome Frameworks checks files of up to 5 MB/);
  });

  it('reads on demand what the scan skipped: a framework in an ignored folder, a config and the file it extends', async () => {
    const sample = (name: string) => fs.readFileSync(path.join(repoRoot, 'samples', 'perverse', name), 'utf8');
    await start({
      '.gitignore': 'drafts/\n',
      'drafts/perverse.framework.yaml': sample('perverse.framework.yaml'),
      'cards/perverse.ratecard.yaml': sample('perverse.ratecard.yaml').replace(/^framework: .*$/m, 'framework: ../drafts/perverse.framework.yaml'),
      'cards/.outcomes-lint.yaml': 'extends: ../shared/base-rules.yaml\n',
      'shared/base-rules.yaml': 'rules:\n  high-deadweight: "off"\n',
    });
    const card = 'cards/perverse.ratecard.yaml';
    const run = runCli([card, '--format', 'json'], { cwd: root });
    const want = (JSON.parse(run.stdout) as { messages: CliMessage[] }[])[0].messages;
    assert.ok(want.some((m) => m.ruleId === 'front-loaded-chain'), 'the CLI judges the card against its framework');
    assert.ok(!want.some((m) => m.ruleId === 'high-deadweight'), 'the extended config turns high-deadweight off');
    const uri = client.openUri(web.uriOf(path.join(root, card)), fs.readFileSync(path.join(root, card), 'utf8'));
    const got = await client.diagnostics(uri, (d) => d.length === want.length, 20_000).catch(() => client.latest(uri)?.diagnostics ?? []);
    assert.deepEqual(got.map(shape).sort(), want.map(cliShape).sort());
  });
});
