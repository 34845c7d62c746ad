import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  type CsvTable,
  filterRows,
  numericColumn,
  parseCsv,
  parseFilter,
  readCsv,
  readCsvFile,
} from "../../src/data/csv.js";
import { InputError } from "../../src/util/errors.js";
import { MAX_CSV_FILE_BYTES, MAX_CSV_ROW_BYTES } from "../../src/util/limits.js";

describe("parseCsv()", () => {
  it("reads quoted fields with commas, doubled quotes and newlines", () => {
    const t = parseCsv('a,b\n"x, y","say ""hi""\nthere"\n3,4\n', "f.csv");
    expect(t.header).toEqual(["a", "b"]);
    expect(t.rows).toEqual([
      ["x, y", 'say "hi"\nthere'],
      ["3", "4"],
    ]);
    expect(t.lines).toEqual([2, 4]);
  });

  it("handles CRLF, a BOM and blank lines", () => {
    const t = parseCsv("\ufeffa,b\r\n1,2\r\n\r\n3,4", "f.csv");
    expect(t.rows).toEqual([
      ["1", "2"],
      ["3", "4"],
    ]);
  });

  it("names file and line for a ragged row", () => {
    expect(() => parseCsv("a,b\n1,2\n3\n", "f.csv")).toThrow("f.csv:3: expected 2 fields");
  });

  it("rejects an empty file and an unterminated quote", () => {
    expect(() => parseCsv("", "e.csv")).toThrow("e.csv: empty file");
    expect(() => parseCsv('a\n"x\n', "q.csv")).toThrow("q.csv:2: unterminated quoted field");
    expect(() => parseCsv('a\n1\n\n"x\ny\n', "q.csv")).toThrow("q.csv:4: unterminated quoted field");
  });

  it("numbers rows by their first line across CRLF, LF and CR ends, quoted line breaks and blank lines", () => {
    const t = parseCsv('a,b\r\n1,"x\r\ny"\n\n2,3\r4,"p\nq\rr"\r\n\r\n5,6', "m.csv");
    expect(t.rows).toEqual([
      ["1", "x\r\ny"],
      ["2", "3"],
      ["4", "p\nq\rr"],
      ["5", "6"],
    ]);
    expect(t.lines).toEqual([2, 5, 6, 10]);
    expect(() => parseCsv("a,b\r1,2\r\r3\r", "c.csv")).toThrow("c.csv:4: expected 2 fields");
  });

  it("keeps a quote inside an unquoted field as text and trims the header", () => {
    const t = parseCsv(" name , height\nbob,5'11\"\n", "h.csv");
    expect(t.header).toEqual(["name", "height"]);
    expect(t.rows).toEqual([["bob", "5'11\""]]);
  });

  it("refuses a row over MAX_CSV_ROW_BYTES by file and line, without quoting it", () => {
    const long = "x".repeat(MAX_CSV_ROW_BYTES + 1);
    const commas = ",".repeat(MAX_CSV_ROW_BYTES + 1);
    // Many short lines inside quotes: each line is short, the row is not.
    const quotedLines = `"${"ab\n".repeat(MAX_CSV_ROW_BYTES / 2)}"`;
    for (const [text, line] of [
      [`a\n1\n${long}\n`, 3],
      [`a\n${commas}\n`, 2],
      [`a\n\n"${long}"\n`, 3],
      [`a\n${quotedLines}\n`, 2],
    ] as const) {
      const error = thrown(() => parseCsv(text, "big.csv"));
      expect(error.message).toBe(`big.csv:${line}: row longer than the limit of ${MAX_CSV_ROW_BYTES} bytes`);
    }
  });
});

