/**
 * What the edits to a rate card (or its framework) do to the money against git's HEAD: the lens
 * "Maximum liability £2.37m, +£120k vs HEAD" and the preview's HEAD-and-now side by side. HEAD
 * is read with git (node/git-revision.ts), never by checking anything out; only once the client
 * says the workspace is trusted (git reads the repository's own configuration); nothing at all
 * outside a git repository.
 */
import { execFile, execFileSync } from 'node:child_process';
import * as path from 'node:path';
import type { CodeLens } from 'vscode-languageserver';
import { GitRevision, gitEnv } from '../node/git-revision';
import { computeTotals, formatMoney, type Totals } from '../core/totals';
import { Workspace } from '../core/workspace';
import { pathToUri } from './convert';
import type { HeadView } from '../protocol';
import type { Session } from './session';
import { showPreviewCommand, totalsFor } from './totals';
import { boundOf } from '../core/totals/report';

/** HEAD moves when someone commits or checks out: look again (in the background) after this long. */
const FRESH_MS = 3000;

interface Opened {
  revision: GitRevision | undefined;
  at: number;
  workspace?: Workspace;
  /** A background look at HEAD is under way. */
  checking?: boolean;
  /** Files not in HEAD, by whether git ignores them (asked once per file). */
  ignored?: Map<string, boolean>;
}

export interface HeadComparison {
  /** The commit HEAD named. */
  commit: string;
  /** `added`: the rate card is not in HEAD; `changed`: it or its framework differs; `same`: neither does. */
  status: 'added' | 'changed' | 'same';
  changedFiles: ('rate card' | 'framework')[];
  now: Totals;
  head?: Totals;
}

export class HeadBase {
  /** Off until the client says the workspace is trusted (`initializationOptions.gitBase`, `outcomes/setGitBase`). */
  enabled = false;
  private readonly opened = new Map<string, Opened>();

  /** `headMoved` is called when a background look finds HEAD at another commit: refresh what shows it. */
  constructor(private readonly session: Session, private readonly headMoved: () => void = () => undefined) {}

  /**
   * HEAD of the repository holding `file`'s folder, or undefined (not a repository, no commit
   * yet, no git). Opened once per folder (two quick git calls); after that HEAD is checked in the
   * background, so a request never waits on git once the folder is known.
   */
  private revisionFor(file: string): Opened | undefined {
    const folder = path.dirname(file);
    const known = this.opened.get(folder);
    if (known) {
      if (Date.now() - known.at >= FRESH_MS && !known.checking) this.recheck(folder, known);
      return known;
    }
    let revision: GitRevision | undefined;
    try {
      revision = new GitRevision(folder, 'HEAD');
    } catch {
      revision = undefined; // not a repository, or nothing committed: no comparison
    }
    const opened: Opened = { revision, at: Date.now(), workspace: revision ? new Workspace(this.session.workspaceFor(file).root, revision.host()) : undefined };
    this.opened.set(folder, opened);
    return opened;
  }

  /** Asks git, without waiting, which commit HEAD is now; forgets the folder when it moved (or a repository appeared). */
  private recheck(folder: string, known: Opened): void {
    known.checking = true;
    execFile('git', ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], { cwd: folder, windowsHide: true, env: gitEnv() }, (error, stdout) => {
      known.checking = false;
      known.at = Date.now();
      const commit = error ? undefined : String(stdout).trim();
      if (commit === known.revision?.commit) return;
      this.opened.delete(folder);
      this.headMoved();
    });
  }

  /** The rate card now against HEAD; undefined when disabled, not a rate card, or not in a git repository. */
  compare(file: string): HeadComparison | undefined {
    if (!this.enabled) return undefined;
    try {
      return this.compareWithHead(file);
    } catch {
      return undefined; // git failed midway (a repository being rewritten): show the totals without HEAD
    }
  }

  private compareWithHead(file: string): HeadComparison | undefined {
    const current = totalsFor(this.session, file);
    if (!current) return undefined;
    const opened = this.revisionFor(file);
    if (!opened?.revision || !opened.workspace) return undefined;
    const { revision, workspace } = opened;
    const headCard = workspace.analyze(file)?.model;
    if (headCard?.kind !== 'RateCard') {
      // A file git ignores is not part of the repository's history: "new since HEAD" would mislead.
      if (isIgnored(opened, file)) return undefined;
      return { commit: revision.commit, status: 'added', changedFiles: ['rate card'], now: current.totals };
    }
    const headLink = workspace.frameworkOf(headCard);
    const head = computeTotals(headCard, headLink.ok ? headLink.framework : undefined);
    const changedFiles: HeadComparison['changedFiles'] = [];
    if (this.session.analyze(file)?.text !== workspace.textOf(file)) changedFiles.push('rate card');
    const nowFramework = this.session.frameworkOf(current.rateCard)?.file;
    const headFramework = headLink.ok ? headLink.file : undefined;
    if (nowFramework !== headFramework || (nowFramework !== undefined && this.session.analyze(nowFramework)?.text !== workspace.textOf(nowFramework))) changedFiles.push('framework');
    return { commit: revision.commit, status: changedFiles.length ? 'changed' : 'same', changedFiles, now: current.totals, head };
  }

  /** Forgets what was read, so the next request reads HEAD again (the client saw a commit or checkout). */
  forget(): void {
    this.opened.clear();
  }
}

