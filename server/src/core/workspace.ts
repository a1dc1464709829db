/**
 * The workspace index: every framework and rate card the tools know of, parsed once per text,
 * and the links between them. Files come through a host, so the CLI reads the disk, the
 * language server adds open editors' text, and tests give files from memory.
 */
import * as path from 'node:path';
import { parseYaml, type ParsedYaml } from './document';
import type { Finding } from './findings';
import { buildFramework, buildRateCard, type DocumentModel, type FrameworkModel, type RateCardModel } from './model';
import { numberLimitFindings, withoutEchoes } from './number-limits';
import { validateDocument, type DocumentKind } from './schema';

export interface WorkspaceHost {
  /** The file's text, or undefined when it does not exist or cannot be read. */
  readFile(file: string): string | undefined;
  /** Why the last read of `file` failed when it exists but was refused (a FIFO, too large), if known. */
  whyUnreadable?(file: string): string | undefined;
  /** The file's real path with symlinks resolved, when the host has a disk. */
  realPath?(file: string): string | undefined;
}

export interface AnalyzedFile {
  file: string;
  text: string;
  parsed: ParsedYaml;
  kind?: DocumentKind;
  model?: DocumentModel;
  /** Findings that need only this file: YAML syntax, schema, amounts. */
  fileFindings: Finding[];
}

export type FrameworkLink =
  | { ok: true; framework: FrameworkModel; file: string }
  | { ok: false; reason: 'missing' | 'outside' | 'not-framework' | 'unreadable' | 'no-reference'; file?: string };

const parseProblemIds: Record<string, string> = { 'yaml-syntax': 'yaml-syntax', 'not-text': 'yaml-syntax', 'too-large': 'yaml-syntax', 'too-deep': 'yaml-syntax', 'alias-expansion': 'yaml-syntax' };

export class Workspace {
  private readonly overlays = new Map<string, string>();
  private readonly cache = new Map<string, AnalyzedFile>();
  /** Files known to be frameworks or rate cards, for reverse links (framework → rate cards). */
  private readonly known = new Set<string>();

  constructor(readonly root: string, private readonly host: WorkspaceHost) {
    this.root = path.resolve(root);
  }

  /** Text from an open editor, which wins over the disk. */
  setOverlay(file: string, text: string): void {
    this.overlays.set(path.resolve(file), text);
    this.known.add(path.resolve(file));
  }

  clearOverlay(file: string): void {
    this.overlays.delete(path.resolve(file));
    this.cache.delete(path.resolve(file));
  }

  /** The file changed or vanished on disk. */
  invalidate(file: string): void {
    this.cache.delete(path.resolve(file));
  }

  /** Registers a file found on disk (by the CLI's or server's scan). */
  addKnownFile(file: string): void {
    this.known.add(path.resolve(file));
  }

  removeKnownFile(file: string): void {
    this.known.delete(path.resolve(file));
    this.cache.delete(path.resolve(file));
  }

  knownFiles(): string[] {
    return [...this.known];
  }

  textOf(file: string): string | undefined {
    const resolved = path.resolve(file);
    return this.overlays.get(resolved) ?? this.host.readFile(resolved);
  }

  /** Why `file` could not be read, when it exists but was refused (a FIFO, a device, too large). */
  whyUnreadable(file: string): string | undefined {
    return this.overlays.has(path.resolve(file)) ? undefined : this.host.whyUnreadable?.(path.resolve(file));
  }

  /** Parses and models a file, once per distinct text. Undefined when it cannot be read. */
  analyze(file: string): AnalyzedFile | undefined {
    const resolved = path.resolve(file);
    const text = this.textOf(resolved);
    if (text === undefined) {
      this.cache.delete(resolved);
      return undefined;
    }
    const cached = this.cache.get(resolved);
    if (cached && cached.text === text) return cached;
    const analyzed = analyzeText(resolved, text);
    this.cache.set(resolved, analyzed);
    return analyzed;
  }

