import { InputError } from "../../util/errors.js";
import { type CsvTable, columnIndex, parseCsv } from "../csv.js";
import { pythonCsvText } from "./pythonCsv.js";
import type { DataInput, Recipe } from "./recipe.js";

const RUNS: DataInput = { dataset: "epoch-benchmarks", file: "benchmarks_runs.csv" };
const VERSIONS: DataInput = { dataset: "epoch-benchmarks", file: "model_versions.csv" };
// Of Epoch's AI-models tables in the registry, only the training-cost repository's "All ML Systems" snapshot
// reproduces the pinned file: the 2025-06 notable/large-scale copies differ (e.g. DeepSeek-R1's compute is
// 5.17e24 there, 4.02e24 here; Gemma 3 27B is missing from them).
const MODELS: DataInput = { dataset: "epoch-training-cost", file: "All ML Systems - full view.csv" };
const OUTPUT = "DERIVED_epoch_hub_runs_joined.csv";

/** Output columns, each with the table and column it is copied from. */
const COLUMNS: ReadonlyArray<[string, "run" | "version" | "model", string]> = [
  ["task", "run", "task"],
  ["model_version", "run", "model"],
  ["model", "version", "Model"],
  ["version_release_date", "version", "Version release date"],
  ["organization", "model", "Organization"],
  ["country", "model", "Country (of organization)"],
  ["training_compute_flop", "model", "Training compute (FLOP)"],
  ["parameters", "model", "Parameters"],
  ["score", "run", "Best score (across scorers)"],
  ["score_detail", "run", "Scores"],
  ["started_at", "run", "started_at"],
  ["task_version", "run", "task version"],
];

/** Rows of `table` by the value of column `key`; the first row of a value wins. */
function firstRowBy(table: CsvTable, key: string): Map<string, string[]> {
  const index = columnIndex(table, key);
  const rows = new Map<string, string[]>();
  for (const row of table.rows) if (!rows.has(row[index])) rows.set(row[index], row);
  return rows;
}

/** Fails on the first repeated value of column `key`, which would make a join on it ambiguous. */
function requireUnique(table: CsvTable, key: string): void {
  const index = columnIndex(table, key);
  const seen = new Set<string>();
  table.rows.forEach((row, r) => {
    if (seen.has(row[index])) {
      throw new InputError({
        file: table.file,
        line: table.lines[r],
        field: key,
        value: row[index],
        message: "repeated id",
      });
    }
    seen.add(row[index]);
  });
}

/**
 * Joins Epoch's hub runs to their model versions (runs.model = versions.id) and the versions' model family to
 * Epoch's AI-models table (versions.Model = models.Model, exact text; the first row of a name wins, as names
 * repeat there). One output row per run, in the runs' order; a cell whose row has no match is empty. Every
 * cell is copied verbatim, and the CSV is written as Python's csv.writer writes it.
 */
export function joinHubRuns(runs: CsvTable, versions: CsvTable, models: CsvTable): string {
  requireUnique(versions, "id");
  const versionById = firstRowBy(versions, "id");
  const modelByName = firstRowBy(models, "Model");
  const runModel = columnIndex(runs, "model");
  const versionModel = columnIndex(versions, "Model");
  const tables = { run: runs, version: versions, model: models };
  const columns = COLUMNS.map(([name, source, column]) => ({
    name,
    source,
    index: columnIndex(tables[source], column),
  }));
  const rows = runs.rows.map((run) => {
    const version = versionById.get(run[runModel]);
    // An empty family name joins nothing (the models table has no unnamed row either).
    const model =
      version && version[versionModel] !== "" ? modelByName.get(version[versionModel]) : undefined;
    const sources = { run, version, model };
    return columns.map(({ source, index }) => sources[source]?.[index] ?? "");
  });
  return pythonCsvText([columns.map((c) => c.name), ...rows]);
}

/** Rebuilds the hub-runs join from the epoch-benchmarks tables and Epoch's "All ML Systems" snapshot. */
export const epochHubJoinRecipe: Recipe = {
  dataset: "epoch-benchmarks",
  summary:
    "joins the hub's benchmark runs to model_versions.csv and to Epoch's AI-models table (organization, " +
    "country, compute, parameters)",
  upstream: [],
  data: [RUNS, VERSIONS, MODELS],
  async build(inputs) {
    const table = ({ dataset, file }: DataInput) =>
      parseCsv(inputs.data(dataset, file).toString("utf8"), `${dataset}:${file}`);
    const joined = joinHubRuns(table(RUNS), table(VERSIONS), table(MODELS));
    return new Map([[OUTPUT, Buffer.from(joined, "utf8")]]);
  },
};
