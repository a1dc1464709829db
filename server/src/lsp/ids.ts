/**
 * Every place an outcome, cohort or payer id is written, in a framework and its rate cards:
 * the basis of go to definition, find references and rename.
 */
import type { Path } from '../core/document';
import type { FrameworkModel, RateCardModel } from '../core/model';
import type { Span } from '../core/ranges';
import { contains, innerSpan } from './convert';

export type IdKind = 'outcome' | 'cohort' | 'payer';

export interface IdOccurrence {
  kind: IdKind;
  id: string;
  file: string;
  /** The id's own characters, quotes excluded. */
  span: Span;
  definition: boolean;
  /** The entry holding it (the price line, the outcome). */
  path: Path;
}

type Model = FrameworkModel | RateCardModel;

function push(out: IdOccurrence[], model: Model, kind: IdKind, path: Path, onKey: boolean, definition = false, owner: Path = path): void {
  const location = model.parsed.locate(path);
  if (!location) return;
  const span = onKey ? location.key : location.value;
  if (!span) return;
  const text = model.parsed.text;
  const inner = innerSpan(text, span);
  const id = text.slice(inner.start, inner.end);
  if (!id) return;
  out.push({ kind, id, file: model.file, span: inner, definition, path: owner });
}

function keysOf(value: unknown): string[] {
  return value && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function occurrences(model: Model): IdOccurrence[] {
  const out: IdOccurrence[] = [];
  if (model.kind === 'OutcomeFramework') {
    for (const payer of model.payers) if (typeof payer.value.id === 'string') push(out, model, 'payer', [...payer.path, 'id'], false, true, payer.path);
    for (const cohort of model.cohorts) if (typeof cohort.value.id === 'string') push(out, model, 'cohort', [...cohort.path, 'id'], false, true, cohort.path);
    for (const outcome of model.outcomes) {
      if (typeof outcome.value.id === 'string') push(out, model, 'outcome', [...outcome.path, 'id'], false, true, outcome.path);
      for (const field of ['requires', 'requiresAnyOf', 'excludes'] as const) listOf(outcome.value[field]).forEach((v, i) => typeof v === 'string' && push(out, model, 'outcome', [...outcome.path, field, i], false, false, outcome.path));
      for (const cohort of keysOf(outcome.value.baseline)) push(out, model, 'cohort', [...outcome.path, 'baseline', cohort], true, false, outcome.path);
    }
    return out;
  }
  for (const payer of keysOf(model.data.payers)) push(out, model, 'payer', ['payers', payer], true);
  for (const line of model.prices) {
    if (typeof line.value.outcome === 'string') push(out, model, 'outcome', [...line.path, 'outcome'], false, false, line.path);
    listOf(line.value.cohorts).forEach((v, i) => typeof v === 'string' && push(out, model, 'cohort', [...line.path, 'cohorts', i], false, false, line.path));
    for (const payer of keysOf(line.value.payers)) push(out, model, 'payer', [...line.path, 'payers', payer], true, false, line.path);
  }
  for (const projection of model.projection) {
    if (typeof projection.value.cohort === 'string') push(out, model, 'cohort', [...projection.path, 'cohort'], false, false, projection.path);
    for (const field of ['achievement', 'claimsPerAchiever'] as const) for (const outcome of keysOf(projection.value[field])) push(out, model, 'outcome', [...projection.path, field, outcome], true, false, projection.path);
  }
  return out;
}

export function occurrenceAt(model: Model, offset: number): IdOccurrence | undefined {
  return occurrences(model).find((o) => contains(o.span, offset));
}

/** All occurrences of one id across a framework and its rate cards. */
export function occurrencesOf(kind: IdKind, id: string, models: Model[]): IdOccurrence[] {
  return models.flatMap((model) => occurrences(model).filter((o) => o.kind === kind && o.id === id));
}
