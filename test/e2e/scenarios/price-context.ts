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

/** "New Framework from a UK Programme…" writes the programme's framework and rate card, which check with no error. */
export const ukProgrammeTemplate: Scenario = {
  name: 'price context: New Framework from a UK Programme writes files that check with no error',
  async run(ctx) {
    const root = ctx.fresh();
    const folder = vscode.Uri.file(path.join(root, 'from-indigo'));
    await vscode.workspace.fs.createDirectory(folder);
    const uris = await vscode.commands.executeCommand<vscode.Uri[] | undefined>('outcomeFrameworks.newFromUkProgramme', 'INDIGO-POJ-0131', folder);
    expect(uris && uris.length === 2, `the command wrote ${JSON.stringify(uris?.map((u) => u.fsPath))}.`);
    const [framework, rateCard] = uris;
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(framework));
    expect(/^# Modelled on Ambition \(INDIGO-POJ-0131\), part of the Fair Chance Fund \(2015\)\./.test(text), `unexpected framework header: ${text.slice(0, 200)}`);
    await open(rateCard.fsPath);
    const { value, ms } = await waitFor('diagnostics on the written rate card, none of them errors', () => {
      const onCard = vscode.languages.getDiagnostics(rateCard);
      const onFramework = vscode.languages.getDiagnostics(framework);
      const found = onCard.concat(onFramework);
      if (found.some((d) => d.severity === vscode.DiagnosticSeverity.Error)) throw new Error(found.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).map((d) => d.message).join('; '));
      // Both files are checked (each has findings: the real card's weaknesses), and none is an error.
      return onCard.length && onFramework.length ? found : undefined;
    }, 15000);
    ctx.saw(`wrote ${path.basename(framework.fsPath)} and ${path.basename(rateCard.fsPath)}; ${value.length} findings after ${ms} ms, no errors`);
  },
};
