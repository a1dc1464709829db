/** `actuals-over-max-claims`: more claims for one person than maxClaims (or periods than maxPeriods). */
import { timesPaid } from '../../model';
import { meta, relatedAt } from '../../rules/common';
import type { ActualsRuleContext } from './types';

export const ID = 'actuals-over-max-claims';

export const RULE_META = meta(ID, 'error', 'More claims for one person than the line\'s maxClaims (or periods than maxPeriods); in totals, more outcomes evidenced to date than participants started times maxClaims.');

export function check({ rows, contract, report }: ActualsRuleContext): void {
  const perPerson = new Map<string, number>();
  const started = new Map<string, number>();
  const evidenced = new Map<string, number>();
  const told = new Set<string>();
  for (const r of rows) {
    if (!r.outcome) {
      started.set(r.cohort, (started.get(r.cohort) ?? 0) + r.started);
      continue;
    }
    const line = r.line;
    const most = line ? timesPaid(line) : undefined;
    if (!line || most === undefined || most === 'unlimited') continue;
    const unit = line.periods ? `${line.periods.per}s` : 'claims';
    const limit = line.periods ? `maxPeriods: ${most}` : `maxClaims: ${most}`;
    const related = () => [relatedAt(contract.rateCard, [...line.path, line.periods ? 'maxPeriods' : 'maxClaims'], `The most ${unit} for one participant`)];
    if (r.person) {
      const key = `${r.person}\u0000${r.outcome}`;
      const count = (perPerson.get(key) ?? 0) + r.evidenced;
      perPerson.set(key, count);
      if (count > most && !told.has(key)) {
        told.add(key);
        report({ span: r.row.person!.span, message: `${r.person} has now been claimed for ${r.outcome} ${line.periods ? `for ${count} ${unit}` : `${count} times`}, more than the card's ${limit}: ${line.periods ? `the ${unit}` : 'the claims'} past ${most} cannot be paid.`, related: related() });
      }
      continue;
    }
    const key = `${r.cohort}\u0000${r.outcome}`;
    const total = (evidenced.get(key) ?? 0) + r.evidenced;
    evidenced.set(key, total);
    const people = started.get(r.cohort) ?? 0;
    if (total > people * most && !told.has(key)) {
      told.add(key);
      report({ span: r.row.evidenced?.span ?? r.row.span, message: `By ${r.period.label}, ${total} ${r.outcome} ${line.periods ? `${line.periods.per}${total === 1 ? '' : 's'}` : `outcome${total === 1 ? '' : 's'}`} ${total === 1 ? 'is' : 'are'} evidenced in ${r.cohort}, more than the ${people} participant${people === 1 ? '' : 's'} started so far can earn at ${limit} (at most ${people * most}).`, related: related() });
    }
  }
}
