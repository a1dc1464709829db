/** Rename an outcome id from a rate card: the framework's definition and every rate card use change together. */
import * as vscode from 'vscode';
import * as path from 'node:path';
import { describeDiagnostics, expect, frameworkOf, goodRateCards, open, ours, priceLines, rel, ruleIdOf, waitFor, type Scenario } from './harness';

const idPattern = (id: string) => new RegExp(`(^|[\\s\\[,{:])${id.replace(/[-]/g, '\\-')}(?=$|[\\s\\],}:])`, 'm');

export const rename: Scenario = {
  name: 'rename: an outcome id changes in the framework and the rate card',
  async run(ctx) {
    const root = ctx.fresh();
    const [card] = goodRateCards(ctx, root);
    expect(card, 'no rate card without errors in the samples.');
    const framework = frameworkOf(card);
    const editor = await open(card);
    const line = priceLines(editor.document.getText())[0];
    const oldId = line.outcome;
    const newId = `${oldId}-renamed`;
    const position = new vscode.Position(line.outcomeLine, line.outcomeColumn + 1);
    const { value: edit } = await waitFor(`a rename edit for ${oldId}`, async () =>
      (await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', editor.document.uri, position, newId)) ?? undefined, 15000);
    const files = edit.entries().map(([uri]) => uri.fsPath);
    expect(files.includes(card), `the rename does not change the rate card (it changes ${files.map((f) => rel(root, f)).join(', ')}).`);
    expect(files.includes(framework), `the rename does not change the framework ${rel(root, framework)} (it changes ${files.map((f) => rel(root, f)).join(', ')}).`);
    expect(await vscode.workspace.applyEdit(edit), 'VS Code refused the rename edit.');
    for (const file of [card, framework]) {
      const text = (await vscode.workspace.openTextDocument(file)).getText();
      expect(idPattern(newId).test(text), `${rel(root, file)} does not contain ${newId} after the rename.`);
      expect(!idPattern(oldId).test(text), `${rel(root, file)} still contains ${oldId} after the rename.`);
    }
    // Both renamed together: the rate card still names an outcome its framework defines.
    await open(card);
    const { ms } = await waitFor('the rate card to stay free of unknown-reference after the rename', async () => {
      const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri)) ?? [];
      return lenses.length > 0 && !ours(editor.document.uri).some((d) => ruleIdOf(d) === 'unknown-reference') ? true : undefined;
    }, 5000, describeDiagnostics(editor.document.uri));
    const counts = edit.entries().map(([uri, edits]) => `${path.basename(uri.fsPath)} ×${edits.length}`).join(', ');
    ctx.saw(`renamed ${oldId} → ${newId} at ${rel(root, card)}:${line.outcomeLine + 1}: edits in ${counts}; no unknown-reference after ${ms} ms`);
  },
};