/** Whether git ignores `file` (`git check-ignore`), remembered for the folder's life. */
function isIgnored(opened: Opened, file: string): boolean {
  opened.ignored ??= new Map();
  let ignored = opened.ignored.get(file);
  if (ignored === undefined) {
    try {
      execFileSync('git', ['check-ignore', '-q', '--', path.basename(file)], { cwd: path.dirname(file), stdio: 'ignore', windowsHide: true, env: gitEnv() });
      ignored = true; // exit 0: ignored
    } catch {
      ignored = false; // exit 1 (not ignored) or git failed: treat as a new file
    }
    opened.ignored.set(file, ignored);
  }
  return ignored;
}

/** The three wholes a reviewer compares first. */
const HEADLINE = [
  ['maximumLiability', 'Maximum liability'],
  ['expected', 'Expected'],
  ['deadweight', 'Deadweight'],
] as const;

/** "£2.37m", "£120k", "£1.5k", "£950.00": for a lens, where space is short (the preview shows every penny). Rounded halves up, in whole numbers. */
export function compactMoney(minor: number, currency: string, digits: number): string {
  const negative = minor < 0;
  const amount = Math.abs(minor);
  const unit = 10 ** digits;
  const symbol = formatMoney(0, currency, digits).replace(/[\d.,]+$/, '');
  // `amount` in steps of `step` minor units, rounded halves up, written with `decimals` places.
  const rounded = (step: number, decimals: number, suffix: string) => {
    const steps = Math.floor((amount * 2 + step) / (2 * step));
    const text = decimals ? `${Math.floor(steps / 10 ** decimals)}.${String(steps % 10 ** decimals).padStart(decimals, '0')}`.replace(/\.?0+$/, '') : String(steps);
    return `${symbol}${text}${suffix}`;
  };
  let text: string;
  if (amount >= 1e6 * unit) text = rounded(1e4 * unit, 2, 'm');
  else if (amount >= 1e5 * unit) text = rounded(1e3 * unit, 0, 'k');
  else if (amount >= 1e3 * unit) text = rounded(1e2 * unit, 1, 'k');
  else text = formatMoney(amount, currency, digits);
  return (negative ? '-' : '') + text;
}

/** "Maximum liability £2.37m, +£120k vs HEAD": only the wholes that moved. */
export function headLensTitle(comparison: HeadComparison): string | undefined {
  if (comparison.status === 'same') return undefined;
  if (comparison.status === 'added' || !comparison.head) return 'New since HEAD: not in the last commit';
  const { now, head } = comparison;
  // A figure that is only an upper bound says "at most", and no exact change is claimed for it (as `--base`).
  const money = (minor: number, totals: Totals, key: string) => `${boundOf(totals, key) ? 'at most ' : ''}${compactMoney(minor, now.currency, now.digits)}`;
  const parts: string[] = [];
  for (const [key, name] of HEADLINE) {
    const a = now[key];
    const b = head[key];
    const bound = boundOf(now, key) !== undefined || boundOf(head, key) !== undefined;
    if (a === b && !(bound && boundOf(now, key) !== boundOf(head, key))) continue;
    if (a === null) parts.push(`${name} ${key === 'maximumLiability' ? 'unbounded' : 'not projected'} (was ${b === null ? '—' : money(b, head, key)})`);
    else if (b === null) parts.push(`${name} ${money(a, now, key)} (was ${key === 'maximumLiability' ? 'unbounded' : 'not projected'})`);
    else if (bound) parts.push(`${name} ${money(a, now, key)} (was ${money(b, head, key)}; no exact change: an upper bound)`);
    else parts.push(`${name} ${compactMoney(a, now.currency, now.digits)}, ${a > b ? '+' : '-'}${compactMoney(Math.abs(a - b), now.currency, now.digits)}`);
  }
  return parts.length ? `${parts.join(' · ')} vs HEAD` : `Totals unchanged vs HEAD (${comparison.changedFiles.join(' and ')} edited)`;
}

export function headLenses(heads: HeadBase, file: string): CodeLens[] {
  const comparison = heads.compare(file);
  const title = comparison && headLensTitle(comparison);
  if (!title) return [];
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return [{ range, command: { title, command: showPreviewCommand, arguments: [pathToUri(file)] } }];
}


export function headView(heads: HeadBase, file: string): HeadView | undefined {
  const comparison = heads.compare(file);
  if (!comparison) return undefined;
  const { now, head } = comparison;
  const full = (minor: number | null, key: string, totals: Totals | undefined) =>
    minor === null ? (totals?.blocked.includes(key) ? 'cannot be computed' : totals?.notEstimated?.[key] ? `not estimated — ${totals.notEstimated[key]}` : key === 'maximumLiability' ? 'unbounded' : 'not projected') : `${totals && boundOf(totals, key) ? 'at most ' : ''}${formatMoney(minor, now.currency, now.digits)}`;
  const rows = HEADLINE.map(([key, name]) => {
    const a = now[key];
    const b = head ? head[key] : null;
    // An upper bound on either side: no exact change is known.
    const bound = boundOf(now, key) !== undefined || (head !== undefined && boundOf(head, key) !== undefined);
    const change = !head ? '' : a === null || b === null ? (a === b ? '' : 'cannot be compared') : bound ? 'no exact change: an upper bound' : a === b ? 'no change' : `${a > b ? '+' : '-'}${formatMoney(Math.abs(a - b), now.currency, now.digits)}`;
    return { figure: name, head: head ? full(b, key, head) : '—', now: full(a, key, now), change };
  });
  return { commit: comparison.commit.slice(0, 12), status: comparison.status, changedFiles: comparison.changedFiles, rows };
}
