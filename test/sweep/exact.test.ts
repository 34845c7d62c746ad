/**
 * The claim sweeps rest on: a point's paths can run as blocks on any machine, and merging the blocks' chunk
 * totals in path order gives bit-identical outputs to one run of the point on one machine.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccumulator } from "../../src/economy/outputs.js";
import { loadScenario } from "../../src/scenario/loader.js";
import { withFullUncertainty } from "../../src/scenario/parameters.js";
import type { Scenario } from "../../src/scenario/schema.js";
import {
  evaluateOutput,
  parseOutput,
  runPoint,
  sensitivity,
  withValues,
} from "../../src/scenario/sensitivity/index.js";
import { simulate, summariseRun } from "../../src/scenario/simulate.js";
import {
  jobPayload,
  mergeResults,
  planFromSpec,
  planSweep,
  runJob,
  runSweep,
  type SweepResult,
} from "../../src/sweep/index.js";

const OUTPUTS = [
  "pDefault:openai:2030",
  "pDefault:coreweave:2028",
  "loss:bank",
  "loss:private-credit",
  "revenue:2029",
  "gap:2028",
  "capability:2030",
].map((o) => parseOutput(o));

/** Bitwise equality of two lists of numbers (−0, NaN and all). */
function sameBits(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
}

function withoutTiming(r: SweepResult): unknown {
  const { timing: _, ...rest } = r;
  return JSON.parse(JSON.stringify(rest));
}

let scenario: Scenario;
let dir: string;

