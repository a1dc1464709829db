/**
 * `--format gitlab`: GitLab code quality JSON (a `codequality` report artifact), so findings
 * show in merge requests. Fingerprints are the findings' own (core/fingerprint.ts): stable
 * across runs, line moves and changed amounts.
 */
import type { Severity } from '../../core/findings';
import type { FileResult } from '../results';

const SEVERITY: Record<Severity, 'info' | 'minor' | 'major' | 'critical'> = { error: 'critical', warning: 'major', info: 'minor', hint: 'info' };

export function formatGitlab(results: FileResult[]): string {
  const issues = results.flatMap((result) =>
    result.messages.map((m) => ({
      type: 'issue',
      description: m.message,
      check_name: m.ruleId,
      fingerprint: m.fingerprint,
      severity: SEVERITY[m.severity],
      location: { path: result.filePath, lines: { begin: m.line, end: m.endLine } },
    })),
  );
  return JSON.stringify(issues, null, 2) + '\n';
}
