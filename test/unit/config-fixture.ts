/** A rule catalog and an in-memory workspace for the configuration tests. */
import * as path from 'node:path';
import type { RuleCatalog } from '../../server/src/core/config';
import { Workspace } from '../../server/src/core/workspace';

/** Rules shaped like the real ones, so that these tests do not depend on the rule list. */
export const testCatalog: RuleCatalog = {
  rules: [
    { id: 'repeatable-entry-payment', defaultSeverity: 'warning', summary: 'Entry paid more than once.', docs: '', thresholds: {}, fixable: true },
    { id: 'front-loaded-chain', defaultSeverity: 'warning', summary: 'Entry price too high a share.', docs: '', fixable: false, thresholds: { maxEntryShare: { default: 0.5, description: 'The most of a chain’s total that its entry price may be.', schema: { type: 'number', minimum: 0, maximum: 1 } } } },
    { id: 'broad-cohort', defaultSeverity: 'warning', summary: 'Cohort too broad.', docs: '', fixable: true, thresholds: { minCriteria: { default: 1, description: 'The fewest eligibility criteria a cohort needs.', schema: { type: 'integer', minimum: 0 } } } },
  ],
  builtIns: ['yaml-syntax', 'schema', 'payer-split', 'config', 'suppression'],
};

export const root = path.resolve('/workspace');

/** A workspace whose disk is a record; paths outside the root may be given too (absolute). */
export function workspaceOf(files: Record<string, string>): Workspace {
  const byPath = new Map(Object.entries(files).map(([name, text]) => [path.isAbsolute(name) ? path.resolve(name) : path.join(root, name), text]));
  return new Workspace(root, { readFile: (file) => byPath.get(path.resolve(file)) });
}

