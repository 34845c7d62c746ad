import { describe, expect, it } from "vitest";
import {
  independentDifferenceInterval,
  pairedDifferenceInterval,
} from "../../src/util/pairedDifferenceInterval.js";

describe("pairedDifferenceInterval()", () => {
  it("agrees with the Wald interval of a paired difference on many paths: 400 both, 60 and 30 one only, 510 neither", () => {
    // Wald: (60 − 30)/1000 ± 1.96·√(90 − 30²/1000)/1000 = 0.03 ± 0.0185.
    const [lo, hi] = pairedDifferenceInterval(400, 60, 30, 510);
    expect(lo).toBeCloseTo(0.0115, 2);
    expect(hi).toBeCloseTo(0.0485, 2);
    expect(lo).toBeLessThan(0.03);
    expect(hi).toBeGreaterThan(0.03);
  });

  it("is narrow when every path agrees and as wide as independent runs when the outcomes are uncorrelated", () => {
    const [lo, hi] = pairedDifferenceInterval(300, 0, 0, 700);
    const [ilo, ihi] = independentDifferenceInterval(0.3, 0.3, 1000);
    expect(lo).toBeLessThanOrEqual(0);
    expect(hi).toBeGreaterThanOrEqual(0);
    expect(hi - lo).toBeLessThan((ihi - ilo) / 10);
    // 25 · 25 − 25 · 25 = 0: no correlation between the two outcomes, so φ = 0 and pairing gains nothing.
    expect(pairedDifferenceInterval(25, 25, 25, 25)).toEqual(independentDifferenceInterval(0.5, 0.5, 100));
  });

  it("stays inside [−1, 1] at the extremes and rejects bad counts", () => {
    const [lo, hi] = pairedDifferenceInterval(0, 10, 0, 0);
    expect(hi).toBe(1);
    expect(lo).toBeGreaterThan(0.5);
    expect(lo).toBeLessThan(1);
    expect(() => pairedDifferenceInterval(-1, 2, 3, 4)).toThrow(RangeError);
    expect(() => pairedDifferenceInterval(1.5, 2, 3, 4)).toThrow(RangeError);
    expect(() => pairedDifferenceInterval(0, 0, 0, 0)).toThrow(RangeError);
  });
});
