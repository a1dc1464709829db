/**
 * Reads one `.outcomes-lint.yaml`: parses it, validates it against its schema and against the
 * rules that exist, and keeps what it says. Config files are data only: nothing in them runs.
 * Every problem becomes a `config` finding on the config file itself, at the line to change.
 */
import { parseYaml, type ParsedYaml, type Path } from '../document';
import type { Finding } from '../findings';
import * as validators from '../generated/validators';
import type { Span } from '../ranges';
import type { RuleMeta, RuleSeverity, ThresholdMeta } from '../rules/types';
import { describeErrors, didYouMean } from '../schema';

export const severities: readonly RuleSeverity[] = ['off', 'hint', 'info', 'warning', 'error'];

/** What the configuration needs to know about the rules that exist. */
export interface RuleCatalog {
  rules: readonly RuleMeta[];
  /** The checks of format.md, which are always errors and cannot be configured or suppressed. */
  builtIns: readonly string[];
}

/** One rule's entry in a config file: either part may be left out. */
export interface RuleEntry {
  severity?: RuleSeverity;
  thresholds: Record<string, number>;
}

export interface ConfigOverride {
  files: string[];
  rules: Record<string, RuleEntry>;
}

export interface LoadedConfig {
  file: string;
  text: string;
  parsed: ParsedYaml;
  /** This file's own problems (not those of the files it extends). */
  findings: Finding[];
  extends?: { path: string; span: Span };
  rules: Record<string, RuleEntry>;
  overrides: ConfigOverride[];
}

/** Parses and checks one config file's text. Never throws. */
export function loadConfig(file: string, text: string, catalog: RuleCatalog): LoadedConfig {
  const parsed = parseYaml(text);
  const findings: Finding[] = [];
  const report = (span: Span, message: string) => findings.push({ ruleId: 'config', severity: 'error', message, file, span });
  const config: LoadedConfig = { file, text, parsed, findings, rules: {}, overrides: [] };
  for (const problem of parsed.problems) report(problem.span, problem.message);
  if (parsed.problems.some((p) => p.code !== 'yaml-syntax')) return config;
  const value = parsed.value;
  if (value === null || value === undefined) return config; // an empty file: nothing changed
  if (typeof value !== 'object' || Array.isArray(value)) {
    report({ start: 0, end: Math.min(text.length, parsed.lines.lineEnd(0)) }, 'A lint configuration is a mapping with `rules`, and optionally `extends` and `overrides`; this file holds something else.');
    return config;
  }
  validateShape(parsed, file, findings);
  const data = value as Record<string, unknown>;
  if (typeof data.extends === 'string' && data.extends.length > 0) config.extends = { path: data.extends, span: parsed.spanOf(['extends']) };
  if (isMapping(data.rules)) config.rules = readRules(parsed, ['rules'], data.rules, catalog, report);
  if (Array.isArray(data.overrides)) {
    data.overrides.forEach((entry, index) => {
      if (!isMapping(entry)) return;
      const files = Array.isArray(entry.files) ? entry.files.filter((f): f is string => typeof f === 'string' && f.length > 0) : [];
      const rules = isMapping(entry.rules) ? readRules(parsed, ['overrides', index, 'rules'], entry.rules, catalog, report) : {};
      if (files.length) config.overrides.push({ files, rules });
    });
  }
  return config;
}

/** The schema checks the overall shape; rule entries are checked below, against the rules' own metadata. */
function validateShape(parsed: ParsedYaml, file: string, findings: Finding[]): void {
  const validate = validators.lintConfig;
  if (!validate || validate(parsed.value)) return;
  const inRuleEntry = /^\/(?:rules|overrides\/\d+\/rules)\/./;
  const errors = (validate.errors ?? []).filter((e) => !inRuleEntry.test(e.instancePath) && !(e.keyword === 'propertyNames' || e.propertyName !== undefined));
  for (const finding of describeErrors(errors, parsed, file)) findings.push({ ...finding, ruleId: 'config' });
}

function readRules(parsed: ParsedYaml, at: Path, rules: Record<string, unknown>, catalog: RuleCatalog, report: (span: Span, message: string) => void): Record<string, RuleEntry> {
  const out: Record<string, RuleEntry> = {};
  const known = new Map(catalog.rules.map((r) => [r.id, r]));
  for (const [id, value] of Object.entries(rules)) {
    const path = [...at, id];
    const meta = known.get(id);
    if (!meta) {
      if (catalog.builtIns.includes(id)) report(parsed.spanOf(path, true), `\`${id}\` is a built-in check: its findings are always errors and cannot be turned down or off. Remove this entry and fix what it reports instead.`);
      else report(parsed.spanOf(path, true), `\`${id}\` is not a rule.${didYouMean(id, [...known.keys()]) || ' Run `outcomes-lint rules` for the list.'}`);
      continue;
    }
    const entry = readEntry(parsed, path, value, meta, report);
    if (entry) out[id] = entry;
  }
  return out;
}

