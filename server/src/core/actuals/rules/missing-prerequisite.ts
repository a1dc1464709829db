/** `actuals-missing-prerequisite`: a person paid for an outcome whose prerequisite was never claimed for them. */
import { meta, outcomeRelated } from '../../rules/common';
import type { ActualsRuleContext } from './types';

export const ID = 'actuals-missing-prerequisite';

export const RULE_META = meta(ID, 'error', 'A person paid for an outcome whose prerequisite (requires) was never claimed for them.');

export function check({ rows, contract, report }: ActualsRuleContext): void {
  const framework = contract.framework;
  if (!framework) return;
  const claimed = new Map<string, Set<string>>();
  for (const r of rows) if (r.person && r.outcome) (claimed.get(r.person) ?? claimed.set(r.person, new Set()).get(r.person)!).add(r.outcome);
  const told = new Set<string>();
  for (const r of rows) {
    if (!r.person || !r.outcome || r.claimed === 0) continue;
    const outcome = framework.outcomeById.get(r.outcome);
    const missing = (outcome?.requires ?? []).filter((id) => !claimed.get(r.person!)!.has(id));
    const key = `${r.person}\u0000${r.outcome}`;
    if (missing.length === 0 || told.has(key)) continue;
    told.add(key);
    report({ span: r.row.outcome!.span, message: `${r.person} is paid for ${r.outcome}, which requires ${missing.join(' and ')}, and ${missing.length === 1 ? 'that was' : 'those were'} never claimed for ${r.person} in this file.`, related: outcomeRelated(framework, outcome, `What ${r.outcome} requires`) });
  }
}
