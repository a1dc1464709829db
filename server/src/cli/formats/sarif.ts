/**
 * `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other CI tools. Every rule the
 * linter knows is described in the driver (its summary, default level and help), and each
 * result points at its rule by index.
 */
import * as path from 'node:path';
import type { Severity } from '../../core/findings';
import { readRegularFile } from '../../core/node-host';
import { LineIndex } from '../../core/ranges';
import { rules } from '../../core/rules/index';
import type { RuleMeta } from '../../core/rules/types';
import type { FileResult, Message } from '../results';
import { FINGERPRINT_VERSION } from '../../core/fingerprint';
import { builtInCheckIds, builtInChecks, setupChecks } from '../../core/checks';
import { fileUri } from '../../protocol/uri';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export interface SarifOptions {
  root: string;
  version: string;
  /** Base URL the docs paths are resolved against for `helpUri` (env OUTCOMES_LINT_DOCS_URL). */
  docsBaseUrl?: string;
}

export function formatSarif(results: FileResult[], options: SarifOptions): string {
  const descriptors = ruleDescriptors(results, options);
  const index = new Map(descriptors.map((d, i) => [d.id, i]));
  const texts = new Map<string, LineIndex | undefined>();
  const lineIndexOf = (file: string) => {
    if (!texts.has(file)) {
      const read = readRegularFile(file);
      texts.set(file, read.ok ? new LineIndex(read.text) : undefined);
    }
    return texts.get(file);
  };
  const sarifResults = results.flatMap((result) => result.messages.map((m) => toResult(result, m, index, options, lineIndexOf)));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'outcomes-lint', version: options.version, semanticVersion: options.version, rules: descriptors } },
        originalUriBaseIds: { ROOT: { uri: fileUri(options.root).replace(/\/?$/, '/') } },
        artifacts: results.map((r) => ({ location: artifactLocation(r.absolutePath, options.root) })),
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function ruleDescriptors(results: FileResult[], options: SarifOptions) {
  const metas: { id: string; summary: string; level: Severity; docs: string; fixable?: boolean; tags: string[] }[] = [
    ...builtInCheckIds.map((id) => ({ id, summary: builtInChecks[id], level: 'error' as Severity, docs: 'docs/format.md#checks-that-are-errors-not-rules', tags: ['outcomes', 'check'] })),
    ...knownRules().map((meta: RuleMeta) => ({ id: meta.id, summary: meta.summary, level: meta.defaultSeverity, docs: meta.docs, fixable: meta.fixable, tags: ['outcomes', 'rule'] })),
  ];
  // Config and suppression problems, or a rule newer than the catalog, still get a descriptor.
  const seen = new Set(metas.map((m) => m.id));
  for (const m of results.flatMap((r) => r.messages)) {
    if (seen.has(m.ruleId)) continue;
    seen.add(m.ruleId);
    const setup = setupChecks[m.ruleId as keyof typeof setupChecks];
    metas.push({ id: m.ruleId, summary: setup ?? m.ruleId, level: m.severity, docs: setup ? 'docs/configuration.md' : 'docs/rules/README.md', tags: ['outcomes'] });
  }
  return metas.map((meta) => {
    const helpUri = helpUriOf(meta.docs, options.docsBaseUrl);
    return {
      id: meta.id,
      name: pascal(meta.id),
      shortDescription: { text: meta.summary },
      fullDescription: { text: meta.summary },
      help: { text: `${meta.summary} See ${meta.docs}.`, markdown: `${meta.summary}\n\nSee [${meta.docs}](${helpUri ?? meta.docs}).` },
      ...(helpUri ? { helpUri } : {}),
      defaultConfiguration: { level: LEVEL[meta.level] },
      properties: { tags: meta.tags, docs: meta.docs, ...(meta.fixable ? { fixable: true } : {}) },
    };
  });
}

function toResult(result: FileResult, m: Message, index: Map<string, number>, options: SarifOptions, lineIndexOf: (file: string) => LineIndex | undefined) {
  const related = (m.finding.related ?? []).map((r, i) => {
    const lines = lineIndexOf(r.file);
    const range = lines?.rangeOf(r.span);
    return {
      id: i + 1,
      message: { text: r.message },
      physicalLocation: {
        artifactLocation: artifactLocation(r.file, options.root),
        ...(range ? { region: { startLine: range.start.line + 1, startColumn: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 } } : {}),
      },
    };
  });
  const fix = m.finding.fix;
  return {
    ruleId: m.ruleId,
    ruleIndex: index.get(m.ruleId)!,
    level: LEVEL[m.severity],
    message: { text: m.message },
    partialFingerprints: { [FINGERPRINT_VERSION]: m.fingerprint },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactLocation(result.absolutePath, options.root),
          region: { startLine: m.line, startColumn: m.column, endLine: m.endLine, endColumn: m.endColumn, charOffset: m.finding.span.start, charLength: m.finding.span.end - m.finding.span.start },
        },
      },
    ],
    ...(related.length ? { relatedLocations: related } : {}),
    ...(fix
      ? {
          fixes: [
            {
              description: { text: fix.title },
              artifactChanges: [
                {
                  artifactLocation: artifactLocation(result.absolutePath, options.root),
                  replacements: fix.edits.map((e) => ({ deletedRegion: { charOffset: e.span.start, charLength: e.span.end - e.span.start }, insertedContent: { text: e.newText } })),
                },
              ],
            },
          ],
        }
      : {}),
  };
}

/** Files inside the root are relative to it (as GitHub expects); others get a file URL. */
function artifactLocation(file: string, root: string): { uri: string; uriBaseId?: string } {
  const relative = path.relative(root, file);
  if (relative && !relative.startsWith('..') && !path.isAbsolute(relative)) return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: 'ROOT' };
  return { uri: fileUri(file) };
}

function helpUriOf(docs: string, base: string | undefined): string | undefined {
  if (/^https?:\/\//.test(docs)) return docs;
  if (!base) return undefined;
  try {
    return new URL(docs, base.endsWith('/') ? base : base + '/').href;
  } catch {
    return undefined;
  }
}

function pascal(id: string): string {
  return id.split(/[^a-zA-Z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}


/** The rules' metadata, as the rule engine registers them. */
function knownRules(): RuleMeta[] {
  return rules.map((rule) => rule.meta);
}
