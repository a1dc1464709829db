/** `profile-sum`: a projection's payment profile shares add up to 1. */
import type { RateCardCheckContext } from './context';
import { spanOf } from './context';

export const id = 'profile-sum';

export function checkRateCard({ rateCard, report }: RateCardCheckContext): void {
  for (const projection of rateCard.projection) {
    if (!projection.profile || Object.keys(projection.profile).length === 0) continue;
    // Shares are read to the ten-thousandth, so 0.3333 + 0.3333 + 0.3334 is exactly 1.
    const total = Object.values(projection.profile).reduce((sum, share) => sum + Math.round(share * 10000), 0);
    if (total !== 10000) {
      report({ ruleId: id, message: `The payment profile for \`${projection.cohort ?? 'this cohort'}\` adds up to ${total / 10000}, not 1: ${total < 10000 ? `${(10000 - total) / 100}% of expected payments fall in no year` : `it spreads ${total / 100}% of expected payments`}. Adjust the yearly shares so they add up to 1.`, span: spanOf(rateCard, [...projection.path, 'profile'], true) });
    }
  }
}
