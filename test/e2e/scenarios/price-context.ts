/** Hover a price in a sample: what real UK programmes paid for the same kind of outcome shows, with its source. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { expect, open, priceLines, readYaml, frameworkOf, waitFor, type Scenario } from './harness';

const textOf = (hover: vscode.Hover) =>
  hover.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n');

export const priceContext: Scenario = {
  name: 'price context: hovering a price shows the real UK prices of its kind',
  async run(ctx) {
    const root = ctx.fresh();
    const rateCard = path.join(root, 'care-leavers', 'care-leavers.ratecard.yaml');
    const editor = await open(rateCard);
    const outcomes = readYaml(frameworkOf(rateCard)).outcomes as { id: string; domain: string; stage: string; sustainWeeks?: number }[];
    const line = priceLines(editor.document.getText()).find((l) => l.outcome === 'employment-sustained-26w');
    expect(line, 'the care leavers sample has no price line for employment-sustained-26w.');
    const outcome = outcomes.find((o) => o.id === line.outcome);
    expect(outcome?.sustainWeeks === 26, 'employment-sustained-26w is not a 26-week sustainment in the sample framework.');
    const position = new vscode.Position(line.priceLine, line.priceColumn + 1);
    let last = '';
    const { value, ms } = await waitFor('a hover on the price comparing it with real UK prices of the same kind, crediting INDIGO', async () => {
      const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, position)) ?? [];
      last = hovers.map(textOf).join('\n---\n');
      const ok = last.includes('Real UK prices** for employment · sustainment · 26 weeks') && /Lowest £[\d,]+ .* · median £[\d,]+ · highest £[\d,]+/.test(last) && last.includes(`This price, £${Number(line.price).toLocaleString('en-GB')},`) && last.includes('Source: INDIGO impact bond dataset');
      return ok ? last : undefined;
    }, 15000, () => JSON.stringify(last.slice(0, 400)));
    const summary = /Lowest[^\n]*/.exec(value)?.[0] ?? '';
    ctx.saw(`hover on price ${line.price} of ${line.outcome} (line ${line.priceLine + 1}) after ${ms} ms: ${JSON.stringify(summary)}; ${JSON.stringify(/This price[^\n]*/.exec(value)?.[0] ?? '')}`);
  },
};
