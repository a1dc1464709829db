/**
 * Schema validation: the validators are generated from schemas/ at build time; this module
 * turns ajv's errors into one finding each, on the node a person would point at.
 */
import type { ErrorObject } from 'ajv';
import { distance } from 'fastest-levenshtein';
import frameworkSchema from '../../../schemas/outcome-framework.schema.json';
import rateCardSchema from '../../../schemas/rate-card.schema.json';
import { parsePointer, type ParsedYaml, type Path, type PathSegment } from './document';
import type { Finding } from './findings';
import * as validators from './generated/validators';
import type { Span } from './ranges';
import { plural } from './words';
import { retitledOutcome } from './yaml-edit';

export type DocumentKind = 'OutcomeFramework' | 'RateCard';

type JsonSchema = Record<string, unknown>;

const schemas: Record<DocumentKind, JsonSchema> = { OutcomeFramework: frameworkSchema as JsonSchema, RateCard: rateCardSchema as JsonSchema };
const validatorFor = { OutcomeFramework: validators.framework, RateCard: validators.rateCard };

export function schemaFor(kind: DocumentKind): JsonSchema {
  return schemas[kind];
}

export function validateDocument(kind: DocumentKind, parsed: ParsedYaml, file: string): Finding[] {
  if (stillValid(kind, parsed)) {
    parsed.validAs = kind;
    return [];
  }
  const validate = validatorFor[kind];
  if (validate(parsed.value)) {
    parsed.validAs = kind;
    return [];
  }
  return describeErrors(validate.errors ?? [], parsed, file);
}

/**
 * Whether `parsed` is a valid framework made from a valid one by typing in an outcome's title
 * (yaml-edit.ts): the schema asks of a title only that it be text (`$defs/text`, a string of at
 * least one character), and nothing else in it reads titles (test/unit/core-schema.test.ts holds
 * the schema to that), so the new value is valid exactly when the new title is such a string.
 * Typing in a title of the 1,000-outcome framework no longer validates the whole file again.
 */
function stillValid(kind: DocumentKind, parsed: ParsedYaml): boolean {
  const edit = parsed.editOf;
  if (kind !== 'OutcomeFramework' || !edit || edit.previous.validAs !== kind || retitledOutcome(parsed) === undefined) return false;
  const title = valueAt(parsed.value, edit.path);
  return typeof title === 'string' && title.length >= 1;
}

