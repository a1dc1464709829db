/** `actuals-excluded-outcomes`: one person paid for two outcomes that exclude each other. */
import { meta, outcomeRelated } from '../../rules/common';
import type { ActualsRuleContext } from './types';

export const ID = 'actuals-excluded-outcomes';

export const RULE_META = meta(ID, 'error', 'One person paid for two outcomes the framework says exclude each other (one pathway per participant).');

export function check({ rows, contract, report }: ActualsRuleContext): void {
  const framework = contract.framework;
  if (!framework) return;
  const paid = new Map<string, Set<string>>();
  const told = new Set<string>();
  for (const r of rows) {
    if (!r.person || !r.outcome || r.claimed === 0) continue;
    const mine = paid.get(r.person) ?? new Set<string>();
    paid.set(r.person, mine);
    const outcome = framework.outcomeById.get(r.outcome);
    for (const other of mine) {
      const otherOutcome = framework.outcomeById.get(other);
      if (!(outcome?.excludes.includes(other) || otherOutcome?.excludes.includes(r.outcome))) continue;
      const key = `${r.person}\u0000${[other, r.outcome].sort().join('\u0000')}`;
      if (told.has(key)) continue;
      told.add(key);
      const rule = outcome?.excludes.includes(other) ? outcome : otherOutcome;
      report({ span: r.row.outcome!.span, message: `${r.person} is claimed for ${r.outcome} and was already paid for ${other}, and the framework says they exclude each other: one participant is paid for one of them only.`, related: outcomeRelated(framework, rule, 'Where the outcomes are said to exclude each other') });
    }
    mine.add(r.outcome);
  }
}
