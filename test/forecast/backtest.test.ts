import { describe, expect, it } from "vitest";
import { backtestTrend } from "../../src/forecast/backtest.js";
import type { TrendPoint } from "../../src/forecast/selection.js";
import { randomStream } from "../../src/util/random.js";
import { runMain } from "../support/inProcess.js";
import { S6_SELECTION } from "./fixtures.js";

function synthetic(seed: number, n: number): TrendPoint[] {
  const rng = randomStream(seed);
  return Array.from({ length: n }, (_, i) => {
    const year = 2010 + (15 * i) / n;
    const log10 = 20 + 0.6 * (year - 2010) + 0.8 * rng.normal();
    return { model: `m${i}`, date: "", year, value: 10 ** log10, log10, line: i + 2 };
  });
}

describe("backtestTrend()", () => {
  it("scores an exact line with zero error and full coverage", () => {
    const pts: TrendPoint[] = Array.from({ length: 20 }, (_, i) => {
      const log10 = 1 + 0.5 * i + (i % 2 === 0 ? 0.01 : -0.01);
      return { model: `m${i}`, date: "", year: 2000 + i, value: 10 ** log10, log10, line: i };
    });
    const r = backtestTrend(pts, { cutoff: 2014 });
    expect(r.train.n).toBe(15);
    expect(r.testN).toBe(5);
    expect(r.rmseOom).toBeLessThan(0.03);
    expect(r.coverage).toBe(1);
    expect(r.testSlopeOomPerYear).toBeCloseTo(0.5, 1);
    expect(backtestTrend(pts, { cutoff: 2014, horizon: 2 }).testN).toBe(2);
  });

  it("covers 90% of held-out points on data drawn from the model (500 seeded replicates)", () => {
    let inside = 0;
    let total = 0;
    let squared = 0;
    for (let rep = 0; rep < 500; rep++) {
      const r = backtestTrend(synthetic(rep, 60), { cutoff: 2020 });
      inside += r.coverage * r.testN;
      total += r.testN;
      squared += r.rmseOom * r.rmseOom * r.testN;
    }
    expect(inside / total).toBeGreaterThan(0.88);
    expect(inside / total).toBeLessThan(0.92);
    // The RMSE of log forecasts approaches the noise SD 0.8 (inflated a little by the slope's error).
    expect(Math.sqrt(squared / total)).toBeGreaterThan(0.78);
    expect(Math.sqrt(squared / total)).toBeLessThan(0.9);
  });

  it("rejects a cutoff that leaves fewer than 3 training points, a bad cutoff and a bad horizon", () => {
    const pts = synthetic(1, 30);
    expect(() => backtestTrend(pts, { cutoff: 2010.5 })).toThrow(RangeError);
    expect(() => backtestTrend(pts, { cutoff: Number.NaN })).toThrow(RangeError);
    expect(() => backtestTrend(pts, { cutoff: 2020, horizon: 0 })).toThrow(RangeError);
    expect(backtestTrend(pts, { cutoff: 2030 }).rmseOom).toBeNaN();
  });
});

describe("wallcast backtest", () => {
  it("fits notable compute to end-2023 and forecasts 2024–2025 with error and coverage", async () => {
    const { code, stdout } = await runMain(["backtest", ...S6_SELECTION, "--json"]);
    expect(code).toBe(0);
    const [r] = JSON.parse(stdout).backtests;
    expect(r.cutoffDate).toBe("2023-12-31");
    expect(r.train.n + r.testN).toBe(428);
    expect(r.testN).toBe(60);
    expect(r.rmseOom).toBeCloseTo(1.603, 3);
    expect(r.coverage).toBeCloseTo(59 / 60, 10);
  });

  it("exits 2 when no selected model is after the cutoff", async () => {
    const { code, stderr } = await runMain([
      "backtest",
      "epoch-training-cost",
      "--metric",
      "compute",
      "--cutoff",
      "2030-01-01",
    ]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/no selected models after the cutoff/);
  });
});
