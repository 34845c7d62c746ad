import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { factorGroup } from "../../src/scenario/sensitivity/groups.js";
import { morrisDesign, morrisIndices } from "../../src/scenario/sensitivity/morris.js";
import { leadIsClear, sobolDesign, sobolIndices } from "../../src/scenario/sensitivity/sobol.js";
import {
  type Factor,
  scaleToFactors,
  tornadoBars,
  tornadoDesign,
} from "../../src/scenario/sensitivity/tornado.js";

// Ishigami–Homma (1990) with a = 7, b = 0.1 on [−π, π]³: the standard Sobol test function.
const ISHIGAMI: Factor[] = ["x1", "x2", "x3"].map((name) => ({
  name,
  low: -Math.PI,
  base: 0,
  high: Math.PI,
}));
function ishigami(x: ArrayLike<number>): number {
  return Math.sin(x[0]) + 7 * Math.sin(x[1]) ** 2 + 0.1 * x[2] ** 4 * Math.sin(x[0]);
}
// Analytic indices (Saltelli et al. 2008, Global Sensitivity Analysis: The Primer, §4.6 / Table 4.1 values).
const V = 49 / 8 + (0.1 * Math.PI ** 4) / 5 + (0.01 * Math.PI ** 8) / 18 + 0.5;
const V1 = 0.5 * (1 + (0.1 * Math.PI ** 4) / 5) ** 2;
const V2 = 49 / 8;
const V13 = ((8 * 0.01 * Math.PI ** 8) / 225) * 1;
const S = [V1 / V, V2 / V, 0];
const ST = [(V1 + V13) / V, V2 / V, V13 / V];

describe("sobolIndices()", () => {
  it("recovers the Ishigami first-order and total indices (0.314, 0.442, 0; 0.558, 0.442, 0.244)", () => {
    expect(S[0]).toBeCloseTo(0.3139, 3);
    expect(ST[2]).toBeCloseTo(0.2437, 3);
    const design = sobolDesign(3, { samples: 8192, seed: 42 });
    const outputs = design.points.map((u) => ishigami(scaleToFactors(ISHIGAMI, u)));
    const result = sobolIndices(design, outputs, 100);
    expect(result.rows).toBe(8192);
    expect(result.variance).toBeCloseTo(V, 0);
    for (let i = 0; i < 3; i++) {
      expect(Math.abs(result.indices[i].first - S[i])).toBeLessThan(0.04);
      expect(Math.abs(result.indices[i].total - ST[i])).toBeLessThan(0.04);
      const [lo, hi] = result.indices[i].totalInterval;
      expect(lo).toBeLessThanOrEqual(result.indices[i].total);
      expect(hi).toBeGreaterThanOrEqual(result.indices[i].total);
    }
  });

  it("gives a purely additive function first-order = total indices proportional to each term's variance", () => {
    const design = sobolDesign(2, { samples: 4096, seed: 1 });
    // f = u1 + 2 u2: variances 1/12 and 4/12, so S = (0.2, 0.8); no interactions so S_T = S.
    const outputs = design.points.map((u) => u[0] + 2 * u[1]);
    const { indices } = sobolIndices(design, outputs, 0);
    expect(indices[0].first).toBeCloseTo(0.2, 1);
    expect(indices[1].first).toBeCloseTo(0.8, 1);
    expect(indices[0].total).toBeCloseTo(0.2, 1);
    expect(indices[1].total).toBeCloseTo(0.8, 1);
  });

  it("leaves rows with a non-finite output out, and gives NaN for a constant output", () => {
    const design = sobolDesign(2, { samples: 50, seed: 3 });
    const outputs = design.points.map((u, j) => (j === 0 ? Number.NaN : u[0]));
    expect(sobolIndices(design, outputs, 0).rows).toBe(49);
    const flat = sobolIndices(design, new Float64Array(design.points.length).fill(2), 0);
    expect(Number.isNaN(flat.indices[0].first)).toBe(true);
  });

  it("tells a clear lead from one within the bootstrap intervals", () => {
    const at = (lo: number, hi: number) => ({ totalInterval: [lo, hi] as [number, number] });
    expect(leadIsClear([at(0.5, 0.9), at(0.1, 0.4)])).toBe(true);
    expect(leadIsClear([at(0.5, 0.9), at(0.1, 0.5)])).toBe(false);
    expect(leadIsClear([at(0.5, 0.9)])).toBe(true);
    expect(leadIsClear([])).toBe(true);
  });

  it("is reproducible for a seed and rejects bad sizes", () => {
    expect(sobolDesign(3, { samples: 4, seed: 9 }).points).toEqual(
      sobolDesign(3, { samples: 4, seed: 9 }).points,
    );
    expect(() => sobolDesign(0)).toThrow(RangeError);
    expect(() => sobolDesign(2, { samples: 1 })).toThrow(RangeError);
    expect(() => sobolIndices(sobolDesign(2, { samples: 4 }), [1, 2, 3])).toThrow(RangeError);
  });
});

