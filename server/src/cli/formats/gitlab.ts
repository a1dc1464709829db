/**
 * `--format gitlab`: GitLab code quality JSON (a `codequality` report artifact), so findings
 * show in merge requests. Fingerprints are stable across runs and line moves: a hash of the
 * file, rule and message, and which occurrence of that triple it is.
 */
import { createHash } from 'node:crypto';
import type { Severity } from '../../core/findings';
import type { FileResult } from '../results';

const SEVERITY: Record<Severity, 'info' | 'minor' | 'major' | 'critical'> = { error: 'critical', warning: 'major', info: 'minor', hint: 'info' };

export function formatGitlab(results: FileResult[]): string {
  const issues = results.flatMap((result) => {
    const seen = new Map<string, number>();
    return result.messages.map((m) => {
      const key = `${result.filePath}\u0000${m.ruleId}\u0000${m.message}`;
      const occurrence = seen.get(key) ?? 0;
      seen.set(key, occurrence + 1);
      return {
        type: 'issue',
        description: m.message,
        check_name: m.ruleId,
        fingerprint: createHash('sha256').update(`${key}\u0000${occurrence}`).digest('hex'),
        severity: SEVERITY[m.severity],
        location: { path: result.filePath, lines: { begin: m.line, end: m.endLine } },
      };
    });
  });
  return JSON.stringify(issues, null, 2) + '\n';
}
