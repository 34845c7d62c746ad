import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/scenario/loader.js";
import { withFullUncertainty } from "../../src/scenario/parameters.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { scenarioFactors, withValues } from "../../src/scenario/sensitivity/factors.js";
import { checkOutput, evaluateOutput, parseOutput } from "../../src/scenario/sensitivity/outputs.js";
import { defaultFactorFilter, sensitivity } from "../../src/scenario/sensitivity/run.js";
import { sobolDesign, sobolIndices } from "../../src/scenario/sensitivity/sobol.js";
import { scaleToFactors } from "../../src/scenario/sensitivity/tornado.js";
import { runPoint } from "../../src/scenario/sensitivity/worker.js";
import { simulate } from "../../src/scenario/simulate.js";
import { InputError } from "../../src/util/errors.js";

const AMODEI = fileURLToPath(new URL("../economy/fixtures/checkCases/amodei-5t.yaml", import.meta.url));

/**
 * The $5T check case with two uncertain numbers: revenue R ∈ [700, 1100] usdB/yr and cash C ∈ [200, 600].
 * Over 2028–2032 the lab pays $5T for compute and earns 5R, so it defaults iff 5000 − 5R > C.
 */
async function uncertainLab(): Promise<Scenario> {
  const s = await loadScenario(AMODEI);
  s.world.revenue.initialUsdBPerYear = { value: 1000, assumption: true, range: [700, 1100], reason: "test" };
  s.entities[0].cash = { value: 400, assumption: true, range: [200, 600], reason: "test" };
  return s;
}
const defaults = (r: number, c: number) => (5000 - 5 * r > c ? 1 : 0);
const OUT = [parseOutput("pDefault:lab:2032")];

describe("scenarioFactors()", () => {
  it("takes ranges from assumptions and 5%–95% quantiles from distributions; skips sourced and empty ranges", async () => {
    const s = await uncertainLab();
    s.world.revenue.bassQ = {
      dist: { kind: "uniform", lo: 0, hi: 1 },
      assumption: true,
      range: [0, 1],
      reason: "test",
    };
    const factors = scenarioFactors(s);
    expect(factors.map((f) => f.name)).toEqual([
      "world.revenue.initialUsdBPerYear",
      "world.revenue.bassQ",
      "entities.lab.cash",
    ]);
    expect(factors[0]).toMatchObject({ low: 700, base: 1000, high: 1100, from: "assumption" });
    expect(factors[1].low).toBeCloseTo(0.05, 6);
    expect(factors[1].high).toBeCloseTo(0.95, 6);
    expect(factors[1].base).toBeCloseTo(0.5, 6);
    expect(factors[1].from).toBe("distribution");
    expect(scenarioFactors(s, (p) => p.startsWith("entities.")).map((f) => f.name)).toEqual([
      "entities.lab.cash",
    ]);
  });

  it("withValues() fixes numbers, drops their distributions and correlations, rounds whole-number fields", async () => {
    const s = await uncertainLab();
    const v = withValues(s, ["contracts.compute.termQuarters", "entities.lab.cash"], [19.6, 250]);
    expect(v.contracts[0].type === "take-or-pay" && v.contracts[0].termQuarters.value).toBe(20);
    expect(v.entities[0].cash.value).toBe(250);
    expect(s.entities[0].cash.value).toBe(400);
    expect(() => withValues(s, ["world.nope"], [1])).toThrow(RangeError);
    expect(() => withValues(s, ["entities.lab.cash"], [Number.NaN])).toThrow(RangeError);
    const small = await loadScenario(fileURLToPath(new URL("../../scenarios/default.yaml", import.meta.url)));
    const corr = small.correlations[0];
    expect(withValues(small, [corr.a], [3]).correlations).toHaveLength(small.correlations.length - 1);
  });
});

describe("outputs", () => {
  it("parses, checks against the scenario and evaluates output specs", async () => {
    const s = await uncertainLab();
    expect(parseOutput("loss:hyperscaler")).toEqual({ kind: "loss", lossKind: "hyperscaler" });
    expect(parseOutput("revenue:2030")).toEqual({ kind: "revenue", year: "2030" });
    for (const bad of ["pDefault:lab", "pDefault::2030", "pDefault:lab:30", "nope:1", "loss:", "gap:x"])
      expect(() => parseOutput(bad), bad).toThrow(InputError);
    expect(() => checkOutput(s, parseOutput("pDefault:nobody:2030"))).toThrow(/unknown entity/);
    expect(() => checkOutput(s, parseOutput("pDefault:lab:2040"))).toThrow(/outside the horizon 2028-2032/);
    expect(() => checkOutput(s, parseOutput("loss:pension"))).toThrow(/no entity of kind pension/);
    const r = await simulate(s, { paths: 1, threads: 1, uncertainty: "point" });
    expect(evaluateOutput(r, parseOutput("revenue:2030"))).toBeCloseTo(1000, 9);
    expect(evaluateOutput(r, parseOutput("gap:2030"))).toBeCloseTo(0, 9);
    expect(evaluateOutput(r, parseOutput("pDefault:lab:2032"))).toBe(0);
  });

  it("defaultFactorFilter() keeps world, events, the named entity and its contracts", async () => {
    const s = await uncertainLab();
    const keep = defaultFactorFilter(s, OUT);
    expect(keep("world.revenue.bassP")).toBe(true);
    expect(keep("entities.lab.cash")).toBe(true);
    expect(keep("contracts.compute.totalUsdB")).toBe(true);
    expect(keep("entities.cloud.cash")).toBe(false);
  });
});

