/**
 * The payment preview's content and CSV, from totals the built server really returns: the
 * client renders them; these tests read what an analyst would see.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderPage, renderTotals } from '../../client/src/preview/render';
import type { TotalsView } from '../../server/src/protocol';
import { runCli } from '../support/cli';
import { fixture, LspClient, tempWorkspace } from './client';

describe('payment preview content', () => {
  let root: string;
  let client: LspClient;
  let totals: TotalsView;

  before(async () => {
    root = tempWorkspace({ 'housing.framework.yaml': fixture('housing.framework.yaml').replace('name: Outcomes Fund', 'name: Outcomes Fund <Round 2> & "friends"'), 'housing.ratecard.yaml': fixture('housing.ratecard.yaml') });
    client = new LspClient(root);
    await client.initialize();
    const uri = client.open(path.join(root, 'housing.ratecard.yaml'));
    await client.currentDiagnostics(uri);
    totals = await client.request<TotalsView>('outcomes/totals', { uri });
  });

  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('shows the headline figures and the tables by cohort, payer, outcome and year', () => {
    const html = renderTotals(totals);
    assert.match(html, /<dt>Maximum liability<\/dt><dd>£400,000\.00<\/dd>/);
    assert.match(html, /<dt>Expected payments<\/dt><dd>£140,000\.00<\/dd>/);
    assert.match(html, /<dt>Deadweight<\/dt><dd>£50,000\.00<\/dd>/);
    assert.match(html, /<td>Example County Council \(council\)<\/td><td class="num">£160,000\.00<\/td><td class="num">£56,000\.00<\/td>/);
    assert.match(html, /<td>2021<\/td><td class="num">£70,000\.00<\/td>/);
    assert.match(html, /<td>Accommodation sustained for 26 weeks \(accommodation-sustained-26w\)<\/td><td class="num">£90,000\.00<\/td><td class="num">64%<\/td>/);
  });

  it('draws payments by year stacked by payer, and shares by outcome, as inline SVG in theme colours', () => {
    const html = renderTotals(totals);
    const yearChart = /<svg[^>]*year-chart[^>]*>([\s\S]*?)<\/svg>/.exec(html)![1];
    // Two years × two payers.
    assert.equal((yearChart.match(/<rect /g) ?? []).length, 4);
    assert.match(yearChart, /fill="var\(--vscode-charts-blue\)"/);
    const outcomeChart = /<svg[^>]*outcome-chart[^>]*>([\s\S]*?)<\/svg>/.exec(html)![1];
    assert.equal((outcomeChart.match(/<rect /g) ?? []).length, 2);
    assert.doesNotMatch(html, /#[0-9a-f]{6}/i, 'no fixed colours: the theme decides');
    assert.doesNotMatch(html, /style="/, 'no style attributes: the CSP would block them');
    assert.match(html, /<span class="swatch series-1"><\/span>Outcomes Fund/);
    assert.match(renderPage(html, 'n', 'c'), /\.series-1 \{ background: var\(--vscode-charts-orange\); \}/);
  });

  it('escapes names from the files, and the page allows no network and only its own script', () => {
    const html = renderTotals(totals);
    assert.match(html, /Outcomes Fund &lt;Round 2&gt; &amp; &quot;friends&quot;/);
    const page = renderPage(html, 'abc123', 'vscode-resource:');
    assert.match(page, /Content-Security-Policy" content="default-src 'none'; style-src vscode-resource: 'nonce-abc123'; script-src 'nonce-abc123';/);
    assert.equal((page.match(/<script/g) ?? []).length, 1);
    assert.match(page, /<script nonce="abc123">/);
    assert.doesNotMatch(page, /https?:\/\//);
  });

  it('exports the figures as the very CSV the CLI writes, amounts as plain decimals', async () => {
    const csv = await client.request<string | null>('outcomes/totalsCsv', { uri: totals.uri });
    assert.ok(csv);
    const rows = csv.split('\r\n');
    assert.equal(rows[0], 'rateCard,figure,cohort,payer,outcome,year,amount,currency,note');
    assert.ok(rows.includes('housing-test-2020,expected,,,,,140000.00,GBP,'), csv);
    assert.ok(rows.includes('housing-test-2020,maximumLiability,,fund,,,240000.00,GBP,'), csv);
    assert.ok(rows.includes('housing-test-2020,expected,,,,2022,70000.00,GBP,'), csv);
    const cli = runCli(['totals', 'housing.ratecard.yaml', '--format', 'csv'], { cwd: root });
    assert.equal(cli.status, 0, cli.stderr);
    assert.equal(csv, cli.stdout);
    assert.equal(await client.request('outcomes/totalsCsv', { uri: totals.uri.replace('ratecard', 'framework') }), null);
  });
});

describe('payment preview: honest and co-commissioned figures', () => {
  let root: string;
  let client: LspClient;

  afterEach(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('says "not estimated — no baselines" for deadweight, and names a payer whose own cap binds', async () => {
    const framework = fixture('housing.framework.yaml').replace(/ {4}baseline: \{[^}]*\}\n/g, '');
    const card = fixture('housing.ratecard.yaml').replace('  total: 400000\n', '  total: 400000\n  perPayer: { fund: 200000 }\n');
    root = tempWorkspace({ 'housing.framework.yaml': framework, 'housing.ratecard.yaml': card });
    client = new LspClient(root);
    await client.initialize();
    const uri = client.open(path.join(root, 'housing.ratecard.yaml'));
    await client.currentDiagnostics(uri);
    const totals = await client.request<TotalsView>('outcomes/totals', { uri });
    const html = renderTotals(totals);
    assert.match(html, /<dt>Deadweight<\/dt><dd>not estimated — no baselines<\/dd>/);
    assert.doesNotMatch(html, /<dt>Deadweight<\/dt><dd>£0\.00/);
    // The fund's 60% of 400,000 (240,000) stops at its cap of 200,000; the council's 160,000 stays.
    assert.match(html, /<li>Outcomes Fund \(fund\)&#39;s own cap \(caps\.perPayer\) limits what it pays of the maximum liability; the other payers do not pay its share\.<\/li>/);
    assert.equal(totals.byPayer.fund.maximumLiability, 20_000_000);
    assert.equal(totals.maximumLiability, 36_000_000);
  });
});
