/** Edit a price: the code lens and inlay hints follow within a second (the preview is checked on the page). */
import * as vscode from 'vscode';
import { cliTotals, cliTotalsOfText, expect, goodRateCards, open, priceLines, rel, waitFor, type Scenario } from './harness';
import { mismatches, shownOn, type Shown } from './totals-shown';

export const LIVE_EDIT_LIMIT_MS = 1000;

export const liveEdit: Scenario = {
  name: 'live edit: changing a price updates lens and hints within a second',
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
      return problems.length === 0 && JSON.stringify(shown) !== shownBefore ? true : undefined;
    }, 5000, () => `${problems.join('; ')} — lenses ${JSON.stringify(shown.lenses)}`);
    const ms = Date.now() - start;
    expect(ms <= LIVE_EDIT_LIMIT_MS, `lens and hints took ${ms} ms to follow the edit; the limit is ${LIVE_EDIT_LIMIT_MS} ms.`);
    const hint = shown.hints.find((h) => h.line >= line.firstLine && h.line <= line.lastLine);
    ctx.saw(`${line.outcome} price ${line.price} → ${newPrice} (unsaved): lens and hints matched the CLI's new totals after ${ms} ms (hint now ${JSON.stringify(hint?.label)}; expected ${before.expected} → ${after.expected})`);
  },
};
