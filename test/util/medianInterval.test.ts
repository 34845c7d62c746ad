import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { medianIntervalLevels } from "../../src/util/medianInterval.js";

describe("medianIntervalLevels()", () => {
  it("puts the levels 1.96 binomial standard deviations either side of ½", () => {
    const [lo, hi] = medianIntervalLevels(100);
    expect(lo).toBeCloseTo(0.402, 12);
    expect(hi).toBeCloseTo(0.598, 12);
    const [lo1000, hi1000] = medianIntervalLevels(1000);
    expect(hi1000 - lo1000).toBeCloseTo(2 * 1.96 * Math.sqrt(0.25 / 1000), 12);
  });

  it("spans every level for a handful of paths", () => {
    expect(medianIntervalLevels(1)).toEqual([0, 1]);
    expect(medianIntervalLevels(3)).toEqual([0, 1]);
  });

  it("narrows as the paths grow, symmetric about ½", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e7 }), (paths) => {
        const [lo, hi] = medianIntervalLevels(paths);
        const [lo2, hi2] = medianIntervalLevels(paths + 1);
        return lo >= 0 && hi <= 1 && Math.abs(lo + hi - 1) < 1e-15 && lo2 >= lo && hi2 <= hi;
      }),
      { seed: 12, numRuns: 200 },
    );
  });

  it("refuses fewer than one path", () => {
    expect(() => medianIntervalLevels(0)).toThrow(RangeError);
    expect(() => medianIntervalLevels(Number.NaN)).toThrow(RangeError);
  });
});
