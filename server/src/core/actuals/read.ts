/**
 * Reads an actuals file, YAML or CSV, into rows whose every cell keeps its place. Both forms
 * share one schema (schemas/actuals.schema.json): the YAML is validated by it, and each CSV
 * cell is read by the same patterns, so a mistake is one finding at the cell in either form.
 * A row with a mistake is marked `broken` and never counted in a figure.
 */
import { parseYaml, type ParsedYaml, type Path } from '../document';
import type { Finding } from '../findings';
import * as validators from '../generated/validators';
import type { Span } from '../ranges';
import { describeErrors } from '../schema';
import { parseCsv, isBlankRecord } from './csv';
import { parseDate, parsePeriod, type PeriodValue } from './periods';

export interface Cell<T> {
  value: T;
  span: Span;
}

export interface ActualsRow {
  /** 0-based position among the rows (YAML list item, CSV data record). */
  index: number;
  /** The whole row: a YAML list item or a CSV record (its line). */
  span: Span;
  period?: Cell<PeriodValue>;
  cohort?: Cell<string>;
  started?: Cell<number>;
  outcome?: Cell<string>;
  evidenced?: Cell<number>;
  /** The amount as typed: read in the rate card's currency when the card is known. */
  claimed?: Cell<string>;
  person?: Cell<string>;
  date?: Cell<string>;
  /** A cell could not be read: the row is reported, and left out of every figure. */
  broken: boolean;
}

export interface ActualsFile {
  file: string;
  text: string;
  format: 'yaml' | 'csv';
  /** The YAML's parse, for suppressions and fingerprints; none for CSV. */
  parsed?: ParsedYaml;
  /** `rateCard:` as written, with its place (YAML only). */
  rateCard?: Cell<string>;
  rows: ActualsRow[];
  /** `quarter` or `month`, from the first period read. */
  periodKind?: 'quarter' | 'month';
  /** Findings of reading: syntax, schema, cells, row shapes. */
  findings: Finding[];
}

export const FIELDS = ['period', 'cohort', 'started', 'outcome', 'evidenced', 'claimed', 'person', 'date'] as const;
type Field = (typeof FIELDS)[number];

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const PERSON = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
const COUNT = /^[0-9]{1,15}$/;
const PERSON_MESSAGE = 'A person is given by a pseudonymous id of letters, digits, `.`, `-` and `_` (at most 40), such as P-0041; this cell holds something else, which may identify someone (it is not repeated here). Replace it with the pseudonymous id; never put names in an actuals file.';
const AMOUNT = /^[0-9]{1,15}(\.[0-9]+)?$/;

/** Whether a file is an actuals file by its name: `*.actuals.yaml`, `*.actuals.yml` or `*.actuals.csv`. */
export function isActualsName(file: string): boolean {
  return /\.actuals\.(ya?ml|csv)$/i.test(file);
}

export function isCsvName(file: string): boolean {
  return /\.csv$/i.test(file);
}

/** Whether YAML text says `kind: Actuals` at the top level. */
export function saysActuals(text: string): boolean {
  return /^kind:\s*["']?Actuals["']?\s*(#.*)?$/m.test(text.slice(0, 4096));
}

export function readActuals(file: string, text: string): ActualsFile {
  return isCsvName(file) ? readCsv(file, text) : readYaml(file, text);
}

function readYaml(file: string, text: string): ActualsFile {
  const parsed = parseYaml(text);
  const out: ActualsFile = { file, text, format: 'yaml', parsed, rows: [], findings: [] };
  if (parsed.problems.length) {
    const first = parsed.problems[0];
    out.findings.push({ ruleId: 'yaml-syntax', severity: 'error', message: first.message, file, span: first.span });
    if (parsed.problems.some((p) => p.structural || p.code !== 'yaml-syntax')) return out;
  }
  const value = parsed.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    out.findings.push({ ruleId: 'schema', severity: 'error', message: 'This file should be a mapping of fields starting with `kind: Actuals`.', file, span: { start: 0, end: Math.min(text.length, parsed.lines.lineEnd(0)) } });
    return out;
  }
  if (!validators.actuals(value)) out.findings.push(...describeErrors(validators.actuals.errors ?? [], parsed, file));
  const data = value as Record<string, unknown>;
  if (typeof data.rateCard === 'string') out.rateCard = { value: data.rateCard, span: parsed.spanOf(['rateCard']) };
  const rows = Array.isArray(data.rows) ? data.rows : [];
  // Rows the schema found wrong are left out of the figures; their findings say why.
  // A person cell that is not a pseudonym may be a name: the schema's message would echo it.
  rows.forEach((raw, index) => {
    const person = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>).person : undefined;
    if (person === undefined || (typeof person === 'string' && PERSON.test(person))) return;
    const span = parsed.spanOf(['rows', index, 'person']);
    for (const f of out.findings) if (f.span.start >= span.start && f.span.end <= span.end) f.message = PERSON_MESSAGE;
  });
  const wrongRows = new Set(out.findings.filter((f) => f.ruleId === 'schema').map((f) => rowAt(parsed, rows.length, f.span)).filter((i) => i !== undefined));
  rows.forEach((raw, index) => {
    const path: Path = ['rows', index];
    const row: ActualsRow = { index, span: parsed.spanOf(path), broken: wrongRows.has(index) };
    const item = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
    const cell = (field: Field) => ({ text: parsed.sourceOf([...path, field]), value: item[field], span: parsed.spanOf([...path, field]) });
    for (const field of FIELDS) {
      if (!(field in item)) continue;
      const { value: v, span, text: source } = cell(field);
      // The schema has said what is wrong with a value of the wrong type.
      if (field === 'started' || field === 'evidenced') {
        if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) row[field] = { value: v, span };
      } else if (field === 'claimed') {
        if (typeof v === 'number' && source !== undefined) row.claimed = { value: source.trim(), span };
      } else if (typeof v === 'string' || (field === 'period' && typeof v === 'number')) {
        readText(out, row, field, String(v), span, true);
      }
    }
    finishRow(out, row);
  });
  oneFormPerOutcome(out);
  return out;
}

