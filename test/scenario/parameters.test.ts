import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { betaQuantile, drawFromNormal, normalCdf } from "../../src/scenario/distributions.js";
import { loadScenario, parseScenario } from "../../src/scenario/loader.js";
import {
  compileParameters,
  fixParameters,
  parameterPaths,
  sampleParameters,
  withFullUncertainty,
  withParameter,
} from "../../src/scenario/parameters.js";
import { withValues } from "../../src/scenario/sensitivity/factors.js";
import { randomStream } from "../../src/util/random.js";

const FIXTURE = fileURLToPath(new URL("../economy/fixtures/small.yaml", import.meta.url));
const scenario = parseScenario(readFileSync(FIXTURE, "utf8"), FIXTURE);

describe("distributions", () => {
  it("normalCdf() matches tabulated values", () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959963985)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.158655254, 6);
  });

  it("betaQuantile() inverts Beta(2, 2) (median 0.5) and Beta(1, 1) (identity)", () => {
    expect(betaQuantile(0.5, 2, 2)).toBeCloseTo(0.5, 10);
    expect(betaQuantile(0.3, 1, 1)).toBeCloseTo(0.3, 10);
    // Beta(2, 1) has CDF x²: the 0.25-quantile is 0.5.
    expect(betaQuantile(0.25, 2, 1)).toBeCloseTo(0.5, 10);
  });

  it("drawFromNormal() gives each distribution's median at z = 0 and stays in its support", () => {
    expect(drawFromNormal({ kind: "triangular", lo: 0, mode: 0, hi: 1 }, 0)).toBeCloseTo(1 - Math.SQRT1_2, 6);
    expect(drawFromNormal({ kind: "lognormal", median: 3, sigma: 0.5 }, 0)).toBe(3);
    expect(drawFromNormal({ kind: "uniform", lo: 2, hi: 4 }, 0)).toBeCloseTo(3, 7);
    expect(drawFromNormal({ kind: "beta", alpha: 2, beta: 2, lo: 10, hi: 20 }, 8)).toBeLessThanOrEqual(20);
  });
});

