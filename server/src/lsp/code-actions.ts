/**
 * Code actions: each finding's own fix (preferred), a suppression comment with a reason to fill
 * in, "add a price line" for payment outcomes the rate card does not price, and fix-all.
 */
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import { ruleById } from '../core/rules/engine';
import type { ParsedYaml } from '../core/document';
import type { Finding } from '../core/findings';
import type { RateCardModel } from '../core/model';
import type { Checker } from './checker';
import type { Session } from './session';

export const fixAllKind = `${CodeActionKind.SourceFixAll}.outcomes-lint`;

function sameRange(a: Diagnostic['range'], b: Diagnostic['range']): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

function edits(parsed: ParsedYaml, finding: Finding): TextEdit[] {
  return (finding.fix?.edits ?? []).map((edit) => ({ range: parsed.lines.rangeOf(edit.span), newText: edit.newText }));
}

function wanted(kind: string, only: string[] | undefined): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/** Set when the client (our VS Code extension) has the command that opens a rule's page. */
export const clientCommands = { openRuleDocs: false };

export function codeActions(session: Session, checker: Checker, file: string, params: CodeActionParams): CodeAction[] {
  const checked = checker.current(file);
  if (!checked) return [];
  const { parsed, findings } = checked;
  const uri = params.textDocument.uri;
  const only = params.context.only;
  const actions: CodeAction[] = [];

  if (wanted(CodeActionKind.QuickFix, only)) {
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== 'outcomes-lint') continue;
      const finding = findings.find((f) => f.ruleId === diagnostic.code && f.message === diagnostic.message && sameRange(parsed.lines.rangeOf(f.span), diagnostic.range));
      if (!finding) continue;
      if (finding.fix?.edits.length) {
        // A fix that changes a contract term is offered, never preferred: auto-fix must not pick it for the analyst.
        actions.push({ title: finding.fix.title, kind: CodeActionKind.QuickFix, isPreferred: !finding.fix.changesTerm, diagnostics: [diagnostic], edit: { changes: { [uri]: edits(parsed, finding) } } });
      }
      // Only rules can be suppressed: the format checks are always errors.
      if (ruleById(finding.ruleId)) {
        actions.push(suppression(parsed, uri, finding, diagnostic), fileSuppression(uri, finding, diagnostic));
        if (clientCommands.openRuleDocs) actions.push({ title: `Read about ${finding.ruleId}`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title: `Read about ${finding.ruleId}`, command: 'outcomeFrameworks.openRuleDocs', arguments: [finding.ruleId] } });
      }
    }
    const model = session.analyze(file)?.model;
    if (model?.kind === 'RateCard') actions.push(...missingPriceLines(session, model, uri, parsed.lines.offsetAt(params.range.start)));
  }

  if (wanted(fixAllKind, only)) {
    const all: TextEdit[] = [];
    let last = -1;
    // Fixes in order of position; one that overlaps an earlier one waits for the next run. Fixes
    // that change a contract term stay quick fixes for a person to choose, one by one.
    const fixable = findings.filter((f) => f.fix?.edits.length && !f.fix.changesTerm).sort((a, b) => a.fix!.edits[0].span.start - b.fix!.edits[0].span.start);
    for (const finding of fixable) {
      const spans = finding.fix!.edits.map((e) => e.span);
      if (spans.some((s) => s.start <= last)) continue;
      all.push(...edits(parsed, finding));
      last = Math.max(...spans.map((s) => s.end));
    }
    if (all.length) actions.push({ title: 'Fix all outcomes-lint problems whose fix changes no contract term', kind: fixAllKind, edit: { changes: { [uri]: all } } });
  }
  return actions;
}

function suppression(parsed: ParsedYaml, uri: string, finding: Finding, diagnostic: Diagnostic): CodeAction {
  const line = parsed.lines.positionAt(finding.span.start).line;
  const start = parsed.lines.lineStart(line);
  const indent = /^[ \t]*/.exec(parsed.text.slice(start, parsed.lines.lineEnd(line)))![0];
  return {
    title: `Suppress ${finding.ruleId} on this line (give a reason)`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: { changes: { [uri]: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}# outcomes-lint-disable-next-line ${finding.ruleId} -- REASON: say why this is acceptable\n` }] } },
  };
}

function fileSuppression(uri: string, finding: Finding, diagnostic: Diagnostic): CodeAction {
  const top = { line: 0, character: 0 };
  return {
    title: `Suppress ${finding.ruleId} in this whole file (give a reason)`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: { changes: { [uri]: [{ range: { start: top, end: top }, newText: `# outcomes-lint-disable-file ${finding.ruleId} -- REASON: say why this is acceptable\n` }] } },
  };
}

/** Payment outcomes of the framework with no price line: offered while the cursor is in `prices`. */
function missingPriceLines(session: Session, rateCard: RateCardModel, uri: string, offset: number): CodeAction[] {
  const parsed = rateCard.parsed;
  const prices = parsed.locate(['prices']);
  if (!prices || offset < (prices.key ?? prices.value).start || offset > prices.value.end) return [];
  const framework = session.frameworkOf(rateCard)?.framework;
  if (!framework || !rateCard.prices.length) return [];
  const priced = new Set(rateCard.prices.map((p) => p.outcome));
  const first = parsed.locate(['prices', 0]);
  if (!first) return [];
  const firstLine = parsed.lines.positionAt(first.value.start);
  const dash = parsed.text.lastIndexOf('-', first.value.start);
  const column = dash >= parsed.lines.lineStart(firstLine.line) ? dash - parsed.lines.lineStart(firstLine.line) : firstLine.character;
  const indent = ' '.repeat(column);
  let end = prices.value.end;
  while (end > 0 && /\s/.test(parsed.text[end - 1])) end--;
  const at = parsed.lines.positionAt(end);
  const insertAt = { line: at.line, character: parsed.lines.lineEnd(at.line) - parsed.lines.lineStart(at.line) };
  return framework.outcomes
    .filter((o) => o.id && o.value.role === 'payment' && !priced.has(o.id))
    .map((o) => ({
      title: `Add a price line for ${o.id}`,
      kind: CodeActionKind.QuickFix,
      edit: { changes: { [uri]: [{ range: { start: insertAt, end: insertAt }, newText: `\n${indent}- outcome: ${o.id}\n${indent}  price: 0 # set the price` }] } },
    }));
}
