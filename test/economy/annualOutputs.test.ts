/** The calendar-year outputs the scorecards read: backlog, compute bought, run-rate, a start-vintage GPU's rent. */
import { describe, expect, it } from "vitest";
import { type SimulationResult, simulate } from "../../src/scenario/simulate.js";
import { fixed, small } from "./centralPath.js";

/** One path at the point values: its year values are the histogram's bin (asinh width 0.075), so within 4%. */
let one: Promise<SimulationResult> | undefined;
const onePath = () => {
  one ??= simulate(small, { paths: 1, seed: 3, threads: 1, uncertainty: "point" });
  return one;
};
const near = (value: number, expected: number) =>
  expect(Math.abs(value / expected - 1), `${value} vs ${expected}`).toBeLessThan(0.04);

describe("byYear outputs", () => {
  it("give each year's median a 95% Monte Carlo interval that holds the median of many more paths", async () => {
    const year = async (paths: number, seed: number) =>
      (await simulate(small, { paths, seed, threads: 1 })).entities["lab-a"].byYear.revenueUsdB["2027"];
    const truth = (await year(4000, 99)).p50;
    let held = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const y = await year(200, seed);
      expect(y.p50Low).toBeLessThan(y.p50);
      expect(y.p50High).toBeGreaterThan(y.p50);
      if (y.p50Low <= truth && truth <= y.p50High) held++;
    }
    // 95% of 20 runs is 19; a binomial(20, 0.95) count is 16 or more with probability 0.997.
    expect(held).toBeGreaterThanOrEqual(16);
  });

  it("give each seller's backlog at the year's end: the take-or-pay payments still to come from buyers alive", async () => {
    const r = await onePath();
    expect(r.entities["lab-a"].pDefaultByYear["2026"]).toBe(0);
    expect(r.entities["lab-b"].pDefaultByYear["2026"]).toBe(0);
    // End of 2026, 12 of 16 quarters left. The neocloud: lab-a's flat 40 → 40·12/16 = 30. The hyperscaler: lab-a's
    // ramp of 90 (payment k ∝ k + 1) keeps 90·(136 − 10)/136 = 83.38, lab-b's flat 40 keeps 30.
    near(r.entities.neo.byYear.backlogUsdB["2026"].p50, 30);
    near(r.entities.hyper.byYear.backlogUsdB["2026"].p50, (90 * 126) / 136 + 30);
    expect(r.entities["lab-a"].byYear.backlogUsdB["2026"].p50).toBe(0);
  });

  it("sum a lab's compute from the start (computeToDate), and give the run-rate as the last quarter × 4", async () => {
    const r = await onePath();
    const lab = r.entities["lab-a"].byYear;
    expect(lab.computeUsdB["2026"].p50).toBeGreaterThan(0);
    near(lab.computeToDateUsdB["2026"].p50, lab.computeUsdB["2026"].p50);
    near(lab.computeToDateUsdB["2027"].p50, lab.computeUsdB["2026"].p50 + lab.computeUsdB["2027"].p50);
    const q4 = r.quarters.indexOf("2026Q4");
    near(lab.runRateUsdB["2026"].p50, 4 * r.entities["lab-a"].revenue.p50[q4]);
    expect(r.entities.hyper.byYear.computeUsdB["2026"].p50).toBe(0);
  });

  it("give a start-vintage GPU's rent as the price index times what economic depreciation leaves of it", async () => {
    const scenario = {
      ...small,
      world: { ...small.world, gpu: { ...small.world.gpu, economicDepreciationPerYear: fixed(0.35) } },
      correlations: [],
    };
    const r = await simulate(scenario, { paths: 20, seed: 3, threads: 1 });
    const keep = 1 - 0.35;
    r.quarters.forEach((_, t) => {
      expect(r.startGpuRent.mean[t]).toBeCloseTo(r.gpuPrice.mean[t] * keep ** ((t + 1) / 4), 12);
    });
  });
});
