import { describe, expect, it } from "vitest";
import { erf } from "../../src/util/erf.js";

// Reference values: Python's math.erf (correctly rounded to within an ulp).
const REFERENCE: [number, number][] = [
  [0.1, 0.1124629160182849],
  [0.5, 0.5204998778130465],
  [1, 0.8427007929497149],
  [2, 0.9953222650189527],
  [2.5, 0.999593047982555],
  [3, 0.9999779095030014],
  [4, 0.9999999845827421],
];

describe("erf()", () => {
  it("matches reference values to 1e-15 on both sides of the series/continued-fraction switch", () => {
    for (const [x, y] of REFERENCE) {
      expect(Math.abs(erf(x) - y)).toBeLessThan(1e-15);
      expect(Math.abs(erf(-x) + y)).toBeLessThan(1e-15);
    }
  });

  it("is exact at 0 and the limits, odd, and NaN for NaN", () => {
    expect(erf(0)).toBe(0);
    expect(erf(0.5)).toBe(0.5204998778130465);
    expect(erf(-0.5)).toBe(-erf(0.5));
    expect(erf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(erf(Number.NEGATIVE_INFINITY)).toBe(-1);
    expect(erf(30)).toBe(1);
    expect(erf(Number.NaN)).toBeNaN();
  });

  it("is ±1 from 6 on, as the continued fraction rounds it (its erfc is under 2⁻⁵⁴ there)", () => {
    const continuedFraction = (a: number) => {
      let frac = a;
      for (let k = 60; k >= 1; k--) frac = a + k / 2 / frac;
      return 1 - Math.exp(-a * a) / Math.sqrt(Math.PI) / frac;
    };
    for (let a = 6; a < 40; a += 1e-3) expect(continuedFraction(a)).toBe(1);
    expect(erf(6)).toBe(1);
    expect(erf(-6)).toBe(-1);
  });
});
