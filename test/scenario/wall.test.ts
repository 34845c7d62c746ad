/** A scenario's wall probability against hand-computed curves and against the evidence (`wallcast bend`). */
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/scenario/loader.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { wallProbability } from "../../src/scenario/wall.js";
import { fixed, small } from "../economy/centralPath.js";
import { runMain } from "../support/inProcess.js";

/** The small world with capability `shape` and the given capability numbers. */
const withCapability = (capability: Scenario["world"]["capability"]): Scenario => ({
  ...small,
  world: { ...small.world, capability },
});
const base = { slopePerOom: fixed(1), trendOomPerYear: fixed(1) };

describe("wallProbability()", () => {
  it("is 1 when the slope breaks to under half within the horizon and 0 otherwise", () => {
    const broken = (breakOom: number, slopeAfter: number) =>
      wallProbability(
        withCapability({
          ...base,
          shape: "broken",
          breakOom: fixed(breakOom),
          slopeAfterPerOom: fixed(slopeAfter),
        }),
        { draws: 10 },
      ).pHalve;
    expect(broken(1, 0.4)).toBe(1);
    expect(broken(1, 0.6)).toBe(0);
    expect(broken(3, 0.1)).toBe(0);
    expect(wallProbability(withCapability({ ...base, shape: "continues" }), { draws: 10 }).pHalve).toBe(0);
  });

  it("finds a ceiling's halving at K·ln 2 OOM: inside 2 OOM for K = 2 (1.39), outside for K = 3 (2.08)", () => {
    const ceiling = (K: number) =>
      wallProbability(withCapability({ ...base, shape: "ceiling", ceiling: fixed(K) }), { draws: 10 }).pHalve;
    expect(ceiling(2)).toBe(1);
    expect(ceiling(3)).toBe(0);
  });

  it("gives the default scenario the wall probability of the evidence it cites (ObsScaling MMLU, within 0.05)", async () => {
    const { code, stdout } = await runMain([
      "bend",
      "obsscaling:base_llm_benchmark_eval.csv",
      "--x",
      "FLOPs (1E21)",
      "--x-scale",
      "1e21",
      "--y",
      "MMLU",
      "--higher-is-better",
      "--json",
    ]);
    expect(code).toBe(0);
    const evidence = JSON.parse(stdout).pHalve as number;
    expect(evidence).toBeCloseTo(0.51, 2);
    const model = wallProbability(await loadScenario("default"));
    expect(Math.abs(model.pHalve - evidence)).toBeLessThan(0.05);
  }, 60_000);
});
