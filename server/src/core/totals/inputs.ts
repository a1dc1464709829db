/** What the totals read from a rate card and its framework, exactly and tolerantly. */
import type { FrameworkModel, ProjectionModel, RateCardModel } from '../model';
import type { BlockedLine } from './types';
import type { Split } from './amounts';
import * as Q from './rational';

/** Price lines that cannot be counted, with why; also notes a missing framework. */
export function blockedLines(card: RateCardModel, framework: FrameworkModel | undefined, blockedBy: BlockedLine[]): Map<number, string> {
  const problems = new Map<number, string>();
  if (!framework) {
    blockedBy.push({
      file: card.file,
      span: card.parsed.spanOf(['framework']),
      message: 'The framework could not be read, so its cohorts, sizes, payers and baselines are unknown: the totals cover only the cohorts this rate card names.',
    });
  }
  for (const line of card.prices) {
    let message: string | undefined;
    if (line.outcome === undefined) message = 'This price line names no outcome, so it is left out of every figure.';
    else if (line.bands && line.price === undefined) message = `A band's price for ${line.outcome} cannot be read exactly, so the figures for the cohorts it prices cannot be computed. Give every band a price as plain digits, such as 500.`;
    else if (line.price === undefined) message = priceProblem(line.outcome, line.value.price, card);
    else if (line.periods && line.periods.max === undefined) message = `${line.outcome} is paid per ${line.periods.per} but maxPeriods is not a whole number of 1 or more, so the maxima for the cohorts it prices cannot be computed. Add maxPeriods: the most ${line.periods.per}s paid for one participant.`;
    else if (!line.periods && line.maxClaims === undefined) message = `maxClaims for ${line.outcome} is not a whole number of 1 or more, nor unlimited, so the maxima for the cohorts it prices cannot be computed.`;
    if (message === undefined) continue;
    problems.set(line.index, message);
    const path = line.outcome === undefined ? line.path : line.bands && line.price === undefined ? [...line.path, 'bands'] : line.price === undefined ? [...line.path, 'price'] : line.periods ? [...line.path, card.parsed.locate([...line.path, 'maxPeriods']) ? 'maxPeriods' : 'per'] : [...line.path, 'maxClaims'];
    blockedBy.push({ file: card.file, span: card.parsed.spanOf(path), message });
  }
  return problems;
}

/** The framework's cohorts; without a framework, the cohorts the rate card names. */
export function cohortIdsOf(card: RateCardModel, framework: FrameworkModel | undefined): string[] {
  if (framework) return [...framework.cohortById.keys()];
  const ids = new Set<string>();
  for (const p of card.projection) if (p.cohort) ids.add(p.cohort);
  for (const line of card.prices) for (const c of line.cohorts ?? []) ids.add(c);
  return [...ids];
}

/** The projection's participants, else the cohort's size; undefined when neither is given. */
export function participantsOf(cohort: string, card: RateCardModel, framework: FrameworkModel | undefined): number | undefined {
  const projected = card.projection.find((p) => p.cohort === cohort && p.participants !== undefined);
  if (projected) return projected.participants;
  const size = framework?.cohortById.get(cohort)?.value.size;
  return typeof size === 'number' && Number.isInteger(size) && size >= 0 ? size : undefined;
}

/** The projection that gives achievement for a cohort; none means "not projected". */
export function projectionFor(cohort: string, card: RateCardModel): ProjectionModel | undefined {
  return card.projection.find((p) => p.cohort === cohort && p.value.achievement !== null && typeof p.value.achievement === 'object' && !Array.isArray(p.value.achievement));
}

/** In a payer split, the payer of each participant's cohort (the framework cohort's `payer`). */
export const COHORT_PAYER = 'cohort';

/**
 * Who `cohort` is in a split, for each cohort: the cohort's `payer`, else the framework's only
 * payer; undefined when neither says.
 */
export function cohortPayerOf(framework: FrameworkModel | undefined): (cohort: string) => string | undefined {
  const onlyPayer = framework && framework.payerById.size === 1 ? [...framework.payerById.keys()][0] : undefined;
  return (cohort) => {
    const payer = framework?.cohortById.get(cohort)?.value.payer;
    return typeof payer === 'string' && framework!.payerById.has(payer) ? payer : onlyPayer;
  };
}

