/**
 * Benchmark scores for the capability index, read as Epoch's benchmark-stitching loader reads them
 * (epoch-research/benchmark-stitching, data_loader.py): the Epoch hub runs, the external leaderboard files with
 * one score column each scaled to 0–1, and optionally the lab-reported LLM-Stats table.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { type CsvTable, columnIndex, readCsv } from "../../data/csv.js";
import { InputError } from "../../util/errors.js";

/** Where a score came from. */
export type ScoreSource = "hub" | "external" | "llm-stats";

/** One score of one model version on one benchmark, in [0, 1]. */
export interface BenchmarkScore {
  model: string;
  benchmark: string;
  score: number;
  source: ScoreSource;
}

/** Hub tasks in the index (data_loader.py; the public FrontierMath splits are left out, as there). */
export const HUB_BENCHMARKS: readonly string[] = [
  "GPQA diamond",
  "FrontierMath-2025-02-28-Private",
  "MATH level 5",
  "OTIS Mock AIME 2024-2025",
  "FrontierMath-Tier-4-2025-07-01-Private",
  "SWE-Bench verified",
];

/** An external leaderboard file: its score column and the divisor that brings it to 0–1. */
export interface ExternalBenchmark {
  /** File stem: `external_benchmark_<stem>.csv`. */
  stem: string;
  benchmark: string;
  column: string;
  divisor: number;
}

// Column and scaling per file as in data_loader.py. Left out as there: BoolQ (a SuperGLUE task), MCBench
// (an arena win rate) and METR (a time horizon, not a score).
export const EXTERNAL_BENCHMARKS: readonly ExternalBenchmark[] = [
  { stem: "aider_polyglot", benchmark: "Aider polyglot", column: "Percent correct", divisor: 100 },
  { stem: "anli", benchmark: "ANLI", column: "Score", divisor: 100 },
  { stem: "arc_agi", benchmark: "ARC-AGI", column: "Score", divisor: 100 },
  { stem: "arc_ai2", benchmark: "ARC AI2", column: "Challenge score", divisor: 100 },
  { stem: "balrog", benchmark: "Balrog", column: "Average progress", divisor: 100 },
  { stem: "bbh", benchmark: "BBH", column: "Average", divisor: 100 },
  { stem: "cadeval", benchmark: "CadEval", column: "Overall pass (%)", divisor: 100 },
  { stem: "csqa2", benchmark: "CSQA2", column: "Score", divisor: 100 },
  { stem: "cybench", benchmark: "Cybench", column: "Unguided % Solved", divisor: 100 },
  { stem: "deepresearch", benchmark: "DeepResearch Bench", column: "Average score", divisor: 100 },
  {
    stem: "factorio_learning_environment",
    benchmark: "Factorio learning environment",
    column: "Lab Success %",
    divisor: 100,
  },
  { stem: "fictionlivebench", benchmark: "Fiction.LiveBench", column: "16k token score", divisor: 100 },
  { stem: "geobench", benchmark: "GeoBench", column: "ACW Country %", divisor: 100 },
  { stem: "gsm8k", benchmark: "GSM8K", column: "EM", divisor: 100 },
  { stem: "gso_bench", benchmark: "GSO-Bench", column: "Score OPT@1", divisor: 100 },
  { stem: "hellaswag", benchmark: "HellaSwag", column: "Overall accuracy", divisor: 100 },
  { stem: "lambada", benchmark: "LAMBADA", column: "Score", divisor: 100 },
  { stem: "lech_mazur_writing", benchmark: "Lech Mazur Writing", column: "Mean score", divisor: 10 },
  { stem: "livebench", benchmark: "LiveBench", column: "Global average", divisor: 100 },
  { stem: "mmlu", benchmark: "MMLU", column: "EM", divisor: 100 },
  { stem: "openbookqa", benchmark: "OpenBookQA", column: "Accuracy", divisor: 100 },
  { stem: "os_world", benchmark: "OSWorld", column: "Score", divisor: 100 },
  { stem: "osuniverse", benchmark: "OSUniverse", column: "Weighted Score", divisor: 100 },
  { stem: "piqa", benchmark: "PIQA", column: "Score", divisor: 100 },
  { stem: "scienceqa", benchmark: "ScienceQA", column: "Score", divisor: 100 },
  { stem: "simple_bench", benchmark: "SimpleBench", column: "Score (AVG@5)", divisor: 100 },
  { stem: "superglue", benchmark: "SuperGLUE", column: "Score", divisor: 100 },
  { stem: "terminal_bench", benchmark: "Terminal Bench", column: "Accuracy mean", divisor: 100 },
  { stem: "the_agent_company", benchmark: "The Agent Company", column: "% Resolved", divisor: 100 },
  { stem: "triviaqa", benchmark: "TriviaQA", column: "EM", divisor: 100 },
  { stem: "videomme", benchmark: "VideoMME", column: "Overall (no subtitles)", divisor: 100 },
  { stem: "vpct", benchmark: "VPCT", column: "Correct", divisor: 100 },
  { stem: "weirdml", benchmark: "WeirdML", column: "Accuracy", divisor: 100 },
  { stem: "winogrande", benchmark: "Winogrande", column: "Accuracy", divisor: 100 },
];