describe("compileParameters()", () => {
  it("addresses every number by a parameter path", () => {
    const paths = parameterPaths(scenario);
    expect(paths).toContain("world.revenue.bassQ");
    expect(paths).toContain("entities.lab-a.cash");
    expect(paths).toContain("contracts.neo-loan.rateAnnual");
    expect(paths).toContain("events.deepseek.multiplier");
  });

  it("draws correlated parameters through the Gaussian copula with the asked rank correlation", () => {
    const table = compileParameters(scenario);
    const a = table.index.get("world.revenue.volatility") as number;
    const b = table.index.get("world.gpu.economicDepreciationPerYear") as number;
    const theta = new Float64Array(table.paths.length);
    const z = new Float64Array(2 * table.random.length);
    const rng = randomStream(7);
    const xs: number[] = [];
    const ys: number[] = [];
    for (let k = 0; k < 4000; k++) {
      sampleParameters(table, rng, theta, z);
      xs.push(theta[a]);
      ys.push(theta[b]);
      expect(theta[b]).toBeGreaterThanOrEqual(0.3);
      expect(theta[b]).toBeLessThanOrEqual(0.4);
    }
    // Spearman ρ_s = (6/π)·asin(ρ/2) for a Gaussian copula: 0.4826 at ρ = 0.5.
    expect(spearman(xs, ys)).toBeCloseTo((6 / Math.PI) * Math.asin(0.25), 1);
    expect(theta[table.index.get("entities.lab-a.cash") as number]).toBe(40);
  });

  it("factors the default's correlation matrix under full uncertainty: L·Lᵀ gives back every rho and the identity elsewhere", async () => {
    const full = withFullUncertainty(await loadScenario("default"));
    const table = compileParameters(full);
    const m = table.random.length;
    expect(m).toBeGreaterThan(100);
    const { rowStart, column, value } = table.cholesky;
    const dense = new Float64Array(m * m);
    for (let r = 0; r < m; r++)
      for (let q = rowStart[r]; q < rowStart[r + 1]; q++) dense[r * m + column[q]] = value[q];
    const position = new Map(Array.from(table.random, (slot, r) => [slot, r]));
    const expected = new Float64Array(m * m);
    for (let r = 0; r < m; r++) expected[r * m + r] = 1;
    for (const c of full.correlations) {
      const i = position.get(table.index.get(c.a) as number) as number;
      const j = position.get(table.index.get(c.b) as number) as number;
      expected[i * m + j] = expected[j * m + i] = c.rho.value as number;
    }
    expect(full.correlations.length).toBeGreaterThan(0);
    let worst = 0;
    for (let i = 0; i < m; i++)
      for (let j = 0; j <= i; j++) {
        let product = 0;
        for (let k = 0; k <= j; k++) product += dense[i * m + k] * dense[j * m + k];
        worst = Math.max(worst, Math.abs(product - expected[i * m + j]));
      }
    expect(worst).toBeLessThan(1e-12);
  });

  it("fixParameters() gives the table of the scenario compiled with those numbers fixed, bit for bit", async () => {
    const full = withFullUncertainty(await loadScenario("default"));
    const table = compileParameters(full);
    const correlated = full.correlations[0];
    const whole = table.paths.find(
      (path) => table.domains[table.index.get(path) as number].integer,
    ) as string;
    const uncorrelated = table.paths.find(
      (path, slot) =>
        table.random.includes(slot) && !full.correlations.some((c) => c.a === path || c.b === path),
    ) as string;
    // A correlated number, a whole number given a fraction (rounded), and one beyond its domain (clamped).
    const paths = [correlated.a, whole, uncorrelated];
    const values = [0.123, 7.6, -1e9];
    const fixed = fixParameters(table, paths, values);
    expect(fixed).toEqual(compileParameters(withValues(full, paths, values)));
    expect(fixed.random.length).toBe(
      table.random.length - paths.filter((p) => table.random.includes(table.index.get(p) as number)).length,
    );
    expect(fixed.correlations.length).toBeLessThan(table.correlations.length);
    expect(fixed.central[table.index.get(whole) as number]).toBe(8);
    // The table fixed from is left as it was.
    expect(table).toEqual(compileParameters(full));
    expect(() => fixParameters(table, ["world.nope"], [1])).toThrow(RangeError);
    expect(() => fixParameters(table, [whole], [Number.NaN])).toThrow(RangeError);
    expect(() => fixParameters(table, [whole], [1, 2])).toThrow(RangeError);
  });

  it("withParameter() fixes one number and drops its correlations", () => {
    const fixed = withParameter(scenario, "world.gpu.economicDepreciationPerYear", 0.5);
    expect(fixed.world.gpu.economicDepreciationPerYear.value).toBe(0.5);
    expect(fixed.world.gpu.economicDepreciationPerYear.dist).toBeUndefined();
    expect(fixed.correlations).toHaveLength(0);
    expect(compileParameters(fixed).random).toHaveLength(1);
    expect(() => withParameter(scenario, "world.nope", 1)).toThrow(RangeError);
    expect(() => withParameter(scenario, "entities.lab-a.share", 2)).toThrow(RangeError);
  });
});

function ranks(v: number[]): number[] {
  const order = v.map((x, i) => [x, i] as const).sort((p, q) => p[0] - q[0]);
  const r = new Array<number>(v.length);
  order.forEach(([, i], k) => {
    r[i] = k;
  });
  return r;
}

function spearman(x: number[], y: number[]): number {
  const rx = ranks(x);
  const ry = ranks(y);
  const n = x.length;
  const mean = (n - 1) / 2;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (rx[i] - mean) * (ry[i] - mean);
    sxx += (rx[i] - mean) ** 2;
  }
  return sxy / sxx;
}
