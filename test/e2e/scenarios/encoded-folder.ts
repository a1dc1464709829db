/**
 * Frameworks and rate cards in a folder whose name VS Code must escape in its URIs
 * (`OneDrive - Council (2024)/Rate cards – café`): the diagnostics land on the file, and the
 * status bar and the open preview follow an edit, as they do anywhere else.
 */
import * as vscode from 'vscode';
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { cli, cliFindings, cliTotals, cliTotalsOfText, describeDiagnostics, expect, goodRateCards, grouped, open, ours, priceLines, rel, ruleIdOf, waitFor, type Scenario } from './harness';
import { EXTENSION_ID, previewCommand, previewShows, previewState } from './preview';

export const ENCODED_FOLDER = path.join('OneDrive - Council (2024)', 'Rate cards – café');

interface Api {
  statusBarText?: () => string | undefined;
  exportCsv?: (uri: string, target: string) => Promise<string | undefined>;
}

const api = () => vscode.extensions.getExtension(EXTENSION_ID)?.exports as Api | undefined;
const statusBarText = () => api()?.statusBarText?.();

export const encodedFolder: Scenario = {
  name: 'encoded folder: in "OneDrive - Council (2024)/Rate cards – café", diagnostics, Export CSV, the status bar and the preview follow edits',
  async run(ctx) {
    const samples = ctx.fresh();
    const root = path.join(samples, ENCODED_FOLDER);
    mkdirSync(root, { recursive: true });
    const [good] = goodRateCards(ctx, samples);
    expect(good, 'no rate card without errors in the samples.');
    // The good pair and the broken pair, each in its own folder under the escaped one.
    for (const folder of [path.dirname(good), path.join(samples, 'broken')]) cpSync(folder, path.join(root, path.basename(folder)), { recursive: true });
    const card = path.join(root, path.relative(samples, good));
    const broken = path.join(root, 'broken', 'broken.ratecard.yaml');

    // Diagnostics: the editor's URI is escaped, and the findings the CLI reports land on it.
    const brokenEditor = await open(broken);
    const brokenUri = brokenEditor.document.uri;
    expect(/OneDrive%20-%20Council%20%282024%29\/Rate%20cards%20%E2%80%93%20caf%C3%A9\//.test(brokenUri.toString()), `VS Code spelled the URI ${brokenUri.toString()}, not escaped as expected.`);
    const wanted = cliFindings(ctx, broken, samples).map((m) => `${m.ruleId}@${m.line}`).sort();
    expect(wanted.length > 0, 'the CLI finds nothing in the broken rate card.');
    const seen = () => ours(brokenUri).map((d) => `${ruleIdOf(d)}@${d.range.start.line + 1}`).sort();
    const diagnostics = await waitFor(`the diagnostics of ${rel(samples, broken)} to match the CLI's ${JSON.stringify(wanted)}`, () => (JSON.stringify(seen()) === JSON.stringify(wanted) ? true : undefined), 20000, describeDiagnostics(brokenUri));
    ctx.saw(`${brokenUri.toString().split('/').slice(-4).join('/')}: ${wanted.length} diagnostics after ${diagnostics.ms} ms, as the CLI reports them`);

    // The status bar and the preview compare URIs: they must follow an edit to this card.
    const editor = await open(card);
    const doc = editor.document;
    const before = cliTotals(ctx, card, samples);
    const status = await waitFor('the status bar to show the expected payments', () => (statusBarText()?.includes(grouped(before.expected ?? '')) ? statusBarText() : undefined), 15000, () => String(statusBarText()));
    await vscode.commands.executeCommand(previewCommand());
    await waitFor('the preview to show the totals', () => (previewShows(previewState(), doc.uri, [before.maximumLiability, before.expected]) ? true : undefined), 15000);
    await vscode.window.showTextDocument(doc, { viewColumn: editor.viewColumn });

    // Export CSV into the escaped folder: the very file `outcomes-lint totals --format csv` writes.
    const exportCsv = api()?.exportCsv;
    if (exportCsv) {
      const target = path.join(root, 'totals (export).csv');
      const saved = await exportCsv(doc.uri.toString(), vscode.Uri.file(target).toString());
      expect(saved, 'Export CSV saved nothing.');
      const expected = cli(ctx, ['totals', path.relative(samples, card), '--format', 'csv'], samples).stdout;
      expect(readFileSync(target, 'utf8') === expected, `the exported CSV differs from outcomes-lint totals --format csv:\n${readFileSync(target, 'utf8').slice(0, 300)}`);
      ctx.saw(`Export CSV wrote "${path.basename(target)}", identical to outcomes-lint totals --format csv`);
    }

    const line = priceLines(doc.getText())[0];
    const newPrice = String(Number(line.price) + 1000);
    const range = new vscode.Range(line.priceLine, line.priceColumn, line.priceLine, line.priceColumn + line.price.length);
    const after = cliTotalsOfText(ctx, samples, card, doc.getText().slice(0, doc.offsetAt(range.start)) + newPrice + doc.getText().slice(doc.offsetAt(range.end)));
    expect(after.expected !== before.expected, `raising ${line.outcome}'s price does not change the expected payments (${before.expected}): nothing to see.`);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, range, newPrice);
    const start = Date.now();
    expect(await vscode.workspace.applyEdit(edit), 'VS Code refused the price edit.');
    await waitFor(`the status bar and the preview to show expected ${after.expected} after the edit`, () => (
      statusBarText()?.includes(grouped(after.expected ?? '')) && previewShows(previewState(), doc.uri, [after.maximumLiability, after.expected]) ? true : undefined
    ), 5000, () => `status bar ${statusBarText()}; preview uri ${previewState()?.uri}, updates ${previewState()?.updates}`);
    ctx.saw(`${rel(samples, card)}: status bar "${status.value}", then expected ${before.expected} → ${after.expected} in the status bar and the preview ${Date.now() - start} ms after the edit`);
  },
};