beforeAll(async () => {
  scenario = await loadScenario("default");
  dir = mkdtempSync(join(tmpdir(), "wallcast-sweep-exact-"));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("sweep results are exact", () => {
  it("reads a point's outputs from its cells with the bits of simulate's summary", async () => {
    const direct = runPoint({ scenario, paths: 300, seed: 7, chunkSize: 250, outputs: OUTPUTS, stress: {} });
    const result = await simulate(scenario, {
      paths: 300,
      seed: 7,
      chunkSize: 250,
      threads: 1,
      uncertainty: "point",
    });
    const summarised = OUTPUTS.map((spec) => evaluateOutput(result, spec));
    expect(sameBits(direct, summarised), `${direct} vs ${summarised}`).toBe(true);
    // Not vacuous: some outputs are neither 0 nor 1.
    expect(direct.filter((v) => v > 0 && v !== 1).length).toBeGreaterThan(3);
    // A point's accumulator has no histograms, so no summary can be made of it.
    const sumsOnly = createAccumulator(scenario.entities.length, scenario.horizonQuarters, 0, 0, false);
    expect(() => summariseRun(scenario, 7, sumsOnly)).toThrow(RangeError);
  });

  it("merges a point's path blocks to the outputs of one run of the point, bit for bit", () => {
    // 300 paths: chunks of 250 and 50. One job of all paths, and two jobs of a chunk each.
    const base = { design: "lhs" as const, samples: 2, paths: 300, seed: 7, outputs: OUTPUTS };
    const whole = planSweep(scenario, { ...base, pointsPerJob: 2, pathsPerJob: 300 });
    const split = planSweep(scenario, { ...base, pointsPerJob: 1, pathsPerJob: 250 });
    expect(whole.jobs.map((j) => j.id)).toEqual(["p0-1:paths0-300"]);
    expect(split.jobs.map((j) => j.id)).toEqual([
      "p0-0:paths0-250",
      "p0-0:paths250-50",
      "p1-1:paths0-250",
      "p1-1:paths250-50",
    ]);
    const run = (plan: typeof whole) =>
      mergeResults(
        plan,
        new Map(
          plan.jobs.map((ref) => {
            const payload = JSON.parse(
              JSON.stringify({
                ...ref,
                sweep: plan.hash,
                wallcast: plan.spec.wallcast,
                scenario: plan.spec.scenario,
                factorPaths: plan.design.factors.map((f) => f.name),
                values: plan.design.points.slice(ref.firstPoint, ref.lastPoint + 1).map((p) => Array.from(p)),
                seed: plan.spec.seed,
                chunkSize: plan.spec.chunkSize,
                outputs: plan.spec.outputs,
              }),
            );
            return [ref.id, runJob(payload)];
          }),
        ),
      );
    const a = run(whole);
    const b = run(split);
    const names = whole.design.factors.map((f) => f.name);
    for (let p = 0; p < 2; p++) {
      const direct = runPoint({
        scenario: withValues(scenario, names, whole.design.points[p]),
        paths: 300,
        seed: 7,
        chunkSize: 250,
        outputs: OUTPUTS,
        stress: {},
      });
      expect(sameBits(a[p], direct), `point ${p}: ${a[p]} vs ${direct}`).toBe(true);
      expect(sameBits(b[p], direct), `point ${p} split: ${b[p]} vs ${direct}`).toBe(true);
    }
  });

  it("gives the same result whatever the threads and job sizes, and resumes from stored results", async () => {
    const base = {
      design: "lhs" as const,
      samples: 4,
      paths: 30,
      seed: 3,
      outputs: OUTPUTS.slice(0, 2),
      record: false,
    };
    const one = await runSweep(scenario, { ...base, out: join(dir, "one"), threads: 1, pointsPerJob: 4 });
    const two = await runSweep(scenario, { ...base, out: join(dir, "two"), threads: 2, pointsPerJob: 1 });
    expect(two.jobs).toBe(4);
    expect(withoutTiming({ ...two, jobs: one.jobs, sweep: one.sweep })).toEqual(withoutTiming(one));
    // A rerun on the same directory runs nothing and prints the same.
    const again = await runSweep(scenario, { ...base, out: join(dir, "two"), threads: 2, pointsPerJob: 1 });
    expect(again.timing).toMatchObject({ jobsRun: 0, jobsResumed: 4 });
    expect(withoutTiming(again)).toEqual(withoutTiming(two));
  });

  it("gives the grouped Sobol indices of `sensitivity --method sobol --groups`", async () => {
    const outputs = [parseOutput("pDefault:openai:2030")];
    const swept = await runSweep(scenario, {
      design: "sobol",
      samples: 2,
      paths: 10,
      seed: 5,
      outputs,
      out: join(dir, "sobol"),
      threads: 2,
      record: false,
    });
    const direct = await sensitivity(scenario, {
      outputs,
      method: "sobol",
      grouped: true,
      select: () => true,
      samples: 2,
      paths: 10,
      seed: 5,
      threads: 2,
    });
    const sobol = direct.outputs[0].sobol;
    expect([...(swept.groups ?? [])].sort()).toEqual(sobol?.indices.map((i) => i.factor).sort());
    expect(swept.outputs[0].sobol?.variance).toBe(sobol?.variance);
    expect(swept.outputs[0].sobol?.indices).toEqual(
      sobol?.indices.map(({ factor, ...rest }) => ({ group: factor, ...rest })),
    );
  });

  it("draws the numbers not varied across their ranges (full uncertainty) or holds them (point)", () => {
    const outputs = [parseOutput("revenue:2029")];
    const over = ["world.revenue.bassP"];
    for (const uncertainty of ["full", "point"] as const) {
      const plan = planSweep(scenario, {
        design: "lhs",
        samples: 2,
        paths: 10,
        seed: 4,
        outputs,
        over,
        uncertainty,
      });
      const ref = plan.jobs[0];
      const [value] = mergeResults(
        { ...plan, jobs: [ref], design: { ...plan.design, points: plan.design.points.slice(0, 1) } },
        new Map([[ref.id, runJob(JSON.parse(JSON.stringify(jobPayload(plan, ref))))]]),
      );
      const base = uncertainty === "full" ? withFullUncertainty(scenario) : scenario;
      const direct = runPoint({
        scenario: withValues(base, over, plan.design.points[0]),
        paths: 10,
        seed: 4,
        chunkSize: 250,
        outputs,
        stress: {},
      });
      expect(sameBits(value, direct), uncertainty).toBe(true);
    }
  });

  it("rebuilds the same plan from a stored spec", () => {
    const plan = planSweep(scenario, { design: "morris", samples: 2, paths: 10, seed: 1, outputs: OUTPUTS });
    const again = planFromSpec(JSON.parse(JSON.stringify(plan.spec)));
    expect(again.hash).toBe(plan.hash);
    expect(again.design.points).toEqual(plan.design.points);
  });
});
