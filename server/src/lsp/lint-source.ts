/**
 * The one place the server asks the core for findings (`lintFile`, as the CLI does), so the
 * editor and CI agree. The editor's severity overrides act as the CLI's `--rule` does, for
 * rules only: the checks of format.md are always errors.
 */
import * as fs from 'node:fs';
import * as path from '../core/path';
import { builtInCheckIds } from '../core/checks';
import { lintFile, type LintReport } from '../core/analysis';
import type { RuleSeverity } from '../core/rules/types';
import type { Workspace } from '../core/workspace';
import type { EditorSettings } from './settings';
import { pathToUri } from './convert';

const builtIn = new Set<string>(builtInCheckIds);

/** VS Code's workspace trust, as the client passed it: until trusted, no config file in the workspace changes a rule. */
export const workspaceTrust = { trusted: true };

export function lintForEditor(workspace: Workspace, file: string, settings: EditorSettings): LintReport {
  const cliRules: Record<string, RuleSeverity> = {};
  for (const [id, severity] of Object.entries(settings.rules)) if (!builtIn.has(id)) cliRules[id] = severity;
  return lintFile(workspace, file, { ...(Object.keys(cliRules).length ? { cliRules } : {}), ...(workspaceTrust.trusted ? {} : { untrusted: true }) });
}

/** Where the extension's files are: the bundle runs from dist/, the docs sit beside it. */
export const extensionRoot = path.resolve(__dirname, '..');

const docsCache = new Map<string, string>();

/**
 * The documentation file of a rule or check, bundled with the extension: docs/rules/<id>.md
 * (ruleMeta.docs); the built-in checks of format.md fall back to the format reference.
 */
export function ruleDocsFile(ruleId: string): string {
  const cached = docsCache.get(ruleId);
  if (cached) return cached;
  let file = path.join(extensionRoot, 'docs', 'rules', `${ruleId}.md`);
  if (builtIn.has(ruleId) && !fs.existsSync(file)) file = path.join(extensionRoot, 'docs', 'format.md');
  docsCache.set(ruleId, file);
  return file;
}

const docsUris = new Map<string, string>();

export function ruleDocsUri(ruleId: string): string {
  let uri = docsUris.get(ruleId);
  if (uri === undefined) {
    const file = ruleDocsFile(ruleId);
    uri = pathToUri(file) + (file.endsWith('format.md') ? '#checks-that-are-errors-not-rules' : '');
    docsUris.set(ruleId, uri); // one per rule, not one per diagnostic
  }
  return uri;
}

/**
 * The rule's explanation for a hover, from its documentation: the headline, why it matters and
 * what to change (the first paragraph of each section).
 */
export function ruleExplanation(ruleId: string): string | undefined {
  const file = ruleDocsFile(ruleId);
  if (!file.includes(`${path.sep}rules${path.sep}`)) return undefined;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const headline = /^#\s+(?:`[^`]+`:?\s*)?(.+)$/m.exec(text)?.[1]?.trim();
  const section = (title: string) => {
    const match = new RegExp(`^##\\s+${title}\\s*\\n+([\\s\\S]*?)(?:\\n\\s*\\n|(?![\\s\\S]))`, 'mi').exec(text);
    return match?.[1].replace(/\s*\n\s*/g, ' ').trim();
  };
  const parts = [headline && headline[0].toUpperCase() + headline.slice(1) + '.', section('Why it matters'), section('What to change') && `**What to change:** ${section('What to change')}`].filter(Boolean);
  return parts.length ? parts.join('\n\n') : undefined;
}
