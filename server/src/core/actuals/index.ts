/**
 * Plan against actual: a live contract's results (an actuals file, YAML or CSV) checked against
 * its rate card, and the plan set beside what happened (docs/actuals.md). The door of the
 * capability: the CLI and the language server call only what is exported here.
 */
import type { Finding } from '../findings';
import { formatMoney } from '../totals';
import type { RuleSettings } from '../rules/types';
import type { Workspace } from '../workspace';
import { contractOf, readRows, type Contract, type ReadRow } from './contract';
import { planAgainstActual, type PlanAgainstActual } from './plan';
import { isActualsName, isCsvName, readActuals, saysActuals, type ActualsFile } from './read';
import { actualsRules } from './rules/index';

export { actualsRules, isActualsName, isCsvName, saysActuals };
export type { ActualsFile, Contract, PlanAgainstActual, ReadRow };
export type { PeriodPoint, PlanLine, Reforecast } from './plan';
export { FIELDS as ACTUALS_COLUMNS } from './read';
export { percentOf, planRows, reforecastRows, type PlanRow, type ReforecastRow } from './report';

/** The checks of reading an actuals file that are not rules (always errors). */
export const actualsBuiltIns = { 'csv-syntax': 'An actuals CSV breaks RFC 4180: a quote left open, text after a closing quote, a quote inside an unquoted field.' } as const;

export interface ActualsReport {
  file: string;
  actuals: ActualsFile;
  contract?: Contract;
  rows: ReadRow[];
  findings: Finding[];
  /** Computed on first ask. Undefined when there is no rate card to plan from. */
  plan(): PlanAgainstActual | undefined;
  /** The file has errors of reading (syntax, schema, cells, no rate card): no figure is made from it. */
  unreadable: boolean;
}

/** Whether a file is an actuals file: by its name, or a YAML file that says `kind: Actuals`. */
export function isActualsFile(file: string, text?: string): boolean {
  return isActualsName(file) || (!isCsvName(file) && /\.ya?ml$/i.test(file) && text !== undefined && saysActuals(text));
}

/**
 * Reads and checks one actuals file against its rate card (the one it names, or `rateCardFile`).
 * Rules run with `settings` (severity `off` skips a rule); reading errors are always errors.
 */
export function checkActuals(workspace: Workspace, file: string, settings: RuleSettings = {}, rateCardFile?: string): ActualsReport | undefined {
  const text = workspace.textOf(file);
  if (text === undefined) return undefined;
  const actuals = readActuals(file, text);
  const findings: Finding[] = [...actuals.findings];
  const { contract, finding } = contractOf(workspace, actuals, rateCardFile);
  if (finding) findings.push(finding);
  let rows: ReadRow[] = [];
  let memo: PlanAgainstActual | undefined;
  const plan = () => (contract ? (memo ??= planAgainstActual(contract, rows, actuals.periodKind)) : undefined);
  if (contract) {
    rows = readRows(actuals, contract, (row, message) => findings.push({ ruleId: 'schema', severity: 'error', message, file, span: row.claimed?.span ?? row.span }));
    const money = (minor: number) => formatMoney(minor, contract.rateCard.currency ?? '', contract.rateCard.digits);
    for (const rule of actualsRules) {
      const setting = settings[rule.meta.id];
      if (setting?.severity === 'off') continue;
      const thresholds = { ...Object.fromEntries(Object.entries(rule.meta.thresholds).map(([k, t]) => [k, t.default])), ...(setting?.thresholds ?? {}) };
      const severity = setting ? setting.severity : rule.meta.defaultSeverity;
      rule.check({ actuals, contract, rows, plan: () => plan()!, thresholds, money, report: (r) => findings.push({ ruleId: rule.meta.id, severity: r.severity ?? severity, message: r.message, file, span: r.span, ...(r.related?.length ? { related: r.related } : {}) }) });
    }
  }
  // One message per mistake: ajv may say the same thing twice about one value.
  const seen = new Set<string>();
  const unique = findings.filter((f) => {
    const key = `${f.ruleId}|${f.span.start}|${f.span.end}|${f.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  findings.length = 0;
  findings.push(...unique);
  const unreadable = findings.some((f) => f.ruleId === 'schema' || f.ruleId === 'yaml-syntax' || f.ruleId === 'csv-syntax' || f.ruleId === 'framework-not-found');
  findings.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.ruleId.localeCompare(b.ruleId));
  return { file, actuals, contract, rows, findings, plan, unreadable };
}
