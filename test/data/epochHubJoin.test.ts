import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../src/data/csv.js";
import { resolveDataDir } from "../../src/data/dataDir.js";
import { epochHubJoinRecipe, joinHubRuns } from "../../src/data/derive/epochHubJoin.js";
import type { RecipeInputs } from "../../src/data/derive/recipe.js";
import { getDataset } from "../../src/data/registry.js";
import { InputError } from "../../src/util/errors.js";
import { expectSameTable, sha256, thrown } from "../support/tables.js";

const DATA = process.env.WALLCAST_DATA;
const OUTPUT = "DERIVED_epoch_hub_runs_joined.csv";

// Two model families in memory: "Big" is in the models table (twice: the first row wins), "New" is not; the
// run of version "ghost" has no version row at all.
const RUNS = parseCsv(
  "\uFEFFid,task,model,Best score (across scorers),Scores,started_at,task version\n" +
    "r1,GPQA diamond,big-v1_high,0.850,choice:0.85±0.02,17 November 2025 4:28pm,1.0.1\n" +
    "r2,MATH level 5,new-v2,0.100,,1 May 2025 9:00am,\n" +
    "r3,MATH level 5,ghost,0.2,x,,2\n",
  "runs.csv",
);
const VERSIONS = parseCsv(
  "\uFEFFid,Model,Version release date,Notes\n" +
    'big-v1_high,Big,2025-04-16,"two\nlines, quoted"\n' +
    "new-v2,New,,\n",
  "versions.csv",
);
const MODELS = parseCsv(
  "Model,Organization,Parameters,Country (of organization),Training compute (FLOP)\n" +
    'Big,Lab,671000000000.0,"United States of America,China",2.700000000000001e+25\n' +
    "Big,Other lab,1,France,1\n" +
    " New,Padded,,,\n",
  "models.csv",
);

describe("joinHubRuns", () => {
  it("gives one row per run, in order, with the version's family and its first models-table row", () => {
    expect(joinHubRuns(RUNS, VERSIONS, MODELS)).toBe(
      [
        "task,model_version,model,version_release_date,organization,country,training_compute_flop,parameters," +
          "score,score_detail,started_at,task_version",
        'GPQA diamond,big-v1_high,Big,2025-04-16,Lab,"United States of America,China",2.700000000000001e+25,' +
          "671000000000.0,0.850,choice:0.85±0.02,17 November 2025 4:28pm,1.0.1",
        "MATH level 5,new-v2,New,,,,,,0.100,,1 May 2025 9:00am,",
        "MATH level 5,ghost,,,,,,,0.2,x,,2",
        "",
      ].join("\r\n"),
    );
  });

  it("refuses a repeated version id, naming the file, line and id", () => {
    const versions = parseCsv("id,Model,Version release date\na,A,\nb,B,\na,C,\n", "versions.csv");
    const error = thrown(() => joinHubRuns(RUNS, versions, MODELS));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).issues).toEqual([
      { file: "versions.csv", line: 4, field: "id", value: "a", message: "repeated id" },
    ]);
  });

  it("names a missing column and the file that lacks it", () => {
    const models = parseCsv("Model,Organization\nBig,Lab\n", "models.csv");
    expect(() => joinHubRuns(RUNS, VERSIONS, models)).toThrow(
      'models.csv: unknown column; the file has "Model", "Organization" (got "Country (of organization)")',
    );
  });
});

describe("epochHubJoinRecipe", () => {
  it("reads registered files of the data directory and writes only the joined file", () => {
    expect(epochHubJoinRecipe.upstream).toEqual([]);
    for (const input of epochHubJoinRecipe.data ?? []) {
      expect(getDataset(input.dataset).files.map((f) => f.name)).toContain(input.file);
    }
    expect(getDataset(epochHubJoinRecipe.dataset).files.map((f) => f.name)).toContain(OUTPUT);
  });
});

describe.skipIf(!DATA)("epochHubJoinRecipe from the data directory", () => {
  const dataDir = resolveDataDir();
  const inputs: RecipeInputs = {
    upstream: (path) => {
      throw new RangeError(`invalid upstream input: ${path}`);
    },
    data: (dataset, file) => readFileSync(join(dataDir, getDataset(dataset).folder, file)),
  };

  it("rebuilds the shared table: same header, rows in order and values, byte for byte", async () => {
    const built = await epochHubJoinRecipe.build(inputs);
    expect([...built.keys()]).toEqual([OUTPUT]);
    const bytes = built.get(OUTPUT) as Buffer;
    const shared = readFileSync(join(dataDir, "epoch_benchmark_stitching", OUTPUT));
    expectSameTable(bytes, shared, OUTPUT);
    const ours = parseCsv(bytes.toString("utf8"), "built");
    expect(ours.rows).toHaveLength(541);
    const organization = ours.header.indexOf("organization");
    expect(ours.rows.filter((row) => row[organization] !== "")).toHaveLength(375);
    const pinned = getDataset("epoch-benchmarks").files.find((f) => f.name === OUTPUT);
    expect({ bytes: bytes.length, sha256: sha256(bytes) }).toEqual({
      bytes: pinned?.bytes,
      sha256: pinned?.sha256,
    });
    expect(sha256(bytes)).toBe(sha256(shared));
  });
});
