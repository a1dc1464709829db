/** Completion: the keys the schema allows here, allowed values, ids of the linked framework, framework paths. */
import * as path from '../core/path';
import { CompletionItemKind, type CompletionItem, type Position } from 'vscode-languageserver';
import type { PathSegment } from '../core/document';
import type { FrameworkModel } from '../core/model';
import { detectKind } from '../core/workspace';
import { typingContext } from './locate';
import { keysAt, valuesAt } from './schema-walk';
import type { Session } from './session';

type IdKind = 'outcome' | 'cohort' | 'payer' | 'body';

export function completion(session: Session, file: string, position: Position): CompletionItem[] {
  const analyzed = session.analyze(file);
  if (!analyzed) return [];
  const kind = analyzed.kind ?? detectKind(file, analyzed.parsed);
  if (!kind) return [];
  const offset = analyzed.parsed.lines.offsetAt(position);
  const context = typingContext(analyzed.text, offset);
  const model = analyzed.model;
  const framework: FrameworkModel | undefined = model?.kind === 'OutcomeFramework' ? model : model?.kind === 'RateCard' ? session.frameworkOf(model)?.framework : undefined;
  const items: CompletionItem[] = [];
  const { parentPath } = context;
  const last = (n: number): PathSegment | undefined => parentPath[parentPath.length - n];

  // `- ` as the first item of a list cannot tell ids from mappings by its text: the schema can.
  if (context.position === 'value' && !context.key && keysAt(kind, parentPath).length) context.position = 'key';
  if (context.position === 'key') {
    // Mappings keyed by ids: payer splits, achievement shares, baselines.
    const idKeys = idKeyKind(kind, parentPath);
    if (idKeys && framework) {
      items.push(...idItems(framework, idKeys, context.siblings).map((item) => ({ ...item, insertText: `${item.label}: ` })));
      return items;
    }
    if (kind === 'RateCard' && last(1) === 'profile' && framework) {
      items.push(...contractYears(framework).filter((y) => !context.siblings.includes(y)).map((year) => ({ label: year, kind: CompletionItemKind.Value, detail: 'a year of the contract', insertText: `${year}: ` })));
      return items;
    }
    for (const key of keysAt(kind, parentPath)) {
      if (context.siblings.includes(key.key)) continue;
      items.push({
        label: key.key,
        kind: CompletionItemKind.Property,
        detail: key.required ? 'required' : undefined,
        documentation: key.description ? { kind: 'markdown', value: key.description } : undefined,
        insertText: key.shape === 'scalar' ? `${key.key}: ` : `${key.key}:`,
        sortText: `${key.required ? 0 : 1}${key.key}`,
      });
    }
    return items;
  }

  const valuePath = context.key ? [...parentPath, context.key] : parentPath;
  for (const { value, description } of valuesAt(kind, valuePath)) {
    items.push({ label: String(value), kind: CompletionItemKind.EnumMember, documentation: description ? { kind: 'markdown', value: description } : undefined });
  }
  const idKind = idValueKind(kind, context.key, last(1) === 0 ? last(2) : undefined);
  if (idKind && framework) items.push(...idItems(framework, idKind, []));
  if (kind === 'RateCard' && context.key === 'framework') items.push(...frameworkPaths(session, file));
  return items;
}

/** Which ids a value at this place names. */
function idValueKind(kind: string, key: string | undefined, listKey: PathSegment | undefined): IdKind | undefined {
  const name = key ?? (typeof listKey === 'string' ? listKey : undefined);
  if (kind === 'RateCard') {
    if (name === 'outcome') return 'outcome';
    if (name === 'cohort' || name === 'cohorts') return 'cohort';
  } else if (name === 'requires' || name === 'requiresAnyOf' || name === 'excludes') return 'outcome';
  return undefined;
}

/** Which ids are the keys of the mapping at this place. */
function idKeyKind(kind: string, parentPath: PathSegment[]): IdKind | undefined {
  const last = parentPath[parentPath.length - 1];
  if (kind === 'RateCard') {
    if (last === 'payers') return 'payer';
    if (last === 'achievement' || last === 'claimsPerAchiever') return 'outcome';
  } else if (last === 'baseline') return 'cohort';
  // An outcome's value.fiscal: the bodies that save, declared or paying.
  else if (last === 'fiscal' && parentPath[parentPath.length - 2] === 'value') return 'body';
  return undefined;
}

function idItems(framework: FrameworkModel, kind: IdKind, exclude: string[]): CompletionItem[] {
  const entries = kind === 'outcome' ? framework.outcomes : kind === 'cohort' ? framework.cohorts : kind === 'body' ? [...framework.bodies, ...framework.payers] : framework.payers;
  const seen = new Set(exclude);
  const items: CompletionItem[] = [];
  for (const entry of entries) {
    if (!entry.id || seen.has(entry.id)) continue;
    seen.add(entry.id);
    const value = entry.value as Record<string, unknown>;
    const title = typeof value.title === 'string' ? value.title : typeof value.name === 'string' ? value.name : undefined;
    const paid = kind === 'outcome' && value.role === 'payment';
    items.push({
      label: entry.id,
      kind: kind === 'outcome' ? CompletionItemKind.Event : kind === 'cohort' ? CompletionItemKind.Class : CompletionItemKind.Constant,
      detail: [title, kind === 'outcome' ? `${value.stage ?? ''} · ${value.role ?? ''}` : undefined].filter(Boolean).join(' — '),
      // Payment outcomes first: indicators are measured, never priced.
      sortText: `${kind === 'outcome' && !paid ? 1 : 0}${String(entry.index).padStart(4, '0')}`,
    });
  }
  return items;
}

/** The years from the contract's start to its end: when payments may fall. */
function contractYears(framework: FrameworkModel): string[] {
  const contract = framework.data.contract as { start?: unknown; end?: unknown } | undefined;
  const year = (value: unknown) => (value instanceof Date ? value.getUTCFullYear() : typeof value === 'string' ? Number(value.slice(0, 4)) : NaN);
  const start = year(contract?.start);
  const end = year(contract?.end);
  if (!Number.isInteger(start) || !Number.isInteger(end) || end < start || end - start > 50) return [];
  return Array.from({ length: end - start + 1 }, (_, i) => String(start + i));
}

function frameworkPaths(session: Session, file: string): CompletionItem[] {
  const workspace = session.workspaceFor(file);
  return workspace
    .knownFiles()
    .filter((other) => other !== file && workspace.analyze(other)?.kind === 'OutcomeFramework')
    .map((other) => {
      const relative = path.relative(path.dirname(file), other).split(path.sep).join('/');
      return { label: relative, kind: CompletionItemKind.File, detail: (workspace.analyze(other)?.model as FrameworkModel | undefined)?.data.title as string | undefined };
    });
}
