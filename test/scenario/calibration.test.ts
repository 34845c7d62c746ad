import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { computeTrend } from "../../src/run/analysis.js";
import { loadScenario } from "../../src/scenario/loader.js";
import { DATA } from "../support/cli.js";

const DEFAULT = fileURLToPath(new URL("../../scenarios/default.yaml", import.meta.url));

describe("default scenario against the data", () => {
  it("expects the effective-compute trend that wallcast's own fit of Epoch's data gives, plus the efficiency trend", async () => {
    const scenario = await loadScenario(DEFAULT);
    const trend = scenario.world.capability.trendOomPerYear.value;
    const efficiency = scenario.world.efficiency.growthPerYear.dist;
    if (trend === undefined || efficiency?.kind !== "triangular")
      throw new Error("the default scenario's trend or efficiency changed form; update this test");
    // Case S6: notable models since 2010, 4.68×/yr (90% CI 4.23–5.17).
    const fit = computeTrend(DATA);
    const [lo, hi] = fit.ci90.map(Math.log10);
    const effOom = Math.log10(efficiency.mode);
    expect(trend).toBeGreaterThan(lo + effOom);
    expect(trend).toBeLessThan(hi + effOom);
    expect(Math.abs(trend - (Math.log10(fit.growthPerYear) + effOom))).toBeLessThan(0.02);
  });
});
