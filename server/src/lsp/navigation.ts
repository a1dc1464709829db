/** Go to definition, find references and rename for outcome, cohort and payer ids. */
import { ResponseError, type Location, type Position, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { FrameworkModel, RateCardModel } from '../core/model';
import { contains, pathToUri } from './convert';
import { occurrenceAt, occurrencesOf, type IdOccurrence } from './ids';
import type { Session } from './session';

const slug = /^[a-z0-9]+(-[a-z0-9]+)*$/;

interface Found {
  occurrence: IdOccurrence;
  models: (FrameworkModel | RateCardModel)[];
}

function find(session: Session, file: string, position: Position): Found | undefined {
  const analyzed = session.analyze(file);
  const model = analyzed?.model;
  if (!model) return undefined;
  const occurrence = occurrenceAt(model, analyzed.parsed.lines.offsetAt(position));
  if (!occurrence) return undefined;
  const family = session.family(file);
  const models = [...(family.framework ? [family.framework] : []), ...family.rateCards];
  if (!models.some((m) => m.file === model.file)) models.push(model);
  return { occurrence, models };
}

function location(session: Session, occurrence: IdOccurrence): Location | undefined {
  const parsed = session.analyze(occurrence.file)?.parsed;
  return parsed ? { uri: pathToUri(occurrence.file), range: parsed.lines.rangeOf(occurrence.span) } : undefined;
}

export function definition(session: Session, file: string, position: Position): Location[] {
  const linked = frameworkLinkAt(session, file, position);
  if (linked) return [linked];
  const found = find(session, file, position);
  if (!found) return [];
  const { kind, id } = found.occurrence;
  return occurrencesOf(kind, id, found.models)
    .filter((o) => o.definition)
    .map((o) => location(session, o))
    .filter((l): l is Location => !!l);
}

/** On a rate card's `framework:` path: the framework file itself. */
function frameworkLinkAt(session: Session, file: string, position: Position): Location | undefined {
  const model = session.analyze(file)?.model;
  if (model?.kind !== 'RateCard') return undefined;
  const span = model.parsed.locate(['framework'])?.value;
  if (!span || !contains(span, model.parsed.lines.offsetAt(position))) return undefined;
  const linked = session.frameworkOf(model);
  if (!linked) return undefined;
  const zero = { line: 0, character: 0 };
  return { uri: pathToUri(linked.file), range: { start: zero, end: zero } };
}

export function references(session: Session, file: string, position: Position, includeDeclaration: boolean): Location[] {
  const found = find(session, file, position);
  if (!found) return [];
  const { kind, id } = found.occurrence;
  return occurrencesOf(kind, id, found.models)
    .filter((o) => includeDeclaration || !o.definition)
    .map((o) => location(session, o))
    .filter((l): l is Location => !!l);
}

export function prepareRename(session: Session, file: string, position: Position): { range: Range; placeholder: string } | null {
  const found = find(session, file, position);
  if (!found) return null;
  const parsed = session.analyze(file)!.parsed;
  return { range: parsed.lines.rangeOf(found.occurrence.span), placeholder: found.occurrence.id };
}

/** One edit per place the id is written, in the framework and every rate card that prices it. */
export function rename(session: Session, file: string, position: Position, newName: string): WorkspaceEdit | null {
  const found = find(session, file, position);
  if (!found) return null;
  if (!slug.test(newName)) {
    throw new ResponseError(-32602, `"${newName}" cannot be an id: ids are lower-case letters, digits and single hyphens, such as accommodation-entry.`);
  }
  const { kind, id } = found.occurrence;
  const changes: Record<string, TextEdit[]> = {};
  for (const occurrence of occurrencesOf(kind, id, found.models)) {
    const parsed = session.analyze(occurrence.file)?.parsed;
    if (!parsed) continue;
    (changes[pathToUri(occurrence.file)] ??= []).push({ range: parsed.lines.rangeOf(occurrence.span), newText: newName });
  }
  return { changes };
}
