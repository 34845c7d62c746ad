import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  type BenchmarkScore,
  compositeFromLlmStats,
  fitCapabilityIndex,
  fitIrt,
  type IrtData,
  irtObjective,
  prepareScores,
  readExternalScores,
  readHubScores,
  readModelInfo,
  referenceScale,
} from "../../src/forecast/index/index.js";
import { randomStream } from "../../src/util/random.js";
import { DATA } from "../support/cli.js";
import { runMain } from "../support/inProcess.js";

const HUB_DIR = join(DATA, "epoch_benchmark_stitching");

function syntheticData(models: number, benchmarks: number, seed: number) {
  const rng = randomStream(seed);
  const C = Array.from({ length: models }, () => 3 * rng.normal());
  const D = Array.from({ length: benchmarks }, (_, b) => (b === 0 ? 0 : 2 * rng.normal()));
  const alpha = Array.from({ length: benchmarks }, (_, b) => (b === 0 ? 1 : 0.5 + rng.uniform()));
  const m: number[] = [];
  const bs: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < models; i++)
    for (let b = 0; b < benchmarks; b++) {
      if (rng.uniform() < 0.2) continue;
      m.push(i);
      bs.push(b);
      y.push(1 / (1 + Math.exp(-alpha[b] * (C[i] - D[b]))));
    }
  const data: IrtData = {
    modelCount: models,
    benchmarkCount: benchmarks,
    model: Int32Array.from(m),
    benchmark: Int32Array.from(bs),
    score: Float64Array.from(y),
  };
  return { data, C, D, alpha };
}

describe("irtObjective()", () => {
  it("has an analytic gradient that matches central finite differences", () => {
    const { data } = syntheticData(6, 4, 7);
    const f = irtObjective(data, 1, 1, 0.3);
    const rng = randomStream(3);
    const P = 6 + 2 * 4 - 1;
    const x = Float64Array.from({ length: P }, (_, j) => (j >= 10 ? 0.5 + rng.uniform() : rng.normal()));
    const grad = new Float64Array(P);
    f(x, grad);
    const scratch = new Float64Array(P);
    for (let j = 0; j < P; j++) {
      const h = 1e-6;
      const up = Float64Array.from(x);
      const down = Float64Array.from(x);
      up[j] += h;
      down[j] -= h;
      const numeric = (f(up, scratch) - f(down, scratch)) / (2 * h);
      expect(grad[j]).toBeCloseTo(numeric, 7);
    }
  });
});

describe("fitIrt()", () => {
  it("recovers known abilities, difficulties and slopes from exact synthetic scores (seeded)", () => {
    const { data, C, D, alpha } = syntheticData(40, 8, 11);
    const fit = fitIrt(data, { anchorBenchmark: 0, regularization: 0, seed: 5 });
    expect(fit.converged).toBe(true);
    expect(fit.rmse).toBeLessThan(1e-4);
    for (let m = 0; m < 40; m++) expect(fit.capability[m]).toBeCloseTo(C[m], 1);
    for (let b = 0; b < 8; b++) {
      expect(fit.difficulty[b]).toBeCloseTo(D[b], 1);
      expect(fit.slope[b]).toBeCloseTo(alpha[b], 1);
    }
  });

  it("rejects a bad anchor, a score outside [0, 1] and an out-of-range index", () => {
    const { data } = syntheticData(5, 3, 1);
    expect(() => fitIrt(data, { anchorBenchmark: 3 })).toThrow(RangeError);
    const bad = { ...data, score: Float64Array.from(data.score) };
    bad.score[0] = Number.NaN;
    expect(() => fitIrt(bad, { anchorBenchmark: 0 })).toThrow(/invalid score\[0\]/);
    const wrong = { ...data, model: Int32Array.from(data.model) };
    wrong.model[0] = 9;
    expect(() => fitIrt(wrong, { anchorBenchmark: 0 })).toThrow(/invalid model\[0\]/);
  });
});

describe("referenceScale()", () => {
  it("maps the two reference capabilities to their values exactly", () => {
    const s = referenceScale(0.4, 130, 1.2, 150);
    expect(s.offset + s.factor * 0.4).toBeCloseTo(130, 12);
    expect(s.offset + s.factor * 1.2).toBeCloseTo(150, 12);
    expect(() => referenceScale(1, 130, 1, 150)).toThrow(RangeError);
    expect(() => referenceScale(0, 130, Number.NaN, 150)).toThrow(RangeError);
  });
});

describe("prepareScores()", () => {
  const s = (model: string, benchmark: string, score: number): BenchmarkScore => ({
    model,
    benchmark,
    score,
    source: "external",
  });
  it("keeps the maximum of repeated scores, drops models with too few benchmarks and unlinked components", () => {
    const scores = [
      s("a", "W", 0.2),
      s("a", "W", 0.6),
      s("a", "X", 0.5),
      s("b", "W", 0.7),
      s("b", "X", 0.4),
      s("c", "Y", 0.9),
      s("c", "Z", 0.1),
      s("d", "W", 0.3),
    ];
    const prepared = prepareScores(scores, { minBenchmarksPerModel: 2, anchorBenchmark: "W" });
    expect(prepared).toEqual([
      { model: "a", benchmark: "W", score: 0.6 },
      { model: "a", benchmark: "X", score: 0.5 },
      { model: "b", benchmark: "W", score: 0.7 },
      { model: "b", benchmark: "X", score: 0.4 },
    ]);
    expect(prepareScores([], {})).toEqual([]);
  });
});

