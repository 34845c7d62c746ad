import { describe, expect, it } from "vitest";
import { logistic } from "../../src/util/logistic.js";

describe("logistic()", () => {
  it("is 1/(1 + e^(−z))", () => {
    expect(logistic(0)).toBe(0.5);
    expect(logistic(Math.log(3))).toBeCloseTo(0.75, 15);
    expect(logistic(2)).toBe(1 / (1 + Math.exp(-2)));
    expect(logistic(-2)).toBeCloseTo(1 / (1 + Math.exp(2)), 16);
  });

  it("is symmetric, σ(−z) = 1 − σ(z)", () => {
    for (const z of [0.1, 1, 5, 20]) expect(logistic(-z)).toBeCloseTo(1 - logistic(z), 15);
  });

  it("neither overflows nor underflows to 0 for large |z|", () => {
    expect(logistic(800)).toBe(1);
    expect(logistic(-700)).toBe(Math.exp(-700));
    expect(logistic(-800)).toBe(0);
    expect(logistic(Number.POSITIVE_INFINITY)).toBe(1);
    expect(logistic(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(logistic(Number.NaN)).toBeNaN();
  });
});
