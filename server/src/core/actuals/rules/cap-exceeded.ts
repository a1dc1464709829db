/** `actuals-cap-exceeded`: payments claimed past a per-participant, per-payer or total cap. */
import { meta, relatedAt } from '../../rules/common';
import * as Q from '../../totals/rational';
import { claimsByPayer } from '../plan';
import { ownNumber } from '../../records';
import type { ActualsRuleContext } from './types';

export const ID = 'actuals-cap-exceeded';

export const RULE_META = meta(ID, 'error', 'Payments claimed to date past the rate card\'s caps: per participant, per payer or in total.');

export function check({ rows, contract, report, money }: ActualsRuleContext): void {
  const card = contract.rateCard;
  const caps = card.caps;
  let total = 0;
  const perPerson = new Map<string, number>();
  const perPayer = new Map<string, Q.Rational>();
  const told = new Set<string>();
  for (const r of rows) {
    if (r.claimed === 0) continue;
    total += r.claimed;
    if (caps.total !== undefined && total > caps.total && !told.has('total')) {
      told.add('total');
      report({ span: r.row.claimed!.span, message: `With this claim, ${money(total)} has been claimed to ${r.period.label}, past the rate card's total cap of ${money(caps.total)} by ${money(total - caps.total)}.`, related: [relatedAt(card, ['caps', 'total'], 'The total cap')] });
    }
    if (r.person && caps.perParticipant !== undefined) {
      const sum = (perPerson.get(r.person) ?? 0) + r.claimed;
      perPerson.set(r.person, sum);
      const key = `person\u0000${r.person}`;
      if (sum > caps.perParticipant && !told.has(key)) {
        told.add(key);
        report({ span: r.row.claimed!.span, message: `With this claim ${r.person} has been claimed for ${money(sum)}, past the cap per participant of ${money(caps.perParticipant)} by ${money(sum - caps.perParticipant)}.`, related: [relatedAt(card, ['caps', 'perParticipant'], 'The cap per participant')] });
      }
    }
    if (caps.perPayer) {
      for (const [payer, part] of claimsByPayer(contract, r)) {
        const sum = Q.add(perPayer.get(payer) ?? Q.ZERO, part);
        perPayer.set(payer, sum);
        const cap = ownNumber(caps.perPayer, payer);
        const key = `payer\u0000${payer}`;
        if (cap === undefined || told.has(key) || Q.compare(sum, Q.int(cap)) <= 0) continue;
        told.add(key);
        report({ span: r.row.claimed!.span, message: `With this claim, ${payer}'s share of the claims to ${r.period.label} comes to ${money(Q.roundHalfUp(sum))}, past its cap of ${money(cap)}: a payer's payments stop at its cap.`, related: [relatedAt(card, ['caps', 'perPayer', payer], `${payer}'s cap`)] });
      }
    }
  }
}
