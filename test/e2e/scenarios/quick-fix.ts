/** Apply a quick fix (samples/broken first, then any sample with findings): the file changes exactly as the fix's edits promise, and its diagnostic goes. */
import * as vscode from 'vscode';
import { filesWithFindings, describeDiagnostics, expect, open, ours, rel, ruleIdOf, waitFor, type Scenario } from './harness';

/** The text after applying `edits` to `text`, as VS Code would (edits do not overlap). */
function applied(doc: vscode.TextDocument, text: string, edits: vscode.TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => doc.offsetAt(b.range.start) - doc.offsetAt(a.range.start));
  let out = text;
  for (const edit of sorted) out = out.slice(0, doc.offsetAt(edit.range.start)) + edit.newText + out.slice(doc.offsetAt(edit.range.end));
  return out;
}

export const quickFix: Scenario = {
  name: 'quick fix: the file changes as promised and the diagnostic goes',
  async run(ctx) {
    const root = ctx.fresh();
    const offered: string[] = [];
    for (const { file, findings } of filesWithFindings(ctx, root)) {
      const editor = await open(file);
      const doc = editor.document;
      await waitFor(`diagnostics on ${rel(root, file)}`, () => (ours(doc.uri).length >= findings.length ? true : undefined), 20000, describeDiagnostics(doc.uri));
      for (const diagnostic of ours(doc.uri)) {
        const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
        // The finding's own fix (preferred unless it changes a contract term); others at the same
        // place (a suppression, "add a price line") do not mend this diagnostic. VS Code's command
        // does not hand back an action's diagnostics, so the proof is below: the diagnostic goes
        // (or, for a placeholder a person must still replace, says so instead).
        const fix = actions.find((a) => !!a.edit && a.edit.get(doc.uri).length > 0 && !/^(Suppress |Read about |Add a price line )/.test(a.title));
        offered.push(...actions.map((a) => `${a.title}${a.isPreferred ? ' (preferred)' : ''}`));
        if (!fix) continue;
        const ruleId = ruleIdOf(diagnostic)!;
        const before = doc.getText();
        const promised = applied(doc, before, fix.edit!.get(doc.uri));
        const countBefore = ours(doc.uri).filter((d) => ruleIdOf(d) === ruleId).length;
        expect(await vscode.workspace.applyEdit(fix.edit!), `VS Code refused the edit of "${fix.title}".`);
        if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
        expect(doc.getText() === promised, `"${fix.title}" changed ${rel(root, file)} differently from its edits.`);
        const { ms } = await waitFor(`the ${ruleId} diagnostic at line ${diagnostic.range.start.line + 1} to go after "${fix.title}"`,
          () => (ours(doc.uri).filter((d) => ruleIdOf(d) === ruleId).length < countBefore || !ours(doc.uri).some((d) => d.message === diagnostic.message) ? true : undefined), 5000, describeDiagnostics(doc.uri));
        const changed = fix.edit!.get(doc.uri).map((e) => JSON.stringify(e.newText)).join(', ');
        ctx.saw(`${rel(root, file)}:${diagnostic.range.start.line + 1} ${ruleId}: applied "${fix.title}" (new text ${changed}); the diagnostic went after ${ms} ms`);
        return;
      }
    }
    throw new Error(`no quick fix with an edit was offered on any diagnostic of the samples (offered: ${JSON.stringify(offered)}).`);
  },
};
