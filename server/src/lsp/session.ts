/**
 * The server's view of the workspace: one core `Workspace` per workspace folder, open editors
 * as overlays, and the files of ours found on disk. It knows which files an edit affects.
 */
import * as path from '../core/path';
import { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { FrameworkModel, RateCardModel } from '../core/model';
import { Workspace, type AnalyzedFile } from '../core/workspace';
import { pathToUri, uriToPath } from './convert';
import { workspaceFiles } from './files';
import type { WorkspaceFiles } from './workspace-files';
import { isActualsName } from '../core/actuals';

/** Stops a scan of a huge folder from taking the server down with it. */
const MAX_SCANNED_FILES = 20_000;

export class Session {
  readonly documents = new TextDocuments(TextDocument);
  private roots: string[] = [];
  private readonly byRoot = new Map<string, Workspace>();
  private readonly uris = new Map<string, string>();

  /** `files`: the disk (Node), or the client's `workspace.fs` (a browser); see files.ts. */
  constructor(private readonly files: WorkspaceFiles = workspaceFiles) {}

  setRoots(roots: string[]): void {
    this.roots = [...new Set(roots.map((r) => path.resolve(r)))].sort((a, b) => b.length - a.length);
    for (const root of this.roots) if (!this.byRoot.has(root)) this.byRoot.set(root, this.newWorkspace(root));
    // Open documents keep their text in whichever workspace now holds them.
    for (const document of this.documents.all()) this.setOverlay(document.uri, document.getText());
  }

  /** The workspace a file belongs to: the innermost folder holding it, else one rooted at its own folder. */
  workspaceFor(file: string): Workspace {
    const resolved = path.resolve(file);
    for (const root of this.roots) {
      const relative = path.relative(root, resolved);
      if (!relative.startsWith('..') && !path.isAbsolute(relative)) return this.byRoot.get(root)!;
    }
    const root = path.dirname(resolved);
    let workspace = this.byRoot.get(root);
    if (!workspace) {
      workspace = this.newWorkspace(root);
      this.byRoot.set(root, workspace);
    }
    return workspace;
  }

  private newWorkspace(root: string): Workspace {
    const workspace = new Workspace(root, this.files.host);
    // Files found on disk are indexed as the background checks reach them: an open file's
    // first check does not wait for the whole workspace to be read.
    workspace.indexOnDemand = false;
    // An edit of an outcome's title gives the last findings again with the new name, no rule re-run.
    workspace.keepRuleResults = true;
    return workspace;
  }

  /** Changes when the rate cards the index knows for this framework change (see Checker.run). */
  rateCardSetVersion(file: string): number {
    return this.workspaceFor(file).rateCardSetVersion(file);
  }

  /** A file's URI, worked out once per file rather than once per diagnostic. */
  uriOf(file: string): string {
    let uri = this.uris.get(file);
    if (uri === undefined) {
      if (this.uris.size >= MAX_SCANNED_FILES) this.uris.clear();
      uri = pathToUri(file);
      this.uris.set(file, uri);
    }
    return uri;
  }

  setOverlay(uri: string, text: string): string | undefined {
    const file = uriToPath(uri);
    if (file) this.workspaceFor(file).setOverlay(file, text);
    return file;
  }

  clearOverlay(uri: string): string | undefined {
    const file = uriToPath(uri);
    if (file) this.workspaceFor(file).clearOverlay(file);
    return file;
  }

  analyze(file: string): AnalyzedFile | undefined {
    return this.workspaceFor(file).analyze(file);
  }

  documentFor(file: string): TextDocument | undefined {
    return this.documents.get(this.uriOf(file));
  }

  isOpen(file: string): boolean {
    return this.documentFor(file) !== undefined;
  }

  /** Every file of ours the server knows of: open, or found on disk. */
  knownFiles(): string[] {
    const out = new Set<string>();
    for (const workspace of this.byRoot.values()) for (const file of workspace.knownFiles()) out.add(file);
    return [...out];
  }

  /** The linked framework of a rate card, when it loads. */
  frameworkOf(rateCard: RateCardModel): { framework: FrameworkModel; file: string } | undefined {
    const link = this.workspaceFor(rateCard.file).frameworkOf(rateCard);
    return link.ok ? { framework: link.framework, file: link.file } : undefined;
  }

  /** The framework and every known rate card that prices it: the scope of ids for rename and references. */
  family(file: string): { framework?: FrameworkModel; rateCards: RateCardModel[] } {
    const model = this.analyze(file)?.model;
    if (!model) return { rateCards: [] };
    // A rename must reach every rate card, even before the background checks have indexed them all.
    this.workspaceFor(file).indexAll();
    if (model.kind === 'OutcomeFramework') return { framework: model, rateCards: this.workspaceFor(file).rateCardsUsing(file) };
    const linked = this.frameworkOf(model);
    if (!linked) return { rateCards: [model] };
    const rateCards = this.workspaceFor(linked.file).rateCardsUsing(linked.file);
    if (!rateCards.some((r) => r.file === model.file)) rateCards.push(model);
    return { framework: linked.framework, rateCards };
  }

  /** The files whose findings may change when `file` changes: itself, its framework, its rate cards. */
  affectedBy(file: string): string[] {
    const out = new Set<string>([path.resolve(file)]);
    if (isActualsName(file)) return [...out]; // nothing is checked against an actuals file
    const workspace = this.workspaceFor(file);
    const model = workspace.analyze(file)?.model;
    // Actuals are checked against a rate card and its framework: any change to one may change them.
    if (model) for (const known of workspace.knownFiles()) if (isActualsName(known)) out.add(known);
    if (model?.kind === 'RateCard') {
      const link = workspace.frameworkOf(model);
      if (link.ok) out.add(link.file);
    }
    // A framework's rate cards, even when the changed file no longer parses as a framework.
    for (const rateCard of workspace.rateCardsUsing(file)) out.add(rateCard.file);
    return [...out];
  }

  /** The file changed on disk or was deleted: forget its cached analysis. */
  fileChangedOnDisk(file: string, deleted: boolean): void {
    this.files.changed?.(file);
    const workspace = this.workspaceFor(file);
    if (deleted && !this.isOpen(file)) workspace.removeKnownFile(file);
    else {
      workspace.invalidate(file);
      if (!deleted && this.looksLikeOurs(file)) workspace.addKnownFile(file);
    }
  }

  /** The scan in progress, if any: answers that must see every file (a rename) wait for it. */
  private scanning: Promise<string[]> | undefined;

  /** Resolves once no scan of the workspace folders is in progress. */
  async scanned(): Promise<void> {
    while (this.scanning) await this.scanning.catch(() => undefined);
  }

  /** Finds our files under every workspace folder, without blocking the server for long. */
  scan(): Promise<string[]> {
    const scanning = this.scanFolders().finally(() => {
      if (this.scanning === scanning) this.scanning = undefined;
    });
    this.scanning = scanning;
    return scanning;
  }

  private async scanFolders(): Promise<string[]> {
    const found: string[] = [];
    for (const root of this.roots) {
      const workspace = this.byRoot.get(root)!;
      for (const file of await this.files.findOurFiles(root, MAX_SCANNED_FILES - found.length)) {
        workspace.addKnownFile(file);
        found.push(file);
      }
    }
    return found;
  }

  /** Our naming convention, or `kind: OutcomeFramework|RateCard` near the top of the file. */
  looksLikeOurs(file: string): boolean {
    return this.files.looksLikeOurs(file);
  }

  /**
   * Where files are read only through the client (a browser): fetches the files the last
   * analyses asked for and did not have. True when any arrived, so the analysis is worth redoing.
   */
  async fetchMissing(): Promise<boolean> {
    return (await this.files.fetchMissing?.()) ?? false;
  }

  /** Whether files are fetched on demand (see fetchMissing): in a browser. */
  get fetchesFiles(): boolean {
    return this.files.fetchMissing !== undefined;
  }
}
