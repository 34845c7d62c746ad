/**
 * The ObsScaling base-model table (ryoungj/ObsScaling eval_results/base_llm_benchmark_eval.csv): its PCA and
 * a sigmoid of each benchmark against training compute.
 */
import { columnIndex, readCsv } from "../../data/csv.js";
import { fit as fitForm } from "../../fit/fit.js";
import { InputError } from "../../util/errors.js";
import { type PcaOptions, type PcaResult, pca } from "./pca.js";

/** The eight benchmarks of Ruan et al.'s PCA (ALL_BENCHMARK_METRIC_LIST in utils/constants.py). */
export const OBS_SCALING_BENCHMARKS: readonly string[] = [
  "MMLU",
  "ARC-C",
  "HellaSwag",
  "Winograd",
  "TruthfulQA",
  "GSM8K",
  "XWinograd",
  "HumanEval",
];

/** A model of the table: name, family, FLOP (NaN if unknown) and one score per benchmark (NaN if missing). */
export interface ObsScalingModel {
  model: string;
  family: string;
  flop: number;
  scores: number[];
}

/** Reads the table; `FLOPs (1E21)` is converted to FLOP. A score outside [0, 1] is an InputError. */
export function readObsScalingTable(
  path: string,
  benchmarks: readonly string[] = OBS_SCALING_BENCHMARKS,
): ObsScalingModel[] {
  const table = readCsv(path);
  const model = columnIndex(table, "Model");
  const family = columnIndex(table, "Model Family");
  const flops = columnIndex(table, "FLOPs (1E21)");
  const columns = benchmarks.map((b) => columnIndex(table, b));
  return table.rows.map((row, r) => {
    const scores = columns.map((c) => {
      const text = row[c].trim();
      if (text === "") return Number.NaN;
      const value = Number(text);
      if (!(value >= 0 && value <= 1)) {
        throw new InputError({
          file: table.file,
          line: table.lines[r],
          field: table.header[c],
          value: row[c],
          message: "not a score in [0, 1]",
        });
      }
      return value;
    });
    const f = Number(row[flops].trim());
    return {
      model: row[model].trim(),
      family: row[family].trim(),
      flop: row[flops].trim() !== "" && f > 0 ? f * 1e21 : Number.NaN,
      scores,
    };
  });
}

/** The PCA of the table's complete rows, with the benchmarks (columns) and models (rows) it covers. */
export interface ObsScalingPca extends PcaResult {
  benchmarks: readonly string[];
  /** The complete rows' model names, in the order of `scores`. */
  models: string[];
}

/** PCA of the complete rows (every benchmark scored). */
export function obsScalingPca(
  models: readonly ObsScalingModel[],
  options: PcaOptions = {},
  benchmarks: readonly string[] = OBS_SCALING_BENCHMARKS,
): ObsScalingPca {
  const complete = models.filter((m) => m.scores.every(Number.isFinite));
  return {
    ...pca(
      complete.map((m) => m.scores),
      options,
    ),
    benchmarks,
    models: complete.map((m) => m.model),
  };
}

export interface BenchmarkSigmoid {
  benchmark: string;
  /** Rows fitted (score > 0 and FLOP known). */
  n: number;
  /** y = floor + (ceiling − floor)·σ(k·(log10 FLOP − x0)). */
  floor: number;
  ceiling: number;
  k: number;
  x0: number;
  rmsle: number;
  converged: boolean;
  reason: string;
}

/** One sigmoid per benchmark of score against log10 training FLOP (H1's `sigmoid` form, log-MSE). */
export function benchmarkSigmoids(
  models: readonly ObsScalingModel[],
  benchmarks: readonly string[] = OBS_SCALING_BENCHMARKS,
): BenchmarkSigmoid[] {
  return benchmarks.map((benchmark, j) => {
    const rows = models.filter((m) => Number.isFinite(m.flop) && m.scores[j] > 0);
    const result = fitForm(
      { x: Float64Array.from(rows, (m) => m.flop), y: Float64Array.from(rows, (m) => m.scores[j]) },
      { form: "sigmoid", loss: "log-mse" },
    );
    return {
      benchmark,
      n: result.n,
      floor: result.params.floor,
      ceiling: result.params.ceiling,
      k: result.params.k,
      x0: result.params.x0,
      rmsle: result.train.rmsle,
      converged: result.converged,
      reason: result.reason,
    };
  });
}
