/** `payer-split`: each payer split adds up to 100 percent, to the hundredth. */
import type { RateCardCheckContext } from './context';
import { spanOf } from './context';
import { valueAt } from '../schema';
import * as Q from '../totals/rational';

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
    // Summed exactly as typed, so that 33.33 + 33.33 + 33.34 and 33.333 + 33.333 + 33.334 are both 100.
    const total = Object.entries(split).reduce((sum, [payer, share]) => Q.add(sum, Q.readShare(() => rateCard.parsed.sourceOf([...path, payer]), share)), Q.ZERO);
    const hundred = Q.int(100);
    const order = Q.compare(total, hundred);
    if (order !== 0) {
      const shown = Object.entries(split).map(([payer, share]) => `${payer} ${share}`).join(' + ');
      // Shares written as fractions of 1 ({ mhclg: 0.75, gmca: 0.25 }): the split is in percent.
      const asShares = Q.compare(total, Q.ONE) === 0 && Object.values(split).every((share) => share <= 1);
      const hint = asShares ? ` The split is in percent, not shares of 1: write ${Object.entries(split).map(([payer, share]) => `${payer}: ${Math.round(share * 10000) / 100}`).join(', ')} (75 for 75%).` : ` ${order < 0 ? `${decimalText(Q.sub(hundred, total))}% of each payment would have no payer.` : `Payers would pay ${decimalText(Q.sub(total, hundred))}% more than the outcome is worth.`}`;
      report({ ruleId: id, message: `${what} adds up to ${decimalText(total)}%, not 100% (${shown}).${hint}`, span: spanOf(rateCard, path, true) });
    }
  };
  check(rateCard.payers, ['payers'], 'The default payer split');
  for (const line of rateCard.prices) check(line.payers, [...line.path, 'payers'], `The payer split for \`${line.outcome ?? 'this line'}\``);
}

/** A sum of typed decimals as decimal text: `99.999`, `100.01` (its denominator divides a power of ten). */
function decimalText(value: Q.Rational): string {
  const { n, d } = Q.normalise(value);
  let [num, den] = [BigInt(n), BigInt(d)];
  let places = 0;
  while (10n ** BigInt(places) % den !== 0n && places < 400) places++;
  num = (num * 10n ** BigInt(places)) / den;
  const negative = num < 0n;
  const digits = (negative ? -num : num).toString().padStart(places + 1, '0');
  const whole = digits.slice(0, digits.length - places);
  const fraction = digits.slice(digits.length - places).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}