/** The row a span falls in, by the rows' own spans. */
function rowAt(parsed: ParsedYaml, count: number, span: Span): number | undefined {
  for (let i = 0; i < count; i++) {
    const row = parsed.spanOf(['rows', i]);
    if (span.start >= row.start && span.end <= row.end) return i;
  }
  return undefined;
}

function readCsv(file: string, text: string): ActualsFile {
  const out: ActualsFile = { file, text, format: 'csv', rows: [], findings: [] };
  const report = (span: Span, message: string, ruleId = 'schema') => out.findings.push({ ruleId, severity: 'error', message, file, span });
  if (text.includes('\u0000')) {
    report({ start: 0, end: 0 }, 'This file is not text (it holds NUL bytes): an actuals CSV is comma-separated text, as spreadsheets export it.', 'csv-syntax');
    return out;
  }
  const table = parseCsv(text);
  if (table.problem) report(table.problem.span, table.problem.message, 'csv-syntax');
  const records = table.records.filter((r) => !isBlankRecord(r));
  if (records.length === 0) {
    if (!table.problem) report({ start: 0, end: 0 }, `This actuals file is empty: its first line names the columns (${FIELDS.join(',')}) and each line after it is one row.`);
    return out;
  }
  const header = records[0];
  const columns: (Field | undefined)[] = [];
  const seen = new Set<string>();
  for (const cell of header.cells) {
    const name = cell.text.trim();
    if (!(FIELDS as readonly string[]).includes(name)) {
      report(cell.span, `${name ? `\`${shown(name)}\`` : 'An empty heading'} is not a column of an actuals file; the columns are ${FIELDS.join(', ')} (see docs/format.md).`);
      columns.push(undefined);
    } else if (seen.has(name)) {
      report(cell.span, `The column \`${name}\` is named twice.`);
      columns.push(undefined);
    } else {
      seen.add(name);
      columns.push(name as Field);
    }
  }
  for (const required of ['period', 'cohort'] as const) if (!seen.has(required)) report(header.span, `The first line names the columns, and \`${required}\` is missing: every row says its ${required}.`);
  if (!seen.has('period') || !seen.has('cohort')) return out;
  records.slice(1).forEach((record, index) => {
    const row: ActualsRow = { index, span: record.span, broken: false };
    if (record.cells.length !== columns.length) {
      const extra = record.cells[columns.length];
      report(extra ? { start: extra.span.start, end: record.span.end } : { start: record.span.end, end: record.span.end }, `This line has ${record.cells.length} cells and the first line names ${columns.length} columns: each line has one cell per column (an empty cell is nothing between two commas).`);
      row.broken = true;
    }
    record.cells.forEach((cell, i) => {
      const field = columns[i];
      if (!field || cell.text === '') return;
      readText(out, row, field, cell.text, cell.span, false);
    });
    finishRow(out, row);
  });
  oneFormPerOutcome(out);
  return out;
}

/**
 * A period's outcome is given by a row of totals or by claims for persons, not both: the
 * figures would count it twice. The later row is the one reported.
 */
function oneFormPerOutcome(out: ActualsFile): void {
  const seen = new Map<string, { person: boolean; row: ActualsRow }>();
  for (const row of out.rows) {
    if (row.broken || !row.period || !row.cohort || !row.outcome) continue;
    const key = `${row.period.value.label}\u0000${row.cohort.value}\u0000${row.outcome.value}`;
    const person = row.person !== undefined;
    const before = seen.get(key);
    if (!before) {
      seen.set(key, { person, row });
      continue;
    }
    if (before.person === person && person) continue; // many persons' claims: as it should be
    if (before.person === person) {
      out.findings.push({ ruleId: 'schema', severity: 'error', message: `${row.outcome.value} in ${row.cohort.value} for ${row.period.value.label} is given twice as a row of totals: give one row for it (the sum), so nothing is counted twice.`, file: out.file, span: row.outcome.span });
    } else {
      out.findings.push({ ruleId: 'schema', severity: 'error', message: `${row.outcome.value} in ${row.cohort.value} for ${row.period.value.label} is given both as a row of totals and as claims for persons: give one or the other, so nothing is counted twice.`, file: out.file, span: row.outcome.span });
    }
    row.broken = true;
  }
}