/** Maps ajv errors to findings: one finding per problem, at the most precise node. */
export function describeErrors(errors: ErrorObject[], parsed: ParsedYaml, file: string): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const branchErrors = new Map<string, ErrorObject[]>();
  // Errors from inside anyOf/oneOf branches wait until we know which branch nearly matched.
  for (const error of errors) {
    const combinator = /^(.*\/(?:anyOf|oneOf))\/\d+\//.exec(error.schemaPath);
    if (combinator) {
      const key = error.instancePath + ' ' + combinator[1];
      branchErrors.set(key, [...(branchErrors.get(key) ?? []), error]);
    }
  }
  const push = (span: Span, message: string, dedupeKey: string) => {
    if (seen.has(dedupeKey)) return;
    seen.add(dedupeKey);
    findings.push({ ruleId: 'schema', severity: 'error', message, file, span });
  };
  // A misspelt key (`pryce`) is one mistake, not two: the unknown key and the missing field it
  // was meant to be. Report it once, on the misspelt key, and drop the `required` error.
  const misspelt = misspeltRequired(errors);
  for (const error of errors) {
    if (/\/(?:anyOf|oneOf)\/\d+\//.test(error.schemaPath)) continue;
    if (error.keyword === 'required' && misspelt.has(`${error.instancePath}|${String(error.params.missingProperty)}`)) continue;
    if (error.keyword === 'if') continue; // the `then` branch's own error says what is missing
    const path = instancePath(parsed.value, error.instancePath);
    if (error.keyword === 'anyOf' || error.keyword === 'oneOf') {
      const branches = branchErrors.get(error.instancePath + ' ' + error.schemaPath.replace(/^#/, '#')) ?? [];
      const nearest = nearestBranch(branches);
      const schema = (error.parentSchema ?? {}) as JsonSchema;
      const what = fieldName(path);
      const value = valueAt(parsed.value, path);
      let message = `${what} ${describeExpected(schema) ?? 'does not match any allowed form'}; found ${show(value)}.`;
      if (nearest && nearest.keyword === 'const' && typeof value === 'string') message += didYouMean(value, [String(nearest.params.allowedValue)]);
      else if (nearest && nearest.keyword !== 'type' && !(nearest.keyword === 'const' && typeof value !== typeof nearest.params.allowedValue)) message = `${what} ${describeOne(nearest, value)}`;
      push(parsed.spanOf(path), message, `${error.instancePath}|anyOf`);
      continue;
    }
    const described = describe(error, path, parsed, misspelt);
    push(described.span, described.message, described.dedupeKey);
  }
  return findings;
}

/** `instancePath|field` of each missing required field that an unknown key beside it nearly spells. */
function misspeltRequired(errors: ErrorObject[]): Set<string> {
  const missing = new Map<string, string[]>();
  for (const error of errors) {
    if (error.keyword !== 'required') continue;
    missing.set(error.instancePath, [...(missing.get(error.instancePath) ?? []), String(error.params.missingProperty)]);
  }
  const out = new Set<string>();
  for (const error of errors) {
    if (error.keyword !== 'additionalProperties') continue;
    const candidates = missing.get(error.instancePath);
    if (!candidates) continue;
    const meant = closest(String(error.params.additionalProperty), candidates);
    if (meant) out.add(`${error.instancePath}|${meant}`);
  }
  return out;
}

function describe(error: ErrorObject, path: PathSegment[], parsed: ParsedYaml, misspelt: Set<string>): { span: Span; message: string; dedupeKey: string } {
  const value = valueAt(parsed.value, path);
  const what = fieldName(path);
  const key = `${error.instancePath}|${error.keyword}`;
  switch (error.keyword) {
    case 'required': {
      const missing = String(error.params.missingProperty);
      const inThen = /\/then\/required$/.test(error.schemaPath);
      const kindConst = missing === 'kind' ? ((error.parentSchema as JsonSchema | undefined)?.properties as Record<string, JsonSchema> | undefined)?.kind?.const : undefined;
      const message = inThen && missing === 'maxPeriods'
        ? `${describeParent(path, parsed)} is paid per period (\`per\`), so it needs \`maxPeriods\`: the most periods paid for one participant, such as 104 weeks.`
        : inThen && missing === 'discount'
        ? `${describeParent(path, parsed)} says its discount covers deadweight (\`discountCoversDeadweight: true\`), so it needs \`discount\`: the percent taken off every payment, such as 33.`
        : inThen && missing === 'per'
        ? `${describeParent(path, parsed)} has \`maxPeriods\`, so it needs \`per\`: the period each payment is for (\`week\`, \`month\` or \`quarter\`).`
        : inThen
        ? `${describeParent(path, parsed)} is a sustainment outcome, so it needs \`${missing}\`: how many weeks the achievement must be held.`
        : kindConst !== undefined
          ? `This file is missing \`kind: ${String(kindConst)}\`, which says what the file is. Add it as the first line.`
          : `${describeParent(path, parsed)} is missing \`${missing}\`${fieldHint(error.parentSchema as JsonSchema | undefined, missing)}.`;
      return { span: headSpan(parsed, path), message, dedupeKey: `${key}|${missing}` };
    }
    case 'additionalProperties': {
      const unknown = String(error.params.additionalProperty);
      const parentSchema = (error.parentSchema ?? {}) as JsonSchema;
      const known = Object.keys((parentSchema.properties as JsonSchema | undefined) ?? {});
      const meant = closest(unknown, known);
      const stillMissing = meant !== undefined && misspelt.has(`${error.instancePath}|${meant}`);
      const suggestion = meant !== undefined ? ` Did you mean \`${meant}\`?${stillMissing ? ` As written, \`${meant}\` is missing.` : ''}` : known.length ? ` Allowed here: ${known.map((k) => `\`${k}\``).join(', ')}.` : '';
      const comma = commaInFlowMapping(parsed, path, unknown);
      const message = comma ? `\`${unknown}\` is not a field ${where(path)}: the comma before it ends the text of \`${comma.key}\`. A comma inside \`{ ... }\` separates fields; to keep it in the text, put the text in quotes: \`${comma.key}: "${comma.text}"\`.` : `\`${unknown}\` is not a field ${where(path)}.${suggestion}`;
      return { span: parsed.spanOf([...path, unknown], true), message, dedupeKey: `${key}|${unknown}` };
    }
    case 'propertyNames':
      // ajv first reports the name's own error (with its pattern) and then this summary: same key, so one finding.
      return { span: parsed.spanOf([...path, String(error.params.propertyName)], true), message: `\`${String(error.params.propertyName)}\` is not a valid name ${where(path)}.`, dedupeKey: `${error.instancePath}|name|${String(error.params.propertyName)}` };
    case 'uniqueItems': {
      const index = Number(error.params.i);
      return { span: parsed.spanOf([...path, index]), message: `${what} lists ${show(valueAt(parsed.value, [...path, index]))} twice (items ${Number(error.params.j) + 1} and ${index + 1}). List it once.`, dedupeKey: key };
    }
    default: {
      if (error.propertyName !== undefined) {
        return { span: parsed.spanOf([...path, error.propertyName], true), message: `\`${error.propertyName}\` is not a valid name ${where(path)}: ${patternMeaning(String(error.params.pattern ?? ''))}.`, dedupeKey: `${error.instancePath}|name|${error.propertyName}` };
      }
      return { span: valueSpan(parsed, path), message: `${what} ${describeOne(error, value)}`, dedupeKey: key };
    }
  }
}

/**
 * `source: Contract, payslips or employer letter` inside `{ ... }`: the comma ends the text and the
 * rest reads as a field with no value. The field before it and the whole text, to suggest quotes.
 */
function commaInFlowMapping(parsed: ParsedYaml, path: Path, unknown: string): { key: string; text: string } | undefined {
  if (valueAt(parsed.value, [...path, unknown]) !== null) return undefined;
  const mapping = parsed.locate(path);
  const field = parsed.locate([...path, unknown]);
  if (!mapping || !field?.key || parsed.text[mapping.value.start] !== '{') return undefined;
  const before = parsed.text.slice(mapping.value.start + 1, field.key.start);
  const previous = /(?:^|,)\s*([A-Za-z][\w-]*)\s*:\s*([^,{}[\]"']*?)\s*,\s*$/.exec(before);
  if (!previous || previous[2] === '') return undefined;
  const rest = parsed.text.slice(field.key.start, field.key.end).trim();
  return { key: previous[1], text: `${previous[2]}, ${rest}`.replace(/"/g, '\\"') };
}

/** One sentence for a value-level error: type, enum, const, pattern, limits, lengths. */
function describeOne(error: ErrorObject, value: unknown): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type': {
      const expected = String(p.type);
      const schema = (error.parentSchema ?? {}) as JsonSchema;
      if (value === null || value === undefined) return `is empty; give ${article(expected)}${expected === 'number' && /amount|price/i.test(String(schema.description ?? '')) ? ', such as 1500' : ''}.`;
      const percent = typeof value === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(value) : null;
      if (percent && (expected === 'number' || expected === 'integer')) {
        const number = Number(percent[1]);
        return schema.maximum === 1 ? `must be a share between 0 and 1, without a % sign: write ${number / 100} for ${String(value).trim()}.` : `must be a plain number of percent, without a % sign: write ${number}.`;
      }
      if ((expected === 'number' || expected === 'integer') && typeof value === 'string') {
        const cleaned = value.replace(/[£$€,\s]/g, '');
        if (/^\d+(\.\d+)?$/.test(cleaned)) return `must be written as a plain number, such as ${cleaned}, without currency symbols or thousands separators; found ${show(value)}.`;
        return `must be ${expected === 'integer' ? 'a whole number' : 'a number'}${schema.description && /amount|price/i.test(String(schema.description)) ? ' (an amount such as 1500)' : ''}, not text; found ${show(value)}.`;
      }
      return `must be ${article(expected)}; found ${found(value)}.`;
    }
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map((v) => `\`${String(v)}\``);
      return `must be one of ${allowed.join(', ')}; found ${show(value)}.${typeof value === 'string' ? didYouMean(value, (p.allowedValues as unknown[]).map(String)) : ''}`;
    }
    case 'const':
      // A line paid per period (rate-card.schema.json: per/maxPeriods) counts periods, not claims.
      if (error.schemaPath.endsWith('/then/properties/price/const')) return `cannot be used on a line priced in \`bands\`: each band has its own price. Remove \`price\`.`;
      if (error.schemaPath.endsWith('/then/properties/weeksToAchieve/const')) return `cannot be used on a sustainment outcome: it counts its weeks with \`sustainWeeks\`. Remove \`weeksToAchieve\`.`;
      if (error.schemaPath.endsWith('/then/properties/maxClaims/const')) return `cannot be used on a line paid per period (\`per\`): it counts periods with \`maxPeriods\`. Remove \`maxClaims\`.`;
      return `must be \`${String(p.allowedValue)}\`; found ${show(value)}.${typeof value === 'string' ? didYouMean(value, [String(p.allowedValue)]) : ''}`;
    case 'pattern':
      return `must be ${patternMeaning(String(p.pattern))}; found ${show(value)}.`;
    case 'minimum':
      return `must be at least ${String(p.limit)}; found ${show(value)}.`;
    case 'maximum':
      return `must be at most ${String(p.limit)}${Number(p.limit) === 1 ? ' (a share between 0 and 1, such as 0.35 for 35%)' : Number(p.limit) === 100 ? ' (percent)' : ''}; found ${show(value)}.`;
    case 'exclusiveMinimum':
      return `must be more than ${String(p.limit)}; found ${show(value)}.`;
    case 'exclusiveMaximum':
      return `must be less than ${String(p.limit)}; found ${show(value)}.`;
    case 'minItems':
      return `needs at least ${plural(Number(p.limit), 'entry', 'entries')}; it is empty.`;
    case 'maxItems':
      return `may have at most ${String(p.limit)} entries.`;
    case 'minLength':
      return 'must not be empty.';
    case 'maxLength':
      return `must be at most ${String(p.limit)} characters long.`;
    case 'multipleOf':
      return `must be a multiple of ${String(p.multipleOf)}; found ${show(value)}.`;
    default:
      return `is not valid here: ${error.message ?? error.keyword}.`;
  }
}

/** Of the branches of an anyOf/oneOf, the one whose errors show the value nearly fitted. */
function nearestBranch(errors: ErrorObject[]): ErrorObject | undefined {
  const byBranch = new Map<string, ErrorObject[]>();
  for (const error of errors) {
    const branch = /\/(?:anyOf|oneOf)\/(\d+)\//.exec(error.schemaPath)?.[1] ?? '0';
    byBranch.set(branch, [...(byBranch.get(branch) ?? []), error]);
  }
  let best: ErrorObject[] | undefined;
  for (const branchErrors of byBranch.values()) {
    const typeMismatch = branchErrors.some((e) => e.keyword === 'type');
    if (!typeMismatch && (!best || branchErrors.length < best.length)) best = branchErrors;
  }
  return (best ?? [...byBranch.values()][0])?.[0];
}

function describeExpected(schema: JsonSchema): string | undefined {
  const description = schema.description;
  if (typeof description === 'string' && schema.anyOf) {
    const parts = (schema.anyOf as JsonSchema[]).map((s) => (s.const !== undefined ? `\`${String(s.const)}\`` : s.type === 'integer' ? `a whole number${s.minimum !== undefined ? ` of ${String(s.minimum)} or more` : ''}` : String(s.type)));
    return `must be ${parts.join(', or ')}`;
  }
  return undefined;
}

/** A value's span; for `key:` with nothing after it, the key, so that there is something to underline. */
function valueSpan(parsed: ParsedYaml, path: Path): Span {
  const location = parsed.locate(path);
  if (location && location.value.start === location.value.end && location.key) return location.key;
  return parsed.spanOf(path);
}

/** The span that names a node: its key, else (for a list item) its first key, else the file's first key. */
function headSpan(parsed: ParsedYaml, path: Path): Span {
  const location = parsed.locate(path);
  if (location?.key) return location.key;
  const value = valueAt(parsed.value, path);
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const firstKey = Object.keys(value)[0];
    const first = firstKey !== undefined ? parsed.locate([...path, firstKey]) : undefined;
    if (first?.key) return first.key;
  }
  if (location) return { start: location.value.start, end: Math.min(location.value.end, parsed.lines.lineEnd(parsed.lines.positionAt(location.value.start).line)) };
  return parsed.spanOf(path);
}

