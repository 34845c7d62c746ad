import { describe, expect, it } from "vitest";
import { givenRevenueFromTargets, quarterlyFromAnnual } from "../../src/calibration/given.js";
import { loadTargets } from "../../src/calibration/targets.js";
import { InputError } from "../../src/util/errors.js";
import { runCentral, small } from "../economy/centralPath.js";

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe("quarterlyFromAnnual()", () => {
  it("adds up to each year's total along an exponential at the growth to the next year", () => {
    const annual = new Map([
      [2023, 1],
      [2024, 3.7],
      [2025, 13.1],
    ]);
    const q = quarterlyFromAnnual(annual, "2023Q1", 12);
    expect(sum(q.slice(0, 4))).toBeCloseTo(1, 12);
    expect(sum(q.slice(4, 8))).toBeCloseTo(3.7, 12);
    expect(sum(q.slice(8, 12))).toBeCloseTo(13.1, 12);
    // Quarter-on-quarter growth within 2023 is the fourth root of 2024 over 2023; 2025 keeps 2024's rate.
    expect(q[1] / q[0]).toBeCloseTo(3.7 ** 0.25, 12);
    expect(q[9] / q[8]).toBeCloseTo((13.1 / 3.7) ** 0.25, 12);
  });

  it("is flat for a single year, NaN in years without a total, and follows a start within the year", () => {
    expect(quarterlyFromAnnual(new Map([[2026, 8]]), "2026Q1", 4)).toEqual([2, 2, 2, 2]);
    const q = quarterlyFromAnnual(new Map([[2026, 8]]), "2025Q4", 6);
    expect(q.map((v) => Number.isNaN(v))).toEqual([true, false, false, false, false, true]);
    expect(() => quarterlyFromAnnual(new Map([[2026, 0]]), "2026Q1", 4)).toThrow(RangeError);
    expect(() => quarterlyFromAnnual(new Map([[2026, 1]]), "2026Q1", -1)).toThrow(RangeError);
  });
});

describe("givenRevenueFromTargets()", () => {
  it("reads a lab's revenue targets, and is an InputError for a lab without any", () => {
    const targets = loadTargets()["backcast-2023"];
    const given = givenRevenueFromTargets(targets, "openai", "2023Q1", 12);
    expect(given.lab).toBe("openai");
    expect(sum(given.usdBPerQuarter.slice(8, 12))).toBeCloseTo(13.1, 12);
    expect(() => givenRevenueFromTargets(targets, "meta-ai", "2023Q1", 12)).toThrow(InputError);
  });
});

describe("a run given a lab's revenue", () => {
  const given = [3, 4.5, 7];
  const over = (quarters: number) => ({ ...small, horizonQuarters: quarters });

  it("earns the given figure every quarter, the other labs scaled with the market at their shares", () => {
    for (let quarters = 1; quarters <= given.length; quarters++) {
      const free = runCentral(over(quarters));
      const conditioned = runCentral(over(quarters), {
        givenRevenue: { lab: "lab-a", usdBPerQuarter: given },
      });
      expect(conditioned.revenue[0]).toBeCloseTo(given[quarters - 1], 12);
      if (quarters === 1)
        expect(conditioned.revenue[1] / conditioned.revenue[0]).toBeCloseTo(
          free.revenue[1] / free.revenue[0],
          12,
        );
    }
  });

  it("leaves a quarter given as NaN, or past the list's end, as modelled", () => {
    const free = runCentral(over(1)).revenue[0];
    expect(
      runCentral(over(1), { givenRevenue: { lab: "lab-a", usdBPerQuarter: [Number.NaN] } }).revenue[0],
    ).toBe(free);
    expect(runCentral(over(1), { givenRevenue: { lab: "lab-a", usdBPerQuarter: [] } }).revenue[0]).toBe(free);
    expect(free).not.toBeCloseTo(given[0], 3);
  });

  it("refuses an entity that is not a lab, or a negative figure", () => {
    expect(() => runCentral(over(1), { givenRevenue: { lab: "hyper", usdBPerQuarter: [1] } })).toThrow(
      /invalid givenRevenue.lab: hyper is not a lab/,
    );
    expect(() => runCentral(over(1), { givenRevenue: { lab: "lab-a", usdBPerQuarter: [-1] } })).toThrow(
      /invalid givenRevenue.usdBPerQuarter\[0\]: -1/,
    );
  });
});
