/** Change a framework: its rate card is re-checked without being touched, and recovers when the change is undone. */
import * as vscode from 'vscode';
import { describeDiagnostics, expect, frameworkOf, goodRateCards, lensTitles, open, ours, priceLines, rel, ruleIdOf, waitFor, type Scenario } from './harness';

export const frameworkRecheck: Scenario = {
  name: 'framework change: its rate card is re-checked',
  async run(ctx) {
    const root = ctx.fresh();
    const [card] = goodRateCards(ctx, root);
    expect(card, 'no rate card without errors in the samples.');
    const cardEditor = await open(card);
    const cardUri = cardEditor.document.uri;
    const line = priceLines(cardEditor.document.getText())[0];
    // The server has analysed the card once its totals show.
    await waitFor(`the code lenses of ${rel(root, card)}`, async () => ((await lensTitles(cardUri)).length > 0 ? true : undefined), 20000);
    expect(!ours(cardUri).some((d) => ruleIdOf(d) === 'unknown-reference'), `${rel(root, card)} has unknown-reference before any change.`);

    const frameworkDoc = (await open(frameworkOf(card))).document;
    const match = new RegExp(`^(\\s*-?\\s*id:\\s*)${line.outcome}\\s*$`, 'm').exec(frameworkDoc.getText());
    expect(match, `the framework has no \`id: ${line.outcome}\` line.`);
    const start = frameworkDoc.positionAt(match.index + match[1].length);
    const range = new vscode.Range(start, start.translate(0, line.outcome.length));
    const edit = new vscode.WorkspaceEdit();
    edit.replace(frameworkDoc.uri, range, `${line.outcome}-withdrawn`);
    expect(await vscode.workspace.applyEdit(edit), 'VS Code refused the framework edit.');

    const broken = await waitFor(`${rel(root, card)} to report unknown-reference on line ${line.outcomeLine + 1}`,
      () => (ours(cardUri).some((d) => ruleIdOf(d) === 'unknown-reference' && d.range.start.line === line.outcomeLine) ? true : undefined), 5000, describeDiagnostics(cardUri));
    const message = ours(cardUri).find((d) => ruleIdOf(d) === 'unknown-reference')!.message;

    const undo = new vscode.WorkspaceEdit();
    undo.replace(frameworkDoc.uri, new vscode.Range(start, start.translate(0, `${line.outcome}-withdrawn`.length)), line.outcome);
    expect(await vscode.workspace.applyEdit(undo), 'VS Code refused to undo the framework edit.');
    const healed = await waitFor(`${rel(root, card)} to lose unknown-reference once the framework is restored`,
      () => (!ours(cardUri).some((d) => ruleIdOf(d) === 'unknown-reference') ? true : undefined), 5000, describeDiagnostics(cardUri));
    ctx.saw(`renaming ${line.outcome} in the unsaved framework put unknown-reference on ${rel(root, card)}:${line.outcomeLine + 1} after ${broken.ms} ms ("${message}"); undoing cleared it after ${healed.ms} ms`);
  },
};
