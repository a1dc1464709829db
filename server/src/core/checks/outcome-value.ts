/**
 * Outcomes' `value`: every body a saving is split to is declared (in `bodies` or `payers`), an
 * amount reads exactly in the framework's currency, and a value is either per period or over
 * years, not both. Negative amounts and wrong types are the schema's to report.
 */
import { minorDigits, readAmount } from '../money';
import { didYouMean } from '../schema';
import { COHORT_BODY, outcomeValues } from '../value';
import { plural } from '../words';
import type { FrameworkCheckContext } from './context';
import { related, spanOf } from './context';

const isId = (name: string) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(name);

export function checkFramework({ framework, report }: FrameworkCheckContext): void {
  // A body listed twice: the second is the mistake.
  const firstBody = new Map<string, number>();
  for (const body of framework.bodies) {
    if (!body.id) continue;
    const earlier = firstBody.get(body.id);
    if (earlier === undefined) firstBody.set(body.id, body.index);
    else report({ ruleId: 'unknown-reference', message: `The id \`${body.id}\` is used twice in \`bodies\`; ids must be unique so that a saving names one body.`, span: spanOf(framework, [...body.path, 'id']), related: [related(framework, ['bodies', earlier, 'id'], 'first used here')] });
  }
  const values = outcomeValues(framework);
  if (values.size === 0) return;
  const known = [...new Set([...framework.bodyById.keys(), ...framework.payerById.keys()])];
  const digits = minorDigits(framework.currency);
  const cohortsWithoutPayer = framework.payers.length > 1 ? framework.cohorts.filter((c) => typeof c.value.payer !== 'string') : [];
  for (const value of values.values()) {
    for (const [body, figure] of value.fiscal) {
      if (body === COHORT_BODY && !framework.bodyById.has(body)) {
        if (cohortsWithoutPayer.length) report({ ruleId: 'unknown-reference', message: `\`cohort\` stands for the payer of each participant's cohort, but ${cohortsWithoutPayer.map((c) => `\`${c.id}\``).join(', ')} ${cohortsWithoutPayer.length === 1 ? 'has' : 'have'} no \`payer\`. Give ${cohortsWithoutPayer.length === 1 ? 'it' : 'each'} a payer, or name the body that saves.`, span: spanOf(framework, figure.path, true) });
        continue;
      }
      if (isId(body) && !framework.bodyById.has(body) && !framework.payerById.has(body)) {
        report({
          ruleId: 'unknown-reference',
          message: `The saving is split to \`${body}\`, which is not a body or payer of this framework.${didYouMean(body, known) || (known.length ? ` Its bodies and payers are ${known.map((b) => `\`${b}\``).join(', ')}.` : '')} Declare it under \`bodies\` (id and name) if it gains from the outcomes without paying.`,
          span: spanOf(framework, figure.path, true),
        });
      }
    }
    for (const { figure } of [...[...value.fiscal.values()].map((figure) => ({ figure })), ...(value.economic ? [{ figure: value.economic }] : []), ...(value.social ? [{ figure: value.social }] : [])]) {
      if (figure.amount !== undefined) continue;
      const source = framework.parsed.sourceOf(figure.amountPath);
      if (source === undefined) continue;
      const reading = readAmount(source, digits);
      if (reading.ok) continue;
      if (reading.reason === 'decimals') report({ ruleId: 'schema', message: `${framework.currency ?? 'This currency'} amounts have at most ${plural(digits, 'decimal place')}; ${source.trim()} has ${reading.decimals}. Round it to ${digits === 0 ? 'a whole number' : plural(digits, 'decimal place')}.`, span: spanOf(framework, figure.amountPath) });
      else if (/^\s*\+?[0-9.eE+]+\s*$/.test(source)) report({ ruleId: 'schema', message: `The amount ${source.trim()} cannot be read exactly; write it as plain digits, such as 4200.`, span: spanOf(framework, figure.amountPath) });
    }
    const raw = framework.parsed.sourceOf([...value.path, 'per']) !== undefined && framework.parsed.sourceOf([...value.path, 'years']) !== undefined;
    if (raw) report({ ruleId: 'schema', message: 'A value is either for one period held (`per`) or so much a year for a number of years (`years`), not both. Keep `per` for an outcome paid per period, else `years`.', span: spanOf(framework, [...value.path, 'years'], true) });
  }
}
