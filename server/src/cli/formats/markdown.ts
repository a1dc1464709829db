/**
 * `--format markdown`: the findings as a Markdown list, for a pull request comment or a job
 * summary. Text from the files (messages quote ids and titles) is escaped so it cannot become
 * Markdown or HTML.
 */
import type { FileResult } from '../results';
import { escapeMarkdownInline as escapeMarkdown } from '../../core/markdown';

const ICON: Record<string, string> = { error: '🔴 error', warning: '🟠 warning', info: '🔵 info', hint: '⚪ hint' };

export function formatMarkdown(results: FileResult[]): string {
  const withFindings = results.filter((r) => r.messages.length > 0);
  const count = (key: 'errorCount' | 'warningCount') => results.reduce((n, r) => n + r[key], 0);
  const total = withFindings.reduce((n, r) => n + r.messages.length, 0);
  if (total === 0) return `No problems found in ${results.length} file${results.length === 1 ? '' : 's'}.\n`;
  const out: string[] = [`${total} problem${total === 1 ? '' : 's'} (${count('errorCount')} error${count('errorCount') === 1 ? '' : 's'}, ${count('warningCount')} warning${count('warningCount') === 1 ? '' : 's'}) in ${withFindings.length} file${withFindings.length === 1 ? '' : 's'}.`, ''];
  for (const result of withFindings) {
    out.push(`**${escapeMarkdown(result.filePath)}**`, '');
    for (const m of result.messages) out.push(`- ${ICON[m.severity]} line ${m.line}: ${escapeMarkdown(m.message.replace(/\s*\n\s*/g, ' '))} (\`${m.ruleId.replace(/`/g, '')}\`)`);
    out.push('');
  }
  return out.join('\n');
}

