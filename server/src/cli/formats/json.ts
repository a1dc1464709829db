/** `--format json`: ESLint's shape, as format.md gives it. */
import type { FileResult } from '../results';

export function formatJson(results: FileResult[]): string {
  return JSON.stringify(
    results.map((result) => ({
      filePath: result.filePath,
      messages: result.messages.map(({ ruleId, severity, message, line, column, endLine, endColumn }) => ({ ruleId, severity, message, line, column, endLine, endColumn })),
      errorCount: result.errorCount,
      warningCount: result.warningCount,
    })),
    null,
    2,
  ) + '\n';
}
