/**
 * The one place the server asks the core for findings (`lintFile`, as the CLI does), so the
 * editor and CI agree. The editor's severity overrides act as the CLI's `--rule` does, for
 * rules only: the checks of format.md are always errors.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtInCheckIds } from '../core/checks';
import { lintFile, type LintReport } from '../core/analysis';
import type { RuleSeverity } from '../core/rules/types';
import type { Workspace } from '../core/workspace';
import type { EditorSettings } from './settings';
import { pathToUri } from './convert';

const builtIn = new Set<string>(builtInCheckIds);

export function lintForEditor(workspace: Workspace, file: string, settings: EditorSettings): LintReport {
  const cliRules: Record<string, RuleSeverity> = {};
  for (const [id, severity] of Object.entries(settings.rules)) if (!builtIn.has(id)) cliRules[id] = severity;
  return lintFile(workspace, file, Object.keys(cliRules).length ? { cliRules } : {});
}

/** Where the extension's files are: the bundle runs from dist/, the docs sit beside it. */
export const extensionRoot = path.resolve(__dirname, '..');

const docsCache = new Map<string, string | undefined>();

/** The documentation file of a rule or check, bundled with the extension, when it exists. */
export function ruleDocsFile(ruleId: string): string | undefined {
  if (docsCache.has(ruleId)) return docsCache.get(ruleId);
  const candidates = [path.join(extensionRoot, 'docs', 'rules', `${ruleId}.md`), path.join(extensionRoot, 'docs', 'checks', `${ruleId}.md`)];
  if (builtIn.has(ruleId)) candidates.push(path.join(extensionRoot, 'docs', 'format.md'));
  const found = candidates.find((file) => fs.existsSync(file));
  docsCache.set(ruleId, found);
  return found;
}

export function ruleDocsUri(ruleId: string): string | undefined {
  const file = ruleDocsFile(ruleId);
  return file ? pathToUri(file) : undefined;
}

/** The rule's explanation for a hover: the first paragraphs of its documentation. */
export function ruleExplanation(ruleId: string): string | undefined {
  const file = ruleDocsFile(ruleId);
  if (!file || !file.includes(`${path.sep}rules${path.sep}`)) return undefined;
  try {
    const text = fs.readFileSync(file, 'utf8');
    const paragraphs = text.split(/\n\s*\n/).filter((p) => !p.startsWith('#')).slice(0, 2);
    return paragraphs.join('\n\n').trim() || undefined;
  } catch {
    return undefined;
  }
}
