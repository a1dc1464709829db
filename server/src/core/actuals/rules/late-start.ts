/** `actuals-late-start`: participants started after recruitment closed (or before the contract began). */
import { meta, relatedAt } from '../../rules/common';
import type { ActualsRuleContext } from './types';

export const ID = 'actuals-late-start';

export const RULE_META = meta(ID, 'error', "Participants started after recruitment closed (the contract's recruitmentEnd), or before the contract started.");

export function check({ rows, contract, report }: ActualsRuleContext): void {
  const { start, recruitmentEnd, framework } = contract;
  if (!framework) return;
  for (const r of rows) {
    if (r.outcome || r.started === 0) continue;
    const span = r.row.period!.span;
    if (recruitmentEnd && r.period.firstMonth > recruitmentEnd.month) {
      report({ span, message: `${r.started} participant${r.started === 1 ? '' : 's'} started in ${r.cohort} in ${r.period.label}, after recruitment closed on ${recruitmentEnd.date}: nobody may join the contract after it.`, related: [relatedAt(framework, ['contract', 'recruitmentEnd'], 'Recruitment closes')] });
    } else if (start && r.period.lastMonth < start.month) {
      report({ span, message: `${r.started} participant${r.started === 1 ? '' : 's'} started in ${r.cohort} in ${r.period.label}, before the contract starts on ${start.date}.`, related: [relatedAt(framework, ['contract', 'start'], 'The contract starts')] });
    }
  }
}
