/** The built-in checks of format.md: always errors, whatever the configuration says. */
import * as contractDates from './contract-dates';
import * as duplicatePrice from './duplicate-price';
import * as frameworkLink from './framework-link';
import * as payerSplit from './payer-split';
import * as profileSum from './profile-sum';
import * as requiresCycle from './requires-cycle';
import * as unknownReference from './unknown-reference';
import * as unpayableOutcome from './unpayable-outcome';
import * as outcomeValue from './outcome-value';
import type { FrameworkCheckContext, RateCardCheckContext } from './context';

/** The checks of format.md, each with what it is about: always errors, never configurable. */
export const builtInChecks = {
  'yaml-syntax': 'The YAML does not parse, or repeats a key.',
  schema: 'The document breaks its JSON Schema: a wrong type, a missing or unknown field, a value not allowed, a negative price, a share outside 0–1, or more decimals than the currency has.',
  'unknown-reference': 'A rate card names an outcome, cohort or payer its framework does not define; requires or excludes names an unknown outcome; or ids repeat.',
  'framework-not-found': "A rate card's framework file is missing, unreadable, not a framework, or outside the workspace.",
  'currency-mismatch': "A rate card's currency differs from its framework's.",
  'payer-split': 'A payer split does not add up to 100.',
  'duplicate-price': 'Two price lines for the same outcome and the same cohort.',
  'requires-cycle': 'The requires links between outcomes form a cycle.',
  'unpayable-outcome': 'An outcome requires two outcomes that exclude each other, or one it excludes, so it can never be achieved or paid.',
  'profile-sum': "A projection's profile does not add up to 1.",
  'contract-dates': 'The contract dates are out of order.',
} as const;

export const builtInCheckIds = Object.keys(builtInChecks) as (keyof typeof builtInChecks)[];

/** Findings about the lint set-up itself, reported beside the checks. */
export const setupChecks = {
  config: 'The lint configuration (.outcomes-lint.yaml) is broken.',
  suppression: 'A suppression comment lacks a reason, names an unknown rule, or suppresses nothing (a warning).',
} as const;

export const frameworkChecks: ((context: FrameworkCheckContext) => void)[] = [unknownReference.checkFramework, requiresCycle.checkFramework, unpayableOutcome.checkFramework, contractDates.checkFramework, outcomeValue.checkFramework];

export const rateCardChecks: ((context: RateCardCheckContext) => void)[] = [frameworkLink.checkRateCard, unknownReference.checkRateCard, payerSplit.checkRateCard, duplicatePrice.checkRateCard, profileSum.checkRateCard];

export type { FrameworkCheckContext, RateCardCheckContext };
