import { readFileSync } from "node:fs";
import { InputError } from "../util/errors.js";

/** A parsed CSV file: header, rows of strings, and the file line each row starts on. */
export interface CsvTable {
  /** Path or label used in error messages. */
  file: string;
  header: string[];
  rows: string[][];
  /** 1-based file line where each row starts (the header is line 1). */
  lines: number[];
}

/**
 * Parses RFC 4180 CSV text: quoted fields may hold commas, doubled quotes and newlines; CRLF or LF line ends;
 * a BOM is dropped; blank lines are skipped. A row whose field count differs from the header's is an error.
 */
export function parseCsv(text: string, file = "<csv>"): CsvTable {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const records: string[][] = [];
  const starts: number[] = [];
  let field = "";
  let record: string[] = [];
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let fieldStarted = false;
  const endRecord = () => {
    record.push(field);
    if (!(record.length === 1 && record[0] === "" && !fieldStarted)) {
      records.push(record);
      starts.push(recordLine);
    }
    record = [];
    field = "";
    fieldStarted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === "\n") line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === "") {
      quoted = true;
      fieldStarted = true;
    } else if (ch === ",") {
      record.push(field);
      field = "";
      fieldStarted = true;
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  if (quoted) throw new InputError({ file, line: recordLine, message: "unterminated quoted field" });
  if (field !== "" || record.length > 0 || fieldStarted) endRecord();
  if (records.length === 0) throw new InputError({ file, message: "empty file: no header row" });
  const header = records[0].map((h) => h.trim());
  const rows = records.slice(1);
  const lines = starts.slice(1);
  for (let r = 0; r < rows.length; r++) {
    if (rows[r].length !== header.length) {
      throw new InputError({
        file,
        line: lines[r],
        message: `expected ${header.length} fields as in the header, found ${rows[r].length}`,
      });
    }
  }
  return { file, header, rows, lines };
}

/** Reads and parses a CSV file; a missing or unreadable file is an InputError naming it. */
export function readCsv(path: string): CsvTable {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new InputError({
      file: path,
      message: `cannot read file: ${(error as NodeJS.ErrnoException).code ?? error}`,
    });
  }
  return parseCsv(text, path);
}

/** Index of column `name`; an unknown column is an InputError listing the columns the file has. */
export function columnIndex(table: CsvTable, name: string, flag?: string): number {
  const index = table.header.indexOf(name);
  if (index < 0) {
    const known = table.header.map((h) => JSON.stringify(h)).join(", ");
    throw new InputError({
      file: table.file,
      field: flag,
      value: name,
      message: `unknown column; the file has ${known}`,
    });
  }
  return index;
}

export interface NumericColumnOptions {
  /** Require values > 0 (sizes, losses, FLOP). Default false. */
  positive?: boolean;
  /** Which rows to read (indices into `table.rows`). Default: all. */
  rows?: readonly number[];
}

/**
 * Column `name` as numbers. Every value must parse as a finite number (and be > 0 with `positive`); the first
 * bad value is an InputError naming file, line, column and value.
 */
export function numericColumn(
  table: CsvTable,
  name: string,
  options: NumericColumnOptions = {},
): Float64Array {
  const index = columnIndex(table, name);
  const rows = options.rows ?? table.rows.map((_, i) => i);
  const out = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k];
    const raw = table.rows[r][index];
    const text = raw.trim();
    const value = text === "" ? Number.NaN : Number(text);
    if (!Number.isFinite(value)) {
      throw new InputError({
        file: table.file,
        line: table.lines[r],
        field: name,
        value: raw,
        message: "not a finite number",
      });
    }
    if (options.positive && !(value > 0)) {
      throw new InputError({
        file: table.file,
        line: table.lines[r],
        field: name,
        value: raw,
        message: "must be a positive number",
      });
    }
    out[k] = value;
  }
  return out;
}

/** A `COL=VALUE` row filter. */
export interface RowFilter {
  column: string;
  value: string;
}

/** Parses `COL=VALUE` (the value may contain `=`); anything else is an InputError naming the flag. */
export function parseFilter(text: string, flag = "--where"): RowFilter {
  const eq = text.indexOf("=");
  if (eq <= 0) throw new InputError({ field: flag, value: text, message: "expected COL=VALUE" });
  return { column: text.slice(0, eq).trim(), value: text.slice(eq + 1).trim() };
}

/** Indices of the rows matching every filter (exact match after trimming). */
export function filterRows(table: CsvTable, filters: readonly RowFilter[], flag = "--where"): number[] {
  const checks = filters.map((f) => ({ index: columnIndex(table, f.column, flag), value: f.value }));
  const out: number[] = [];
  for (let r = 0; r < table.rows.length; r++) {
    if (checks.every((c) => table.rows[r][c.index].trim() === c.value)) out.push(r);
  }
  return out;
}
