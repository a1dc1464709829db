/** Hover an outcome id on a price line: the outcome's definition from the framework shows. */
import * as vscode from 'vscode';
import { expect, frameworkOf, goodRateCards, open, priceLines, readYaml, rel, waitFor, type Scenario } from './harness';

const textOf = (hover: vscode.Hover) =>
  hover.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n');

export const hover: Scenario = {
  name: 'hover: an outcome id on a price line shows its definition',
  async run(ctx) {
    const root = ctx.fresh();
    const [rateCard] = goodRateCards(ctx, root);
    expect(rateCard, 'no rate card without errors in the samples.');
    const editor = await open(rateCard);
    const line = priceLines(editor.document.getText())[0];
    expect(line, `${rel(root, rateCard)} has no price line.`);
    const outcome = (readYaml(frameworkOf(rateCard)).outcomes as { id: string; title: string }[]).find((o) => o.id === line.outcome);
    expect(outcome, `the framework does not define ${line.outcome}.`);
    const position = new vscode.Position(line.outcomeLine, line.outcomeColumn + 1);
    let last = '';
    const { value, ms } = await waitFor(`a hover on \`${line.outcome}\` that shows its title "${outcome.title}"`, async () => {
      const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, position)) ?? [];
      last = hovers.map(textOf).join('\n---\n');
      return last.includes(outcome.title) ? last : undefined;
    }, 15000, () => JSON.stringify(last));
    ctx.saw(`hover on ${line.outcome} (line ${line.outcomeLine + 1}) after ${ms} ms: ${JSON.stringify(value.slice(0, 160))}`);
  },
};
