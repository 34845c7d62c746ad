/** Capability from the evidence: a scenario whose curve is `wallcast bend`'s bootstrap replicates. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { capabilityAt } from "../../src/economy/capability.js";
import { SHAPE_CODES } from "../../src/economy/model.js";
import { analyseBend } from "../../src/forecast/bend.js";
import { loadScenario } from "../../src/scenario/loader.js";
import { simulate } from "../../src/scenario/simulate.js";
import { wallProbability } from "../../src/scenario/wall.js";
import { InputError } from "../../src/util/errors.js";
import { randomStream } from "../../src/util/random.js";

const dir = mkdtempSync(join(tmpdir(), "wallcast-evidence-"));

/** A scenario file extending the default with an evidence curve `capability` (YAML flow mappings). */
function scenarioFile(name: string, capability: string): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(
    file,
    `extends: default\nname: ${name}\nworld:\n  capability:\n${capability}\nremove:\n  world: [capability.breakOom, capability.slopeAfterPerOom]\ncorrelations: []\n`,
  );
  return file;
}

const OBSSCALING = `    shape: evidence\n    from: {method: bend, dataset: "obsscaling:base_llm_benchmark_eval.csv", x: "FLOPs (1E21)", xScale: 1.0e+21, y: MMLU, higherIsBetter: true}`;

describe("an evidence curve", () => {
  it("integrates the replicate's relative gain: linear between offsets, its last value beyond, slope below the start", () => {
    const curve = {
      shape: SHAPE_CODES.evidence,
      slope: 2,
      ceiling: 0,
      breakOom: 0,
      slopeAfter: 2,
      topOom: 0,
      offsets: Float64Array.from([0, 1, 2]),
      relativeGain: Float64Array.from([1, 0.5, 0.5]),
    };
    expect(capabilityAt(curve, 0.5)).toBeCloseTo(2 * ((1 + 0.75) / 2) * 0.5, 12);
    expect(capabilityAt(curve, 1)).toBeCloseTo(2 * 0.75, 12);
    expect(capabilityAt(curve, 2)).toBeCloseTo(2 * 1.25, 12);
    expect(capabilityAt(curve, 3)).toBeCloseTo(2 * 1.75, 12);
    expect(capabilityAt(curve, -1)).toBe(-2);
  });

  it("has the wall probability of the fit it comes from (synthetic scores saturating, whose gain halves 2 OOM out)", async () => {
    const rng = randomStream(7, 0);
    const rows = ["flop,score"];
    const u: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < 60; i++) {
      const x = 20 + (5 * i) / 59;
      // A score closing on 1 whose gain per OOM halves every log10(2)/0.15 = 2.0 OOM, plus noise: the bootstrap
      // replicates split on whether it halves within 2 OOM of the last point.
      const score = 1 - 0.7 * 10 ** (-0.15 * (x - 20)) + 0.03 * rng.normal();
      rows.push(`${10 ** x},${score}`);
      u.push(x);
      y.push(score);
    }
    const csv = join(dir, "scores.csv");
    writeFileSync(csv, `${rows.join("\n")}\n`);
    const scenario = await loadScenario(
      scenarioFile(
        "synthetic",
        `    shape: evidence\n    from: {method: bend, dataset: "${csv}", x: flop, y: score, higherIsBetter: true, bootstrap: 50}`,
      ),
    );
    const fit = analyseBend({ u, y, better: "higher", ceiling: 1, bootstrap: 50, profileSteps: 50 });
    expect(fit.pHalve).toBeGreaterThan(0.2);
    expect(fit.pHalve).toBeLessThan(0.8);
    // The profiles are bend's own halving test: each starts at 1 (or is flat at 0, a replicate that has stopped
    // improving), and the weight of those that fall under half within the horizon is P(halves).
    const { offsets, replicates } = fit.profiles!;
    expect(offsets.length).toBe(101);
    let halved = 0;
    for (const r of replicates) {
      if (r.relativeGain.some((g) => g > 0)) expect(r.relativeGain[0]).toBeCloseTo(1, 9);
      if (r.relativeGain.slice(1).some((g) => g < 0.5)) halved += r.weight;
    }
    expect(halved).toBeCloseTo(fit.pHalve, 9);
    const model = wallProbability(scenario);
    expect(Math.abs(model.pHalve - fit.pHalve)).toBeLessThan(3 * model.standardError + 0.02);
    expect(scenario.world.capability.evidence?.replicates.length).toBeGreaterThan(40);
  }, 60_000);

  it("gives a scenario from ObsScaling's MMLU the 0.51 of wallcast bend on the same data, and simulates the same on 1 and 2 threads", async () => {
    const scenario = await loadScenario(scenarioFile("obsscaling", OBSSCALING));
    const model = wallProbability(scenario);
    expect(model.pHalve).toBeCloseTo(0.51, 1);
    expect(Math.abs(model.pHalve - 0.511)).toBeLessThan(3 * model.standardError + 0.005);
    const one = await simulate(scenario, { paths: 40, seed: 2, threads: 1 });
    const two = await simulate(scenario, { paths: 40, seed: 2, threads: 2 });
    expect(two).toEqual(one);
    expect(one.capability.p95.at(-1)).toBeGreaterThan(one.capability.p05.at(-1)!);
  }, 60_000);

  it("refuses a shape evidence with no source, a source without the shape, and a dataset that is not there", async () => {
    await expect(loadScenario(scenarioFile("bare", "    shape: evidence"))).rejects.toThrow(
      /world\.capability\.from: required for shape evidence/,
    );
    await expect(
      loadScenario(scenarioFile("stray", OBSSCALING.replace("shape: evidence", "shape: continues"))),
    ).rejects.toThrow(/from and evidence need shape evidence/);
    const missing = loadScenario(
      scenarioFile(
        "missing",
        `    shape: evidence\n    from: {method: bend, dataset: "${join(dir, "nope.csv")}", x: a, y: b}`,
      ),
    );
    await expect(missing).rejects.toThrow(InputError);
    await expect(missing).rejects.toThrow(/nope\.csv/);
  });
});
