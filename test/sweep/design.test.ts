import { beforeAll, describe, expect, it } from "vitest";
import { loadScenario } from "../../src/scenario/loader.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { factorGroup, parseOutput, sobolDesign } from "../../src/scenario/sensitivity/index.js";
import {
  buildDesign,
  defaultJobSize,
  gridPoints,
  latinHypercube,
  planSweep,
  selectFactors,
  spearman,
  splitJobs,
  sweepReport,
  sweepResult,
} from "../../src/sweep/index.js";
import { InputError } from "../../src/util/errors.js";

let scenario: Scenario;

beforeAll(async () => {
  scenario = await loadScenario("default");
});

describe("sweep designs", () => {
  it("selects factors by group name or path prefix, each in the first item that names it", () => {
    const { factors, item } = selectFactors(scenario, ["credit", "world.revenue"]);
    expect(factors.length).toBeGreaterThan(0);
    factors.forEach((f, i) => {
      if (item[i] === 0) expect(factorGroup(f.name)).toBe("credit");
      else expect(f.name.startsWith("world.revenue.")).toBe(true);
    });
    // A prefix matches whole path segments: world.rev is not world.revenue.
    expect(() => selectFactors(scenario, ["world.rev"])).toThrow(InputError);
  });

  it("puts one number in each of n strata of probability (Latin hypercube)", () => {
    const { factors } = selectFactors(scenario, ["world.revenue", "world.credit"]);
    const n = 16;
    const points = latinHypercube(scenario, factors, n, 9);
    expect(points).toHaveLength(n);
    // Each column is a permutation of n draws, one per stratum: its ranks are 0…n−1 and the draws differ.
    for (let i = 0; i < factors.length; i++) {
      const column = points.map((p) => p[i]);
      expect(new Set(column).size).toBe(n);
    }
    // Same seed, same sample; another seed, another sample.
    expect(latinHypercube(scenario, factors, n, 9)).toEqual(points);
    expect(latinHypercube(scenario, factors, n, 10)).not.toEqual(points);
    // An assumption's draws stay inside its range.
    factors.forEach((f, i) => {
      if (f.from === "assumption") for (const p of points) expect(p[i] >= f.low && p[i] <= f.high).toBe(true);
    });
  });

  it("steps a grid from each number's low to its high end, the first number slowest", () => {
    const { factors } = selectFactors(scenario, ["world.revenue.bassP", "world.revenue.bassQ"]);
    const points = gridPoints(factors, 3);
    expect(points).toHaveLength(9);
    expect(Array.from(points[0])).toEqual([factors[0].low, factors[1].low]);
    expect(Array.from(points[1])).toEqual([factors[0].low, (factors[1].low + factors[1].high) / 2]);
    expect(Array.from(points[8])).toEqual([factors[0].high, factors[1].high]);
    expect(() => buildDesign(scenario, { design: "grid", over: ["world"], samples: 3, seed: 1 })).toThrow(
      /points \(at most 100000\)/,
    );
  });

  it("builds the grouped Sobol design of `sensitivity --groups` without --over, and --over items as groups", () => {
    const all = buildDesign(scenario, { design: "sobol", samples: 4, seed: 3 });
    const groups = all.groupOf;
    expect(all.points).toHaveLength(4 * (all.groups.length + 2));
    expect(all.sobol?.points).toEqual(
      sobolDesign(all.factors.length, { samples: 4, seed: 3, groups }).points,
    );
    const over = buildDesign(scenario, {
      design: "sobol",
      over: ["revenue", "world.capability"],
      samples: 2,
      seed: 1,
    });
    expect(over.groups).toEqual(["revenue", "world.capability"]);
    expect(over.points).toHaveLength(2 * 4);
  });

  it("splits points × paths into jobs with stable ids on the chunk grid", () => {
    const plan = planSweep(scenario, {
      design: "lhs",
      samples: 5,
      paths: 600,
      seed: 1,
      pointsPerJob: 2,
      pathsPerJob: 500,
    });
    expect(plan.jobs.map((j) => j.id)).toEqual([
      "p0-1:paths0-500",
      "p0-1:paths500-100",
      "p2-3:paths0-500",
      "p2-3:paths500-100",
      "p4-4:paths0-500",
      "p4-4:paths500-100",
    ]);
    expect(() => splitJobs(5, { ...plan.spec, pathsPerJob: 300 })).toThrow(/multiple of 250/);
    expect(defaultJobSize(9216, 500)).toEqual({ pointsPerJob: 4, pathsPerJob: 500 });
    expect(defaultJobSize(8, 50)).toEqual({ pointsPerJob: 1, pathsPerJob: 50 });
    expect(defaultJobSize(100, 5000)).toEqual({ pointsPerJob: 2, pathsPerJob: 1000 });
  });

  it("computes Spearman's rank correlation with ties", () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 40])).toBe(1);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBe(-1);
    expect(spearman([1, 1, 2, 2], [1, 2, 3, 4])).toBeCloseTo(0.894427191, 9);
    expect(spearman([1, 1, 1], [1, 2, 3])).toBeNaN();
  });
});

describe("sweep analyses", () => {
  it("ranks Sobol groups, Morris numbers and lhs correlations of a known response, and reports them", () => {
    const outputs = [parseOutput("pDefault:openai:2030")];
    const over = ["world.revenue.bassP", "world.revenue.bassQ"];
    // Output = 10·(unit position of bassP) + 1·(unit position of bassQ): bassP dominates.
    const response = (plan: ReturnType<typeof planSweep>) => {
      const [p, q] = plan.design.factors;
      return plan.design.points.map((x) => [
        (10 * (x[0] - p.low)) / (p.high - p.low) + (x[1] - q.low) / (q.high - q.low),
      ]);
    };
    const sobol = planSweep(scenario, { design: "sobol", over, samples: 256, paths: 1, seed: 1, outputs });
    const s = sweepResult(sobol, response(sobol)).outputs[0].sobol;
    expect(s?.indices.map((i) => i.group)).toEqual(over);
    expect(s?.indices[0].first).toBeCloseTo(100 / 101, 1);
    expect(s?.indices[0].totalInterval[0]).toBeLessThan(s?.indices[0].total as number);
    const morris = planSweep(scenario, { design: "morris", over, samples: 4, paths: 1, seed: 1, outputs });
    const m = sweepResult(morris, response(morris)).outputs[0].morris;
    expect(m?.map((r) => r.factor)).toEqual(over);
    expect(m?.[0].muStar).toBeCloseTo(10, 9);
    expect(m?.[1].muStar).toBeCloseTo(1, 9);
    const lhs = planSweep(scenario, { design: "lhs", over, samples: 32, paths: 1, seed: 1, outputs });
    const result = sweepResult(lhs, response(lhs));
    expect(result.outputs[0].correlations?.[0].factor).toBe("world.revenue.bassP");
    expect(result.responses).toHaveLength(32);
    const report = sweepReport(lhs, result, new Date(0));
    expect(report.sections[0].charts?.map((c) => c.id)).toEqual(["sweep-spearman-pdefault-openai-2030"]);
    const morrisReport = sweepReport(morris, sweepResult(morris, response(morris)), new Date(0));
    expect(morrisReport.sections[0].charts?.[0].markup).toContain("world.revenue.bassP");
  });
});
