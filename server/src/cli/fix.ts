/**
 * `--fix` and `--fix-dry-run`: applies the fixes the findings carry, then writes each changed
 * file atomically (`--fix`) or prints a unified diff and writes nothing (`--fix-dry-run`).
 *
 * Fixes go one rule at a time, in the order `outcomes-lint rules` lists the rules, re-checking
 * after each: a fix may mend or reveal another finding, and a fix that states a figure (caps.total
 * at the maximum liability) must see the others (maxClaims: 1) already made: fixes that write a
 * figure go last, after every other fix of the run.
 *
 * A fix that changes a contract term (a price, maxClaims, caps, excludes...) is applied only when
 * the run asks for terms (`--fix-type term`); `--fix-dry-run` shows every fix, the term ones marked.
 */
import { createTwoFilesPatch } from 'diff';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintFile, type LintOptions } from '../core/analysis';
import { ruleCatalog } from '../core/config/catalog';
import { applyFixes } from '../core/fixes';
import type { Finding, Fix } from '../core/findings';
import type { Workspace } from '../core/workspace';
import { UsageError } from './io';
import { displayPath } from './results';
import { plural } from '../core/words';

/** Stops a fix that never settles: every rule once, and some room for fixes that reveal others. */
export const MAX_FIX_PASSES = ruleCatalog.rules.length + 5;

const ruleOrder = new Map(ruleCatalog.rules.map((rule, index) => [rule.id, index]));

/** Which fixes a run applies: those that change no contract term, and (when asked) those that do. */
export interface FixKinds {
  terms: boolean;
}

export const safeFixesOnly: FixKinds = { terms: false };

function allowed(fix: Fix, kinds: FixKinds): boolean {
  return kinds.terms || !fix.changesTerm;
}

export interface FixedFile {
  file: string;
  original: string;
  fixed: string;
  /** The findings mended, in the order they were fixed. */
  applied: Finding[];
}

/**
 * Applies fixes to each file in memory (as editor overlays of the workspace), so that later
 * checks, of this file and of the files that depend on it, see the fixed text.
 */
export function fixFiles(workspace: Workspace, files: string[], options: LintOptions, kinds: FixKinds = safeFixesOnly): FixedFile[] {
  const out: FixedFile[] = [];
  for (const file of files) {
    const original = workspace.textOf(file);
    if (original === undefined) continue;
    let text = original;
    const applied: Finding[] = [];
    const stuck = new Set<string>(); // rules whose fixes could not be applied to this text
    for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
      const report = lintFile(workspace, file, options);
      const fixable = report.findings.filter((f) => f.fix && allowed(f.fix, kinds) && f.file === report.file && !stuck.has(f.ruleId));
      if (fixable.length === 0) break;
      // A fix that writes a figure waits until no other fix is left, so it sees the file as written.
      const others = fixable.filter((f) => !f.fix!.figure);
      const candidates = others.length ? others : fixable;
      const rank = (id: string) => ruleOrder.get(id) ?? ruleOrder.size;
      const ruleId = candidates.map((f) => f.ruleId).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))[0];
      const outcome = applyFixes(text, candidates.filter((f) => f.ruleId === ruleId));
      if (outcome.applied.length === 0 || outcome.text === text) {
        stuck.add(ruleId);
        continue;
      }
      stuck.clear();
      text = outcome.text;
      applied.push(...outcome.applied);
      workspace.setOverlay(file, text);
    }
    if (text !== original) out.push({ file, original, fixed: text, applied });
  }
  return out;
}

/** Writes the fixed text beside the file, then renames it over: a reader never sees half a file. */
export function writeFixed(fixed: FixedFile): void {
  const target = path.resolve(fixed.file);
  // Refuse to overwrite a file that changed on disk since it was read.
  if (fs.readFileSync(target, 'utf8') !== fixed.original) throw new UsageError(`${target} changed while it was being fixed; nothing was written to it. Run again.`);
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.fix.tmp`);
  const mode = fs.statSync(target).mode;
  try {
    fs.writeFileSync(temporary, fixed.fixed, { mode });
    fs.renameSync(temporary, target);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}

/** A unified diff of the changes, with paths as the user sees them. */
export function diffOf(fixed: FixedFile, cwd = process.cwd()): string {
  const shown = displayPath(fixed.file, cwd);
  return createTwoFilesPatch(`a/${shown}`, `b/${shown}`, fixed.original, fixed.fixed, '', '', { context: 3 });
}

/** One line per file: what was (or would be) fixed, in the fixes' own words. */
export function describeFixes(fixed: FixedFile[], dryRun: boolean, cwd = process.cwd()): string {
  return fixed
    .map((f) => {
      const count = f.applied.length;
      const titles = f.applied.map((a) => `${a.fix!.title} (${a.ruleId})${dryRun && a.fix!.changesTerm ? ' [changes a contract term: applied only with --fix-type term]' : ''}`).join('; ');
      return `${dryRun ? 'Would fix' : 'Fixed'} ${plural(count, 'problem')} in ${displayPath(f.file, cwd)}: ${titles}\n`;
    })
    .join('');
}
