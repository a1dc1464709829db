/**
 * The one place the server asks the core for findings (`lintFile`, as the CLI does), so the
 * editor and CI agree. The editor's severity overrides act as the CLI's `--rule` does, for
 * rules only: the checks of format.md are always errors.
 */
import { builtInCheckIds } from '../core/checks';
import { lintFile, type LintReport } from '../core/analysis';
import type { RuleSeverity } from '../core/rules/types';
import type { Workspace } from '../core/workspace';
import type { EditorSettings } from './settings';
import { ruleDocs } from './rule-docs';

const builtIn = new Set<string>(builtInCheckIds);

/** VS Code's workspace trust, as the client passed it: until trusted, no config file in the workspace changes a rule. */
export const workspaceTrust = { trusted: true };

export function lintForEditor(workspace: Workspace, file: string, settings: EditorSettings): LintReport {
  const cliRules: Record<string, RuleSeverity> = {};
  for (const [id, severity] of Object.entries(settings.rules)) if (!builtIn.has(id)) cliRules[id] = severity;
  return lintFile(workspace, file, { ...(Object.keys(cliRules).length ? { cliRules } : {}), ...(workspaceTrust.trusted ? {} : { untrusted: true }) });
}

/** The page of a rule (docs/rules/<id>.md), or of the format reference for a built-in check. */
export function ruleDocsUri(ruleId: string): string {
  return ruleDocs.uri(ruleId, builtIn.has(ruleId));
}

/**
 * The rule's explanation for a hover, from its documentation: the headline, why it matters and
 * what to change (the first paragraph of each section).
 */
export function ruleExplanation(ruleId: string): string | undefined {
  const text = ruleDocs.text(ruleId);
  if (text === undefined) return undefined;
  const headline = /^#\s+(?:`[^`]+`:?\s*)?(.+)$/m.exec(text)?.[1]?.trim();
  const section = (title: string) => {
    const match = new RegExp(`^##\\s+${title}\\s*\\n+([\\s\\S]*?)(?:\\n\\s*\\n|(?![\\s\\S]))`, 'mi').exec(text);
    return match?.[1].replace(/\s*\n\s*/g, ' ').trim();
  };
  const parts = [headline && headline[0].toUpperCase() + headline.slice(1) + '.', section('Why it matters'), section('What to change') && `**What to change:** ${section('What to change')}`].filter(Boolean);
  return parts.length ? parts.join('\n\n') : undefined;
}
