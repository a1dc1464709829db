/** `--format stylish`: grouped by file, one line per finding, a summary at the end. */
import type { Severity } from '../../core/findings';
import type { FileResult } from '../results';
import { plural } from '../../core/words';
import { printable } from '../../core/printable';

export interface StylishOptions {
  color: boolean;
}

const codes = { red: 31, yellow: 33, blue: 34, cyan: 36, gray: 90, bold: 1, underline: 4, green: 32 } as const;

export function formatStylish(results: FileResult[], options: StylishOptions): string {
  const paint = (code: keyof typeof codes, text: string) => (options.color ? `\u001b[${codes[code]}m${text}\u001b[0m` : text);
  const severityColour: Record<Severity, keyof typeof codes> = { error: 'red', warning: 'yellow', info: 'blue', hint: 'gray' };
  const out: string[] = [];
  const totals = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const result of results) {
    if (result.messages.length === 0) continue;
    out.push(paint('underline', printable(result.filePath)));
    const rows = result.messages.map((m) => [`${m.line}:${m.column}`, m.severity, printable(m.message.replace(/\s*\n\s*/g, ' ')), printable(m.ruleId)] as const);
    const widths = [Math.max(...rows.map((r) => r[0].length)), Math.max(...rows.map((r) => r[1].length))];
    for (const [position, severity, message, ruleId] of rows) {
      totals[severity]++;
      out.push(`  ${paint('gray', position.padEnd(widths[0]))}  ${paint(severityColour[severity], severity.padEnd(widths[1]))}  ${message}  ${paint('gray', ruleId)}`);
    }
    out.push('');
  }
  const problems = totals.error + totals.warning + totals.info + totals.hint;
  const files = results.length;
  if (files === 0) {
    out.push('Nothing was checked: no framework or rate card found.');
  } else if (problems === 0) {
    out.push(paint('green', `✔ No problems in ${plural(files, 'file')}.`));
  } else {
    const parts = [plural(totals.error, 'error'), plural(totals.warning, 'warning')];
    if (totals.info) parts.push(`${totals.info} info`);
    if (totals.hint) parts.push(plural(totals.hint, 'hint'));
    const summary = `✖ ${plural(problems, 'problem')} (${parts.join(', ')}) in ${plural(files, 'file')}`;
    out.push(paint('bold', paint(totals.error ? 'red' : 'yellow', summary)));
  }
  return out.join('\n') + '\n';
}
