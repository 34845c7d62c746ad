import { describe, expect, it } from "vitest";
import {
  incompleteBeta,
  logGamma,
  normalQuantile,
  studentTCdf,
  studentTQuantile,
} from "../../src/forecast/distributions.js";

// Reference values from SciPy 1.x (scipy.stats.t, scipy.special.betainc/gammaln, scipy.stats.norm).
describe("studentTQuantile()", () => {
  it("matches SciPy's t.ppf, including the S6 critical value t(0.95, 426)", () => {
    const cases: Array<[number, number, number]> = [
      [0.95, 426, 1.6484383884061973],
      [0.95, 1, 6.313751514675037],
      [0.95, 2, 2.9199855803537242],
      [0.975, 10, 2.228138851986274],
      [0.999, 3, 10.214531852407383],
      [0.05, 426, -1.6484383884061977],
      [0.9, 0.5, 10.27032441023451],
    ];
    for (const [p, df, expected] of cases) {
      expect(studentTQuantile(p, df)).toBeCloseTo(expected, 9);
    }
  });

  it("inverts studentTCdf and handles the ends of [0, 1]", () => {
    for (const df of [1, 3, 30, 1000]) {
      for (const p of [0.01, 0.3, 0.5, 0.77, 0.999]) {
        expect(studentTCdf(studentTQuantile(p, df), df)).toBeCloseTo(p, 12);
      }
    }
    expect(studentTQuantile(0, 5)).toBe(Number.NEGATIVE_INFINITY);
    expect(studentTQuantile(1, 5)).toBe(Number.POSITIVE_INFINITY);
    expect(() => studentTQuantile(1.5, 5)).toThrow(RangeError);
    expect(() => studentTQuantile(0.5, 0)).toThrow(RangeError);
    expect(() => studentTQuantile(Number.NaN, 5)).toThrow(RangeError);
  });
});

describe("studentTCdf()", () => {
  it("matches SciPy's t.cdf", () => {
    expect(studentTCdf(2, 5)).toBeCloseTo(0.9490302605850708, 12);
    expect(studentTCdf(-1.5, 3)).toBeCloseTo(0.11529193262241147, 12);
    expect(studentTCdf(0.3, 100)).toBeCloseTo(0.6176000598498482, 12);
    expect(studentTCdf(10, 2)).toBeCloseTo(0.9950737714883372, 12);
    expect(studentTCdf(Number.POSITIVE_INFINITY, 2)).toBe(1);
    expect(studentTCdf(Number.NEGATIVE_INFINITY, 2)).toBe(0);
    expect(studentTCdf(Number.NaN, 2)).toBeNaN();
  });
});

describe("incompleteBeta() and logGamma()", () => {
  it("match SciPy's betainc and gammaln", () => {
    expect(incompleteBeta(0.3, 2, 3)).toBeCloseTo(0.3483, 13);
    expect(incompleteBeta(0.9, 0.5, 0.5)).toBeCloseTo(0.7951672353008665, 12);
    expect(incompleteBeta(0.01, 10, 2) / 1.0900000000000003e-19).toBeCloseTo(1, 10);
    expect(incompleteBeta(0, 2, 3)).toBe(0);
    expect(incompleteBeta(1, 2, 3)).toBe(1);
    expect(logGamma(0.5)).toBeCloseTo(0.5723649429247, 12);
    expect(logGamma(1)).toBeCloseTo(0, 13);
    expect(logGamma(4.5)).toBeCloseTo(2.4537365708424423, 12);
    expect(logGamma(100)).toBeCloseTo(359.1342053695754, 10);
    expect(logGamma(1e-5)).toBeCloseTo(11.512919692895826, 9);
    expect(() => logGamma(0)).toThrow(RangeError);
  });
});

describe("normalQuantile()", () => {
  it("matches SciPy's norm.ppf within Acklam's documented relative error 1.2e-9", () => {
    const cases: Array<[number, number]> = [
      [0.001, -3.090232306167813],
      [0.05, -1.6448536269514729],
      [0.5, 0],
      [0.95, 1.6448536269514722],
      [0.999999, 4.753424308817087],
    ];
    for (const [p, expected] of cases) {
      expect(Math.abs(normalQuantile(p) - expected)).toBeLessThanOrEqual(1.2e-9 * Math.abs(expected));
    }
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(() => normalQuantile(-0.1)).toThrow(RangeError);
  });
});
