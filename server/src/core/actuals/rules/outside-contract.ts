/** `actuals-outside-contract`: a claim dated before the contract starts or after its last payment date. */
import { meta, relatedAt } from '../../rules/common';
import { parseDate } from '../periods';
import type { ActualsRuleContext } from './types';

export const ID = 'actuals-outside-contract';

export const RULE_META = meta(ID, 'error', "An outcome evidenced or claimed before the contract's start or after its last payment date (finalPaymentDate, else end).");

export function check({ rows, contract, report }: ActualsRuleContext): void {
  const { start, lastPayment, framework } = contract;
  if (!framework || (!start && !lastPayment)) return;
  for (const r of rows) {
    if (!r.outcome || (r.claimed === 0 && r.evidenced === 0)) continue;
    // A person's claim is judged by its date; a row of totals by its period, only when the whole period is outside.
    const date = r.date ? parseDate(r.date) : undefined;
    const before = start && (r.date ? r.date < start.date : r.period.lastMonth < start.month);
    const after = lastPayment && (r.date ? r.date > lastPayment.date : r.period.firstMonth > lastPayment.month);
    const where = r.date && date ? r.row.date!.span : r.row.period!.span;
    if (before) report({ span: where, message: `${r.date ?? r.period.label} is before the contract starts (${start!.date}): no outcome can be evidenced or claimed for ${r.outcome} then.`, related: [relatedAt(framework, ['contract', 'start'], 'The contract starts')] });
    else if (after) report({ span: where, message: `${r.date ?? r.period.label} is after the last date an outcome may be paid (${lastPayment!.field} ${lastPayment!.date}): this claim for ${r.outcome} cannot be paid.`, related: [relatedAt(framework, ['contract', lastPayment!.field], 'The last payment date')] });
  }
}
