/** Small valid files for the core tests; each test changes one line and sees what is reported. */
export const framework = `kind: OutcomeFramework
schemaVersion: 1
id: care-leavers-eet
title: Care leavers into work
currency: GBP
contract:
  start: 2018-10-01
  recruitmentEnd: 2019-09-30
  end: 2022-03-31
payers:
  - id: dfe
    name: Department for Education
  - id: council
    name: Example County Council
cohorts:
  - id: leaving-care
    title: Young people leaving care
    eligibility:
      - Aged 17 or 18 at referral
    size: 100
    needs: high
outcomes:
  - id: employment-entry
    title: Enters employment
    domain: employment
    stage: entry
    role: payment
    evidence: { kind: administrative, source: Payslip }
    baseline: { leaving-care: 0.1 }
  - id: employment-26w
    title: In work for 26 weeks
    domain: employment
    stage: sustainment
    role: payment
    sustainWeeks: 26
    requires: [employment-entry]
    baseline: { leaving-care: 0.05 }
  - id: wellbeing-improved
    title: Improved wellbeing
    domain: wellbeing
    stage: progression
    role: indicator
    personLed: true
`;

export const rateCard = `kind: RateCard
schemaVersion: 1
id: care-leavers-2018
framework: care.framework.yaml
currency: GBP
payers: { dfe: 80, council: 20 }
caps:
  total: 250000
prices:
  - outcome: employment-entry
    price: 660
  - outcome: employment-26w
    price: 2750
    maxClaims: 1
projection:
  - cohort: leaving-care
    participants: 100
    achievement:
      employment-entry: 0.4
      employment-26w: 0.2
    profile: { 2019: 0.4, 2020: 0.6 }
`;

/** Replaces the one occurrence of `from` in `text`; fails loudly if it is not there exactly once. */
export function edit(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`fixture edit: ${JSON.stringify(from)} must occur exactly once`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** The pair as a workspace: the framework at care.framework.yaml, the rate card at care.ratecard.yaml. */
export function pair(frameworkText = framework, rateCardText = rateCard): Record<string, string> {
  return { 'care.framework.yaml': frameworkText, 'care.ratecard.yaml': rateCardText };
}

import { builtInCheckIds } from '../../server/src/core/checks';
import { check as checkAll, type Located } from '../support/workspace';

/** The always-error checks of format.md only: the perverse-incentive rules have tests of their own. */
export function checkBuiltIn(files: Record<string, string>, name: string): Located[] {
  return checkAll(files, name).filter((f) => (builtInCheckIds as readonly string[]).includes(f.ruleId));
}

/** A finding as `line:column ruleId "underlined text"`, for compact assertions. */
export function brief(f: Located): string {
  return `${f.line}:${f.column} ${f.ruleId} ${JSON.stringify(f.text)}`;
}
