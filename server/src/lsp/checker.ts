/**
 * Re-checks files after edits: an adaptive debounce, stale runs abandoned between files, and
 * a version check so that a result computed for old text is never published.
 */
import * as path from '../core/path';
import type { Connection } from 'vscode-languageserver';
import type { LintReport } from '../core/analysis';
import { isActualsFile, isActualsName } from '../core/actuals';
import { ParsedYaml } from '../core/document';
import type { Finding } from '../core/findings';
import { nextTurn } from './connection';
import { toDiagnostic } from './diagnostics';
import { lintForEditor } from './lint-source';
import type { Session } from './session';
import type { SettingsCache } from './settings';

export interface CheckedFile {
  file: string;
  uri: string;
  /** The editor's version of the text checked; null for files read from disk. */
  version: number | null;
  text: string;
  parsed: ParsedYaml;
  findings: Finding[];
}

/** The configuration file's name: its problems are published on it by the files it configures. */
export const configFileName = '.outcomes-lint.yaml';

/**
 * The debounce grows with how long checks take, from MIN to MAX milliseconds. The cap is low on
 * purpose: on an 8,000-line framework the check itself takes 50–80 ms, and a newer edit stops an
 * older run between files, so a longer wait would cost the analyst latency and save little CPU.
 */
const MIN_DELAY = 100;
const MAX_DELAY = 120;
/** In a browser: a file, its framework, its config, the config that one extends, and one more. */
const MAX_FETCH_ROUNDS = 5;

