/** `actuals-optimism`: the plan still counts on achievement for the periods to come well above what has been achieved so far. */
import { meta, relatedAt } from '../../rules/common';
import { ownNumber } from '../../records';
import type { ActualsRuleContext } from './types';

export const ID = 'actuals-optimism';

export const RULE_META = meta(ID, 'warning', 'The plan still counts, for the periods to come, on outcomes at a rate well above what the contract has achieved so far.', {
  thresholds: {
    maxRatio: { default: 1.25, description: 'How many times the rate achieved so far the plan may assume for the rest, such as 1.25 (25% better).', schema: { type: 'number', minimum: 1 } },
    minPeriods: { default: 4, description: 'How many periods must have been reported before the rule judges: too early, a slow start is normal.', schema: { type: 'integer', minimum: 1 } },
  },
});

export function check({ rows, contract, plan, thresholds, report }: ActualsRuleContext): void {
  const periods = new Set(rows.map((r) => r.period.label));
  if (periods.size < thresholds.minPeriods) return;
  const figures = plan();
  if (!figures.asAt) return;
  for (const [id, line] of Object.entries(figures.outcomes)) {
    if (line.plan === null || line.plan < 1 || line.whole === null || line.whole === undefined) continue;
    const rest = line.whole - line.plan;
    if (rest <= 0) continue;
    // Judged on the exact share (the figures in the message are rounded).
    const ratio = line.share === null ? Infinity : line.share === 0 ? Infinity : 1 / line.share;
    if (ratio <= thresholds.maxRatio) continue;
    // Said where the outcome was last reported; an outcome never reported, on the last row.
    const last = [...rows].reverse().find((r) => r.outcome === id) ?? rows[rows.length - 1];
    if (!last) continue;
    const soFar = line.share ?? 0;
    const atRate = Math.round(rest * soFar);
    const projection = contract.rateCard.projection.find((p) => ownNumber(p.achievement, id) !== undefined);
    report({
      span: last.outcome === id ? last.row.outcome!.span : last.row.span,
      message:
        `The plan counts on ${line.whole} ${id} outcomes in all. By ${figures.asAt.label} it planned ${line.plan} and ${line.actual} ${line.actual === 1 ? 'was' : 'were'} evidenced (${Math.round(soFar * 1000) / 10}% of plan), yet it still expects the other ${rest} ` +
        (ratio === Infinity
          ? 'although none has been achieved so far: revisit the projection\'s achievement for ' + id + '.'
          : `at the planned rate, ${Math.round(ratio * 100) / 100} times the rate achieved so far (the threshold is ${thresholds.maxRatio}). At the rate so far, about ${atRate} more would come: revisit the projection's achievement for ${id}.`),
      related: projection ? [relatedAt(contract.rateCard, [...projection.path, 'achievement', id], `The plan's achievement for ${id}`)] : [],
    });
  }
}