describe("grouped Sobol indices", () => {
  it("apportion the variance to groups of factors swapped together: f = u1 + u2 + 10 u3, groups {1, 2} and {3}", () => {
    // Variances 1/12, 1/12 and 100/12: the groups carry 2/102 and 100/102, additively (first = total).
    const design = sobolDesign(3, { samples: 4096, seed: 5, groups: [0, 0, 1] });
    expect(design.blocks).toBe(2);
    expect(design.points).toHaveLength(4096 * 4);
    const outputs = design.points.map((u) => u[0] + u[1] + 10 * u[2]);
    const { indices } = sobolIndices(design, outputs, 0);
    expect(indices).toHaveLength(2);
    expect(indices[0].total).toBeCloseTo(2 / 102, 2);
    expect(indices[1].total).toBeCloseTo(100 / 102, 1);
    expect(indices[1].first).toBeCloseTo(100 / 102, 1);
    expect(() => sobolDesign(3, { groups: [0, 2, 2] })).toThrow(RangeError);
    expect(() => sobolDesign(3, { groups: [0, 1] })).toThrow(RangeError);
  });

  it("sort a scenario's numbers into the parts of the model", () => {
    expect(factorGroup("world.capability.breakOom")).toBe("capability");
    expect(factorGroup("world.efficiency.growthPerYear")).toBe("capability");
    expect(factorGroup("world.revenue.capabilityElasticity")).toBe("revenue");
    expect(factorGroup("world.gpu.rentalYieldPerYear")).toBe("costs");
    expect(factorGroup("world.clearing.alpha")).toBe("credit");
    expect(factorGroup("entities.openai.cash")).toBe("balance sheets");
    expect(factorGroup("entities.openai.share")).toBe("revenue");
    expect(factorGroup("entities.coreweave.assetVolatility")).toBe("credit");
    expect(factorGroup("entities.openai.marketValueUsdB")).toBe("market");
    expect(factorGroup("contracts.openai-oracle.totalUsdB")).toBe("contracts");
    expect(factorGroup("events.deepseek-moment.multiplier")).toBe("events");
    expect(() => factorGroup("world.nope.x")).toThrow(RangeError);
  });
});

