/** `payer-split`: each payer split adds up to 100 percent, to the hundredth. */
import type { RateCardCheckContext } from './context';
import { spanOf } from './context';
import { valueAt } from '../schema';

export const id = 'payer-split';

export function checkRateCard({ rateCard, framework, report }: RateCardCheckContext): void {
  const check = (split: Record<string, number> | undefined, path: (string | number)[], what: string) => {
    if (!split || Object.keys(split).length === 0) return;
    // `cohort` is each cohort's own payer: every cohort of the framework must name one (unless
    // the framework has a payer called `cohort`, or only one payer, who is then everyone's).
    if ('cohort' in split && framework && !framework.payerById.has('cohort') && framework.payerById.size > 1) {
      const without = framework.cohorts.filter((c) => c.id && typeof c.value.payer !== 'string').map((c) => `\`${c.id}\``);
      if (without.length) report({ ruleId: id, message: `${what} gives ${split.cohort}% to \`cohort\`, each cohort's own payer, but ${without.join(', ')} ${without.length === 1 ? 'has' : 'have'} no \`payer\` in the framework, so that share of ${without.length === 1 ? 'its' : 'their'} payments would have no payer. Add payer: to ${without.length === 1 ? 'the cohort' : 'each cohort'}.`, span: spanOf(rateCard, [...path, 'cohort'], true) });
    }
    // A share outside 0-100, a share that is not a number, or a payer named twice is already
    // reported on that share or key; a wrong sum would only repeat the same mistake.
    if (Object.values(split).some((share) => share < 0 || share > 100)) return;
    const raw = rateCard.parsed.locate(path);
    const written = valueAt(rateCard.data, path);
    if (written && typeof written === 'object' && Object.values(written).some((share) => typeof share !== 'number')) return;
    if (raw && rateCard.parsed.problems.some((problem) => problem.span.start >= raw.value.start && problem.span.start < raw.value.end)) return;
    // Sum in hundredths of a percent so that 33.33 + 33.33 + 33.34 is exactly 100.
    const total = Object.values(split).reduce((sum, share) => sum + Math.round(share * 100), 0);
    if (total !== 10000) {
      const shown = Object.entries(split).map(([payer, share]) => `${payer} ${share}`).join(' + ');
      // Shares written as fractions of 1 ({ mhclg: 0.75, gmca: 0.25 }): the split is in percent.
      const asShares = total === 100 && Object.values(split).every((share) => share <= 1);
      const hint = asShares ? ` The split is in percent, not shares of 1: write ${Object.entries(split).map(([payer, share]) => `${payer}: ${Math.round(share * 10000) / 100}`).join(', ')} (75 for 75%).` : ` ${total < 10000 ? `${(10000 - total) / 100}% of each payment would have no payer.` : `Payers would pay ${(total - 10000) / 100}% more than the outcome is worth.`}`;
      report({ ruleId: id, message: `${what} adds up to ${total / 100}%, not 100% (${shown}).${hint}`, span: spanOf(rateCard, path, true) });
    }
  };
  check(rateCard.payers, ['payers'], 'The default payer split');
  for (const line of rateCard.prices) check(line.payers, [...line.path, 'payers'], `The payer split for \`${line.outcome ?? 'this line'}\``);
}
