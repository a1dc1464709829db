/**
 * `--format github`: GitHub Actions workflow commands, so findings show as annotations on the
 * pull request: `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`.
 * Escaping follows @actions/core: `%`, `\r`, `\n` in the message; also `:` and `,` in properties.
 */
import type { Severity } from '../../core/findings';
import type { FileResult } from '../results';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

export function formatGithub(results: FileResult[]): string {
  const out: string[] = [];
  for (const result of results) {
    for (const m of result.messages) {
      const properties = [
        `file=${escapeProperty(result.filePath)}`,
        `line=${m.line}`,
        `col=${m.column}`,
        `endLine=${m.endLine}`,
        `endColumn=${m.endColumn}`,
        `title=${escapeProperty(`${m.ruleId} (${m.severity})`)}`,
      ];
      out.push(`::${COMMAND[m.severity]} ${properties.join(',')}::${escapeData(m.message)}`);
    }
  }
  return out.length ? out.join('\n') + '\n' : '';
}

export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
