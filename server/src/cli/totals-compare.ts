/**
 * `outcomes-lint totals --base REF`: each rate card's figures now, at a git revision, and the
 * difference, exactly. The files at REF are read with git (core/git-revision.ts); nothing is
 * checked out.
 */
import * as path from 'node:path';
import { figureChanges, type FigureChange } from '../core/figures-delta';
import type { GitRevision } from '../core/git-revision';
import { Workspace } from '../core/workspace';
import { selectDiscovered } from './discover';
import { displayPath } from './results';
import { collectReports, type CollectedReport } from './totals-collect';
import type { ValueOptions } from '../core/value';
import { totalsJson } from './totals-formats/json';

export type CardStatus = 'changed' | 'unchanged' | 'added' | 'removed';

export interface CardComparison {
  status: CardStatus;
  /** Which of the card's files differ from the base: `rate card`, `framework`. */
  changedFiles: ('rate card' | 'framework')[];
  now?: CollectedReport;
  base?: CollectedReport;
  /** Every figure with its delta (the generic walk over the totals JSON). */
  changes: FigureChange[];
}

export interface TotalsComparison {
  /** The revision as the user gave it, and the commit it named. */
  ref: string;
  commit: string;
  cards: CardComparison[];
}

/** The rate cards under `paths` at the revision, with their totals computed from the files there. */
export function reportsAt(revision: GitRevision, root: string, paths: string[], valueOptions: ValueOptions = {}): { workspace: Workspace; collected: CollectedReport[] } {
  const workspace = new Workspace(root, revision.host());
  const named = new Set(paths.map((p) => path.resolve(p)));
  const files = selectDiscovered(revision.filesUnder(paths), named, (file) => revision.readFile(file));
  for (const file of files) workspace.addKnownFile(file);
  return { workspace, collected: collectReports(workspace, files, named, undefined, {}, valueOptions).collected };
}

/** Pairs the rate cards of now and of the base by file, and compares every figure. */
export function compareTotals(ref: string, commit: string, now: { workspace: Workspace; collected: CollectedReport[] }, base: { workspace: Workspace; collected: CollectedReport[] }): TotalsComparison {
  const baseByFile = new Map(base.collected.map((c) => [c.file, c]));
  const cards: CardComparison[] = [];
  const differs = (file: string | undefined, other: string | undefined) =>
    file !== other || (file !== undefined && now.workspace.textOf(file) !== base.workspace.textOf(file));
  for (const current of now.collected) {
    const before = baseByFile.get(current.file);
    baseByFile.delete(current.file);
    const nowJson = totalsJson(current.report);
    if (!before) {
      cards.push({ status: 'added', changedFiles: ['rate card'], now: current, changes: figureChanges(nowJson, undefined) });
      continue;
    }
    const changedFiles: CardComparison['changedFiles'] = [];
    if (differs(current.file, before.file)) changedFiles.push('rate card');
    if (differs(current.frameworkFile, before.frameworkFile)) changedFiles.push('framework');
    const changes = figureChanges(nowJson, totalsJson(before.report), current.report.totals.currency === before.report.totals.currency);
    const moved = changes.some(isChange);
    cards.push({ status: changedFiles.length || moved ? 'changed' : 'unchanged', changedFiles, now: current, base: before, changes });
  }
  for (const before of baseByFile.values()) cards.push({ status: 'removed', changedFiles: ['rate card'], base: before, changes: figureChanges(undefined, totalsJson(before.report)) });
  return { ref, commit, cards };
}

/** Whether a figure differs between now and the base. */
export function isChange(change: FigureChange): boolean {
  return change.delta === null ? change.now !== change.base : /^[+-]/.test(change.delta);
}

/** The card as the comparison names it: its id now (or at the base, when removed) and its file. */
export function cardName(card: CardComparison): { rateCard: string; filePath: string } {
  const side = card.now ?? card.base!;
  return { rateCard: side.report.totals.rateCard, filePath: card.now ? side.report.filePath : displayPath(side.file) };
}
