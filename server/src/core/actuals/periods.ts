/**
 * Periods and dates of an actuals file: calendar quarters (`2019-Q2`) and months (`2019-05`),
 * counted in months so that plan and actual line up whatever the file uses.
 */

export interface PeriodValue {
  kind: 'quarter' | 'month';
  /** As written: `2019-Q2`. */
  label: string;
  /** The first month, as year × 12 + month − 1. */
  firstMonth: number;
  /** The last month, likewise. */
  lastMonth: number;
}

const PERIOD = /^([0-9]{4})-(?:Q([1-4])|(0[1-9]|1[0-2]))$/;

export function parsePeriod(text: string): PeriodValue | undefined {
  const match = PERIOD.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  if (match[2]) {
    const first = year * 12 + (Number(match[2]) - 1) * 3;
    return { kind: 'quarter', label: text, firstMonth: first, lastMonth: first + 2 };
  }
  const month = year * 12 + Number(match[3]) - 1;
  return { kind: 'month', label: text, firstMonth: month, lastMonth: month };
}

/** A real calendar date `YYYY-MM-DD`, as a month number and day; undefined otherwise. */
export function parseDate(text: string): { month: number; day: number } | undefined {
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  return { month: year * 12 + month - 1, day };
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The month number of a date, for comparing with periods. */
export function monthOf(date: string): number | undefined {
  return parseDate(date)?.month;
}

/** `2019-04-01`: the first day of a month number. */
export function firstDayOf(month: number): string {
  return `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-01`;
}

/** `2019-06-30`: the last day of a month number. */
export function lastDayOf(month: number): string {
  const year = Math.floor(month / 12);
  const m = (month % 12) + 1;
  return `${year}-${String(m).padStart(2, '0')}-${String(daysIn(year, m)).padStart(2, '0')}`;
}

/** The label of the period of `kind` that holds a month: `2019-Q2` or `2019-05`. */
export function periodLabel(kind: 'quarter' | 'month', month: number): string {
  const year = Math.floor(month / 12);
  return kind === 'quarter' ? `${year}-Q${Math.floor((month % 12) / 3) + 1}` : `${year}-${String((month % 12) + 1).padStart(2, '0')}`;
}
