import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { capabilityAt } from "../../src/economy/capability.js";
import { SHAPE_CODES } from "../../src/economy/model.js";
import { BINS, binOf, histogramQuantile } from "../../src/economy/outputs.js";

const base = { slope: 2, ceiling: 3, breakOom: 1, slopeAfter: 0.5, topOom: 4 };

describe("capabilityAt()", () => {
  it("continues linearly, saturates at the ceiling, breaks its slope, and tops out on the s-curve", () => {
    expect(capabilityAt({ ...base, shape: SHAPE_CODES.continues }, 1.5)).toBe(3);
    const ceiling = { ...base, shape: SHAPE_CODES.ceiling };
    expect(capabilityAt(ceiling, 0)).toBe(0);
    expect(capabilityAt(ceiling, 1e-6) / 1e-6).toBeCloseTo(2, 4);
    expect(capabilityAt(ceiling, 50)).toBeCloseTo(3, 10);
    const broken = { ...base, shape: SHAPE_CODES.broken };
    expect(capabilityAt(broken, 1)).toBe(2);
    expect(capabilityAt(broken, 3)).toBe(3);
    const s = { ...base, shape: SHAPE_CODES["s-curve"] };
    expect(capabilityAt(s, 0)).toBe(0);
    // 95% of the logistic at topOom, rescaled so that 0 maps to 0: (0.95 − 0.05)/(1 − 0.05) of the ceiling.
    expect(capabilityAt(s, 4)).toBeCloseTo((3 * 0.9) / 0.95, 10);
    expect(capabilityAt(s, 40)).toBeCloseTo(3, 6);
  });

  it("is non-decreasing in effective compute for every shape", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0, 1, 2, 3),
        fc.double({ min: -3, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 3, noNaN: true }),
        (shape, x, step) =>
          capabilityAt({ ...base, shape }, x + step) >= capabilityAt({ ...base, shape }, x) - 1e-12,
      ),
      { seed: 42, numRuns: 500 },
    );
  });
});

describe("histogramQuantile()", () => {
  it("recovers quantiles of a known sample within the bin resolution and keeps exact zeros", () => {
    const counts = new Int32Array(BINS);
    const n = 10_000;
    for (let k = 0; k < n; k++) counts[binOf(1 + (99 * (k + 0.5)) / n)]++;
    expect(histogramQuantile(counts, 0, 0.5)).toBeCloseTo(50.5, -1);
    expect(Math.abs(histogramQuantile(counts, 0, 0.5) / 50.5 - 1)).toBeLessThan(0.04);
    expect(Math.abs(histogramQuantile(counts, 0, 0.05) / 5.95 - 1)).toBeLessThan(0.04);
    const zeros = new Int32Array(BINS);
    zeros[binOf(0)] = 7;
    zeros[binOf(-3)] = 2;
    expect(histogramQuantile(zeros, 0, 0.5)).toBe(0);
    expect(histogramQuantile(zeros, 0, 0.1)).toBeLessThan(-2.7);
    expect(histogramQuantile(new Int32Array(BINS), 0, 0.5)).toBeNaN();
    expect(binOf(Number.POSITIVE_INFINITY)).toBe(BINS - 1);
    expect(binOf(Number.NEGATIVE_INFINITY)).toBe(0);
  });
});