export function valueAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[segment as string];
  }
  return node;
}

/** The instance path as segments, with list positions as numbers. */
function instancePath(root: unknown, pointerText: string): PathSegment[] {
  const out: PathSegment[] = [];
  let node = root;
  for (const segment of parsePointer(pointerText)) {
    const step: PathSegment = Array.isArray(node) && /^\d+$/.test(String(segment)) ? Number(segment) : segment;
    out.push(step);
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[step as string] : undefined;
  }
  return out;
}

function fieldHint(parentSchema: JsonSchema | undefined, field: string): string {
  const property = (parentSchema?.properties as Record<string, JsonSchema> | undefined)?.[field];
  const description = typeof property?.description === 'string' ? property.description : undefined;
  if (!description) return '';
  const firstSentence = description.split(/(?<=\.)\s/)[0].replace(/\.$/, '');
  return `: ${firstSentence.charAt(0).toLowerCase()}${firstSentence.slice(1)}`;
}

const patternMeanings: Record<string, string> = {
  '^[a-z0-9]+(-[a-z0-9]+)*$': 'an id of lower-case letters, digits and single hyphens, such as `accommodation-entry`',
  '^[A-Z]{3}$': 'an ISO 4217 currency code of three capital letters, such as `GBP`',
  '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$': 'an ISO date, YYYY-MM-DD, such as `2017-04-01`',
  '\\.ya?ml$': 'the path of a YAML file, such as `care-leavers.framework.yaml`',
  '^[0-9]{4}$': 'a year of four digits, such as `2019`',
};

