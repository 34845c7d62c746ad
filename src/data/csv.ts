import { createReadStream, readFileSync, type Stats, statSync } from "node:fs";
import { pipeline } from "node:stream/promises";
import { CsvError, type InfoRecord, type Options, parse } from "csv-parse";
import { parse as parseSync } from "csv-parse/sync";
import { InputError } from "../util/errors.js";
import { MAX_CSV_FILE_BYTES, MAX_CSV_ROW_BYTES } from "../util/limits.js";

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
 * Parses RFC 4180 CSV text: quoted fields may hold commas, doubled quotes and newlines; CRLF, LF or CR line
 * ends; a BOM is dropped; blank lines are skipped; the header's names are trimmed. A row whose field count
 * differs from the header's, an unterminated quote, a row over `MAX_CSV_ROW_BYTES` or a NUL character is an
 * InputError naming `file` (and the row's first line, where there is one).
 */
export function parseCsv(text: string, file = "<csv>"): CsvTable {
  return parseBytes(Buffer.from(text, "utf8"), file);
}

/**
 * Reads and parses a CSV file at once, for synchronous callers (`readCsvFile` streams). The file is checked
 * before it is read: a missing file, a directory, a FIFO or a file over `MAX_CSV_FILE_BYTES` is an InputError;
 * so is a binary file (a NUL byte).
 */
export function readCsv(path: string): CsvTable {
  checkCsvFile(path);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw cannotRead(path, error);
  }
  return parseBytes(bytes, path);
}

/**
 * Reads and parses a CSV file as a stream: memory holds the table and one chunk, never the whole text. Same
 * checks and errors as `readCsv`; the size is checked again while reading, in case the file grows.
 */
export async function readCsvFile(path: string): Promise<CsvTable> {
  checkCsvFile(path);
  const table = new TableBuilder(path);
  const bytes = new ByteChecker(path);
  try {
    await pipeline(
      createReadStream(path),
      async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          bytes.check(chunk);
          yield chunk;
        }
      },
      parse(csvOptions(table)),
      // The records go to the table in `on_record`; this only drains the parser so that it ends.
      async (records: AsyncIterable<unknown>) => {
        for await (const _ of records);
      },
    );
  } catch (error) {
    throw table.inputError(error);
  }
  return table.finish();
}

function parseBytes(bytes: Buffer, file: string): CsvTable {
  new ByteChecker(file).check(bytes);
  const table = new TableBuilder(file);
  try {
    parseSync(bytes, csvOptions(table));
  } catch (error) {
    throw table.inputError(error);
  }
  return table.finish();
}

/**
 * csv-parse options: records go straight to `table` (the parser collects nothing), a field is cut off at
 * `MAX_CSV_ROW_BYTES`, and quotes inside unquoted fields are kept as text (`5'11"`), as the old reader did.
 */
function csvOptions(table: TableBuilder): Options {
  return {
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    relax_quotes: true,
    record_delimiter: ["\r\n", "\n", "\r"],
    max_record_size: MAX_CSV_ROW_BYTES,
    on_record: (record: string[], context: InfoRecord) => {
      table.add(record, context.empty_lines);
      return null;
    },
  };
}

/**
 * Checks raw bytes before csv-parse sees them, chunk by chunk: no NUL byte (CSV is text; a NUL means a binary
 * file given by mistake) and no physical line over `MAX_CSV_ROW_BYTES`. A row holds whole lines, so a long line
 * is a long row; checking lines here stops a 150 MiB line of commas, which csv-parse's `max_record_size` (it
 * counts field content only) would let grow into 10⁸ empty fields.
 */
class ByteChecker {
  /** Bytes seen, the current line (1-based) and the bytes on it so far. */
  private offset = 0;
  private line = 1;
  private run = 0;
  private lastWasCr = false;

  constructor(private readonly file: string) {}

  check(bytes: Buffer): void {
    const nul = bytes.indexOf(0);
    if (nul >= 0)
      throw new InputError({
        file: this.file,
        message: `binary file, not CSV text (NUL byte at byte ${this.offset + nul})`,
      });
    let { line, run, lastWasCr } = this;
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      if (b === 10 || b === 13) {
        if (!(b === 10 && lastWasCr)) line++;
        run = 0;
        lastWasCr = b === 13;
        continue;
      }
      lastWasCr = false;
      if (++run > MAX_CSV_ROW_BYTES) throw rowTooLong(this.file, line);
    }
    this.line = line;
    this.run = run;
    this.lastWasCr = lastWasCr;
    this.offset += bytes.length;
    if (this.offset > MAX_CSV_FILE_BYTES) throw tooLarge(this.file, this.offset);
  }
}

function rowTooLong(file: string, line: number): InputError {
  return new InputError({ file, line, message: `row longer than the limit of ${MAX_CSV_ROW_BYTES} bytes` });
}

