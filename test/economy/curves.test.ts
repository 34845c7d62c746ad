import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { capabilityAt } from "../../src/economy/capability.js";
import { SHAPE_CODES } from "../../src/economy/model.js";
import { BINS, binOf, histogramQuantile, histogramQuantiles } from "../../src/economy/outputs.js";
import { sinh } from "../../src/util/portable/index.js";

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

/** The quantile by its definition, one level at a time: the first bin whose cumulative count (the uncounted paths
 * in the zero bin) reaches q × total, interpolated linearly in asinh space within it. */
function quantileByDefinition(counts: Int32Array, q: number, paths?: number): number {
  const half = (BINS - 1) / 2;
  const width = 12 / half;
  const counted = counts.reduce((a, b) => a + b, 0);
  const zeros = paths === undefined ? 0 : paths - counted;
  const total = counted + zeros;
  if (total === 0) return Number.NaN;
  let below = 0;
  for (let b = 0; b < BINS; b++) {
    const c = counts[b] + (b === half ? zeros : 0);
    if (c > 0 && below + c >= q * total) {
      if (b === half) return 0;
      const lower = (b > half ? b - half - 1 : b - half) * width;
      return sinh(lower + Math.min(1, Math.max(0, (q * total - below) / c)) * width);
    }
    below += c;
  }
  return sinh(12);
}

describe("histogramQuantiles()", () => {
  const levels = [0, 0.05, 0.25, 0.5, 0.5, 0.75, 0.95, 1];

  it("gives each level's quantile by definition, bit for bit, in one pass", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: BINS - 1 }), fc.integer({ min: 1, max: 50 })), {
          maxLength: 40,
        }),
        fc.integer({ min: 0, max: 200 }),
        (cells, extraZeros) => {
          const counts = new Int32Array(BINS);
          for (const [bin, count] of cells) counts[bin] += count;
          const counted = counts.reduce((a, b) => a + b, 0);
          for (const paths of [undefined, counted + extraZeros]) {
            const out = levels.map(() => -1);
            histogramQuantiles(counts, 0, levels, out, paths);
            expect(out).toEqual(levels.map((q) => quantileByDefinition(counts, q, paths)));
          }
        },
      ),
      { seed: 7, numRuns: 300 },
    );
  });

  it("reads the histogram at its offset, and gives NaN at every level of an empty one", () => {
    const counts = new Int32Array(2 * BINS);
    counts[BINS + binOf(5)] = 3;
    const out = [0, 0];
    histogramQuantiles(counts, BINS, [0.5, 0.95], out, 4);
    expect(out[0]).toBeCloseTo(histogramQuantile(counts.subarray(BINS), 0, 0.5, 4), 15);
    expect(out[0]).toBeGreaterThan(4.5);
    histogramQuantiles(counts, 0, [0.5, 0.95], out);
    expect(out).toEqual([Number.NaN, Number.NaN]);
  });
});
