/**
 * A small, strict CSV reader (RFC 4180): comma-separated fields, records ending in CRLF (or LF,
 * as spreadsheets on other systems write them), fields in double quotes may hold commas, line
 * breaks and doubled quotes. Every cell keeps its place in the text, so a finding points at the
 * cell. Anything RFC 4180 does not allow is a problem at the character, never a guess.
 */
import type { Span } from '../ranges';

export interface CsvCell {
  /** The field's value, quotes removed and doubled quotes undone. */
  text: string;
  /** Where the field is in the file, quotes included. */
  span: Span;
}

export interface CsvRecord {
  cells: CsvCell[];
  /** 0-based line the record starts on. */
  line: number;
  span: Span;
}

export interface CsvProblem {
  message: string;
  span: Span;
}

export interface CsvTable {
  records: CsvRecord[];
  /** The first problem only: after a broken quote the rest of the file cannot be read reliably. */
  problem?: CsvProblem;
}

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;

export function parseCsv(text: string): CsvTable {
  const records: CsvRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a byte order mark, as spreadsheets write
  let line = 0;
  const n = text.length;
  while (i < n) {
    const recordStart = i;
    const recordLine = line;
    const cells: CsvCell[] = [];
    for (;;) {
      const start = i;
      let value: string;
      if (text.charCodeAt(i) === QUOTE) {
        i++;
        let out = '';
        let from = i;
        for (;;) {
          if (i >= n) return { records, problem: { message: 'This quoted field is never closed: a double quote (") opens it and the file ends before the closing one.', span: { start, end: start + 1 } } };
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            if (text.charCodeAt(i + 1) === QUOTE) {
              out += text.slice(from, i + 1);
              i += 2;
              from = i;
              continue;
            }
            out += text.slice(from, i);
            i++;
            break;
          }
          if (c === LF) line++;
          else if (c === CR && text.charCodeAt(i + 1) !== LF) line++;
          i++;
        }
        value = out;
        const next = text.charCodeAt(i);
        if (i < n && next !== COMMA && next !== LF && next !== CR) {
          return { records, problem: { message: 'After a quoted field\'s closing quote comes a comma or the end of the line; to put a quote inside a quoted field, double it ("").', span: { start: i, end: i + 1 } } };
        }
      } else {
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === COMMA || c === LF || c === CR) break;
          if (c === QUOTE) return { records, problem: { message: 'A double quote inside a field that does not start with one: quote the whole field and double the quote inside ("a ""b"" c").', span: { start: i, end: i + 1 } } };
          i++;
        }
        value = text.slice(start, i);
      }
      cells.push({ text: value, span: { start, end: i } });
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === COMMA) {
        i++;
        continue;
      }
      // End of record: CRLF, LF, or a lone CR.
      const end = i;
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      records.push({ cells, line: recordLine, span: { start: recordStart, end } });
      break;
    }
    if (i >= n && (records.length === 0 || records[records.length - 1].cells !== cells)) {
      // The last record, with no line break after it.
      if (!(cells.length === 1 && cells[0].text === '' && cells[0].span.start === n)) records.push({ cells, line: recordLine, span: { start: recordStart, end: n } });
    }
  }
  return { records };
}

/** Whether a record is an empty line (one empty, unquoted field). */
export function isBlankRecord(record: CsvRecord): boolean {
  return record.cells.length === 1 && record.cells[0].text === '' && record.cells[0].span.end === record.cells[0].span.start;
}
