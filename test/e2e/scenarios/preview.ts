/** The payment preview command opens a webview beside the rate card (its table and charts are checked on the page). */
import * as vscode from 'vscode';
import { expect, goodRateCards, open, rel, waitFor, type Scenario } from './harness';

export const EXTENSION_ID = 'outcome-frameworks.outcome-frameworks';

/** The extension's own "preview" command, read from its manifest rather than guessed. */
export function previewCommand(): string {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  expect(extension, `the extension ${EXTENSION_ID} is not installed.`);
  const commands = (extension.packageJSON.contributes?.commands ?? []) as { command: string; title: string }[];
  const preview = commands.find((c) => /preview/i.test(c.command) || /preview/i.test(c.title));
  expect(preview, `the extension contributes no preview command (commands: ${commands.map((c) => c.command).join(', ') || 'none'}).`);
  return preview.command;
}

const webviewTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview);

export const preview: Scenario = {
  name: 'preview: the payment preview opens for the rate card',
  async run(ctx) {
    const root = ctx.fresh();
    const [card] = goodRateCards(ctx, root);
    expect(card, 'no rate card without errors in the samples.');
    await open(card);
    const command = previewCommand();
    const before = webviewTabs().length;
    await vscode.commands.executeCommand(command);
    const { value: tab, ms } = await waitFor('a preview tab to open', () => (webviewTabs().length > before ? webviewTabs().at(-1) : undefined), 10000);
    ctx.saw(`${command} on ${rel(root, card)} opened the webview tab "${tab.label}" after ${ms} ms`);
  },
};
