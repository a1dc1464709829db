/** `actuals-unpriced-outcome`: a claim for an outcome the rate card does not price for that cohort. */
import { meta, relatedAt } from '../../rules/common';
import type { ActualsRuleContext } from './types';

export const ID = 'actuals-unpriced-outcome';

export const RULE_META = meta(ID, 'error', 'A claim for an outcome, or results for a cohort, the contract does not have: an unknown id, or an outcome the rate card does not price for that cohort.');

export function check({ contract, rows, report, money }: ActualsRuleContext): void {
  const { framework, rateCard } = contract;
  for (const r of rows) {
    if (framework && !framework.cohortById.has(r.cohort)) {
      report({ span: r.row.cohort!.span, message: `${r.cohort} is not a cohort of the framework: no participant can start, and nothing can be claimed, in it. Use one of ${[...framework.cohortById.keys()].join(', ')}.`, related: [relatedAt(framework, ['cohorts'], 'The framework\'s cohorts')] });
      continue;
    }
    if (!r.outcome) continue;
    if (framework && !framework.outcomeById.has(r.outcome)) {
      report({ span: r.row.outcome!.span, message: `${r.outcome} is not an outcome of the framework, so nothing can be evidenced or claimed for it.`, related: [relatedAt(framework, ['outcomes'], 'The framework\'s outcomes')] });
      continue;
    }
    if (!r.line && r.claimed > 0) {
      report({ span: r.row.claimed!.span, message: `${money(r.claimed)} is claimed for ${r.outcome} in ${r.cohort}, but the rate card prices ${r.outcome} for no line that covers ${r.cohort}: nothing may be claimed for it.`, related: [relatedAt(rateCard, ['prices'], 'The rate card\'s price lines')] });
    }
  }
}
