import { describe, expect, it } from "vitest";
import { quarterDecimalYear, quarterIndex, quarterLabel, quarterYear } from "../../src/util/quarter.js";

describe("quarters", () => {
  it("quarterIndex() counts quarters from year 0", () => {
    expect(quarterIndex("2026Q1")).toBe(8104);
    expect(quarterIndex("2026Q2")).toBe(8105);
    expect(quarterIndex("2035Q4")).toBe(8143);
    expect(quarterIndex("2027Q1") - quarterIndex("2026Q4")).toBe(1);
  });

  it("quarterLabel() inverts quarterIndex()", () => {
    expect(quarterLabel(8105)).toBe("2026Q2");
    expect(quarterLabel(8107)).toBe("2026Q4");
    expect(quarterLabel(8108)).toBe("2027Q1");
    for (const label of ["1999Q4", "2026Q1", "2026Q3", "2100Q2"])
      expect(quarterLabel(quarterIndex(label))).toBe(label);
  });

  it("quarterYear() is the calendar year, quarterDecimalYear() a point within the quarter", () => {
    expect(quarterYear(8104)).toBe(2026);
    expect(quarterYear(8107)).toBe(2026);
    expect(quarterYear(8108)).toBe(2027);
    expect(quarterDecimalYear(8104)).toBe(2026);
    expect(quarterDecimalYear(8105)).toBe(2026.25);
    expect(quarterDecimalYear(8105, 0.5)).toBe(2026.375);
    expect(quarterDecimalYear(8107, 1)).toBe(2027);
  });

  it("refuses malformed labels, indices and fractions", () => {
    for (const label of ["2026Q0", "2026Q5", "2026-Q1", "26Q1", "2026q1", " 2026Q1", ""])
      expect(() => quarterIndex(label)).toThrow(RangeError);
    for (const index of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => quarterLabel(index)).toThrow(RangeError);
      expect(() => quarterYear(index)).toThrow(RangeError);
      expect(() => quarterDecimalYear(index)).toThrow(RangeError);
    }
    for (const fraction of [-0.1, 1.1, Number.NaN])
      expect(() => quarterDecimalYear(8104, fraction)).toThrow(RangeError);
  });
});
