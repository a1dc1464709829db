/**
 * `outcomes-lint rules`: every rule with its default severity, summary and thresholds, and the
 * built-in checks, which are always errors. Also reads `--rule id=severity` flags.
 */
import { actualsBuiltIns } from '../core/actuals';
import { parseArgs } from 'node:util';
import { builtInChecks, setupChecks } from '../core/checks';
import { ruleCatalog } from '../core/config/catalog';
import { describeRange, severities, suggestSeverity, type RuleCatalog } from '../core/config/load';
import type { RuleSeverity } from '../core/rules/types';
import { didYouMean } from '../core/schema';
import { UsageError, type Io } from './io';

const builtInSummaries: Record<string, string> = { ...builtInChecks, ...actualsBuiltIns, ...setupChecks };

export function rulesCommand(argv: string[], io: Io, catalog: RuleCatalog = ruleCatalog): number {
  const { values } = parseArgs({ args: argv, options: { format: { type: 'string', short: 'f' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    io.stdout('Usage: outcomes-lint rules [--format text|json]\n\nLists every rule with its default severity, summary and thresholds, then the built-in checks.\n');
    return 0;
  }
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`Unknown format "${format}" for rules. Formats: text, json.`);
  const builtIns = catalog.builtIns.map((id) => ({ id, severity: id === 'suppression' ? 'warning' : 'error', configurable: false, summary: builtInSummaries[id] ?? '' }));
  if (format === 'json') {
    const rules = catalog.rules.map((r) => ({
      id: r.id,
      defaultSeverity: r.defaultSeverity,
      summary: r.summary,
      fixable: r.fixable,
      fixChangesTerm: Boolean(r.fixChangesTerm),
      docs: r.docs,
      thresholds: Object.fromEntries(Object.entries(r.thresholds).map(([name, t]) => [name, { default: t.default, description: t.description, schema: t.schema }])),
    }));
    io.stdout(JSON.stringify({ rules, builtIns }, null, 2) + '\n');
    return 0;
  }
  const width = Math.max(...catalog.rules.map((r) => r.id.length), ...builtIns.map((b) => b.id.length)) + 2;
  let out = `Rules (${catalog.rules.length}): set their severity (off, hint, info, warning, error) and thresholds in .outcomes-lint.yaml\n\n`;
  for (const rule of catalog.rules) {
    out += `${rule.id.padEnd(width)}${rule.defaultSeverity.padEnd(9)}${rule.fixable ? (rule.fixChangesTerm ? 'fixable (changes a contract term: --fix-type term)' : 'fixable') : ''}`.trimEnd() + '\n';
    out += `    ${rule.summary}\n`;
    for (const [name, t] of Object.entries(rule.thresholds)) out += `    threshold ${name} = ${t.default}${describeRange(t.schema as Record<string, number>)}: ${t.description}\n`;
  }
  out += `\nBuilt-in checks: always errors, cannot be configured or suppressed\n\n`;
  for (const check of builtIns) out += `${check.id.padEnd(width)}${check.severity.padEnd(9)}${check.id === 'suppression' ? '' : 'always'}`.trimEnd() + `\n    ${check.summary}\n`;
  io.stdout(out);
  return 0;
}

/** Reads `--rule id=severity` flags; a mistake is a usage error (exit 2) with a did-you-mean. */
export function parseRuleFlags(flags: readonly string[], catalog: RuleCatalog = ruleCatalog): Record<string, RuleSeverity> {
  const out: Record<string, RuleSeverity> = {};
  const ids = catalog.rules.map((r) => r.id);
  for (const flag of flags) {
    const match = /^\s*([^=\s]+)\s*=\s*(\S*)\s*$/.exec(flag);
    if (!match) throw new UsageError(`--rule takes <rule-id>=<severity>, such as --rule no-baseline=off; found "${flag}".`);
    const [, id, severity] = match;
    if (catalog.builtIns.includes(id)) throw new UsageError(`"${id}" is a built-in check: it is always an error and cannot be changed with --rule.`);
    if (!ids.includes(id)) throw new UsageError(`"${id}" is not a rule.${didYouMean(id, ids) || ' Run outcomes-lint rules for the list.'}`);
    if (!(severities as string[]).includes(severity)) throw new UsageError(`--rule ${id}=${severity}: the severity must be one of ${severities.join(', ')}.${suggestSeverity(severity)}`);
    out[id] = severity as RuleSeverity;
  }
  return out;
}
