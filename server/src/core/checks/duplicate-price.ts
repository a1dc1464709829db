/** `duplicate-price`: two lines price the same outcome for the same cohort. */
import type { RateCardCheckContext } from './context';
import { related, spanOf } from './context';

export const id = 'duplicate-price';

export function checkRateCard({ rateCard, report }: RateCardCheckContext): void {
  const seen = new Map<string, number>();
  for (const line of rateCard.prices) {
    if (line.outcome === undefined) continue;
    for (const cohort of line.cohorts ?? ['*']) {
      const key = `${line.outcome}\u0000${cohort}`;
      const earlier = seen.get(key);
      if (earlier === undefined) {
        seen.set(key, line.index);
        continue;
      }
      const forWhom = cohort === '*' ? 'for every cohort' : `for the cohort \`${cohort}\``;
      report({ ruleId: id, message: `\`${line.outcome}\` already has a price ${forWhom} (line ${earlier + 1} of \`prices\`). Keep one price, or limit each line to different \`cohorts\`.`, span: spanOf(rateCard, [...line.path, 'outcome']), related: [related(rateCard, [...rateCard.prices[earlier].path, 'outcome'], 'the other price line')] });
      break;
    }
  }
}
