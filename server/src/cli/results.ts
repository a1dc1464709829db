/** The linter's results in the shape every output format reads. */
import * as path from 'node:path';
import type { Finding, Severity } from '../core/findings';
import { LineIndex } from '../core/ranges';

export interface Message {
  ruleId: string;
  severity: Severity;
  message: string;
  /** 1-based, as editors and CI tools show them. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  finding: Finding;
  /** Stable across line moves and amount changes (core/fingerprint.ts): how CI matches findings. */
  fingerprint: string;
}

export interface FileResult {
  /** As the user sees it: relative to the current folder. */
  filePath: string;
  absolutePath: string;
  messages: Message[];
  errorCount: number;
  warningCount: number;
  infoCount: number;
  hintCount: number;
}

export function toFileResult(absolutePath: string, text: string | undefined, findings: Finding[], fingerprints: string[], cwd = process.cwd()): FileResult {
  const lines = new LineIndex(text ?? '');
  const messages = findings.map((finding, i) => {
    const range = lines.rangeOf(finding.span);
    return { ruleId: finding.ruleId, severity: finding.severity, message: finding.message, line: range.start.line + 1, column: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1, finding, fingerprint: fingerprints[i] };
  });
  const count = (severity: Severity) => messages.filter((m) => m.severity === severity).length;
  return { filePath: displayPath(absolutePath, cwd), absolutePath, messages, errorCount: count('error'), warningCount: count('warning'), infoCount: count('info'), hintCount: count('hint') };
}

export function displayPath(absolutePath: string, cwd = process.cwd()): string {
  const relative = path.relative(cwd, absolutePath);
  return (relative.startsWith('..') || path.isAbsolute(relative) ? absolutePath : relative).split(path.sep).join('/');
}
