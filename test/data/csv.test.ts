import { describe, expect, it } from "vitest";
import { filterRows, numericColumn, parseCsv, parseFilter } from "../../src/data/csv.js";
import { InputError } from "../../src/util/errors.js";

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
  });
});

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
