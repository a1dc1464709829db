/**
 * Value for money in a real editor: on the pan-London edge-of-care sample, the rate card's lens
 * says what the outcomes save for what they cost, the preview shows savings against payments by
 * body, and its what-if moves them; every figure as the CLI computes it.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { cli, expect, lensTitles, open, waitFor, type Scenario } from './harness';
import { EXTENSION_ID, previewCommand, previewState } from './preview';

/** "£9.8m" as the lens shortens an amount (docs/value.md; server/src/lsp/value.ts). */
function short(decimal: string): string {
  const pounds = Number(decimal);
  if (pounds >= 1_000_000) return `£${(pounds / 1_000_000).toFixed(1)}m`;
  if (pounds >= 10_000) return `£${Math.round(pounds / 1000)}k`;
  return `£${pounds.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).replace(/\.00$/, '')}`;
}

const money = (decimal: string) => `£${Number(decimal).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

export const value: Scenario = {
  name: 'value: the lens and the preview show savings against payments, moved by the what-if',
  async run(ctx) {
    const root = ctx.fresh();
    const card = path.join(root, 'pan-london-edge-of-care', 'pan-london-edge-of-care.ratecard.yaml');
    const rel = path.relative(root, card);
    const json = (args: string[]) => {
      const run = cli(ctx, ['totals', rel, '--format', 'json', ...args], root);
      expect(run.status === 0, `outcomes-lint totals ${args.join(' ')} failed (exit ${run.status}): ${run.stderr}`);
      return JSON.parse(run.stdout);
    };
    const now = json([]);
    const bound = now.value.atMost?.savings ? 'at most ' : now.value.atLeast?.savings ? 'at least ' : '';
    const expected = `Saves ${bound}${short(now.value.savings)} for ${short(now.expected)}`;
    await open(card);
    const uri = vscode.Uri.file(card);
    // The investor's part ("· Investor ×1.10, peak £549k") follows the value's on a card with an investment.
    let titles: string[] = [];
    const lens = await waitFor(`the lens to say "${expected}"`, async () => (titles = await lensTitles(uri)).find((t) => t.endsWith(expected) || t.includes(`${expected} · `)), 15000, () => JSON.stringify(titles));
    ctx.saw(`the lens reads "…${lens.value.slice(lens.value.indexOf('Saves'))}" after ${lens.ms} ms, as the CLI computes it`);

    await vscode.commands.executeCommand(previewCommand());
    const sutton = money(now.value.byBody.sutton.savings);
    const shown = await waitFor(`the preview to show savings against payments by body (sutton saves ${sutton})`, () => {
      const html = previewState()?.html ?? '';
      return html.includes('Savings against payments by body') && html.includes(sutton) ? true : undefined;
    }, 15000, () => (previewState()?.html ?? '').slice(0, 200));
    ctx.saw(`the preview shows savings against payments by body, sutton saving ${sutton}, after ${shown.ms} ms`);

    const api = vscode.extensions.getExtension(EXTENSION_ID)?.exports as { setPreviewWhatIf?: (a: string, p: string) => Promise<void> } | undefined;
    expect(api?.setPreviewWhatIf, 'the extension offers no setPreviewWhatIf()');
    const doubled = json(['--participants', '2']);
    const suttonDoubled = money(doubled.value.byBody.sutton.savings);
    await api.setPreviewWhatIf('1', '2');
    const moved = await waitFor(`the what-if to move sutton's savings to ${suttonDoubled}`, () => {
      const html = previewState()?.html ?? '';
      return html.includes('Savings against payments under the what-if') && html.includes(suttonDoubled) ? true : undefined;
    }, 15000, () => (previewState()?.html ?? '').slice(-300));
    ctx.saw(`participants × 2 moved sutton's savings to ${suttonDoubled} in the preview after ${moved.ms} ms`);
  },
};
