/**
 * `--format junit`: JUnit XML, one test case per file checked. A file with errors or warnings
 * fails, its failure listing every finding; info and hints go to the case's system-out.
 */
import type { FileResult, Message } from '../results';
import { plural } from '../../core/words';
import { printable } from '../../core/printable';

export function formatJunit(results: FileResult[]): string {
  const failing = results.filter((r) => r.errorCount + r.warningCount > 0).length;
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(`<testsuites name="outcomes-lint" tests="${results.length}" failures="${failing}" errors="0">`);
  out.push(`  <testsuite name="outcomes-lint" tests="${results.length}" failures="${failing}" errors="0" skipped="0">`);
  for (const result of results) {
    const failures = result.messages.filter((m) => m.severity === 'error' || m.severity === 'warning');
    const notes = result.messages.filter((m) => m.severity === 'info' || m.severity === 'hint');
    const name = xml(printable(result.filePath));
    if (failures.length === 0 && notes.length === 0) {
      out.push(`    <testcase classname="outcomes-lint" name="${name}" file="${name}"/>`);
      continue;
    }
    out.push(`    <testcase classname="outcomes-lint" name="${name}" file="${name}">`);
    if (failures.length) {
      const summary = [result.errorCount ? count(result.errorCount, 'error') : '', result.warningCount ? count(result.warningCount, 'warning') : ''].filter(Boolean).join(', ');
      const type = result.errorCount ? 'error' : 'warning';
      out.push(`      <failure message="${xml(summary)}" type="${type}">${xml(failures.map((m) => line(result, m)).join('\n'))}</failure>`);
    }
    if (notes.length) out.push(`      <system-out>${xml(notes.map((m) => line(result, m)).join('\n'))}</system-out>`);
    out.push('    </testcase>');
  }
  out.push('  </testsuite>', '</testsuites>');
  return out.join('\n') + '\n';
}

function line(result: FileResult, m: Message): string {
  // A file's name or text never starts a line of the report (a CI log obeys `::error` at a line's start).
  return `${printable(result.filePath)}:${m.line}:${m.column}: ${m.severity}: ${printable(m.message)} (${m.ruleId})`;
}

function count(n: number, word: string): string {
  return plural(n, word);
}

/** Escapes text for XML and drops the control characters XML 1.0 cannot hold. */
export function xml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
