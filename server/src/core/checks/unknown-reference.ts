/**
 * `unknown-reference`: ids that name nothing, and ids that repeat. Reported on the id that is
 * wrong, with a did-you-mean from the ids the framework does define.
 */
import type { FrameworkModel } from '../model';
import { didYouMean } from '../schema';
import type { FrameworkCheckContext, RateCardCheckContext } from './context';
import { related, spanOf } from './context';

export const id = 'unknown-reference';

/** Names that are not ids at all are schema errors (propertyNames); reporting them again here would double up. */
const isId = (name: string) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(name);

export function checkFramework({ framework, report }: FrameworkCheckContext): void {
  for (const [list, entries] of [['payers', framework.payers], ['cohorts', framework.cohorts], ['outcomes', framework.outcomes]] as const) {
    const first = new Map<string, number>();
    for (const entry of entries) {
      if (!entry.id) continue;
      const earlier = first.get(entry.id);
      if (earlier === undefined) first.set(entry.id, entry.index);
      else report({ ruleId: id, message: `The id \`${entry.id}\` is used twice in \`${list}\`; ids must be unique so that rate cards can name one thing.`, span: spanOf(framework, [...entry.path, 'id']), related: [related(framework, [list, earlier, 'id'], 'first used here')] });
    }
  }
  // The known ids, listed only for a message that suggests one (these checks run on every edit).
  const ids = idLists(framework);
  for (const cohort of framework.cohorts) {
    const payer = cohort.value.payer;
    if (typeof payer === 'string' && isId(payer) && !framework.payerById.has(payer)) report({ ruleId: id, message: `The cohort \`${cohort.id}\` is paid for by \`${payer}\`, which is not a payer of this framework.${didYouMean(payer, ids.payers()) || ` Its payers are ${ids.payers().map((p) => `\`${p}\``).join(', ')}.`}`, span: spanOf(framework, [...cohort.path, 'payer']) });
  }
  for (const outcome of framework.outcomes) {
    for (const field of ['requires', 'requiresAnyOf', 'excludes'] as const) {
      const list = outcome.value[field];
      if (!Array.isArray(list)) continue;
      for (let i = 0; i < list.length; i++) {
        const ref: unknown = list[i];
        if (typeof ref !== 'string') continue;
        if (ref === outcome.id) report({ ruleId: id, message: `Outcome \`${outcome.id}\` ${field === 'excludes' ? 'excludes' : 'requires'} itself.`, span: spanOf(framework, [...outcome.path, field, i]) });
        else if (!framework.outcomeById.has(ref)) report({ ruleId: id, message: `\`${field}\` names the outcome \`${ref}\`, which this framework does not define.${didYouMean(ref, ids.outcomes())}`, span: spanOf(framework, [...outcome.path, field, i]) });
      }
    }
    for (const cohort of Object.keys(outcome.baseline)) {
      if (!framework.cohortById.has(cohort) && isId(cohort)) report({ ruleId: id, message: `The baseline is given for the cohort \`${cohort}\`, which this framework does not define.${didYouMean(cohort, ids.cohorts())}`, span: spanOf(framework, [...outcome.path, 'baseline', cohort], true) });
    }
  }
}

export function checkRateCard({ rateCard, framework, report }: RateCardCheckContext): void {
  if (!framework) return;
  const ids = idLists(framework);
  const definedIn = (what: string) => `which the framework \`${framework.id ?? 'linked'}\` does not define`;
  const checkPayers = (split: Record<string, number> | undefined, path: (string | number)[]) => {
    for (const payer of Object.keys(split ?? {})) {
      // `cohort`: each cohort's own payer (payer-split checks that the cohorts have one).
      if (payer === 'cohort' && !framework.payerById.has(payer)) continue;
      if (isId(payer) && !framework.payerById.has(payer)) report({ ruleId: id, message: `\`${payer}\` is not a payer of the framework \`${framework.id ?? ''}\`.${didYouMean(payer, ids.payers()) || ` Its payers are ${ids.payers().map((p) => `\`${p}\``).join(', ')}.`}`, span: spanOf(rateCard, [...path, payer], true) });
    }
  };
  checkPayers(rateCard.payers, ['payers']);
  for (const payer of Object.keys(rateCard.caps.perPayer ?? {})) {
    if (isId(payer) && !framework.payerById.has(payer)) report({ ruleId: id, message: `\`caps.perPayer\` caps \`${payer}\`, which is not a payer of the framework \`${framework.id ?? ''}\`.${didYouMean(payer, ids.payers()) || ` Its payers are ${ids.payers().map((p) => `\`${p}\``).join(', ')}.`}`, span: spanOf(rateCard, ['caps', 'perPayer', payer], true) });
  }
  for (const line of rateCard.prices) {
    if (line.outcome !== undefined) {
      const outcome = framework.outcomeById.get(line.outcome);
      if (!outcome) report({ ruleId: id, message: `This price line pays for \`${line.outcome}\`, ${definedIn('outcome')}.${didYouMean(line.outcome, ids.outcomes())}`, span: spanOf(rateCard, [...line.path, 'outcome']), related: [related(framework, ['outcomes'], 'the framework\'s outcomes', true)] });
      else if (outcome.value.role === 'indicator') report({ ruleId: id, message: `\`${line.outcome}\` is an indicator in the framework (measured, never paid), so it cannot have a price. Make it \`role: payment\` in the framework, or remove this line.`, span: spanOf(rateCard, [...line.path, 'outcome']), related: [related(framework, [...outcome.path, 'role'], 'declared as an indicator here')] });
    }
    // Nothing built for a line without cohorts or payers of its own (most lines).
    if (line.cohorts) {
      line.cohorts.forEach((cohort, i) => {
        if (!framework.cohortById.has(cohort)) report({ ruleId: id, message: `\`${cohort}\` is not a cohort of the framework.${didYouMean(cohort, ids.cohorts())}`, span: spanOf(rateCard, [...line.path, 'cohorts', i]) });
      });
    }
    if (line.payers) checkPayers(line.payers, [...line.path, 'payers']);
  }
  for (const projection of rateCard.projection) {
    if (projection.cohort !== undefined && !framework.cohortById.has(projection.cohort)) report({ ruleId: id, message: `The projection is for \`${projection.cohort}\`, which is not a cohort of the framework.${didYouMean(projection.cohort, ids.cohorts())}`, span: spanOf(rateCard, [...projection.path, 'cohort']) });
    for (const field of ['achievement', 'claimsPerAchiever', 'periodsPerAchiever', 'bandShares'] as const) {
      for (const outcome of Object.keys(projection[field])) {
        if (!framework.outcomeById.has(outcome) && isId(outcome)) report({ ruleId: id, message: `\`${field}\` names the outcome \`${outcome}\`, ${definedIn('outcome')}.${didYouMean(outcome, ids.outcomes())}`, span: spanOf(rateCard, [...projection.path, field, outcome], true) });
      }
    }
  }
}

/** The framework's outcome, cohort and payer ids, each listed the first time a message needs it. */
function idLists(framework: FrameworkModel): { outcomes: () => string[]; cohorts: () => string[]; payers: () => string[] } {
  let outcomes: string[] | undefined;
  let cohorts: string[] | undefined;
  let payers: string[] | undefined;
  return {
    outcomes: () => (outcomes ??= [...framework.outcomeById.keys()]),
    cohorts: () => (cohorts ??= [...framework.cohortById.keys()]),
    payers: () => (payers ??= [...framework.payerById.keys()]),
  };
}
