/** Open each sample with mistakes: the editor shows the same findings as the CLI, rule ids at the same lines and columns. */
import * as vscode from 'vscode';
import { brokenFiles, describeDiagnostics, expect, open, ours, rel, ruleIdOf, waitFor, type Scenario } from './harness';

const key = (ruleId: string, line: number, column: number) => `${ruleId}@${line}:${column}`;

export const diagnostics: Scenario = {
  name: 'diagnostics: a rate card with mistakes shows each finding with its rule id at the right line',
  async run(ctx) {
    const root = ctx.fresh();
    const broken = brokenFiles(ctx, root);
    expect(broken.length > 0, 'samples/broken has no file with findings: nothing to check.');
    expect(broken.some((b) => b.file.endsWith('.ratecard.yaml')), 'samples/broken has no rate card with findings.');
    for (const { file, findings } of broken) {
      const editor = await open(file);
      const uri = editor.document.uri;
      const wanted = findings.map((m) => key(m.ruleId, m.line, m.column)).sort();
      const seen = () => ours(uri).map((d) => key(ruleIdOf(d)!, d.range.start.line + 1, d.range.start.character + 1)).sort();
      const { ms } = await waitFor(`the diagnostics of ${rel(root, file)} to match the CLI's ${JSON.stringify(wanted)}`,
        () => (JSON.stringify(seen()) === JSON.stringify(wanted) ? true : undefined), 20000, describeDiagnostics(uri));
      // Messages come from the same engine: the editor says exactly what the CLI says.
      for (const m of findings) {
        const d = ours(uri).find((x) => ruleIdOf(x) === m.ruleId && x.range.start.line + 1 === m.line);
        expect(d?.message === m.message, `${rel(root, file)}:${m.line}: the editor says "${d?.message}", the CLI says "${m.message}".`);
        const severity = { error: vscode.DiagnosticSeverity.Error, warning: vscode.DiagnosticSeverity.Warning, info: vscode.DiagnosticSeverity.Information, hint: vscode.DiagnosticSeverity.Hint }[m.severity];
        expect(d.severity === severity, `${rel(root, file)}:${m.line} ${m.ruleId}: severity ${d.severity} in the editor, ${m.severity} in the CLI.`);
      }
      ctx.saw(`${rel(root, file)}: ${wanted.length} diagnostics after ${ms} ms (${[...new Set(findings.map((m) => m.ruleId))].join(', ')})`);
    }
  },
};