/** Reads one cell given as text (every CSV cell; the YAML's strings). */
function readText(out: ActualsFile, row: ActualsRow, field: Field, text: string, span: Span, validated: boolean): void {
  const report = (message: string) => {
    out.findings.push({ ruleId: 'schema', severity: 'error', message, file: out.file, span });
    row.broken = true;
  };
  switch (field) {
    case 'period': {
      const period = parsePeriod(text);
      if (!period) return validated ? void (row.broken = true) : report(`A period is a quarter such as 2019-Q2 or a month such as 2019-05; this cell holds ${describe(text)}.`);
      if (out.periodKind && out.periodKind !== period.kind) return report(`This file reports by ${out.periodKind}, and this row by ${period.kind}: one file uses one kind of period, so that each figure is counted once.`);
      out.periodKind = period.kind;
      row.period = { value: period, span };
      return;
    }
    case 'cohort':
    case 'outcome':
      if (!SLUG.test(text)) return validated ? void (row.broken = true) : report(`The ${field} is an id of the framework: lower-case letters, digits and single hyphens; this cell holds ${describe(text)}.`);
      row[field] = { value: text, span };
      return;
    case 'started':
    case 'evidenced':
      if (!COUNT.test(text.trim())) return report(`\`${field}\` is a whole number of ${field === 'started' ? 'participants' : 'outcomes'}, such as 12, written with digits only; this cell holds ${describe(text)}.`);
      row[field] = { value: Number(text.trim()), span };
      return;
    case 'claimed':
      if (!AMOUNT.test(text.trim())) return report(`\`claimed\` is an amount in the currency's major unit, plain digits with a decimal point, such as 4500 or 1250.50 (no symbol, no thousands separator); this cell holds ${describe(text)}.`);
      row.claimed = { value: text.trim(), span };
      return;
    case 'person':
      // Never echo the cell: a person cell that is not a pseudonym may be a name.
      if (!PERSON.test(text)) return report(PERSON_MESSAGE);
      row.person = { value: text, span };
      return;
    case 'date':
      if (!parseDate(text)) return report(`A date is written YYYY-MM-DD and is a real calendar date, such as 2019-05-14; this cell holds ${describe(text)}.`);
      row.date = { value: text, span };
      return;
  }
}

/** What a row must hold, whichever form it came in. */
function finishRow(out: ActualsFile, row: ActualsRow): void {
  const report = (span: Span, message: string) => {
    out.findings.push({ ruleId: 'schema', severity: 'error', message, file: out.file, span });
    row.broken = true;
  };
  out.rows.push(row);
  if (row.broken) return;
  if (!row.period) return report(row.span, 'Every row says its `period` (2019-Q2 or 2019-05).');
  if (!row.cohort) return report(row.span, 'Every row says its `cohort`.');
  if (row.outcome) {
    if (row.started) return report(row.started.span, 'A row reports either participants `started` (without `outcome`) or an outcome; give the starts on a row of their own.');
    if (!row.claimed) return report(row.outcome.span, `A row for an outcome says what was \`claimed\` for it (0 when nothing was).`);
    if (row.person) {
      if (!row.date) return report(row.person.span, 'A claim for one person says the `date` the outcome was achieved.');
      if (!dateInPeriod(row.date.value, row.period.value)) return report(row.date.span, `The date ${row.date.value} is not in the row's period ${row.period.value.label}.`);
    } else {
      if (!row.evidenced) return report(row.outcome.span, 'A row for an outcome says how many were `evidenced` (0 when none were).');
      if (row.date) return report(row.date.span, 'A `date` belongs on a claim for one `person`; a row of totals has its period only.');
    }
  } else {
    if (!row.started) return report(row.span, 'A row without `outcome` gives the participants `started` in the period.');
    for (const field of ['evidenced', 'claimed', 'person', 'date'] as const) {
      const cell = row[field];
      if (cell) return report(cell.span, `\`${field}\` belongs on a row for an outcome: name its \`outcome\`, or give the starts on a row of their own.`);
    }
  }
}

function dateInPeriod(date: string, period: PeriodValue): boolean {
  const parsed = parseDate(date);
  return parsed !== undefined && parsed.month >= period.firstMonth && parsed.month <= period.lastMonth;
}

/** A cell's text for a message: short, control characters escaped, quoted. */
function describe(text: string): string {
  if (text.trim() === '') return 'only spaces';
  return `"${shown(text)}"`;
}

export function shown(text: string): string {
  const short = text.length > 40 ? text.slice(0, 40) + '…' : text;
  return short.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029`]/g, (c) => (c === '`' ? "'" : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}