/**
 * Collects the records csv-parse hands over, numbering their first lines: a record starts on the line after
 * the previous one ends, plus the blank lines skipped in between (csv-parse counts those).
 */
class TableBuilder {
  private header: string[] | undefined;
  private readonly rows: string[][] = [];
  private readonly lines: number[] = [];
  /** Line the last record ended on, and csv-parse's count of skipped blank lines at that point. */
  private lastLine = 0;
  private lastEmpty = 0;

  constructor(readonly file: string) {}

  /** Takes one record (its fields are csv-parse's strings); checks its field count against the header's. */
  add(record: string[], emptyLines: number): void {
    const line = this.nextLine(emptyLines);
    this.lastLine = line + lineBreaks(record);
    this.lastEmpty = emptyLines;
    // Lines and fields are bounded already; this catches a row of many short lines (quoted line breaks).
    if (rowChars(record) > MAX_CSV_ROW_BYTES) throw rowTooLong(this.file, line);
    if (this.header === undefined) {
      this.header = record.map((h) => h.trim());
      return;
    }
    if (record.length !== this.header.length)
      throw new InputError({
        file: this.file,
        line,
        message: `expected ${this.header.length} fields as in the header, found ${record.length}`,
      });
    this.rows.push(record);
    this.lines.push(line);
  }

  finish(): CsvTable {
    if (this.header === undefined)
      throw new InputError({ file: this.file, message: "empty file: no header row" });
    return { file: this.file, header: this.header, rows: this.rows, lines: this.lines };
  }

  /** `error` (from csv-parse, the hooks or the file) as an InputError located at the row being read. */
  inputError(error: unknown): unknown {
    if (error instanceof InputError) return error;
    const file = this.file;
    if (error instanceof CsvError && error.code === "CSV_MAX_RECORD_SIZE")
      return rowTooLong(file, this.nextLine(emptyLinesOf(error, this.lastEmpty)));
    if (error instanceof CsvError) {
      const line = this.nextLine(emptyLinesOf(error, this.lastEmpty));
      return new InputError({
        file,
        line,
        message: CSV_ERRORS[error.code] ?? `malformed CSV (${error.code})`,
      });
    }
    if (isErrno(error)) return cannotRead(file, error);
    return error;
  }

  private nextLine(emptyLines: number): number {
    return this.lastLine + 1 + (emptyLines - this.lastEmpty);
  }
}

/** Our wording of the csv-parse errors the options above leave possible (theirs quote the content). */
const CSV_ERRORS: Partial<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED: "unterminated quoted field",
  CSV_INVALID_CLOSING_QUOTE: "a closing quote must be followed by a comma or the end of the line",
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE:
    "a closing quote must be followed by a comma or the end of the line",
};

/** csv-parse's count of skipped blank lines when it failed (its errors carry its counters). */
function emptyLinesOf(error: Error, fallback: number): number {
  const count = (error as { empty_lines?: unknown }).empty_lines;
  return typeof count === "number" ? count : fallback;
}

/** Characters of a record as written, without quotes: its fields and the commas between them. */
function rowChars(record: string[]): number {
  let chars = record.length - 1;
  for (const field of record) chars += field.length;
  return chars;
}

/** Line breaks inside a record's (quoted) fields: CRLF, LF or CR, as the record delimiters are. */
function lineBreaks(record: string[]): number {
  let count = 0;
  for (const field of record) {
    if (!field.includes("\n") && !field.includes("\r")) continue;
    for (let i = 0; i < field.length; i++) {
      const c = field.charCodeAt(i);
      if (c === 10 || (c === 13 && field.charCodeAt(i + 1) !== 10)) count++;
    }
  }
  return count;
}

/** A CSV input must be a regular file of at most `MAX_CSV_FILE_BYTES` (a FIFO would block, a device never end). */
function checkCsvFile(path: string): void {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (error) {
    throw cannotRead(path, error);
  }
  if (stats.isDirectory()) throw new InputError({ file: path, message: "is a directory, not a CSV file" });
  if (!stats.isFile())
    throw new InputError({ file: path, message: "not a regular file (a FIFO, socket or device)" });
  if (stats.size > MAX_CSV_FILE_BYTES) throw tooLarge(path, stats.size);
}

function tooLarge(path: string, bytes: number): InputError {
  return new InputError({
    file: path,
    message: `file larger than the limit of ${MAX_CSV_FILE_BYTES} bytes (${bytes} bytes or more)`,
  });
}

function isErrno(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === "string";
}

function cannotRead(path: string, error: unknown): InputError {
  return new InputError({
    file: path,
    message: `cannot read file: ${(error as NodeJS.ErrnoException).code ?? error}`,
  });
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