function readEntry(parsed: ParsedYaml, path: Path, value: unknown, meta: RuleMeta, report: (span: Span, message: string) => void): RuleEntry | undefined {
  if (typeof value === 'string' || value === null) return readSeverity(parsed, path, value, report) ? { severity: value as RuleSeverity, thresholds: {} } : undefined;
  if (!isMapping(value)) {
    report(parsed.spanOf(path), `\`${meta.id}\` takes a severity (${severityList()}) or a mapping with \`severity\` and \`thresholds\`; found ${Array.isArray(value) ? 'a list' : String(value)}.`);
    return undefined;
  }
  const entry: RuleEntry = { thresholds: {} };
  let ok = true;
  for (const key of Object.keys(value)) {
    if (key !== 'severity' && key !== 'thresholds') {
      report(parsed.spanOf([...path, key], true), `\`${key}\` is not a field of a rule's settings.${didYouMean(key, ['severity', 'thresholds']) || ' Use `severity` and `thresholds`.'}`);
      ok = false;
    }
  }
  if ('severity' in value) {
    if (readSeverity(parsed, [...path, 'severity'], value.severity, report)) entry.severity = value.severity as RuleSeverity;
    else ok = false;
  }
  if ('thresholds' in value) {
    const thresholds = value.thresholds;
    if (!isMapping(thresholds)) {
      report(parsed.spanOf([...path, 'thresholds']), `\`thresholds\` of \`${meta.id}\` must be a mapping of threshold names to numbers.`);
      ok = false;
    } else {
      for (const [name, given] of Object.entries(thresholds)) {
        const at = [...path, 'thresholds', name];
        const threshold = meta.thresholds[name];
        const names = Object.keys(meta.thresholds);
        if (!threshold) {
          report(parsed.spanOf(at, true), names.length ? `\`${meta.id}\` has no threshold \`${name}\`.${didYouMean(name, names) || ` Its thresholds: ${names.map((n) => `\`${n}\``).join(', ')}.`}` : `\`${meta.id}\` has no thresholds to set.`);
          ok = false;
          continue;
        }
        const problem = thresholdProblem(given, threshold);
        if (problem) {
          report(parsed.spanOf(at), `\`${name}\` of \`${meta.id}\` ${problem}; found ${JSON.stringify(given)}. ${threshold.description}`);
          ok = false;
        } else entry.thresholds[name] = given as number;
      }
    }
  }
  return ok || entry.severity !== undefined || Object.keys(entry.thresholds).length ? entry : undefined;
}

function readSeverity(parsed: ParsedYaml, path: Path, value: unknown, report: (span: Span, message: string) => void): boolean {
  if (typeof value === 'string' && (severities as string[]).includes(value)) return true;
  const shown = typeof value === 'string' ? `"${value}"` : value === null ? 'nothing' : String(value);
  report(parsed.spanOf(path), `A rule's severity must be one of ${severityList()}; found ${shown}.${typeof value === 'string' ? suggestSeverity(value) : ''}`);
  return false;
}

/** Checks a threshold against the simple JSON Schema keywords rules use for them (type and bounds). */
export function thresholdProblem(value: unknown, threshold: ThresholdMeta): string | undefined {
  const schema = threshold.schema as { type?: string; minimum?: number; maximum?: number; exclusiveMinimum?: number; exclusiveMaximum?: number };
  const range = describeRange(schema);
  if (typeof value !== 'number' || !Number.isFinite(value)) return `must be a number${range}`;
  if (schema.type === 'integer' && !Number.isInteger(value)) return `must be a whole number${range}`;
  if (schema.minimum !== undefined && value < schema.minimum) return `must be at least ${schema.minimum}${range}`;
  if (schema.maximum !== undefined && value > schema.maximum) return `must be at most ${schema.maximum}${range}`;
  if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) return `must be more than ${schema.exclusiveMinimum}${range}`;
  if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum) return `must be less than ${schema.exclusiveMaximum}${range}`;
  return undefined;
}

export function describeRange(schema: { minimum?: number; maximum?: number; exclusiveMinimum?: number; exclusiveMaximum?: number }): string {
  const low = schema.minimum !== undefined ? `${schema.minimum}` : schema.exclusiveMinimum !== undefined ? `more than ${schema.exclusiveMinimum}` : undefined;
  const high = schema.maximum !== undefined ? `${schema.maximum}` : schema.exclusiveMaximum !== undefined ? `less than ${schema.exclusiveMaximum}` : undefined;
  if (low !== undefined && high !== undefined) return ` (from ${low} to ${high})`;
  if (low !== undefined) return ` (${schema.minimum !== undefined ? 'at least ' : ''}${low})`;
  if (high !== undefined) return ` (${schema.maximum !== undefined ? 'at most ' : ''}${high})`;
  return '';
}

/** " Did you mean `warning`?" for `warn`, `Error`, `warnings`; empty when nothing is close. */
export function suggestSeverity(value: string): string {
  const lower = value.trim().toLowerCase();
  const prefixed = lower.length >= 3 ? severities.find((s) => s.startsWith(lower) || lower.startsWith(s)) : undefined;
  return prefixed ? ` Did you mean \`${prefixed}\`?` : didYouMean(value, [...severities]);
}

function severityList(): string {
  return severities.map((s) => `\`${s}\``).join(', ');
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
