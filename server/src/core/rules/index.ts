/** The perverse-incentive rules of rules.md, one module each, in the order rules.md lists them. */
import * as repeatableEntryPayment from './repeatable-entry-payment';
import * as entryWithoutSustainment from './entry-without-sustainment';
import * as frontLoadedChain from './front-loaded-chain';
import * as invertedProgression from './inverted-progression';
import * as engagementHeavy from './engagement-heavy';
import * as noBaseline from './no-baseline';
import * as highDeadweight from './high-deadweight';
import * as broadCohort from './broad-cohort';
import * as uniformPriceMixedNeeds from './uniform-price-mixed-needs';
import * as noProgressionMeasures from './no-progression-measures';
import * as overlappingOutcomes from './overlapping-outcomes';
import * as paymentAfterContractEnd from './payment-after-contract-end';
import * as uncappedLiability from './uncapped-liability';
import * as capBinds from './cap-binds';
import * as subjectiveOnlyTrigger from './subjective-only-trigger';
import * as noLearningIndicators from './no-learning-indicators';
import * as qualificationChurn from './qualification-churn';
import * as noPersonLedOutcomes from './no-person-led-outcomes';
import * as priceContext from './price-context';
import * as fundingGap from './funding-gap';
import * as thinInvestorMargin from './thin-investor-margin';
import * as richMoneyMultiple from './rich-money-multiple';
import * as priceAboveValue from './price-above-value';
import * as savingsElsewhere from './savings-elsewhere';
import * as valueWithoutSource from './value-without-source';
import type { Rule } from './types';

export const rules: Rule[] = [
  repeatableEntryPayment,
  entryWithoutSustainment,
  frontLoadedChain,
  invertedProgression,
  engagementHeavy,
  noBaseline,
  highDeadweight,
  broadCohort,
  uniformPriceMixedNeeds,
  noProgressionMeasures,
  overlappingOutcomes,
  paymentAfterContractEnd,
  uncappedLiability,
  capBinds,
  subjectiveOnlyTrigger,
  noLearningIndicators,
  qualificationChurn,
  noPersonLedOutcomes,
  priceContext,
  fundingGap,
  thinInvestorMargin,
  richMoneyMultiple,
  priceAboveValue,
  savingsElsewhere,
  valueWithoutSource,
];

/** Every rule `off`: the core's checks alone, as the benchmark compares against the defaults. */
export function allRulesOff(): Record<string, { severity: 'off'; thresholds: Record<string, number> }> {
  return Object.fromEntries(rules.map((rule) => [rule.meta.id, { severity: 'off' as const, thresholds: {} }]));
}