/**
 * Who pays each line, as fractions adding up to 1: the line's own split, else the rate card's,
 * else each cohort's own payer (when the framework gives cohorts a `payer`), else the framework's
 * only payer. A split may name `cohort` (COHORT_PAYER), resolved per cohort by cohortPayerOf.
 * Undefined (and a blockedBy entry) when nobody can say.
 */
export function payerSplits(card: RateCardModel, framework: FrameworkModel | undefined, blockedBy: BlockedLine[]): Map<number, Split | undefined> {
  const byLine = splitsByLine(card, framework, blockedBy);
  const out = new Map<number, Split | undefined>();
  for (const line of card.prices) out.set(line.index, byLine[line.index]);
  return out;
}

/** payerSplits by each line's index, in an array (the breakdowns read one per part). */
export function splitsByLine(card: RateCardModel, framework: FrameworkModel | undefined, blockedBy: BlockedLine[]): (Split | undefined)[] {
  let lastIndex = -1;
  for (const line of card.prices) if (line.index > lastIndex) lastIndex = line.index;
  const out: (Split | undefined)[] = new Array(lastIndex + 1).fill(undefined);
  const cardSplit = card.payers && Object.keys(card.payers).length > 0 ? readSplit(card, ['payers'], card.payers, blockedBy) : undefined;
  const onlyPayer = framework && framework.payerById.size === 1 ? [...framework.payerById.keys()][0] : undefined;
  const byCohort = framework?.cohorts.some((c) => typeof c.value.payer === 'string') ?? false;
  // One split for every line that takes it: the breakdowns add up the parts of one split together.
  const cohortsOwn = byCohort ? new Map([[COHORT_PAYER, Q.ONE]]) : undefined;
  const onlyOne = onlyPayer ? new Map([[onlyPayer, Q.ONE]]) : undefined;
  let told = false;
  for (const line of card.prices) {
    if (line.payers && Object.keys(line.payers).length > 0) out[line.index] = readSplit(card, [...line.path, 'payers'], line.payers, blockedBy);
    else if (cardSplit) out[line.index] = cardSplit;
    else if (cohortsOwn) out[line.index] = cohortsOwn;
    else if (onlyOne) out[line.index] = onlyOne;
    else {
      out[line.index] = undefined;
      if (!told && framework) {
        told = true;
        blockedBy.push({
          file: card.file,
          span: card.parsed.spanOf(line.path),
          message: `Who pays for ${line.outcome ?? 'this line'} is not said: the framework has ${framework.payerById.size} payers and neither the line nor the rate card gives a payer split, so the figures by payer are incomplete. Add payers: { … } in percent.`,
        });
      }
    }
  }
  return out;
}

function readSplit(card: RateCardModel, path: (string | number)[], split: Record<string, number>, blockedBy: BlockedLine[]): Map<string, Q.Rational> | undefined {
  const percents = Object.entries(split).map(([id, value]) => [id, Q.readShare(() => card.parsed.sourceOf([...path, id]), value)] as const);
  const sum = percents.reduce((s, [, p]) => Q.add(s, p), Q.ZERO);
  if (Q.compare(sum, Q.ZERO) <= 0) {
    blockedBy.push({ file: card.file, span: card.parsed.spanOf(path), message: 'This payer split gives nobody a share, so the figures by payer leave its lines out.' });
    return undefined;
  }
  // A split that does not add up to 100 is an error of its own (payer-split); share in proportion meanwhile.
  return new Map(percents.map(([id, p]) => [id, Q.div(p, sum)]));
}

/** Why a price cannot be counted, in the analyst's words. */
function priceProblem(outcome: string, price: unknown, card: RateCardModel): string {
  const stops = 'so the figures for the cohorts it prices cannot be computed';
  if (price === undefined || price === null) return `The price line for ${outcome} has no price, ${stops}. Add price: with the amount in ${card.currency ?? 'the currency'}.`;
  if (typeof price !== 'number') return `The price for ${outcome} is not a number, ${stops}. Write the amount as digits, such as 1500.`;
  return `The price for ${outcome} cannot be read exactly (${card.currency ?? 'the currency'} has ${card.digits} decimal place${card.digits === 1 ? '' : 's'}), ${stops}. Write it as plain digits, such as 1500.`;
}
