/**
 * The workspace index: every framework and rate card the tools know of, parsed once per text,
 * and the links between them. Files come through a host, so the CLI reads the disk, the
 * language server adds open editors' text, and tests give files from memory.
 */
import * as path from './path';
import { parseYaml, type ParsedYaml } from './document';
import type { Finding } from './findings';
import { buildFramework, buildRateCard, type DocumentModel, type FrameworkModel, type RateCardModel } from './model';
import { numberLimitFindings, withoutEchoes } from './number-limits';
import { validateDocument, type DocumentKind } from './schema';
import { reparseAfterEdit } from './yaml-edit';

export interface WorkspaceHost {
  /** The file's text, or undefined when it does not exist or cannot be read. */
  readFile(file: string): string | undefined;
  /** Why the last read of `file` failed when it exists but was refused (a FIFO, too large), if known. */
  whyUnreadable?(file: string): string | undefined;
  /** The file's real path with symlinks resolved, when the host has a disk. */
  realPath?(file: string): string | undefined;
  /** The names of the files in a folder, when the host has a disk (an actuals CSV looks for its rate card beside it). */
  listFolder?(dir: string): string[] | undefined;
}

export interface AnalyzedFile {
  file: string;
  text: string;
  parsed: ParsedYaml;
  kind?: DocumentKind;
  model?: DocumentModel;
  /** Findings that need only this file: YAML syntax, schema, amounts. */
  fileFindings: Finding[];
  /** The YAML has a syntax error that breaks its structure: only that error is reported for the file. */
  brokenYaml?: boolean;
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
  /**
   * The reverse index (framework → the files whose `framework:` names it), built from each
   * file's analysis, so finding a framework's rate cards costs the same however many files the
   * workspace holds. `named` remembers what each analysed file names (null: nothing).
   */
  private readonly named = new Map<string, string | null>();
  private readonly namedBy = new Map<string, Set<string>>();
  /**
   * Whether `rateCardsUsing` may analyse every known file not yet indexed (the CLI: each file is
   * read and analysed once per run). The language server sets it false and indexes files in the
   * background, so an open file's first check does not wait for the whole workspace.
   */
  indexOnDemand = true;
  /**
   * Whether the rules' findings for each file are kept between checks, so that an edit of an
   * outcome's title alone runs no rule again (rules/kept.ts). The language server, which checks
   * the same files edit after edit, turns it on; a CLI run checks each file once.
   */
  keepRuleResults = false;
  /** For each framework, how many times its set of rate cards changed (see rateCardSetVersion). */
  private readonly cardSetVersions = new Map<string, number>();
  /** Known files not yet in the index. */
  private readonly unindexed = new Set<string>();
  /** With `unchangingDisk`: what the disk held for each path, read once. */
  private readonly diskTexts = new Map<string, string | undefined>();
  private readonly realPaths = new Map<string, string | undefined>();

  /**
   * `unchangingDisk`: the files do not change while this workspace lives (one CLI run), so each
   * is read from the host once; the language server, whose files change, leaves it off.
   */
  constructor(readonly root: string, private readonly host: WorkspaceHost, private readonly options: { unchangingDisk?: boolean } = {}) {
    this.root = path.resolve(root);
  }

  /** Text from an open editor, which wins over the disk. */
  setOverlay(file: string, text: string): void {
    const resolved = path.resolve(file);
    this.overlays.set(resolved, text);
    this.addKnownFile(resolved);
    // The index is brought up to date when the new text is analysed (rateCardsUsing analyses open files first).
  }

  clearOverlay(file: string): void {
    this.overlays.delete(path.resolve(file));
    this.forget(path.resolve(file));
  }

  /** The file changed or vanished on disk. */
  invalidate(file: string): void {
    this.forget(path.resolve(file));
  }

  /** Registers a file found on disk (by the CLI's or server's scan). */
  addKnownFile(file: string): void {
    const resolved = path.resolve(file);
    this.known.add(resolved);
    if (!this.named.has(resolved)) this.unindexed.add(resolved);
  }