describe("readCsv() and readCsvFile()", () => {
  const dir = mkdtempSync(join(tmpdir(), "wallcast-csv-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, content: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const bothRefuse = async (path: string, message: string) => {
    expect(thrown(() => readCsv(path)).message).toBe(`${path}: ${message}`);
    const error = await readCsvFile(path).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(`${path}: ${message}`);
  };

  it("read the same table, streamed or at once, with the rows' first lines", async () => {
    const path = file("ok.csv", '\ufeffk,v\r\na,"1\n2"\r\n\r\nb,3\n');
    const expected: CsvTable = {
      file: path,
      header: ["k", "v"],
      rows: [
        ["a", "1\n2"],
        ["b", "3"],
      ],
      lines: [2, 5],
    };
    expect(readCsv(path)).toEqual(expected);
    expect(await readCsvFile(path)).toEqual(expected);
  });

  it("stream a table larger than one read chunk", async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `${i},"q ${i}\nline"`);
    const path = file("many.csv", `i,s\n${rows.join("\n")}\n`);
    const table = await readCsvFile(path);
    expect(table.rows).toHaveLength(20_000);
    expect(table.rows[19_999]).toEqual(["19999", "q 19999\nline"]);
    expect(table.lines[19_999]).toBe(2 + 2 * 19_999);
    expect(table).toEqual(readCsv(path));
  });

  it("refuse a missing file, a directory, a FIFO, a binary file and a file over MAX_CSV_FILE_BYTES", async () => {
    await bothRefuse(join(dir, "missing.csv"), "cannot read file: ENOENT");
    const sub = join(dir, "sub.csv");
    mkdirSync(sub);
    await bothRefuse(sub, "is a directory, not a CSV file");
    const fifo = join(dir, "fifo.csv");
    execFileSync("mkfifo", [fifo]);
    await bothRefuse(fifo, "not a regular file (a FIFO, socket or device)");
    await bothRefuse(
      file("bin.csv", Buffer.from([0x61, 0x0a, 0x31, 0x00, 0x32])),
      "binary file, not CSV text (NUL byte at byte 3)",
    );
    // Sparse: the size is checked before a byte is read.
    const huge = file("huge.csv", "a\n");
    truncateSync(huge, MAX_CSV_FILE_BYTES + 1);
    await bothRefuse(
      huge,
      `file larger than the limit of ${MAX_CSV_FILE_BYTES} bytes (${MAX_CSV_FILE_BYTES + 1} bytes or more)`,
    );
  });

  it("refuse the 150 MiB line that aborted V8, naming file and line, never the content", async () => {
    const path = file("line.csv", `a\n${"7".repeat(150 * 1024 * 1024)}\n`);
    const message = `${path}:2: row longer than the limit of ${MAX_CSV_ROW_BYTES} bytes`;
    expect(thrown(() => readCsv(path)).message).toBe(message);
    await expect(readCsvFile(path)).rejects.toThrow(message);
    rmSync(path);
  });
});

function thrown(call: () => unknown): InputError {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error("expected an InputError");
}

describe("numericColumn()", () => {
  const t = parseCsv("n,loss\n1,2.5\n2,NaN\n3,-1\n", "d.csv");

  it("names file, line, column and value for a non-finite value", () => {
    expect(() => numericColumn(t, "loss")).toThrow('d.csv:3: loss: not a finite number (got "NaN")');
  });

  it("enforces positivity when asked", () => {
    expect(() => numericColumn(t, "loss", { positive: true, rows: [0, 2] })).toThrow(
      'd.csv:4: loss: must be a positive number (got "-1")',
    );
    expect(Array.from(numericColumn(t, "n", { positive: true }))).toEqual([1, 2, 3]);
  });

  it("lists the columns the file has for an unknown column", () => {
    try {
      numericColumn(t, "size");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as Error).message).toBe('d.csv: unknown column; the file has "n", "loss" (got "size")');
    }
  });
});

describe("filterRows()", () => {
  it("keeps the rows matching every COL=VALUE filter", () => {
    const t = parseCsv("k,s\na,fit\nb,extrapolate\nc,fit\n");
    expect(filterRows(t, [parseFilter("s=fit")])).toEqual([0, 2]);
    expect(filterRows(t, [parseFilter("s=fit"), parseFilter("k=c")])).toEqual([2]);
    expect(() => parseFilter("nope")).toThrow("--where: expected COL=VALUE");
  });
});
