import { describe, expect, it } from "vitest";
import { quantileSorted } from "../../src/util/quantile.js";

describe("quantileSorted()", () => {
  it("interpolates linearly at (n − 1)·q (type 7, NumPy's default)", () => {
    expect(quantileSorted([1, 2, 3, 4], 0)).toBe(1);
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 1)).toBe(4);
    expect(quantileSorted([0, 10], 0.25)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 5], 0.75)).toBe(3.5);
    // numpy.percentile([1, 2, 3, 4], [2.5, 97.5]) = [1.075, 3.925]
    expect(quantileSorted([1, 2, 3, 4], 0.025)).toBeCloseTo(1.075, 15);
    expect(quantileSorted([1, 2, 3, 4], 0.975)).toBeCloseTo(3.925, 15);
  });

  it("takes typed arrays, gives the value of a single element and NaN for none", () => {
    expect(quantileSorted(Float64Array.of(-3, 0, 3), 0.5)).toBe(0);
    expect(quantileSorted([7], 0.3)).toBe(7);
    expect(quantileSorted([], 0.5)).toBeNaN();
  });

  it("refuses q outside [0, 1]", () => {
    for (const q of [-0.1, 1.1, Number.NaN]) expect(() => quantileSorted([1, 2], q)).toThrow(RangeError);
  });
});
