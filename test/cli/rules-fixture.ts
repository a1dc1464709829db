/** A small housing framework and rate card on disk, for the configuration, suppression and fix tests. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const framework = `kind: OutcomeFramework
schemaVersion: 1
id: housing
title: Young people into stable homes
currency: GBP
contract:
  start: 2020-04-01
  recruitmentEnd: 2021-03-31
  end: 2023-03-31
payers:
  - id: council
    name: Example County Council
cohorts:
  - id: leaving-care
    title: Young people leaving care
    eligibility:
      - Looked after for at least 13 weeks since age 14
      - Aged 16 to 21 at referral
    size: 100
outcomes:
  - id: home-entry
    title: Moved into a stable home
    domain: accommodation
    stage: entry
    role: payment
    evidence: { kind: administrative, source: Tenancy agreement }
    baseline: { leaving-care: 0.2 }
  - id: home-26w
    title: Home kept for 26 weeks
    domain: accommodation
    stage: sustainment
    role: payment
    sustainWeeks: 26
    requires: [home-entry]
    evidence: { kind: administrative, source: Tenancy records }
    baseline: { leaving-care: 0.1 }
  - id: wellbeing
    title: Feels settled
    domain: wellbeing
    stage: progression
    role: indicator
    personLed: true
    evidence: { kind: self-reported, source: Questionnaire }
`;

/** One finding by default: home-entry may be paid 3 times (repeatable-entry-payment, an error for accommodation), on line 13. */
export const rateCard = `kind: RateCard
schemaVersion: 1
id: housing-2020
framework: housing.framework.yaml
currency: GBP
payers: { council: 100 }
caps:
  total: 500000
prices:
  # Entry into a home: agreed with the council in March
  - outcome: home-entry
    price: 1000
    maxClaims: 3   # three moves allowed
  - outcome: home-26w
    price: 2000
`;


/** A temporary workspace holding the framework, the rate card and any other files given. */
export function makeWorkspace(files: Record<string, string> = {}): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'outcomes-lint-rules-')));
  const all: Record<string, string> = { 'housing.framework.yaml': framework, 'housing.ratecard.yaml': rateCard, ...files };
  for (const [name, text] of Object.entries(all)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

export interface JsonMessage {
  ruleId: string;
  severity: string;
  message: string;
  line: number;
  column: number;
}

export interface JsonFile {
  filePath: string;
  messages: JsonMessage[];
  errorCount: number;
  warningCount: number;
}

/** The messages of one file of `--format json` output, as [ruleId, severity, line, column]. */
export function messagesOf(stdout: string, fileEnd: string): [string, string, number, number][] {
  const files = JSON.parse(stdout) as JsonFile[];
  const file = files.find((f) => f.filePath.endsWith(fileEnd));
  if (!file) throw new Error(`no ${fileEnd} in ${stdout}`);
  return file.messages.map((m) => [m.ruleId, m.severity, m.line, m.column]);
}
