/**
 * Which datasets the run's data analyses read, and which of them a data directory lacks. A run without them
 * still runs every scenario; this decides up front which analyses to leave out and says exactly which datasets
 * `wallcast data pull` would fetch to put them back in the report.
 */
import { getDataset } from "../data/registry.js";
import { datasetFilePath, datasetFileState } from "../data/status.js";
import { EXTERNAL_BENCHMARKS } from "../forecast/index/index.js";

/** A run analysis that reads the data directory. */
export type DataAnalysis = "computeTrend" | "frontierGap";

/** One analysis and the registry files it reads (`dataset id`, file name). */
export interface DataNeed {
  analysis: DataAnalysis;
  /** How the report names it ("the compute trend"). */
  title: string;
  files: ReadonlyArray<readonly [dataset: string, file: string]>;
}

/** What each data analysis of a run reads (see analysis.ts). */
export const RUN_DATA_NEEDS: readonly DataNeed[] = [
  {
    analysis: "computeTrend",
    title: "the compute trend",
    files: [["epoch-training-cost", "All ML Systems - full view.csv"]],
  },
  {
    analysis: "frontierGap",
    title: "the US–China frontier gap",
    files: [
      ["epoch-benchmarks", "DERIVED_epoch_hub_runs_joined.csv"],
      ["epoch-benchmarks", "model_versions.csv"],
      ...EXTERNAL_BENCHMARKS.map((b) => ["epoch-benchmarks", `external_benchmark_${b.stem}.csv`] as const),
      // Organisation and country of the models the hub does not place: without them a bloc is unknown.
      ["epoch-models", "notable_ai_models.csv"],
      ["epoch-models", "large_scale_ai_models.csv"],
    ],
  },
];

/** An analysis left out of a run for want of data. */
export interface MissingData {
  analysis: DataAnalysis;
  title: string;
  /** Datasets with a missing file, in need order. */
  datasets: string[];
  /** The missing files, as `dataset:file` references. */
  files: string[];
}

/**
 * The analyses of RUN_DATA_NEEDS that cannot run from `dataDir` (all of them when it is undefined or absent):
 * those with a needed file missing. A file present but differing from the pinned version is left to the
 * analysis, which reports what it cannot read.
 */
export async function findMissingData(dataDir: string | undefined): Promise<MissingData[]> {
  const missing: MissingData[] = [];
  for (const need of RUN_DATA_NEEDS) {
    const files: Array<readonly [string, string]> = [];
    for (const [id, name] of need.files) {
      const dataset = getDataset(id);
      const file = dataset.files.find((f) => f.name === name);
      if (!file) throw new RangeError(`invalid data need: ${id} has no file ${name}`);
      if (
        dataDir === undefined ||
        (await datasetFileState(datasetFilePath(dataDir, dataset, file), file)) === "missing"
      )
        files.push([id, name]);
    }
    if (files.length > 0)
      missing.push({
        analysis: need.analysis,
        title: need.title,
        datasets: [...new Set(files.map(([id]) => id))],
        files: files.map(([id, name]) => `${id}:${name}`),
      });
  }
  return missing;
}

/** Where the data was looked for, so the message's command fetches into the same folder. */
export interface DataLocation {
  dataDir: string;
  /** True when the folder came from the `--data` flag (the pull command must repeat it). */
  fromFlag: boolean;
}

function listWords(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

function shellWord(text: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(text) ? text : `"${text.replaceAll(/(["\\$`])/g, "\\$1")}"`;
}

/**
 * One line naming the analyses left out, the datasets they need and the command that fetches them, e.g. `no data
 * for the compute trend (dataset epoch-training-cost missing from ~/data): run 'wallcast data pull
 * epoch-training-cost' to add it to the report`. Without `where` the folder is not named (the report's text).
 */
export function missingDataMessage(missing: readonly MissingData[], where?: DataLocation): string {
  if (missing.length === 0) throw new RangeError("invalid missing: nothing is missing");
  const datasets = [...new Set(missing.flatMap((m) => m.datasets))];
  const noun = datasets.length === 1 ? "dataset" : "datasets";
  const from = where ? ` missing from ${where.dataDir}` : "";
  const flag = where?.fromFlag ? ` --data ${shellWord(where.dataDir)}` : "";
  const them = missing.length === 1 ? "it" : "them";
  return (
    `no data for ${listWords(missing.map((m) => m.title))} (${noun} ${datasets.join(", ")}${from}): ` +
    `run 'wallcast${flag} data pull ${datasets.join(" ")}' to add ${them} to the report`
  );
}