  removeKnownFile(file: string): void {
    const resolved = path.resolve(file);
    this.known.delete(resolved);
    this.forget(resolved);
    this.unindexed.delete(resolved);
  }

  knownFiles(): string[] {
    return [...this.known];
  }

  /** Known files whose links are not indexed yet (for the language server's background indexing). */
  unindexedFiles(): string[] {
    return [...this.unindexed];
  }

  /** Indexes every known file not indexed yet: for answers that must be complete (a rename). */
  indexAll(): void {
    for (const file of this.unindexedFiles()) this.analyze(file);
  }

  private forget(resolved: string): void {
    this.cache.delete(resolved);
    this.diskTexts.delete(resolved);
    this.realPaths.delete(resolved);
    this.index(resolved, undefined);
  }

  /** Records what `file` names as its framework (undefined: not known until it is analysed again). */
  private index(file: string, target: string | null | undefined): void {
    const before = this.named.get(file);
    if (before === target) return;
    if (before) {
      this.namedBy.get(before)?.delete(file);
      this.cardSetVersions.set(before, (this.cardSetVersions.get(before) ?? 0) + 1);
    }
    if (target === undefined) {
      this.named.delete(file);
      if (this.known.has(file)) this.unindexed.add(file);
    } else {
      this.named.set(file, target);
      this.unindexed.delete(file);
      if (target) {
        let files = this.namedBy.get(target);
        if (!files) this.namedBy.set(target, (files = new Set()));
        files.add(file);
        this.cardSetVersions.set(target, (this.cardSetVersions.get(target) ?? 0) + 1);
      }
    }
  }

  textOf(file: string): string | undefined {
    const resolved = path.resolve(file);
    const overlay = this.overlays.get(resolved);
    if (overlay !== undefined) return overlay;
    if (!this.options.unchangingDisk) return this.host.readFile(resolved);
    if (this.diskTexts.has(resolved)) return this.diskTexts.get(resolved);
    const text = this.host.readFile(resolved);
    this.diskTexts.set(resolved, text);
    return text;
  }

  private realPath(file: string): string | undefined {
    if (!this.host.realPath) return undefined;
    if (!this.options.unchangingDisk) return this.host.realPath(file);
    if (this.realPaths.has(file)) return this.realPaths.get(file);
    const real = this.host.realPath(file);
    this.realPaths.set(file, real);
    return real;
  }

