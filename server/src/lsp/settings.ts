/** The editor settings under `outcomeFrameworks`, read per file (resource scope) and cached. */
import type { Connection } from 'vscode-languageserver';
import type { RuleSeverity } from '../core/rules/types';

export interface EditorSettings {
  /** Severity overrides by rule id: `{ "no-baseline": "off" }`. */
  rules: Record<string, RuleSeverity>;
  inlayHints: { enabled: boolean };
  codeLens: { enabled: boolean };
  preview: { openAutomatically: boolean };
  /** The value figures' discount rate, percent a year (docs/value.md). */
  value: { discountRate: number };
}

export const defaultSettings: EditorSettings = { rules: {}, inlayHints: { enabled: true }, codeLens: { enabled: true }, preview: { openAutomatically: false }, value: { discountRate: 3.5 } };

const severities = new Set(['off', 'hint', 'info', 'warning', 'error']);

/** Keeps what is valid of whatever the client sent: a typo in settings must not stop the checks. */
export function normaliseSettings(raw: unknown): EditorSettings {
  const value = (raw && typeof raw === 'object' ? raw : {}) as Record<string, any>;
  const rules: Record<string, RuleSeverity> = {};
  if (value.rules && typeof value.rules === 'object') {
    for (const [id, severity] of Object.entries(value.rules)) if (typeof severity === 'string' && severities.has(severity)) rules[id] = severity as RuleSeverity;
  }
  return {
    rules,
    inlayHints: { enabled: value.inlayHints?.enabled !== false },
    codeLens: { enabled: value.codeLens?.enabled !== false },
    preview: { openAutomatically: value.preview?.openAutomatically === true },
    value: { discountRate: typeof value.value?.discountRate === 'number' && value.value.discountRate >= 0 && value.value.discountRate <= 100 ? value.value.discountRate : 3.5 },
  };
}

export class SettingsCache {
  private readonly cache = new Map<string, Promise<EditorSettings>>();
  /** Set from the client's capabilities: clients without `workspace/configuration` get defaults. */
  supported = false;

  constructor(private readonly connection: Connection) {}

  get(uri: string): Promise<EditorSettings> {
    if (!this.supported) return Promise.resolve(defaultSettings);
    let settings = this.cache.get(uri);
    if (!settings) {
      settings = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'outcomeFrameworks' })
        .then(normaliseSettings, () => defaultSettings);
      this.cache.set(uri, settings);
    }
    return settings;
  }

  clear(): void {
    this.cache.clear();
  }
}