function patternMeaning(pattern: string): string {
  return patternMeanings[pattern] ?? `text matching ${pattern}`;
}

export function didYouMean(value: string, candidates: string[]): string {
  const best = closest(value, candidates);
  return best === undefined ? '' : ` Did you mean \`${best}\`?`;
}

/** The candidate a value most likely misspells, if one is close enough to suggest. */
function closest(value: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = distance(value.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (best === undefined || (bestDistance === 0 && value === best)) return undefined;
  return bestDistance <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

function fieldName(path: Path): string {
  const last = [...path].reverse().find((s) => typeof s === 'string');
  if (last === undefined) return 'The file';
  const index = path[path.length - 1];
  return typeof index === 'number' ? `Item ${index + 1} of \`${String(last)}\`` : `\`${String(last)}\``;
}

function where(path: Path): string {
  if (path.length === 0) return 'at the top level of this file';
  const named = [...path].reverse().find((s) => typeof s === 'string');
  const index = path[path.length - 1];
  if (typeof index === 'number') return `of an entry in \`${String(named)}\``;
  return `of \`${String(named)}\``;
}

function describeParent(path: Path, parsed: ParsedYaml): string {
  if (path.length === 0) return 'This file';
  const value = valueAt(parsed.value, path) as Record<string, unknown> | undefined;
  const id = value && typeof value === 'object' && typeof value.id === 'string' ? value.id : value && typeof value === 'object' && typeof value.outcome === 'string' ? value.outcome : undefined;
  const index = path[path.length - 1];
  const list = [...path].reverse().find((s) => typeof s === 'string');
  if (typeof index === 'number') return `${singular(String(list))} ${id ? `\`${id}\`` : `${index + 1}`}`;
  return `\`${String(list)}\``;
}

function singular(list: string): string {
  const names: Record<string, string> = { outcomes: 'Outcome', cohorts: 'Cohort', payers: 'Payer', prices: 'Price line for', projection: 'Projection' };
  return names[list] ?? `Item of \`${list}\``;
}

function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return 'the text';
  if (typeof value === 'number') return 'the number';
  return `the ${typeof value}`;
}

function article(type: string): string {
  const words: Record<string, string> = { string: 'text', number: 'a number', integer: 'a whole number', boolean: '`true` or `false`', array: 'a list', object: 'a mapping of fields', null: 'empty' };
  return words[type] ?? type;
}

/** What was found, said once: `a list`, `the number 5`, `the text "five"` (never "a list a list"). */
function found(value: unknown): string {
  if (value === null || value === undefined || typeof value === 'object') return kindOf(value);
  return `${kindOf(value)} ${show(value)}`;
}

function show(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (typeof value === 'string') return `"${value.length > 40 ? value.slice(0, 40) + '…' : value}"`;
  if (typeof value === 'object') return Array.isArray(value) ? 'a list' : 'a mapping';
  return String(value);
}
