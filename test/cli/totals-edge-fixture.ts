/** Small frameworks and rate cards written as YAML, and the CLI's totals JSON, for the issue-20 tests. */
import { runCli } from '../support/cli';

export const outcomeYaml = (id: string, extra = '', stage = 'entry') =>
  `  - id: ${id}\n    title: ${id}\n    domain: employment\n    stage: ${stage}\n    role: payment\n    evidence: { kind: administrative, source: Records }\n${extra}`;

export function frameworkYaml(cohorts: string, outcomes: string, payers = '  - id: p\n    name: P\n'): string {
  return `kind: OutcomeFramework\nschemaVersion: 1\nid: f\ntitle: F\ncurrency: GBP\npayers:\n${payers}cohorts:\n${cohorts}outcomes:\n${outcomes}`;
}
export const cohortYaml = (id: string, size: number | undefined, extra = '') => `  - id: ${id}\n    title: ${id}\n    eligibility: [Anyone referred]\n${size === undefined ? '' : `    size: ${size}\n`}${extra}`;
export const cardYaml = (rest: string) => `kind: RateCard\nschemaVersion: 1\nid: r\nframework: f.framework.yaml\ncurrency: GBP\n${rest}`;

/** The lint JSON's messages of one rule, over every file. */
export function findings(stdout: string, ruleId: string): { message: string; line: number }[] {
  return (JSON.parse(stdout) as { messages: { ruleId: string; message: string; line: number }[] }[]).flatMap((f) => f.messages.filter((m) => m.ruleId === ruleId));
}

export function totalsJson(dir: string, ...args: string[]) {
  const run = runCli(['totals', 'r.ratecard.yaml', '--format', 'json', ...args], { cwd: dir });
  return { run, t: JSON.parse(run.stdout) };
}

