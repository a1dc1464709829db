/**
 * `contract-dates`: start ≤ recruitmentEnd ≤ end; recruitmentEnd ≤ serviceEnd; recruitmentEnd ≤
 * trackingEnd ≤ finalPaymentDate.
 */
import type { FrameworkCheckContext } from './context';
import { related, spanOf } from './context';

export const id = 'contract-dates';

// Date.parse rolls 2022-02-30 over to March, so a real date is one that survives the round trip.
const validDate = (value: unknown): value is string => {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
};

export function checkFramework({ framework, report }: FrameworkCheckContext): void {
  const contract = framework.data.contract;
  if (!contract || typeof contract !== 'object') return;
  const { start, recruitmentEnd, end, serviceEnd, trackingEnd, finalPaymentDate } = contract as Record<string, unknown>;
  for (const [field, value] of Object.entries({ start, recruitmentEnd, end, serviceEnd, trackingEnd, finalPaymentDate })) {
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !validDate(value)) report({ ruleId: id, message: `${value} is not a real date.`, span: spanOf(framework, ['contract', field]) });
  }
  const pairs: [string, unknown, string, unknown, string][] = [
    ['start', start, 'recruitmentEnd', recruitmentEnd, 'Recruitment would end before the contract starts'],
    ['recruitmentEnd', recruitmentEnd, 'end', end, 'Recruitment would go on after the last date an outcome may be paid'],
    ['start', start, 'end', end, 'The contract would end before it starts'],
    ['recruitmentEnd', recruitmentEnd, 'serviceEnd', serviceEnd, 'The service would stop while participants may still join'],
    ['recruitmentEnd', recruitmentEnd, 'trackingEnd', trackingEnd, 'Participants could join after the last date an outcome may be achieved'],
    ['trackingEnd', trackingEnd, 'finalPaymentDate', finalPaymentDate, 'Outcomes achieved at the end of tracking could never be paid'],
    ['start', start, 'serviceEnd', serviceEnd, 'The service would stop before the contract starts'],
  ];
  for (const [earlierField, earlier, laterField, later, consequence] of pairs) {
    if (!validDate(earlier) || !validDate(later) || earlier <= later) continue;
    if (earlierField === 'start' && laterField === 'end' && validDate(recruitmentEnd)) continue; // already reported through recruitmentEnd
    if (earlierField === 'start' && laterField === 'serviceEnd' && validDate(recruitmentEnd)) continue;
    report({ ruleId: id, message: `\`${laterField}\` (${later}) is before \`${earlierField}\` (${earlier}). ${consequence}; check the dates.`, span: spanOf(framework, ['contract', laterField]), related: [related(framework, ['contract', earlierField], `\`${earlierField}\` is ${earlier}`)] });
  }
}
