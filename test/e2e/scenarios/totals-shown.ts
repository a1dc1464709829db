/** Do the code lenses and inlay hints of a rate card show the CLI's totals? Shared by the totals and live-edit scenarios. */
import * as vscode from 'vscode';
import { amountsIn, digitsOf, hints, lensTitles, priceLines, type CliTotals } from './harness';

export interface Shown { lenses: string[]; hints: { line: number; label: string }[] }

type Figure = string | null | undefined;
const lineFigures = (totals: CliTotals): { expected?: Figure; maxPerParticipant?: Figure }[] | undefined =>
  Array.isArray(totals.byLine) ? (totals.byLine as { expected?: Figure; maxPerParticipant?: Figure }[]) : undefined;

/** What differs between what the editor shows and the CLI's totals; empty when they agree. */
export function mismatches(doc: vscode.TextDocument, totals: CliTotals, shown: Shown): string[] {
  const problems: string[] = [];
  const digits = digitsOf(totals.maximumLiability ?? totals.expected);
  const lensAmounts = shown.lenses.flatMap((t) => amountsIn(t, digits));
  if (totals.maximumLiability === null) {
    if (!shown.lenses.some((t) => /unbounded/i.test(t))) problems.push('no lens says the maximum liability is unbounded');
  } else if (!lensAmounts.includes(totals.maximumLiability)) problems.push(`no lens shows the maximum liability ${totals.maximumLiability}`);
  if (totals.expected !== null && totals.expected !== undefined && !lensAmounts.includes(totals.expected)) problems.push(`no lens shows the expected payments ${totals.expected}`);
  const lines = priceLines(doc.getText());
  const perLine = lineFigures(totals);
  const byOutcome = (totals.byOutcome ?? {}) as Record<string, { expected?: Figure }>;
  for (const line of lines) {
    const hint = shown.hints.find((h) => h.line >= line.firstLine && h.line <= line.lastLine);
    if (!hint) { problems.push(`no inlay hint on the price line for ${line.outcome} (line ${line.priceLine + 1})`); continue; }
    const amounts = amountsIn(hint.label, digits);
    const sameOutcome = lines.filter((l) => l.outcome === line.outcome).length;
    const wanted = perLine?.[line.index]
      ? [perLine[line.index].expected, perLine[line.index].maxPerParticipant]
      : sameOutcome === 1 ? [byOutcome[line.outcome]?.expected] : [];
    const known = wanted.filter((w): w is string => typeof w === 'string');
    if (known.length && !known.some((w) => amounts.includes(w))) problems.push(`the hint on line ${hint.line + 1} says "${hint.label}", the CLI gives ${known.join(' / ')}`);
  }
  return problems;
}

export async function shownOn(doc: vscode.TextDocument): Promise<Shown> {
  return { lenses: await lensTitles(doc.uri), hints: await hints(doc) };
}