describe("fitCapabilityIndex() on the Epoch hub and external benchmarks", () => {
  const scores = [
    ...readHubScores(join(HUB_DIR, "DERIVED_epoch_hub_runs_joined.csv")),
    ...readExternalScores(HUB_DIR),
  ];
  const info = readModelInfo(new Set(scores.map((x) => x.model)), {
    modelVersions: join(HUB_DIR, "model_versions.csv"),
    hubRuns: join(HUB_DIR, "DERIVED_epoch_hub_runs_joined.csv"),
  });
  const prepared = prepareScores(scores, {
    keepModel: (m) => (info.get(m)?.year ?? Number.NaN) >= 2022 + 304 / 365,
    anchorBenchmark: "Winogrande",
  });
  const result = fitCapabilityIndex(prepared, { bootstrap: 3, seed: 7 });
  const index = new Map(result.models.map((m) => [m.model, m]));

  it("fixes the scale at the reference models and orders known frontier models", () => {
    expect(result.converged).toBe(true);
    expect(index.get("claude-3-5-sonnet-20240620")!.index).toBeCloseTo(130, 9);
    expect(index.get("gpt-5-2025-08-07_medium")!.index).toBeCloseTo(150, 9);
    const v = (m: string) => index.get(m)!.index;
    expect(v("gpt-5-2025-08-07_high")).toBeGreaterThan(v("o1-2024-12-17_medium"));
    expect(v("o1-2024-12-17_medium")).toBeGreaterThan(v("gpt-4o-2024-11-20"));
    expect(v("gpt-4o-2024-11-20")).toBeGreaterThan(v("gpt-4-0613"));
    expect(v("gpt-4-0613")).toBeGreaterThan(v("gpt-3.5-turbo-0613"));
  });

  it("is close to Epoch's published ECI values (epoch_capabilities_index.csv, benchmark-stitching @ 07356c2)", () => {
    // Published ECI; Epoch's data have grown since, so hold within 1.5 points for these well-covered models.
    const published: [string, number][] = [
      ["gpt-4o-2024-11-20", 129.08],
      ["gpt-4o-mini-2024-07-18", 126.08],
      ["gpt-4-0613", 122.11],
      ["claude-3-5-sonnet-20241022", 133.59],
      ["mistral-small-2501", 126.74],
      ["Llama-4-Maverick-17B-128E-Instruct-FP8", 133.56],
      ["DeepSeek-R1", 138.04],
    ];
    for (const [model, eci] of published) expect(Math.abs(index.get(model)!.index - eci)).toBeLessThan(1.5);
  });

  it("gives bootstrap intervals reproducible from the seed", () => {
    const again = fitCapabilityIndex(prepared, { bootstrap: 3, seed: 7 });
    expect(Array.from(again.replicateIndex)).toEqual(Array.from(result.replicateIndex));
    const other = fitCapabilityIndex(prepared, { bootstrap: 3, seed: 8 });
    expect(Array.from(other.replicateIndex)).not.toEqual(Array.from(result.replicateIndex));
    const gpt4 = index.get("gpt-4-0613")!;
    expect(gpt4.ci[0]).toBeLessThanOrEqual(gpt4.ci[1]);
  });
});

describe("compositeFromLlmStats()", () => {
  it("averages the seven evaluations equally and reports coverage", () => {
    const result = compositeFromLlmStats(join(DATA, "llm_stats", "DERIVED_llm_stats_benchmark_scores.csv"));
    // 130 GPQA rows name 129 distinct models.
    expect(result.evaluationCoverage["GPQA Diamond"]).toBe(129);
    expect(result.evaluationCoverage["MMLU-Pro"]).toBe(68);
    for (const m of result.models) {
      const values = Object.values(m.scores);
      expect(m.coverage).toBeCloseTo(values.length / 7, 12);
      expect(m.composite).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 12);
    }
  });
});

describe("wallcast index", () => {
  it("prints the index as JSON with model information", async () => {
    const run = await runMain(["index", "--bootstrap", "2", "--json"]);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    const gpt5 = out.models.find((m: { model: string }) => m.model === "gpt-5-2025-08-07_medium");
    expect(gpt5.index).toBeCloseTo(150, 6);
    expect(gpt5.organization).toBe("OpenAI");
    expect(gpt5.bloc).toBe("US");
    expect(out.composite.models.length).toBeGreaterThan(50);
  });

  it("exits 2 on an unknown source or a date that does not parse", async () => {
    const bad = await runMain(["index", "--sources", "hub,nope"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--sources/);
    const date = await runMain(["index", "--since", "2024-13-01"]);
    expect(date.code).toBe(2);
    expect(date.stdout).toBe("");
  });
});