  /** The files in a folder: the host's listing where it has one, else the known files there. */
  filesIn(dir: string): string[] {
    const resolved = path.resolve(dir);
    const listed = this.host.listFolder?.(resolved);
    const known = this.knownFiles().filter((f) => path.dirname(f) === resolved);
    return [...new Set([...(listed ?? []).map((name) => path.join(resolved, name)), ...known])].sort();
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
      this.index(resolved, null);
      return undefined;
    }
    const cached = this.cache.get(resolved);
    if (cached && cached.text === text) return cached;
    // An edit inside one value re-reads that value only (yaml-edit.ts); the rest is checked afresh.
    const analyzed = analyzeText(resolved, text, cached?.parsed);
    this.cache.set(resolved, analyzed);
    const model = analyzed.model;
    this.index(resolved, model?.kind === 'RateCard' && model.framework ? path.resolve(path.dirname(resolved), model.framework) : null);
    return analyzed;
  }

  /** The last analysis of a file, without reading it again (the rules ask which values failed validation). */
  analyzedBefore(file: string): AnalyzedFile | undefined {
    return this.cache.get(path.resolve(file));
  }

  /**
   * Whether a path is inside the workspace root, symlinks resolved: the file's real path inside the
   * root's real path, so a root or a file named through a link (a mapped or synced folder) is the
   * same folder, and a link out of the workspace is outside it.
   */
  contains(file: string): boolean {
    const inside = (root: string, p: string) => {
      const relative = path.relative(root, p);
      return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
    };
    const realRoot = this.realPath(this.root) ?? this.root;
    const real = this.realPath(path.resolve(file));
    // A file that is not there (yet) is judged by its name, against the root as named and as resolved.
    if (real === undefined) return inside(this.root, path.resolve(file)) || inside(realRoot, path.resolve(file));
    return inside(realRoot, real);
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

  /**
   * Changes whenever a file starts or stops naming this framework in the index: a check of the
   * framework made at another version may have missed one of its rate cards.
   */
  rateCardSetVersion(frameworkFile: string): number {
    return this.cardSetVersions.get(path.resolve(frameworkFile)) ?? 0;
  }

  /**
   * The known rate cards whose `framework:` points at this file, in path order. Found through the
   * reverse index: only the candidates are read again (to see their current text).
   */
  rateCardsUsing(frameworkFile: string): RateCardModel[] {
    const target = path.resolve(frameworkFile);
    // An editor's text may name another framework since it was last analysed.
    for (const file of this.overlays.keys()) if (this.known.has(file)) this.analyze(file);
    if (this.indexOnDemand) this.indexAll();
    const candidates = this.namedBy.get(target);
    if (!candidates?.size) return [];
    const out: RateCardModel[] = [];
    for (const file of [...candidates].sort()) {
      if (!this.known.has(file)) continue;
      const model = this.analyze(file)?.model; // may update the index, so the loop works on a copy
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

/** `previous`: the same file's last parse, reused when the text differs inside one plain value. */
export function analyzeText(file: string, text: string, previous?: ParsedYaml): AnalyzedFile {
  const parsed = (previous && reparseAfterEdit(previous, text)) || parseYaml(text);
  const fileFindings: Finding[] = parsed.problems.map((problem) => ({ ruleId: parseProblemIds[problem.code], severity: 'error', message: problem.message, file, span: widenToKey(text, problem.span, problem.message) }));
  const kind = detectKind(file, parsed);
  let model: DocumentModel | undefined;
  const refused = parsed.problems.some((p) => p.code !== 'yaml-syntax');
  // A file whose YAML does not read is reported at its syntax error alone: schema findings on
  // the library's guess at the structure would be echoes of that one mistake. The model is still
  // built, so the files that refer to this one keep their links.
  const broken = parsed.problems.some((p) => p.structural);
  if (kind && !refused && parsed.value !== undefined) {
    if (parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
      fileFindings.push({ ruleId: 'schema', severity: 'error', message: `This file should be a mapping of fields starting with \`kind: ${kind}\`, but it holds ${parsed.value === null ? 'nothing' : Array.isArray(parsed.value) ? 'a list' : 'a single value'}.`, file, span: { start: 0, end: Math.min(text.length, parsed.lines.lineEnd(0)) } });
    } else {
      fileFindings.push(...validateDocument(kind, parsed, file));
      if (kind === 'OutcomeFramework') model = buildFramework(file, parsed, previous);
      else {
        const built = buildRateCard(file, parsed);
        model = built.model;
        fileFindings.push(...built.findings);
      }
    }
  }
  // Absurd numbers are reported once, at the value, instead of what reading them would say.
  if (broken) return { file, text, parsed, kind, model, brokenYaml: true, fileFindings: fileFindings.filter((f) => f.ruleId === 'yaml-syntax') };
  const limits = kind && !refused ? numberLimitFindings(parsed, file) : [];
  return { file, text, parsed, kind, model, fileFindings: limits.length ? [...withoutEchoes(fileFindings, limits), ...limits] : fileFindings };
}

/** The parser marks a repeated key by its first character; underline the whole key instead. */
function widenToKey(text: string, span: { start: number; end: number }, message: string): { start: number; end: number } {
  if (span.end - span.start > 1 || !/appears twice/.test(message)) return span;
  const key = /^(?:"[^"\n]*"|'[^'\n]*'|[^\s:#,{}[\]][^:\n,{}]*?)(?=\s*:(?:\s|$))/.exec(text.slice(span.start, span.start + 200));
  return key ? { start: span.start, end: span.start + key[0].length } : span;
}
