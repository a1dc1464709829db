/**
 * When a cohort's results fall, by year: the seam between the value figures and the payments'
 * timing. Today that is the projection's `profile` (the shares of expected payments by year, as
 * the totals spread them); the derived timing of the investor's cash flow (issue 23) is to be
 * added here, so the savings by year keep following the payments.
 */
import type { ProjectionModel, RateCardModel } from '../model';
import * as Q from '../totals/rational';

/** The share of a cohort's results in each year (`2019` → 3/10), or undefined when the projection gives no timing. */
export function yearSharesOf(card: RateCardModel, projection: ProjectionModel): Map<string, Q.Rational> | undefined {
  if (!projection.profile) return undefined;
  const shares = new Map<string, Q.Rational>();
  for (const [year, share] of Object.entries(projection.profile)) {
    if (!/^[0-9]{4}$/.test(year)) continue;
    shares.set(year, Q.readShare(() => card.parsed.sourceOf([...projection.path, 'profile', year]), share));
  }
  return shares.size > 0 ? shares : undefined;
}
