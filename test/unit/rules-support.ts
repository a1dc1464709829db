/** Builders and a checker for the rule tests: small frameworks and rate cards, findings with 1-based positions. */
import * as path from 'node:path';
import { checkFile } from '../../server/src/core/lint';
import type { Finding } from '../../server/src/core/findings';
import type { RuleSettings } from '../../server/src/core/rules/types';
import { memoryRoot, memoryWorkspace } from '../support/workspace';

export interface RuleFinding {
  ruleId: string;
  severity: Finding['severity'];
  message: string;
  line: number;
  column: number;
  text: string;
  finding: Finding;
}

/** Checks `name` in a workspace of `files`; findings of rules only unless `all`. */
export function checkRules(files: Record<string, string>, name: string, options: { settings?: RuleSettings; all?: boolean } = {}): RuleFinding[] {
  const workspace = memoryWorkspace(files);
  const report = checkFile(workspace, path.join(memoryRoot, name), { settings: options.settings });
  const text = files[name];
  return report.findings
    .filter((f) => options.all || !coreIds.has(f.ruleId))
    .map((f) => {
      const position = report.analyzed!.parsed.lines.positionAt(f.span.start);
      return { ruleId: f.ruleId, severity: f.severity, message: f.message, line: position.line + 1, column: position.character + 1, text: text.slice(f.span.start, f.span.end), finding: f };
    });
}

export const coreIds = new Set(['yaml-syntax', 'schema', 'unknown-reference', 'framework-not-found', 'currency-mismatch', 'payer-split', 'duplicate-price', 'requires-cycle', 'profile-sum', 'contract-dates']);

/** Findings of one rule. */
export function only(findings: RuleFinding[], ruleId: string): RuleFinding[] {
  return findings.filter((f) => f.ruleId === ruleId);
}

/** 1-based line and column of `target` where it follows `before` in `text` (the nth such place, from 0). */
export function at(text: string, before: string, target: string, nth = 0): { line: number; column: number } {
  let index = -1;
  for (let i = 0; i <= nth; i++) {
    index = text.indexOf(before + target, index + 1);
    if (index < 0) throw new Error(`"${before}${target}" is not in the text`);
  }
  const offset = index + before.length;
  const lines = text.slice(0, offset).split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

export const FW = 'x.framework.yaml';
export const RC = 'x.ratecard.yaml';

export const cohort = (id: string, extra = '', eligibility = '    eligibility:\n      - Left care at 18\n') => `  - id: ${id}\n    title: Cohort ${id}\n${eligibility}    size: 100\n${extra}`;

export interface OutcomeSpec {
  id: string;
  domain?: string;
  stage?: string;
  role?: string;
  extra?: string;
  evidence?: string;
  baseline?: string;
}

export const outcome = (o: OutcomeSpec) =>
  `  - id: ${o.id}\n    title: Outcome ${o.id}\n    domain: ${o.domain ?? 'accommodation'}\n    stage: ${o.stage ?? 'entry'}\n    role: ${o.role ?? 'payment'}\n${o.extra ?? ''}    evidence: { kind: ${o.evidence ?? 'administrative'}, source: Records }\n    baseline: { ${o.baseline ?? 'c: 0.1'} }\n`;

/** An indicator chosen with participants, so the framework-wide rules stay quiet unless a test wants them. */
export const indicator = outcome({ id: 'wellbeing', domain: 'wellbeing', stage: 'progression', role: 'indicator', extra: '    personLed: true\n', evidence: 'self-reported' });

export function framework(outcomes: string, options: { cohorts?: string; contract?: string } = {}): string {
  return `kind: OutcomeFramework\nschemaVersion: 1\nid: x\ntitle: Test framework\ncurrency: GBP\n${options.contract ?? ''}payers:\n  - id: council\n    name: Council\ncohorts:\n${options.cohorts ?? cohort('c')}outcomes:\n${outcomes}`;
}

export function rateCard(prices: string, options: { caps?: string | null; projection?: string } = {}): string {
  const caps = options.caps === null ? '' : options.caps ?? 'caps:\n  total: 1000000\n';
  return `kind: RateCard\nschemaVersion: 1\nid: x-card\nframework: ${FW}\ncurrency: GBP\n${caps}prices:\n${prices}${options.projection ?? ''}`;
}

export const line = (outcomeId: string, price: number | string, extra = '') => `  - outcome: ${outcomeId}\n    price: ${price}\n${extra}`;

/** Entry and 26-week sustainment in accommodation, plus the indicator. */
export const chain = (domain = 'accommodation', stage = 'entry') =>
  outcome({ id: 'entry', domain, stage }) + outcome({ id: 'sustained', domain, stage: 'sustainment', extra: '    sustainWeeks: 26\n    requires: [entry]\n' }) + indicator;
