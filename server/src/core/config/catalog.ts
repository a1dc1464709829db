/** The rules the configuration, suppressions and CLI know: the engine's list, the actuals rules, and the built-in checks. */
import { actualsBuiltIns, actualsRules } from '../actuals';
import { builtInCheckIds } from '../checks';
import { rules } from '../rules/index';
import type { RuleCatalog } from './load';

export const ruleCatalog: RuleCatalog = { rules: [...rules.map((rule) => rule.meta), ...actualsRules.map((rule) => rule.meta)], builtIns: [...builtInCheckIds, ...(Object.keys(actualsBuiltIns) as (keyof typeof actualsBuiltIns)[]), 'config', 'suppression'] };
