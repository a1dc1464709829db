/** Edit a price: the code lens, inlay hints and the open preview follow within a second (the preview also on the page). */
import * as vscode from 'vscode';
import { cliTotals, cliTotalsOfText, expect, grouped, goodRateCards, open, priceLines, rel, waitFor, type Scenario } from './harness';
import { mismatches, shownOn, type Shown } from './totals-shown';
import { previewCommand, previewShows, previewState } from './preview';

export const LIVE_EDIT_LIMIT_MS = 1000;

export const liveEdit: Scenario = {
  name: 'live edit: changing a price updates lens, hints and the open preview within a second',
  async run(ctx) {
    const root = ctx.fresh();
    const [card] = goodRateCards(ctx, root);
    expect(card, 'no rate card without errors in the samples.');
    const editor = await open(card);
    const doc = editor.document;
    const before = cliTotals(ctx, card, root);
    let shown: Shown = { lenses: [], hints: [] };
    await waitFor(`the totals of ${rel(root, card)} to show`, async () => {
      shown = await shownOn(doc);
      return mismatches(doc, before, shown).length === 0 ? true : undefined;
    }, 20000, () => JSON.stringify(shown));
    const shownBefore = JSON.stringify(shown);
    // The preview is open beside the card while the price changes.
    await vscode.commands.executeCommand(previewCommand());
    const hasPreviewApi = previewState() !== undefined;
    if (hasPreviewApi) await waitFor('the preview to show the totals', () => (previewShows(previewState(), doc.uri, [before.maximumLiability, before.expected]) ? true : undefined), 10000);
    // Back to the card in its own column (the default, the active column, would hide the preview).
    await vscode.window.showTextDocument(doc, { viewColumn: editor.viewColumn });

    const line = priceLines(doc.getText())[0];
    const newPrice = String(Number(line.price) + 1000);
    const range = new vscode.Range(line.priceLine, line.priceColumn, line.priceLine, line.priceColumn + line.price.length);
    const edited = doc.getText().slice(0, doc.offsetAt(range.start)) + newPrice + doc.getText().slice(doc.offsetAt(range.end));
    const after = cliTotalsOfText(ctx, root, card, edited);

    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, range, newPrice);
    const start = Date.now();
    expect(await vscode.workspace.applyEdit(edit), 'VS Code refused the price edit.');
    let problems: string[] = [];
    await waitFor(`lens and hints to show the new totals after ${line.outcome}'s price went from ${line.price} to ${newPrice}`, async () => {
      shown = await shownOn(doc);
      problems = mismatches(doc, after, shown);
      if (hasPreviewApi && !previewShows(previewState(), doc.uri, [after.maximumLiability, after.expected])) {
        const state = previewState();
        problems.push(`the preview does not show ${after.maximumLiability} / ${after.expected} yet (open ${state?.open}, updates ${state?.updates}, rendered ${state?.rendered}, has new expected ${state?.html?.includes(grouped(after.expected ?? ''))}, uri ${state?.uri === doc.uri.toString()})`);
      }
      return problems.length === 0 && JSON.stringify(shown) !== shownBefore ? true : undefined;
    }, 5000, () => `${problems.join('; ')} — lenses ${JSON.stringify(shown.lenses)}`);
    const ms = Date.now() - start;
    expect(ms <= LIVE_EDIT_LIMIT_MS, `lens, hints${hasPreviewApi ? ' and preview' : ''} took ${ms} ms to follow the edit; the limit is ${LIVE_EDIT_LIMIT_MS} ms.`);
    const hint = shown.hints.find((h) => h.line >= line.firstLine && h.line <= line.lastLine);
    ctx.saw(`${line.outcome} price ${line.price} → ${newPrice} (unsaved): lens, hints${hasPreviewApi ? ' and the open preview' : ''} matched the CLI's new totals after ${ms} ms (hint now ${JSON.stringify(hint?.label)}; expected ${before.expected} → ${after.expected})`);
  },
};
