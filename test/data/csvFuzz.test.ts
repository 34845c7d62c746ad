import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CsvTable, parseCsv } from "../../src/data/csv.js";
import { InputError } from "../../src/util/errors.js";
import { MAX_CSV_ROW_BYTES } from "../../src/util/limits.js";

const SEED = 20260421;
const RUNS = 300;

/** parseCsv's outcome: a well-formed table, or an InputError that names the file; anything else fails the test. */
function outcome(text: string): CsvTable | InputError {
  try {
    const table = parseCsv(text, "fuzz.csv");
    expect(table.rows.length).toBe(table.lines.length);
    for (let r = 0; r < table.rows.length; r++) {
      expect(table.rows[r]).toHaveLength(table.header.length);
      if (r > 0) expect(table.lines[r]).toBeGreaterThan(table.lines[r - 1]);
    }
    return table;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    expect(error.issues[0].file).toBe("fuzz.csv");
    return error;
  }
}

const VALID = 'name,value,note\r\nalpha,1,"a, b"\nbeta,2,"say ""hi""\nthere"\n\ngamma,3,plain\n';

/** Edits that break a valid table the ways real files break. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant("delete-quote" as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant("insert" as const),
    at: fc.nat(),
    text: fc.constantFrom('"', "\r", "\n", "\r\n", "\0", ",", '""'),
  }),
  fc.record({ kind: fc.constant("line-ends" as const), end: fc.constantFrom("\r\n", "\r", "\n") }),
  fc.record({
    kind: fc.constant("long-field" as const),
    at: fc.nat(),
    length: fc.integer({ min: 1000, max: MAX_CSV_ROW_BYTES + 1000 }),
  }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function apply(text: string, m: Mutation): string {
  switch (m.kind) {
    case "delete-quote": {
      const quotes = [...text.matchAll(/"/g)].map((x) => x.index);
      if (quotes.length === 0) return text;
      const at = quotes[m.at % quotes.length];
      return text.slice(0, at) + text.slice(at + 1);
    }
    case "insert": {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case "line-ends":
      return text.replace(/\r\n|\r|\n/g, m.end);
    case "long-field": {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + "x".repeat(m.length) + text.slice(at);
    }
  }
}

describe("parseCsv() under fuzzing", () => {
  it("turns arbitrary text into a table or an InputError", () => {
    const text = fc.oneof(
      fc.string({ unit: "binary", maxLength: 200 }),
      fc.string({ unit: fc.constantFrom("a", ",", '"', "\r", "\n", " ", "\0", "\ufeff"), maxLength: 200 }),
    );
    fc.assert(
      fc.property(text, (t) => {
        outcome(t);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("turns any mix of quote, line-end, NUL and long-field edits of a valid table into a table or an InputError", () => {
    expect(outcome(VALID)).toMatchObject({ header: ["name", "value", "note"], lines: [2, 3, 6] });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (edits) => {
        outcome(edits.reduce(apply, VALID));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("reads back any table it is given, whatever the fields hold", () => {
    const field = fc.string({ unit: fc.constantFrom("a", "b", ",", '"', "\n", "\r\n", " "), maxLength: 12 });
    const quote = (f: string) => `"${f.replaceAll('"', '""')}"`;
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 4 })
          .chain((width) =>
            fc.array(fc.array(field, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 8 }),
          ),
        fc.constantFrom("\n", "\r\n"),
        (records, end) => {
          const header = records[0].map((_, c) => `c${c}`);
          const text = [header, ...records].map((r) => r.map(quote).join(",")).join(end) + end;
          const table = parseCsv(text, "t.csv");
          expect(table.header).toEqual(header);
          expect(table.rows).toEqual(records);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