/** Prefix of LLM-Stats benchmark names: lab-reported scores are kept apart from independent evaluations. */
export const LLM_STATS_PREFIX = "LLM-Stats: ";

/** A score cell ("85.2%", "85.2" or "0.852" with divisor 1) as a number in [0, 1]; empty is undefined. */
function scoreCell(table: CsvTable, row: number, column: number, divisor: number): number | undefined {
  const raw = table.rows[row][column];
  const text = raw.trim().replace(/%$/, "").trim();
  if (text === "") return undefined;
  const value = Number(text) / divisor;
  if (!(Number.isFinite(value) && value >= 0 && value <= 1)) {
    throw new InputError({
      file: table.file,
      line: table.lines[row],
      field: table.header[column],
      value: raw,
      message: `not a score in [0, ${divisor}]`,
    });
  }
  return value;
}

/** Hub runs (`DERIVED_epoch_hub_runs_joined.csv`: task, model_version, score) on the index's tasks. */
export function readHubScores(path: string): BenchmarkScore[] {
  const table = readCsv(path);
  const task = columnIndex(table, "task");
  const model = columnIndex(table, "model_version");
  const score = columnIndex(table, "score");
  const wanted = new Set(HUB_BENCHMARKS);
  const out: BenchmarkScore[] = [];
  for (let r = 0; r < table.rows.length; r++) {
    const benchmark = table.rows[r][task].trim();
    if (!wanted.has(benchmark)) continue;
    const value = scoreCell(table, r, score, 1);
    const name = table.rows[r][model].trim();
    if (value === undefined || name === "") continue;
    out.push({ model: name, benchmark, score: value, source: "hub" });
  }
  return out;
}

/** Every external leaderboard file of EXTERNAL_BENCHMARKS in `folder` (a missing file is an InputError). */
export function readExternalScores(folder: string): BenchmarkScore[] {
  const out: BenchmarkScore[] = [];
  for (const spec of EXTERNAL_BENCHMARKS) {
    const path = join(folder, `external_benchmark_${spec.stem}.csv`);
    if (!existsSync(path))
      throw new InputError({
        file: path,
        message: "external benchmark file missing; run 'wallcast data pull epoch-benchmarks'",
      });
    const table = readCsv(path);
    const model = columnIndex(table, "Model version");
    const column = columnIndex(table, spec.column);
    for (let r = 0; r < table.rows.length; r++) {
      const name = table.rows[r][model].trim();
      const value = scoreCell(table, r, column, spec.divisor);
      if (value === undefined || name === "") continue;
      out.push({ model: name, benchmark: spec.benchmark, score: value, source: "external" });
    }
  }
  return out;
}

/**
 * LLM-Stats scores (model_id, benchmark_name, score), each benchmark prefixed by LLM_STATS_PREFIX. A benchmark
 * with any score outside [0, 1] reports a rating, not a fraction (e.g. Codeforces Elo), and is left out.
 */
export function readLlmStatsScores(path: string): BenchmarkScore[] {
  const table = readCsv(path);
  const model = columnIndex(table, "model_id");
  const name = columnIndex(table, "benchmark_name");
  const score = columnIndex(table, "score");
  const ratings = new Set<string>();
  for (const row of table.rows) {
    const value = Number(row[score].trim());
    if (row[score].trim() !== "" && !(value >= 0 && value <= 1)) ratings.add(row[name].trim());
  }
  const out: BenchmarkScore[] = [];
  for (let r = 0; r < table.rows.length; r++) {
    if (ratings.has(table.rows[r][name].trim())) continue;
    const value = scoreCell(table, r, score, 1);
    const id = table.rows[r][model].trim();
    if (value === undefined || id === "") continue;
    out.push({
      model: id,
      benchmark: `${LLM_STATS_PREFIX}${table.rows[r][name].trim()}`,
      score: value,
      source: "llm-stats",
    });
  }
  return out;
}
