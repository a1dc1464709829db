/** The totals of the rate cards among a list of files, in a workspace (the disk, or a git revision). */
import { plural } from '../core/words';
import { LineIndex } from '../core/ranges';
import { whatIfAnalysis, type WhatIf } from '../core/what-if';
import { checkFile } from '../core/lint';
import type { Finding } from '../core/findings';
import { builtInCheckIds } from '../core/checks';
import { figuresTouched } from '../core/totals/touched';
import type { Workspace } from '../core/workspace';
import type { Io } from './io';
import { displayPath } from './results';
import type { TotalsReport } from '../core/totals/report';
import { investorFigures } from '../core/investor';
import { computeValue, type ValueOptions } from '../core/value';

const builtIn = new Set<string>(builtInCheckIds);

/** A rate card's report with the files it was computed from (to tell what changed). */
export interface CollectedReport {
  report: TotalsReport;
  file: string;
  frameworkFile?: string;
}

/**
 * The totals of every rate card among `files`. A file named on its own that is not a rate card
 * fails; `io` (absent for the files at a git base) hears about it and about rate cards with errors.
 */
export function collectReports(workspace: Workspace, files: string[], named: Set<string>, io: Io | undefined, whatIf: WhatIf = {}, valueOptions: ValueOptions = {}): { reports: TotalsReport[]; collected: CollectedReport[]; failed: boolean } {
  const collected: CollectedReport[] = [];
  let failed = false;
  // Several rate cards may price one framework: its errors are found once per run.
  const frameworkErrors = new Map<string, Finding[]>();
  const errorsOf = (file: string) => checkFile(workspace, file).findings.filter((f) => f.severity === 'error');
  for (const file of files) {
    const analyzed = workspace.analyze(file);
    if (analyzed?.model?.kind !== 'RateCard') {
      // Folders may hold frameworks too; only a file named on its own must be a rate card.
      if (named.has(file)) {
        io?.stderr(`outcomes-lint totals: ${displayPath(file)} is not a rate card${analyzed ? '' : ' (it cannot be read)'}; give a file whose kind is RateCard.\n`);
        if (io) failed = true;
      }
      continue;
    }
    const card = analyzed.model;
    const link = workspace.frameworkOf(card);
    const analysis = whatIfAnalysis(card, link.ok ? link.framework : undefined, whatIf);
    const { totals, texts } = analysis;
    const value = computeValue(analysis.rateCard, analysis.framework, valueOptions);
    const blockedBy = totals.blockedBy.map((b) => {
      const rewritten = texts.get(b.file);
      const lines = rewritten !== undefined ? new LineIndex(rewritten) : workspace.analyze(b.file)?.parsed.lines ?? card.parsed.lines;
      const at = lines.positionAt(b.span.start);
      return { filePath: displayPath(b.file), line: at.line + 1, column: at.character + 1, message: b.message };
    });
    if (blockedBy.length && io) failed = true;
    const framework = link.ok ? link.framework : undefined;
    let errors: TotalsReport['errors'];
    let touched: TotalsReport['touched'];
    if (io) {
      // The checks of format.md (always errors) make figures wrong: named on stderr, the figures they
      // touch marked, exit 1. A rule set to error judges a design whose figures still stand: only mentioned.
      const all = errorsOf(file);
      if (framework) {
        let found = frameworkErrors.get(framework.file);
        if (!found) frameworkErrors.set(framework.file, (found = errorsOf(framework.file)));
        all.push(...found);
      }
      const findings = all.filter((f) => builtIn.has(f.ruleId));
      const ruleErrors = all.length - findings.length;
      if (ruleErrors) io.stderr(`outcomes-lint totals: ${displayPath(file)}${framework ? ' and its framework' : ''}: ${ruleErrors === 1 ? '1 rule finding is an error' : `${ruleErrors} rule findings are errors`}; the figures stand, but the design may not (run outcomes-lint ${displayPath(file)}).\n`);
      errors = findings.map((f) => {
        const lines = workspace.analyze(f.file)?.parsed.lines ?? card.parsed.lines;
        const at = lines.positionAt(f.span.start);
        return { filePath: displayPath(f.file), line: at.line + 1, column: at.character + 1, ruleId: f.ruleId, message: f.message };
      });
      if (errors.length) {
        failed = true;
        io.stderr(`outcomes-lint totals: ${displayPath(file)} has ${plural(errors.length, 'error')}${framework ? ' (with its framework)' : ''}; the figures they touch are marked (!) and may not mean what the contract says until they are fixed:\n`);
        for (const e of errors) io.stderr(`  ${e.filePath}:${e.line}:${e.column}  ${e.message}  ${e.ruleId}\n`);
        touched = figuresTouched(findings, card, framework, totals);
      }
    }
    const investor = investorFigures(card, framework, whatIf);
    collected.push({ report: { filePath: displayPath(file), frameworkPath: link.ok ? displayPath(link.file) : undefined, totals, blockedBy, errors, touched, value, ...(investor ? { investor } : {}) }, file, frameworkFile: link.file });
  }
  return { reports: collected.map((c) => c.report), collected, failed };
}
