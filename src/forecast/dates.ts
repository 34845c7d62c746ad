import type { CsvTable } from "../data/csv.js";
import { InputError } from "../util/errors.js";

const MS_PER_DAY = 86_400_000;

/** A calendar date read from `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (missing parts are the first month/day). */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Parses an ISO calendar date; returns undefined for anything that is not a real date (e.g. 2023-02-30). */
export function parseCalendarDate(text: string): CalendarDate | undefined {
  const match = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(text.trim());
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = match[2] === undefined ? 1 : Number(match[2]);
  const day = match[3] === undefined ? 1 : Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

/**
 * Date as a decimal year: year + (days since 1 January) / (days in that year), so 2024-07-02 (day 183 of a
 * leap year) is 2024.5. This is the time axis of every trend (as Epoch's trend fits use).
 */
export function decimalYear(date: CalendarDate): number {
  const start = Date.UTC(date.year, 0, 1);
  const end = Date.UTC(date.year + 1, 0, 1);
  return date.year + (Date.UTC(date.year, date.month - 1, date.day) - start) / (end - start);
}

/** The calendar date (`YYYY-MM-DD`) a decimal year falls on, rounded to the nearest day. */
export function isoDateOfYear(year: number): string {
  if (!Number.isFinite(year)) throw new RangeError(`invalid year: ${year}`);
  const whole = Math.floor(year);
  const start = Date.UTC(whole, 0, 1);
  const end = Date.UTC(whole + 1, 0, 1);
  const ms = start + Math.round(((year - whole) * (end - start)) / MS_PER_DAY) * MS_PER_DAY;
  return new Date(ms).toISOString().slice(0, 10);
}

/** A date given on the command line (`--since 2010-01-01`) as a decimal year; a bad date is an InputError. */
export function parseDateFlag(text: string, flag: string): number {
  const date = parseCalendarDate(text);
  if (!date) {
    throw new InputError({
      field: flag,
      value: text,
      message: "not a date; expected YYYY-MM-DD, YYYY-MM or YYYY",
    });
  }
  return decimalYear(date);
}

/**
 * The date in column `columnIndex` of row `row` as a decimal year; an empty cell is NaN (a missing date), a
 * cell that is not a date is an InputError naming file, line, column and value.
 */
export function dateCell(table: CsvTable, row: number, columnIndex: number): number {
  const raw = table.rows[row][columnIndex];
  if (raw.trim() === "") return Number.NaN;
  const date = parseCalendarDate(raw);
  if (!date) {
    throw new InputError({
      file: table.file,
      line: table.lines[row],
      field: table.header[columnIndex],
      value: raw,
      message: "not a date; expected YYYY-MM-DD",
    });
  }
  return decimalYear(date);
}