describe("morrisIndices()", () => {
  it("gives a linear function's coefficients as μ = μ* with σ = 0", () => {
    const a = [3, -2, 0, 0.5];
    const design = morrisDesign(4, { trajectories: 12, levels: 4, seed: 42 });
    const outputs = design.points.map((u) => a.reduce((s, ai, i) => s + ai * u[i], 0));
    const indices = morrisIndices(design, outputs);
    for (let i = 0; i < 4; i++) {
      expect(indices[i].mu).toBeCloseTo(a[i], 12);
      expect(indices[i].muStar).toBeCloseTo(Math.abs(a[i]), 12);
      expect(indices[i].sigma).toBeCloseTo(0, 12);
      expect(indices[i].effects).toBe(12);
    }
  });

  it("screens Ishigami: x1 first by μ*, x2's effects cancel in μ, x3 acts through interaction (σ > μ*)", () => {
    const design = morrisDesign(3, { trajectories: 60, levels: 6, seed: 7 });
    const outputs = design.points.map((u) => ishigami(scaleToFactors(ISHIGAMI, u)));
    const [m1, m2, m3] = morrisIndices(design, outputs);
    // x2 enters as sin², whose elementary effects cancel in μ but not in μ*.
    expect(Math.abs(m2.mu)).toBeLessThan(m2.muStar);
    expect(m1.muStar).toBeGreaterThan(Math.max(m2.muStar, m3.muStar));
    expect(Math.abs(m2.mu)).toBeLessThan(0.2 * m2.muStar);
    // x3 matters only through x3⁴·sin x1: its effects swing both ways, so σ exceeds μ*.
    expect(m3.sigma).toBeGreaterThan(m3.muStar);
  });

  it("keeps every point in the unit cube and moves one factor by ±Δ per step", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer(),
        (k, r, seed) => {
          const d = morrisDesign(k, { trajectories: r, levels: 4, seed });
          expect(d.points.length).toBe(r * (k + 1));
          for (let t = 0; t < r; t++) {
            const moved = new Set<number>();
            for (let j = 0; j < k; j++) {
              const a = d.points[t * (k + 1) + j];
              const b = d.points[t * (k + 1) + j + 1];
              let diffs = 0;
              for (let i = 0; i < k; i++) {
                expect(b[i]).toBeGreaterThanOrEqual(0);
                expect(b[i]).toBeLessThanOrEqual(1);
                if (a[i] !== b[i]) {
                  diffs++;
                  expect(Math.abs(b[i] - a[i])).toBeCloseTo(d.delta, 12);
                }
              }
              expect(diffs).toBe(1);
              moved.add(d.changed[t * k + j]);
            }
            expect(moved.size).toBe(k);
          }
        },
      ),
      { seed: 42, numRuns: 50 },
    );
  });

  it("skips non-finite effects and rejects bad options", () => {
    const d = morrisDesign(2, { trajectories: 2, seed: 1 });
    const out = d.points.map(() => Number.NaN);
    expect(morrisIndices(d, out)[0].effects).toBe(0);
    expect(() => morrisDesign(2, { levels: 3 })).toThrow(RangeError);
    expect(() => morrisDesign(2, { trajectories: 0 })).toThrow(RangeError);
  });
});

describe("tornadoBars()", () => {
  it("varies one factor at a time and sorts the bars by swing", () => {
    const factors: Factor[] = [
      { name: "a", low: 0, base: 1, high: 2 },
      { name: "b", low: -1, base: 0, high: 1 },
    ];
    const points = tornadoDesign(factors);
    expect(points.map((p) => Array.from(p))).toEqual([
      [1, 0],
      [0, 0],
      [2, 0],
      [1, -1],
      [1, 1],
    ]);
    const { base, bars } = tornadoBars(
      factors,
      points.map((x) => x[0] + 5 * x[1]),
    );
    expect(base).toBe(1);
    expect(bars.map((b) => b.factor)).toEqual(["b", "a"]);
    expect(bars[0]).toMatchObject({ outputLow: -4, outputHigh: 6, swing: 10 });
    expect(bars[1].swing).toBe(2);
  });

  it("rejects a base outside its range, a non-finite bound and duplicate names", () => {
    expect(() => tornadoDesign([{ name: "a", low: 0, base: 3, high: 2 }])).toThrow(RangeError);
    expect(() => tornadoDesign([{ name: "a", low: 0, base: 1, high: Number.POSITIVE_INFINITY }])).toThrow(
      RangeError,
    );
    const f = { name: "a", low: 0, base: 1, high: 2 };
    expect(() => tornadoDesign([f, f])).toThrow(RangeError);
    expect(tornadoDesign([])).toHaveLength(1);
  });
});
