/** The built-in checks of format.md: always errors, whatever the configuration says. */
import * as contractDates from './contract-dates';
import * as duplicatePrice from './duplicate-price';
import * as frameworkLink from './framework-link';
import * as payerSplit from './payer-split';
import * as profileSum from './profile-sum';
import * as requiresCycle from './requires-cycle';
import * as unknownReference from './unknown-reference';
import type { FrameworkCheckContext, RateCardCheckContext } from './context';

export const builtInCheckIds = ['yaml-syntax', 'schema', 'unknown-reference', 'framework-not-found', 'currency-mismatch', 'payer-split', 'duplicate-price', 'requires-cycle', 'profile-sum', 'contract-dates'] as const;

export const frameworkChecks: ((context: FrameworkCheckContext) => void)[] = [unknownReference.checkFramework, requiresCycle.checkFramework, contractDates.checkFramework];

export const rateCardChecks: ((context: RateCardCheckContext) => void)[] = [frameworkLink.checkRateCard, unknownReference.checkRateCard, payerSplit.checkRateCard, duplicatePrice.checkRateCard, profileSum.checkRateCard];

export type { FrameworkCheckContext, RateCardCheckContext };
