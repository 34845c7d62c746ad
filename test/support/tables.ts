/** Helpers for tests that compare rebuilt data files with the pinned ones. */
import { createHash } from "node:crypto";
import { expect } from "vitest";
import { parseCsv } from "../../src/data/csv.js";

/** Lower-case hex sha256 of `bytes`. */
export function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Same header, same rows in order; cells that are numbers equal as numbers, others equal as text. */
export function expectSameTable(actual: Buffer, expected: Buffer, label: string): void {
  const a = parseCsv(actual.toString("utf8"), label);
  const e = parseCsv(expected.toString("utf8"), label);
  expect(a.header).toEqual(e.header);
  expect(a.rows.length).toBe(e.rows.length);
  const asValue = (cell: string) =>
    cell.trim() !== "" && Number.isFinite(Number(cell)) ? Number(cell) : cell;
  for (let i = 0; i < e.rows.length; i++) {
    expect({ label, row: i + 1, cells: a.rows[i].map(asValue) }).toEqual({
      label,
      row: i + 1,
      cells: e.rows[i].map(asValue),
    });
  }
}

/** The error `fn` throws (failing the test when it throws none). */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}
