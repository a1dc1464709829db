/** The checks of claims against the contract, one module each (docs/rules/actuals-*.md). */
import * as unpricedOutcome from './unpriced-outcome';
import * as priceMismatch from './price-mismatch';
import * as overMaxClaims from './over-max-claims';
import * as excludedOutcomes from './excluded-outcomes';
import * as missingPrerequisite from './missing-prerequisite';
import * as capExceeded from './cap-exceeded';
import * as outsideContract from './outside-contract';
import * as lateStart from './late-start';
import * as optimism from './optimism';
import type { ActualsRule } from './types';

const rule = (module: { RULE_META: ActualsRule['meta']; check: ActualsRule['check'] }): ActualsRule => ({ meta: module.RULE_META, check: module.check });

export const actualsRules: ActualsRule[] = [unpricedOutcome, priceMismatch, overMaxClaims, excludedOutcomes, missingPrerequisite, capExceeded, outsideContract, lateStart, optimism].map(rule);

export type { ActualsRule, ActualsRuleContext } from './types';
