/**
 * Suppression comments in frameworks and rate cards:
 *
 *   # outcomes-lint-disable-next-line <id>[, <id>] -- <reason>
 *   # outcomes-lint-disable-file <id>[, <id>] -- <reason>
 *
 * Only comments on a line of their own count; `disable-next-line` applies to the next line
 * that holds YAML (blank and comment lines are skipped, so suppressions may be stacked).
 * Findings are matched by rule id and line, never by message. Built-in checks cannot be
 * suppressed. A suppression without a reason, with an unknown id, or that suppresses nothing is
 * itself reported (ruleId `suppression`, warning) at the comment.
 */
import type { Finding } from './findings';
import { LineIndex, type Span } from './ranges';
import type { RuleSettings } from './rules/types';
import type { RuleCatalog } from './config/load';
import { didYouMean } from './schema';

export type SuppressionKind = 'next-line' | 'file';

export interface Suppression {
  kind: SuppressionKind;
  ids: { id: string; span: Span }[];
  reason?: string;
  /** The whole comment. */
  span: Span;
  /** For `next-line`: the 0-based line it covers, or undefined when no YAML follows. */
  line?: number;
}

export interface SuppressionResult {
  /** The findings that remain, plus the reports about the suppressions themselves. */
  findings: Finding[];
  /** The findings that comments suppressed. */
  suppressed: Finding[];
}

const DIRECTIVE = /^([ \t]*)#[ \t]*outcomes-lint-([A-Za-z-]*)(.*)$/;
const TRAILING = /\s#[ \t]*outcomes-lint-[A-Za-z-]+/;
const KINDS: Record<string, SuppressionKind> = { 'disable-next-line': 'next-line', 'disable-file': 'file' };

/** Finds the suppression comments of a file; misplaced or misspelt directives come back as problems. */
export function parseSuppressions(text: string, lines = new LineIndex(text)): { suppressions: Suppression[]; problems: { span: Span; message: string }[] } {
  const suppressions: Suppression[] = [];
  const problems: { span: Span; message: string }[] = [];
  if (!text.includes('outcomes-lint-')) return { suppressions, problems };
  const count = lines.lineCount;
  for (let line = 0; line < count; line++) {
    const start = lines.lineStart(line);
    const lineText = text.slice(start, lines.lineEnd(line));
    const match = DIRECTIVE.exec(lineText);
    if (!match) {
      const trailing = TRAILING.exec(lineText);
      if (trailing && !lineText.trimStart().startsWith('#')) {
        const at = start + trailing.index + 1;
        problems.push({ span: { start: at, end: start + lineText.length }, message: 'A suppression comment must be on a line of its own, above the line it is for; at the end of a line it is ignored. Move it to its own line.' });
      }
      continue;
    }
    const commentStart = start + match[1].length;
    const span = { start: commentStart, end: start + lineText.trimEnd().length };
    const kind = KINDS[match[2]];
    if (!kind) {
      problems.push({ span, message: `\`outcomes-lint-${match[2]}\` is not a suppression comment.${didYouMean(match[2], Object.keys(KINDS)).replace(/`([a-z-]+)`/, '`outcomes-lint-$1`') || ' Use `outcomes-lint-disable-next-line` or `outcomes-lint-disable-file`.'}` });
      continue;
    }
    const bodyStart = start + lineText.length - match[3].length;
    const body = match[3];
    const separator = body.indexOf('--');
    const idsText = separator >= 0 ? body.slice(0, separator) : body;
    const reason = separator >= 0 ? body.slice(separator + 2).trim() : '';
    const ids: { id: string; span: Span }[] = [];
    for (const found of idsText.matchAll(/[^\s,]+/g)) ids.push({ id: found[0], span: { start: bodyStart + found.index, end: bodyStart + found.index + found[0].length } });
    suppressions.push({ kind, ids, reason: reason || undefined, span, line: kind === 'next-line' ? nextYamlLine(text, lines, line) : undefined });
  }
  return { suppressions, problems };
}

/**
 * Removes the findings of `file` that its suppression comments cover, and reports the comments
 * that are incomplete or do nothing. Rules that are off for this file do not count as unused.
 */
export function applySuppressions(file: string, text: string, findings: Finding[], catalog: RuleCatalog, settings: RuleSettings, lines = new LineIndex(text)): SuppressionResult {
  const { suppressions, problems } = parseSuppressions(text, lines);
  if (suppressions.length === 0 && problems.length === 0) return { findings, suppressed: [] };
  const reports: Finding[] = problems.map((p) => ({ ruleId: 'suppression', severity: 'warning', message: p.message, file, span: p.span }));
  const report = (span: Span, message: string) => reports.push({ ruleId: 'suppression', severity: 'warning', message, file, span });
  const ruleIds = catalog.rules.map((r) => r.id);
  const used = new Set<string>(); // `${suppressionIndex}:${id}`
  const active: { index: number; suppression: Suppression; id: string }[] = [];
  suppressions.forEach((suppression, index) => {
    const example = suppression.kind === 'file' ? 'outcomes-lint-disable-file' : 'outcomes-lint-disable-next-line';
    if (suppression.ids.length === 0) {
      report(suppression.span, `This suppression names no rule. Write \`# ${example} <rule-id> -- <reason>\`.`);
      return;
    }
    if (!suppression.reason) report(suppression.span, `This suppression gives no reason. Add one after \` -- \` (\`# ${example} ${suppression.ids[0].id} -- <why this is acceptable here>\`), so that reviewers and the people who pay can see why the pattern was accepted.`);
    for (const { id, span } of suppression.ids) {
      if (catalog.builtIns.includes(id) || id === 'config' || id === 'suppression') {
        report(span, `\`${id}\` is a built-in check: its findings are always errors and cannot be suppressed. Fix the problem it reports instead.`);
      } else if (!ruleIds.includes(id)) {
        report(span, `\`${id}\` is not a rule, so this suppresses nothing.${didYouMean(id, ruleIds) || ' Run `outcomes-lint rules` for the list.'}`);
      } else active.push({ index, suppression, id });
    }
  });
  const suppressed: Finding[] = [];
  const kept = findings.filter((finding) => {
    if (finding.file !== file) return true;
    let hit = false;
    for (const { index, suppression, id } of active) {
      if (id !== finding.ruleId) continue;
      if (suppression.kind === 'next-line' && lines.positionAt(finding.span.start).line !== suppression.line) continue;
      used.add(`${index}:${id}`);
      hit = true;
    }
    if (hit) suppressed.push(finding);
    return !hit;
  });
  for (const { index, suppression, id } of active) {
    if (used.has(`${index}:${id}`) || settings[id]?.severity === 'off') continue;
    const span = suppression.ids.find((i) => i.id === id)!.span;
    const where = suppression.kind === 'file' ? 'in this file' : suppression.line === undefined ? 'after it: no YAML follows the comment' : `on line ${suppression.line + 1}`;
    report(span, `This suppression of \`${id}\` suppresses nothing: \`${id}\` reports nothing ${where}. Remove it, or move it to the line above the finding.`);
  }
  return { findings: [...kept, ...reports], suppressed };
}

function nextYamlLine(text: string, lines: LineIndex, from: number): number | undefined {
  for (let line = from + 1; line < lines.lineCount; line++) {
    const content = text.slice(lines.lineStart(line), lines.lineEnd(line)).trim();
    if (content !== '' && !content.startsWith('#')) return line;
  }
  return undefined;
}