  /** Whether a path is inside the workspace root, symlinks resolved. */
  contains(file: string): boolean {
    const inside = (p: string) => {
      const relative = path.relative(this.root, p);
      return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
    };
    if (!inside(path.resolve(file))) return false;
    const real = this.host.realPath?.(file);
    const realRoot = this.host.realPath?.(this.root) ?? this.root;
    if (real === undefined) return true;
    const relative = path.relative(realRoot, real);
    return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
  }

  /** The framework a rate card names, or why it cannot be used. */
  frameworkOf(rateCard: RateCardModel): FrameworkLink {
    if (!rateCard.framework) return { ok: false, reason: 'no-reference' };
    const file = path.resolve(path.dirname(rateCard.file), rateCard.framework);
    if (!this.contains(file)) return { ok: false, reason: 'outside', file };
    const analyzed = this.analyze(file);
    if (!analyzed) return { ok: false, reason: 'missing', file };
    if (analyzed.model?.kind !== 'OutcomeFramework') return { ok: false, reason: 'not-framework', file };
    this.known.add(file);
    return { ok: true, framework: analyzed.model, file };
  }

  /** The known rate cards whose `framework:` points at this file. */
  rateCardsUsing(frameworkFile: string): RateCardModel[] {
    const target = path.resolve(frameworkFile);
    const out: RateCardModel[] = [];
    for (const file of this.known) {
      const model = this.analyze(file)?.model;
      if (model?.kind === 'RateCard' && model.framework && path.resolve(path.dirname(model.file), model.framework) === target) out.push(model);
    }
    return out;
  }
}

/** What kind of document a parsed file is, from its `kind:` or else its name. */
export function detectKind(file: string, parsed: ParsedYaml): DocumentKind | undefined {
  const value = parsed.value as Record<string, unknown> | null;
  const kind = value && typeof value === 'object' ? value.kind : undefined;
  if (kind === 'OutcomeFramework' || kind === 'RateCard') return kind;
  if (/\.framework\.ya?ml$/i.test(file)) return 'OutcomeFramework';
  if (/\.ratecard\.ya?ml$/i.test(file)) return 'RateCard';
  return undefined;
}

export function analyzeText(file: string, text: string): AnalyzedFile {
  const parsed = parseYaml(text);
  const fileFindings: Finding[] = parsed.problems.map((problem) => ({ ruleId: parseProblemIds[problem.code], severity: 'error', message: problem.message, file, span: widenToKey(text, problem.span, problem.message) }));
  const kind = detectKind(file, parsed);
  let model: DocumentModel | undefined;
  const refused = parsed.problems.some((p) => p.code !== 'yaml-syntax');
  if (kind && !refused && parsed.value !== undefined) {
    if (parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
      fileFindings.push({ ruleId: 'schema', severity: 'error', message: `This file should be a mapping of fields starting with \`kind: ${kind}\`, but it holds ${parsed.value === null ? 'nothing' : Array.isArray(parsed.value) ? 'a list' : 'a single value'}.`, file, span: { start: 0, end: Math.min(text.length, parsed.lines.lineEnd(0)) } });
    } else {
      fileFindings.push(...validateDocument(kind, parsed, file));
      if (kind === 'OutcomeFramework') model = buildFramework(file, parsed);
      else {
        const built = buildRateCard(file, parsed);
        model = built.model;
        fileFindings.push(...built.findings);
      }
    }
  }
  // Absurd numbers are reported once, at the value, instead of what reading them would say.
  const limits = kind && !refused ? numberLimitFindings(parsed, file) : [];
  return { file, text, parsed, kind, model, fileFindings: limits.length ? [...withoutEchoes(fileFindings, limits), ...limits] : fileFindings };
}

/** The parser marks a repeated key by its first character; underline the whole key instead. */
function widenToKey(text: string, span: { start: number; end: number }, message: string): { start: number; end: number } {
  if (span.end - span.start > 1 || !/appears twice/.test(message)) return span;
  const key = /^(?:"[^"\n]*"|'[^'\n]*'|[^\s:#,{}[\]][^:\n,{}]*?)(?=\s*:(?:\s|$))/.exec(text.slice(span.start, span.start + 200));
  return key ? { start: span.start, end: span.start + key[0].length } : span;
}
