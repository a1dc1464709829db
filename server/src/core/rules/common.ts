/** Small helpers the rules share: related locations, names and figures in the analyst's words. */
import type { RelatedLocation } from '../findings';
import type { DocumentModel, OutcomeEntry, PriceLineModel, RateCardModel } from '../model';
import type { Path } from '../document';
import { formatMoney } from '../totals';
import * as Q from '../totals/rational';
import type { RuleMeta, ThresholdMeta } from './types';
import { LazyPlace } from './lazy-fix';
import { titled } from './names';

export function docsLink(id: string): string {
  return `docs/rules/${id}.md`;
}

export function meta(id: string, defaultSeverity: RuleMeta['defaultSeverity'], summary: string, options: { thresholds?: Record<string, ThresholdMeta>; fixable?: boolean; fixChangesTerm?: boolean } = {}): RuleMeta {
  return { id, defaultSeverity, summary, docs: docsLink(id), thresholds: options.thresholds ?? {}, fixable: options.fixable ?? false, ...(options.fixChangesTerm ? { fixChangesTerm: true } : {}) };
}

/** A share threshold between 0 and 1. */
export function shareThreshold(defaultValue: number, description: string): ThresholdMeta {
  return { default: defaultValue, description, schema: { type: 'number', minimum: 0, maximum: 1 } };
}

/** A related location in `model` at `path`, its span found when read (LazyPlace). */
export function relatedAt(model: DocumentModel, path: Path, message: string, preferKey = false): RelatedLocation {
  return new LazyPlace(model.file, message, () => model.parsed.spanOf(path, preferKey));
}

/** Points at the outcome's definition in the framework. */
export function outcomeRelated(framework: DocumentModel | undefined, outcome: OutcomeEntry | undefined, message: string): RelatedLocation[] {
  if (!framework || !outcome) return [];
  return [relatedAt(framework, [...outcome.path, 'id'], message)];
}

export function lineRelated(rateCard: RateCardModel, line: PriceLineModel, message: string): RelatedLocation {
  return relatedAt(rateCard, [...line.path, 'price'], message);
}

/** `"Moved into stable accommodation" (accommodation-entry)`, or the id alone. */
export function nameOf(outcome: OutcomeEntry | undefined, id?: string): string {
  const title = typeof outcome?.value.title === 'string' ? outcome.value.title : undefined;
  const key = outcome?.id || id || 'this outcome';
  // The runner writes titles in after the rules ran (names.ts), so a title's edit re-runs no rule.
  return title && outcome ? titled(outcome, title, key) : key;
}

export function money(minor: number | null, rateCard: RateCardModel): string {
  return formatMoney(minor, rateCard.currency ?? '', rateCard.digits);
}

/** `12.5%`; when `above` is given, enough decimals that a share over it never reads as equal to it. */
export function percent(share: number, above?: number): string {
  for (let decimals = 1; decimals <= 4; decimals++) {
    const scale = 10 ** decimals;
    const shown = Math.round(share * 100 * scale) / scale;
    if (above === undefined || shown > above * 100) return `${shown}%`;
    // Over the threshold by less than any decimal shows (exact money can be): said so.
    if (decimals === 4) return `just over ${shown}%`;
  }
  return `${share * 100}%`;
}

/** A figure for a threshold: minor units as the totals give them, rounded (a number) or exact (a fraction). */
export type Exact = number | Q.Rational;

function exact(value: Exact): Q.Rational {
  return typeof value === 'number' ? (Number.isInteger(value) ? Q.int(value) : Q.readShare(() => undefined, value)) : value;
}

/** A threshold as the analyst wrote it (0.3 is 3/10 exactly, never 0.29999…). */
export function thresholdOf(share: number): Q.Rational {
  return Q.readShare(() => undefined, share);
}

/**
 * Whether `part` is more than `share` of `whole`, exactly (0.3 of £1,000 is £300; a price a
 * penny's fraction over it is over it), as the totals count money: no float, no tolerance.
 */
export function moreThanShare(part: Exact, whole: Exact, share: number): boolean {
  const p = exact(part);
  const w = exact(whole);
  if (Q.compare(w, Q.ZERO) <= 0) return Q.compare(p, Q.ZERO) > 0 && share < 1;
  return Q.compare(p, Q.mul(thresholdOf(share), w)) > 0;
}

/** `part` ÷ `whole` as a number, for showing as a percent (never for deciding). */
export function shareOf(part: Exact, whole: Exact): number {
  return Q.toNumber(Q.div(exact(part), exact(whole)));
}

/** What a person holds once an outcome of the domain starts, in plain words: a home, a job, a course. */
const HELD: Record<string, string> = {
  accommodation: 'home',
  'care-placement': 'placement',
  employment: 'job',
  education: 'course',
  training: 'course',
  volunteering: 'volunteering',
  'physical-health': 'treatment',
  'mental-health': 'treatment',
  'substance-misuse': 'treatment',
  offending: 'change',
  relationships: 'relationship',
  family: 'arrangement',
};

export function heldIn(domain: string | undefined): string {
  return (domain && HELD[domain]) ?? 'result';
}

export function listOf(items: string[], joiner = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${joiner} ${items[items.length - 1]}`;
}
