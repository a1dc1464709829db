/**
 * Which lint configuration applies to a file, and the rule settings it gives.
 *
 * The nearest `.outcomes-lint.yaml` from the file's folder up to the workspace root applies
 * (nearest wins; files further up are reached only through `extends`). Its `extends` chain is
 * applied base first, each config's own rules then its overrides; this file's settings win.
 * Parsed configs are cached per workspace by text, so an edited config is re-read at once.
 */
import * as path from '../path';
import picomatch from 'picomatch';
import type { Finding } from '../findings';
import type { Span } from '../ranges';
import type { RuleSetting, RuleSettings, RuleSeverity } from '../rules/types';
import type { Workspace } from '../workspace';
import { loadConfig, type LoadedConfig, type RuleCatalog, type RuleEntry } from './load';
import { plural } from '../words';

export { loadConfig, severities, type LoadedConfig, type RuleCatalog, type RuleEntry } from './load';

export const CONFIG_FILE_NAMES = ['.outcomes-lint.yaml', '.outcomes-lint.yml'] as const;

export interface ResolvedConfig {
  /** The config file that applies, nearest first, then the files it extends. Empty: defaults only. */
  files: string[];
  /** Problems in those config files, each on its own file. */
  findings: Finding[];
  /** The effective settings of every rule for `file`. */
  settings: RuleSettings;
  /** Rules whose severity a config file set: it then applies to all their findings, even graver ones. */
  configured: Set<string>;
}

const caches = new WeakMap<Workspace, Map<string, LoadedConfig>>();

/** The config file for `file`: the nearest one from its folder up to the workspace root. */
export function findConfigFile(workspace: Workspace, file: string): string | undefined {
  const root = workspace.root;
  let dir = path.dirname(path.resolve(file));
  if (!workspace.contains(dir)) return undefined; // outside the workspace: defaults only
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(dir, name);
      // One that exists but cannot be read (a FIFO) is still the nearest: it is reported, not passed over.
      if (workspace.textOf(candidate) !== undefined || workspace.whyUnreadable(candidate)) return candidate;
    }
    if (dir === root) return undefined;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export interface ResolveOptions {
  /** The runner named this config file (the CLI's --config): it may lie outside the workspace. */
  named?: boolean;
  /** The workspace is not trusted (VS Code's workspace trust): its config files change nothing. */
  untrusted?: boolean;
}

/**
 * Resolves the configuration for `file`; `configFile` (the CLI's --config) replaces the search.
 * A config file, or a file it extends, that resolves outside the workspace (through a symbolic
 * link or a `../` path) is refused unread, so nothing outside is obeyed or quoted.
 */
export function resolveConfig(workspace: Workspace, file: string, catalog: RuleCatalog, configFile?: string, options: ResolveOptions = {}): ResolvedConfig {
  const settings = defaultSettings(catalog);
  const configured = new Set<string>();
  if (options.untrusted) return { files: [], findings: [], settings, configured };
  const start = configFile ? path.resolve(configFile) : findConfigFile(workspace, file);
  if (!start) return { files: [], findings: [], settings, configured };
  const chain: LoadedConfig[] = [];
  const findings: Finding[] = [];
  if (!options.named && !workspace.contains(start)) {
    findings.push({ ruleId: 'config', severity: 'error', message: `The configuration file ${path.basename(start)} leads outside the workspace (it is a symbolic link to a file elsewhere), so it was not read: a workspace's configuration must be inside it. Replace the link with a copy of the file.`, file: start, span: { start: 0, end: 0 } });
    return { files: [start], findings, settings, configured };
  }
  const startConfig = load(workspace, start, catalog);
  if (!startConfig) {
    const why = workspace.whyUnreadable(start);
    findings.push({ ruleId: 'config', severity: 'error', message: `The configuration file ${start} could not be read${why ? `: ${why[0].toLowerCase()}${why.slice(1)}` : '.'}`, file: start, span: { start: 0, end: 0 } });
    return { files: [start], findings, settings, configured };
  }
  chain.push(startConfig);
  // Follow `extends`, refusing files outside the workspace, missing files and cycles.
  for (let current = startConfig; current.extends; ) {
    const target = path.resolve(path.dirname(current.file), current.extends.path);
    const fail = (message: string) => findings.push({ ruleId: 'config', severity: 'error', message, file: current.file, span: current.extends!.span });
    if (!workspace.contains(target)) {
      fail(`\`extends\` points outside the workspace (${current.extends.path}${path.relative(workspace.root, target).startsWith('..') ? '' : ', through a symbolic link'}), so it was not read. A configuration may only extend files inside the workspace, so that every check sees the same settings; copy the shared file into the workspace.`);
      break;
    }
    const seen = chain.findIndex((c) => c.file === target);
    if (seen >= 0) {
      const cycle = [...chain.slice(seen), chain[seen]].map((c) => path.relative(path.dirname(current.file), c.file) || path.basename(c.file));
      fail(`\`extends\` goes round in a circle: ${cycle.join(' → ')}. Remove one of these \`extends\` so that the chain ends.`);
      break;
    }
    const next = load(workspace, target, catalog);
    if (!next) {
      fail(`\`extends\` names ${current.extends.path}, which does not exist or cannot be read. Correct the path (it is relative to this file).`);
      break;
    }
    chain.push(next);
    current = next;
  }
  for (const config of chain) findings.push(...config.findings);
  // Base first, so the nearest config's settings win.
  for (const config of [...chain].reverse()) {
    applyEntries(settings, config.rules, configured);
    for (const override of config.overrides) if (matches(override.files, config.file, file)) applyEntries(settings, override.rules, configured);
  }
  return { files: chain.map((c) => c.file), findings, settings, configured };
}

