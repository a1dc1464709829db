/** The payment preview command opens a webview beside the rate card (its table and charts are checked on the page). */
import * as vscode from 'vscode';
import { cliTotals, expect, goodRateCards, grouped, open, rel, waitFor, type Scenario } from './harness';

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

/** What the extension says its preview shows (its test API), when it offers one. */
export interface PreviewState { open: boolean; uri?: string; html?: string; updates: number; rendered: number }
export function previewState(): PreviewState | undefined {
  const api = vscode.extensions.getExtension(EXTENSION_ID)?.exports as { previewPanelState?: () => PreviewState } | undefined;
  return api?.previewPanelState?.();
}

/** The preview shows `figures` (decimal strings), with a table and a chart, and the webview drew the latest update. */
export function previewShows(state: PreviewState | undefined, uri: vscode.Uri, figures: (string | null | undefined)[]): boolean {
  if (!state?.open || state.uri !== uri.toString() || !state.html) return false;
  const html = state.html;
  return html.includes('<table') && html.includes('<svg') && state.rendered >= state.updates
    && figures.every((f) => !f || html.includes(grouped(f)));
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
    if (!previewState()) return ctx.saw('the extension offers no previewPanelState(): table and charts checked on the page only');
    const totals = cliTotals(ctx, card, root);
    const uri = vscode.Uri.file(card);
    const shown = await waitFor('the preview to draw a table, a chart and the CLI\'s totals', () => (previewShows(previewState(), uri, [totals.maximumLiability, totals.expected]) ? true : undefined), 10000,
      () => JSON.stringify({ ...previewState(), html: previewState()?.html?.slice(0, 200) }));
    ctx.saw(`the preview drew (update ${previewState()!.rendered}) a table, an SVG chart, maximum liability ${totals.maximumLiability} and expected ${totals.expected} after ${shown.ms} ms more`);
  },
};
