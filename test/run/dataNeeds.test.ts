import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { getDataset } from "../../src/data/registry.js";
import { findMissingData, missingDataMessage, RUN_DATA_NEEDS } from "../../src/run/index.js";
import { DATA } from "../support/cli.js";

const partial = mkdtempSync(join(tmpdir(), "wallcast-partial-data-"));
symlinkSync(
  join(DATA, getDataset("epoch-training-cost").folder),
  join(partial, "epoch_training_cost_trends"),
);
afterAll(() => rmSync(partial, { recursive: true, force: true }));

const GAP_DATASETS = ["epoch-benchmarks", "epoch-models"];

describe("the data a run needs", () => {
  it("every file a run analysis reads is a file of the registry", () => {
    for (const need of RUN_DATA_NEEDS)
      for (const [id, name] of need.files) expect(getDataset(id).files.map((f) => f.name)).toContain(name);
  });

  it("with no data directory both analyses are missing, naming their datasets", async () => {
    const missing = await findMissingData(undefined);
    expect(missing.map((m) => [m.analysis, m.datasets])).toEqual([
      ["computeTrend", ["epoch-training-cost"]],
      ["frontierGap", GAP_DATASETS],
    ]);
    expect(missing[0].files).toEqual(["epoch-training-cost:All ML Systems - full view.csv"]);
    expect(await findMissingData(join(partial, "no-such-folder"))).toEqual(missing);
  });

  it("with the shared data nothing is missing", async () => {
    expect(await findMissingData(DATA)).toEqual([]);
  });

  it("with one dataset present only the analysis lacking data is left out", async () => {
    const missing = await findMissingData(partial);
    expect(missing.map((m) => [m.analysis, m.datasets])).toEqual([["frontierGap", GAP_DATASETS]]);
    expect(missing[0].files).toContain("epoch-benchmarks:DERIVED_epoch_hub_runs_joined.csv");
    expect(missing[0].files).toContain("epoch-models:large_scale_ai_models.csv");
  });

  it("the message names the sections, the datasets and the command that fetches them, on one line", async () => {
    const all = await findMissingData(undefined);
    expect(missingDataMessage(all, { dataDir: "/home/u/.cache/wallcast/data", fromFlag: false })).toBe(
      "no data for the compute trend and the US–China frontier gap (datasets epoch-training-cost, " +
        "epoch-benchmarks, epoch-models missing from /home/u/.cache/wallcast/data): run 'wallcast data pull " +
        "epoch-training-cost epoch-benchmarks epoch-models' to add them to the report",
    );
    const one = all.slice(0, 1);
    expect(missingDataMessage(one, { dataDir: "/my data", fromFlag: true })).toBe(
      "no data for the compute trend (dataset epoch-training-cost missing from /my data): " +
        `run 'wallcast --data "/my data" data pull epoch-training-cost' to add it to the report`,
    );
    expect(missingDataMessage(one)).toBe(
      "no data for the compute trend (dataset epoch-training-cost): run 'wallcast data pull epoch-training-cost' " +
        "to add it to the report",
    );
    expect(() => missingDataMessage([])).toThrow(/invalid missing/);
  });
});
