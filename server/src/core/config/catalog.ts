/** The rules the configuration, suppressions and CLI know: the engine's list plus the built-in checks. */
import { builtInCheckIds } from '../checks';
import { rules } from '../rules/index';
import type { RuleCatalog } from './load';

export const ruleCatalog: RuleCatalog = { rules: rules.map((rule) => rule.meta), builtIns: [...builtInCheckIds, 'config', 'suppression'] };