/** Every rule at its default severity and thresholds. */
export function defaultSettings(catalog: RuleCatalog): RuleSettings {
  const settings: RuleSettings = {};
  for (const rule of catalog.rules) {
    const thresholds: Record<string, number> = {};
    for (const [name, threshold] of Object.entries(rule.thresholds)) thresholds[name] = threshold.default;
    settings[rule.id] = { severity: rule.defaultSeverity, thresholds };
  }
  return settings;
}

/** Applies severities given on the command line (`--rule id=severity`), which win over every file. */
export function applySeverities(settings: RuleSettings, severities: Record<string, RuleSeverity>, configured: Set<string>): void {
  for (const [id, severity] of Object.entries(severities)) {
    if (!settings[id]) continue;
    settings[id] = { ...settings[id], severity };
    configured.add(id);
  }
}

function applyEntries(settings: RuleSettings, entries: Record<string, RuleEntry>, configured: Set<string>): void {
  for (const [id, entry] of Object.entries(entries)) {
    const current: RuleSetting | undefined = settings[id];
    if (!current) continue;
    if (entry.severity) configured.add(id);
    settings[id] = { severity: entry.severity ?? current.severity, thresholds: { ...current.thresholds, ...entry.thresholds } };
  }
}

/** Whether `file` matches one of the globs, which are relative to the config file's folder. */
function matches(globs: string[], configFile: string, file: string): boolean {
  const relative = path.relative(path.dirname(configFile), path.resolve(file));
  if (relative.startsWith('..') || path.isAbsolute(relative)) return false;
  const posix = relative.split(path.sep).join('/');
  // A glob without a slash matches the file name in any folder (as .gitignore does).
  return globs.some((glob) => picomatch(glob, { dot: true })(glob.includes('/') ? posix : path.posix.basename(posix)));
}

function load(workspace: Workspace, file: string, catalog: RuleCatalog): LoadedConfig | undefined {
  const text = workspace.textOf(file);
  if (text === undefined) return undefined;
  let cache = caches.get(workspace);
  if (!cache) caches.set(workspace, (cache = new Map()));
  const cached = cache.get(file);
  if (cached && cached.text === text) return cached;
  const loaded = loadConfig(file, text, catalog);
  cache.set(file, loaded);
  return loaded;
}

/** The message a checked file carries when its configuration is broken. */
export function brokenConfigNotice(file: string, configFiles: string[], problems: Finding[]): Finding {
  const broken = [...new Set(problems.map((p) => p.file))];
  const shown = broken.map((f) => path.relative(path.dirname(file), f) || path.basename(f)).join(', ');
  const span: Span = { start: 0, end: 0 };
  const count = problems.length;
  return {
    ruleId: 'config',
    severity: 'error',
    message: `The lint configuration for this file (${shown}) has ${plural(count, 'problem')}, reported there. Until ${count === 1 ? 'it is' : 'they are'} fixed, the rules run with only the settings that could be read${configFiles.length > 1 ? ' from the chain' : ''}, which may not be what your team intended.`,
    file,
    span,
  };
}