export class Checker {
  /** The last published result of each file: code actions and hovers read findings from here. */
  readonly results = new Map<string, CheckedFile>();
  private readonly pending = new Set<string>();
  /** Cancels the run that is scheduled, if any. */
  private timer: (() => void) | undefined;
  private generation = 0;
  private lastDuration = 0;
  private running: Promise<void> | undefined;
  /** What was last published for each config file, so that it is sent only when it changes. */
  private readonly configPublished = new Map<string, string>();
  /** The last diagnostics sent: resolves once written to the client. */
  private lastSent: Promise<unknown> | undefined;
  /** A fixed debounce instead of the adaptive one (initializationOptions.debounceMs: benchmarks, tests). */
  fixedDelay: number | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly session: Session,
    private readonly settings: SettingsCache,
    /** Told which files were re-checked, so lenses, hints and previews can refresh. */
    private readonly onChecked: (files: string[]) => void,
    /** The files a change to this one may affect (itself included): worked out when the check runs, not per keystroke. */
    private readonly expand: (file: string) => string[] = (file) => [file],
  ) {}

  get delay(): number {
    if (this.fixedDelay !== undefined) return this.fixedDelay;
    return Math.min(MAX_DELAY, Math.max(MIN_DELAY, MIN_DELAY + 4 * this.lastDuration));
  }

  /** Queues files found on disk, without delaying or staling the checks of open editors. */
  scheduleBackground(files: string[]): void {
    for (const file of files) this.pending.add(file);
    if (!this.timer && !this.running) this.timer = later(() => void this.run(), MAX_DELAY);
  }

  /** Queues files for a check; `immediate` skips the debounce (opening a file, a change on disk). */
  schedule(files: string[], immediate = false): void {
    for (const file of files) this.pending.add(file);
    this.generation++; // whatever is running is now stale
    this.timer?.();
    this.timer = later(() => void this.run(), immediate ? 0 : this.delay);
  }

  private async run(): Promise<void> {
    this.timer = undefined;
    while (this.running) await this.running; // one run at a time; a stale one gives up early
    const generation = this.generation;
    // Open editors first: what the analyst is looking at comes before files on disk; then rate
    // cards (by name), so that the frameworks after them are checked with their rate cards indexed.
    const rank = (file: string) => (this.session.isOpen(file) ? 0 : /\.ratecard\.ya?ml$/i.test(file) ? 1 : 2);
    const files = [...this.pending].sort((a, b) => rank(a) - rank(b));
    this.pending.clear();
    // The files each one affects are worked out when its turn comes (analysing a file of the
    // background scan is most of its cost, so it is not done all at once before the first check).
    const queued = new Set(files);
    /** For each file checked in this run, the version of its set of rate cards it was checked with. */
    const checkedAt = new Map<string, number>();
    let resolve!: () => void;
    this.running = new Promise((r) => (resolve = r));
    const done = new Set<string>();
    try {
      let checking = 0; // time spent checking, not waiting for the client to read
      for (let i = 0; i < files.length; i++) {
        if (generation !== this.generation) {
          // A newer edit arrived: hand the rest to the next run instead of checking old text.
          for (const file of files.slice(i)) this.pending.add(file);
          return;
        }
        const file = files[i];
        queued.delete(file);
        const started = performance.now(); // working out what it affects analyses it: part of its check
        for (const other of this.expand(file)) {
          if (queued.has(other)) continue;
          // Checked already in this run: again only if a rate card of its was indexed since.
          const version = checkedAt.get(other);
          if (version !== undefined && version === this.session.rateCardSetVersion(other)) continue;
          if (other === file) continue;
          queued.add(other);
          files.push(other);
        }
        checkedAt.set(file, this.session.rateCardSetVersion(file));
        try {
          if (await this.checkOne(file)) done.add(file);
        } catch (error) {
          // A bug in one file's check must not take the server (and every other file's diagnostics) down.
          this.connection.console.error(`Checking ${file} failed: ${(error as Error).stack ?? error}`);
        }
        checking += performance.now() - started;
        if (i + 1 < files.length) {
          // A big publish leaves in pieces as the client reads it, and only while the event loop
          // turns: let an open file's diagnostics reach the editor before checking the files it affects.
          if (this.lastSent && this.session.isOpen(file)) {
            let timer: ReturnType<typeof setTimeout> | undefined;
            await Promise.race([this.lastSent, new Promise((r) => (timer = setTimeout(r, 200)))]); // a client that stops reading does not stop the checks
            clearTimeout(timer);
          } else await nextTurn();
        }
      }
      this.lastDuration = checking / Math.max(1, files.length);
    } finally {
      this.running = undefined;
      resolve();
      if (done.size) this.onChecked([...done]);
      // Files handed over by a stale run, or queued in the background while this one ran.
      if (this.pending.size && !this.timer) this.timer = later(() => void this.run(), this.delay);
    }
  }

  /** Checks one file now and publishes its diagnostics; false when the result went stale. */
  async checkOne(file: string, fetched = 0): Promise<boolean> {
    const uri = this.session.uriOf(file);
    const document = this.session.documents.get(uri);
    const version = document ? document.version : null;
    const settings = await this.settings.get(uri);
    if (document && this.session.documents.get(uri)?.version !== version) return false;
    const workspace = this.session.workspaceFor(file);
    // An actuals file (a CSV above all) is not YAML of ours: checked against its rate card, its lines counted for positions.
    const actualsText = isActualsName(file) || this.session.isOpen(file) || /\.ya?ml$/i.test(file) ? workspace.textOf(file) : undefined;
    if (actualsText !== undefined && !this.isConfigFile(file) && isActualsFile(file, actualsText)) {
      const report = lintForEditor(workspace, file, settings);
      if (document && this.session.documents.get(uri)?.version !== version) return false;
      const parsed = report.analyzed?.parsed ?? new ParsedYaml(actualsText);
      const result: CheckedFile = { file, uri, version, text: actualsText, parsed, findings: report.findings };
      this.results.set(file, result);
      const diagnostics = result.findings.map((finding) => toDiagnostic(finding, parsed, this.session));
      this.lastSent = this.connection.sendDiagnostics({ uri, version: version ?? undefined, diagnostics }).catch(() => undefined);
      return true;
    }
    const analyzed = workspace.analyze(file);
    // In a browser, files come through the client: fetch what this check needed and check again.
    if (!analyzed && this.session.fetchesFiles && fetched < MAX_FETCH_ROUNDS && (await this.session.fetchMissing())) return this.checkOne(file, fetched + 1);
    if (!analyzed) {
      // Deleted: nothing to show for it any more. Refused (a FIFO, a device, too large): say why.
      this.results.delete(file);
      const why = this.isConfigFile(file) ? undefined : workspace.whyUnreadable(file);
      const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      void this.connection.sendDiagnostics({ uri, diagnostics: why ? [{ range, severity: 1, source: 'outcomes-lint', code: 'yaml-syntax', message: why }] : [] });
      return true;
    }
    // A config file's problems come from the files it configures (see publishConfig).
    if (this.isConfigFile(file)) return false;
    if (!analyzed.kind && !this.session.isOpen(file)) {
      // No longer one of ours (its `kind:` changed on disk): take back what was shown for it.
      if (this.results.delete(file)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
      return false;
    }
    const report = lintForEditor(workspace, file, settings);
    // Its framework, its config files, the files those extend: each round may name more.
    if (this.session.fetchesFiles && fetched < MAX_FETCH_ROUNDS && (await this.session.fetchMissing())) return this.checkOne(file, fetched + 1);
    if (analyzed.kind) this.publishConfig(report);
    if (document && this.session.documents.get(uri)?.version !== version) return false;
    const result: CheckedFile = { file, uri, version, text: analyzed.text, parsed: analyzed.parsed, findings: analyzed.kind ? report.findings : [] };
    this.results.set(file, result);
    const others = new Map<string, ParsedYaml | undefined>();
    const diagnostics = result.findings.map((finding) => toDiagnostic(finding, analyzed.parsed, this.session, others));
    this.lastSent = this.connection.sendDiagnostics({ uri, version: version ?? undefined, diagnostics }).catch(() => undefined);
    return true;
  }

  /** Whether a file configures others: `.outcomes-lint.yaml`, or a file one of them extends. */
  isConfigFile(file: string): boolean {
    return path.basename(file) === configFileName || this.configPublished.has(file);
  }

  /** A config file was deleted: nothing to show on it any more. */
  forgetConfig(file: string): void {
    if (!this.configPublished.delete(file)) return;
    void this.connection.sendDiagnostics({ uri: this.session.uriOf(file), diagnostics: [] });
  }

  /** The problems of the config files that apply to a checked file, on those config files. */
  private publishConfig(report: LintReport): void {
    for (const configFile of report.configFiles) {
      const parsed = this.session.analyze(configFile)?.parsed;
      if (!parsed) continue;
      const diagnostics = report.configFindings.filter((f) => f.file === configFile).map((f) => toDiagnostic(f, parsed, this.session));
      const key = JSON.stringify(diagnostics);
      if (this.configPublished.get(configFile) === key) continue;
      this.configPublished.set(configFile, key);
      void this.connection.sendDiagnostics({ uri: this.session.uriOf(configFile), diagnostics });
    }
  }

  /** The last result for a file if it matches the editor's current text. */
  current(file: string): CheckedFile | undefined {
    const result = this.results.get(file);
    const document = this.session.documentFor(file);
    if (result && document && document.version !== result.version) return undefined;
    return result;
  }

  forget(file: string): void {
    this.results.delete(file);
    this.pending.delete(file);
  }
}

type Immediate = { setImmediate?: (run: () => void) => unknown; clearImmediate?: (id: unknown) => void };

/** Runs `run` after `delay` ms, or at 0 on the event loop's next turn (a 0 ms timer waits 1 ms); returns what cancels it. */
function later(run: () => void, delay: number): () => void {
  const { setImmediate, clearImmediate } = globalThis as Immediate;
  if (delay <= 0 && setImmediate && clearImmediate) {
    const id = setImmediate(run);
    return () => clearImmediate(id);
  }
  const id = setTimeout(run, delay);
  return () => clearTimeout(id);
}
