/** In a git repository, edit a price: the lens says what the edit does against HEAD, and the preview shows HEAD beside now. */
import * as vscode from 'vscode';
import { spawnSync } from 'node:child_process';
import { cliTotals, cliTotalsOfText, expect, goodRateCards, grouped, lensTitles, open, priceLines, rel, waitFor, type CliTotals, type Scenario } from './harness';
import { previewCommand, previewState } from './preview';

function git(cwd: string, ...args: string[]): void {
  const result = spawnSync('git', ['-c', 'user.email=analyst@example.org', '-c', 'user.name=Analyst', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
  expect(result.status === 0, `git ${args.join(' ')} failed: ${result.stderr}`);
}

/** "£2.37m" → 2370000 pounds, and how far the lens may round it (half its last digit). */
function compact(text: string): { value: number; slack: number } {
  const match = /^[£$€¥]([\d,]+(?:\.\d+)?)([mk]?)$/.exec(text);
  expect(match, `"${text}" is not an amount as the lens writes them`);
  const decimals = (match[1].split('.')[1] ?? '').length;
  const scale = match[2] === 'm' ? 1e6 : match[2] === 'k' ? 1e3 : 1;
  const value = Number(match[1].replace(/,/g, '')) * scale;
  return { value, slack: match[2] ? (scale / 10 ** decimals) / 2 : 0.005 };
}

const WHOLES = [['maximumLiability', 'Maximum liability'], ['expected', 'Expected'], ['deadweight', 'Deadweight']] as const;

/** What is wrong with a "… vs HEAD" lens, given the CLI's totals at HEAD and after the edit; empty when it is right. */
function lensProblems(lens: string | undefined, head: CliTotals, now: CliTotals): string[] {
  if (!lens) return ['no lens ends "vs HEAD"'];
  const problems: string[] = [];
  for (const [key, name] of WHOLES) {
    const before = head[key] as string | null;
    const after = now[key] as string | null;
    const part = new RegExp(`${name} (\\S+), ([+-])(\\S+?)(?: ·| vs HEAD)`).exec(lens);
    if (before === after) {
      if (part) problems.push(`the lens shows ${name} although it did not change`);
      continue;
    }
    if (!part || before === null || after === null) { problems.push(`the lens does not show the change of ${name} (${before} → ${after})`); continue; }
    const shown = compact(part[1]);
    const change = compact(part[3]);
    const exactChange = Number(after) - Number(before);
    if (Math.abs(shown.value - Number(after)) > shown.slack) problems.push(`${name} ${part[1]} is not ${after}`);
    if ((part[2] === '+') !== exactChange > 0 || Math.abs(change.value - Math.abs(exactChange)) > change.slack) problems.push(`${name} change ${part[2]}${part[3]} is not ${exactChange.toFixed(2)}`);
  }
  return problems;
}

export const headDelta: Scenario = {
  name: 'head delta: after an edit the lens shows the change against git HEAD, and the preview HEAD beside now',
  async run(ctx) {
    const root = ctx.fresh();
    git(root, 'init', '-q');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'The contract as approved');
    const [card] = goodRateCards(ctx, root);
    expect(card, 'no rate card without errors in the samples.');
    const editor = await open(card);
    const doc = editor.document;
    const head = cliTotals(ctx, card, root);
    await waitFor(`the totals lens of ${rel(root, card)}`, async () => ((await lensTitles(doc.uri)).some((t) => /Maximum liability/.test(t)) ? true : undefined), 20000);
    const untouched = await lensTitles(doc.uri);
    expect(!untouched.some((t) => /vs HEAD/.test(t)), `a lens compares with HEAD before any edit: ${JSON.stringify(untouched)}`);

    const line = priceLines(doc.getText())[0];
    const newPrice = String(Number(line.price) + 1000);
    const range = new vscode.Range(line.priceLine, line.priceColumn, line.priceLine, line.priceColumn + line.price.length);
    const edited = doc.getText().slice(0, doc.offsetAt(range.start)) + newPrice + doc.getText().slice(doc.offsetAt(range.end));
    const now = cliTotalsOfText(ctx, root, card, edited);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, range, newPrice);
    expect(await vscode.workspace.applyEdit(edit), 'VS Code refused the price edit.');
    let lenses: string[] = [];
    let problems: string[] = [];
    const { ms } = await waitFor(`a lens with the change against HEAD after ${line.outcome}'s price went from ${line.price} to ${newPrice}`, async () => {
      lenses = await lensTitles(doc.uri);
      problems = lensProblems(lenses.find((t) => t.endsWith('vs HEAD')), head, now);
      return problems.length === 0 ? true : undefined;
    }, 10000, () => `${problems.join('; ')} — lenses ${JSON.stringify(lenses)}`);
    const headLens = lenses.find((t) => t.endsWith('vs HEAD'))!;

    // The preview: HEAD and now side by side, every penny.
    await vscode.commands.executeCommand(previewCommand());
    let html = '';
    await waitFor('the preview to show HEAD beside now', () => {
      html = previewState()?.html ?? '';
      const changed = WHOLES.filter(([key]) => head[key] !== now[key]).map(([key]) => [head[key], now[key]] as const);
      return html.includes('Against HEAD') && changed.every(([a, b]) => typeof a === 'string' && typeof b === 'string' && html.includes(grouped(a)) && html.includes(grouped(b))) ? true : undefined;
    }, 10000, () => html.slice(0, 400));
    ctx.saw(`${line.outcome} price ${line.price} → ${newPrice} (unsaved) in a git repository: lens "${headLens}" after ${ms} ms, matching the CLI (maximum liability ${head.maximumLiability} → ${now.maximumLiability}, expected ${head.expected} → ${now.expected}); the preview shows HEAD beside now`);
  },
};