describe("sensitivity() on the $5T check case", () => {
  it("tornado: only low revenue makes the lab default, from the exact break-even rule", async () => {
    const s = await uncertainLab();
    const r = await sensitivity(s, { outputs: OUT, method: "tornado", paths: 1, threads: 1 });
    expect(r.evaluations).toBe(5);
    const [first, second] = r.outputs[0].tornado ?? [];
    expect(r.outputs[0].base).toBe(defaults(1000, 400));
    expect(first).toMatchObject({
      factor: "world.revenue.initialUsdBPerYear",
      outputLow: defaults(700, 400),
      outputHigh: 0,
      swing: 1,
    });
    expect(second).toMatchObject({ factor: "entities.lab.cash", outputLow: 0, outputHigh: 0, swing: 0 });
  });

  it("morris and sobol rank revenue above cash; sobol's indices match a direct evaluation of the rule", async () => {
    const s = await uncertainLab();
    const morris = await sensitivity(s, {
      outputs: OUT,
      method: "morris",
      paths: 1,
      threads: 1,
      trajectories: 20,
      seed: 5,
    });
    expect(morris.evaluations).toBe(1 + 20 * 3);
    const [m1, m2] = morris.outputs[0].morris ?? [];
    expect(m1.factor).toBe("world.revenue.initialUsdBPerYear");
    expect(m1.muStar).toBeGreaterThan(m2.muStar);
    const sobol = await sensitivity(s, {
      outputs: OUT,
      method: "sobol",
      paths: 1,
      threads: 1,
      samples: 48,
      seed: 5,
    });
    expect(sobol.evaluations).toBe(1 + 48 * 4);
    const indices = sobol.outputs[0].sobol?.indices ?? [];
    expect(indices[0].factor).toBe("world.revenue.initialUsdBPerYear");
    expect(indices[0].total).toBeGreaterThan(indices[1].total);
    expect(indices[1].total).toBeGreaterThan(0);
    // The same design evaluated on the closed-form rule gives the same indices: the simulator is the rule.
    const factors = scenarioFactors(s);
    const design = sobolDesign(2, { samples: 48, seed: 5 });
    const direct = sobolIndices(
      design,
      design.points.map((u) => {
        const [rev, cash] = scaleToFactors(factors, u);
        return defaults(rev, cash);
      }),
    );
    expect(indices.find((x) => x.factor === "entities.lab.cash")?.total).toBeCloseTo(
      direct.indices[1].total,
      12,
    );
    expect(indices[0].first).toBeCloseTo(direct.indices[0].first, 12);
  });

  it("runs a design point as numbers fixed over the scenario compiled once, with the bits of its fixed copy", async () => {
    const full = withFullUncertainty(await loadScenario("default"));
    const factors = scenarioFactors(full);
    const names = factors.map((f) => f.name);
    const outputs = [parseOutput("pDefault:openai:2030"), parseOutput("revenue:2028")];
    const task = { paths: 20, seed: 3, chunkSize: 250, outputs, stress: {} };
    for (const u of [0.2, 0.7]) {
      const values = factors.map((f) => f.low + u * (f.high - f.low));
      const copy = runPoint({ ...task, scenario: withValues(full, names, values) });
      const overFixed = runPoint({
        ...task,
        scenario: full,
        scenarioKey: `fixed-${u}`,
        fixed: { paths: names, values },
      });
      expect(overFixed).toEqual(copy);
    }
  });

  it("gives the same result on 1 and 2 threads", async () => {
    const s = await uncertainLab();
    const options = { outputs: OUT, method: "morris" as const, paths: 1, trajectories: 4, seed: 2 };
    const one = await sensitivity(s, { ...options, threads: 1 });
    const two = await sensitivity(s, { ...options, threads: 2 });
    expect(two).toEqual(one);
  });

  it("rejects no outputs, a selection with no factor and bad paths", async () => {
    const s = await uncertainLab();
    await expect(sensitivity(s, { outputs: [], threads: 1 })).rejects.toThrow(RangeError);
    await expect(sensitivity(s, { outputs: OUT, select: () => false, threads: 1 })).rejects.toThrow(
      new InputError({ field: "factors", message: "no uncertain number matches the selection" }),
    );
    await expect(sensitivity(s, { outputs: OUT, paths: 0, threads: 1 })).rejects.toThrow(RangeError);
  });
});
