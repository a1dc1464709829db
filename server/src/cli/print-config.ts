/**
 * `outcomes-lint --print-config FILE`: which configuration applies to FILE, after the nearest
 * `.outcomes-lint.yaml`, its `extends` chain, its `overrides`, `--config` and `--rule`, as JSON.
 * The file need not exist: the settings depend on its path only.
 */
import * as path from 'node:path';
import { applySeverities, resolveConfig } from '../core/config';
import { ruleCatalog } from '../core/config/catalog';
import type { RuleSeverity } from '../core/rules/types';
import { nodeHost } from '../core/node-host';
import { Workspace } from '../core/workspace';
import { formatStylish } from './formats/stylish';
import { UsageError, type Io } from './io';
import { displayPath, toFileResult } from './results';

export interface PrintConfigOptions {
  root?: string;
  config?: string;
  rules: Record<string, RuleSeverity>;
}

/** Prints the configuration; exit 1 when a config file has a problem (shown on stderr), else 0. */
export function printConfig(file: string, options: PrintConfigOptions, io: Io): number {
  const root = path.resolve(options.root ?? process.cwd());
  const target = path.resolve(file);
  const workspace = new Workspace(root, nodeHost);
  if (options.config !== undefined && workspace.textOf(path.resolve(options.config)) === undefined) throw new UsageError(`No such config file: ${options.config}`);
  const resolved = resolveConfig(workspace, target, ruleCatalog, options.config);
  applySeverities(resolved.settings, options.rules, resolved.configured);
  const rules = Object.fromEntries(Object.entries(resolved.settings).sort(([a], [b]) => a.localeCompare(b)));
  io.stdout(JSON.stringify({ file: displayPath(target), configFiles: resolved.files.map((f) => displayPath(f)), rules }, null, 2) + '\n');
  if (!resolved.findings.length) return 0;
  const byFile = new Map<string, typeof resolved.findings>();
  for (const finding of resolved.findings) byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding]);
  const results = [...byFile].map(([configFile, findings]) => toFileResult(configFile, workspace.textOf(configFile), findings, []));
  io.stderr(formatStylish(results, { color: false }));
  return 1;
}
