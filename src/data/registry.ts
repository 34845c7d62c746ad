import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../util/errors.js";

/** One file of a dataset, stored at `<dataDir>/<dataset folder>/<name>`. */
export interface DatasetFile {
  name: string;
}

/** A dataset the project knows: where it lives in the data directory. */
export interface Dataset {
  /** Short id used on the command line (`wallcast fit chinchilla`). */
  id: string;
  title: string;
  /** Folder under the data directory. */
  folder: string;
  files: DatasetFile[];
  /** File used when a reference names the dataset without `:file`. */
  defaultFile?: string;
}

const files = (...names: string[]): DatasetFile[] => names.map((name) => ({ name }));

/** Every dataset wallcast reads. */
export const DATASETS: readonly Dataset[] = [
  {
    id: "chinchilla",
    title: "Chinchilla (Hoffmann et al. 2022, Fig. 4) points digitised by Epoch AI",
    folder: "chinchilla_epoch",
    files: files("svg_extracted_data.csv"),
    defaultFile: "svg_extracted_data.csv",
  },
  {
    id: "bnsl",
    title: "BNSL 4-digit addition (Caballero et al. 2022, Fig. 4 left)",
    folder: "bnsl",
    files: files("DERIVED_bnsl_4digit_addition_fig4left.csv"),
    defaultFile: "DERIVED_bnsl_4digit_addition_fig4left.csv",
  },
  {
    id: "muennighoff2023",
    title: "Data-constrained scaling runs (Muennighoff et al. 2023)",
    folder: "muennighoff2023",
    files: files("DERIVED_datablations_fit_points_182.csv", "DERIVED_datablations_all_points_cell2.csv"),
    defaultFile: "DERIVED_datablations_fit_points_182.csv",
  },
  {
    id: "porian2024",
    title: "Resolving scaling-law discrepancies (Porian et al. 2024)",
    folder: "porian2024",
    files: files(
      "DERIVED_porian2024_isoflop_points.csv",
      "DERIVED_porian2024_compute_optimal_points.csv",
      "DERIVED_porian2024_fit_results.csv",
    ),
    defaultFile: "DERIVED_porian2024_compute_optimal_points.csv",
  },
  {
    id: "epoch-training-cost",
    title: "Epoch AI 'All ML Systems' snapshot and training-cost analysis (Cottier et al. 2024)",
    folder: "epoch_training_cost_trends",
    files: files("All ML Systems - full view.csv", "model_costs.csv", "model_costs_updated.csv"),
    defaultFile: "All ML Systems - full view.csv",
  },
  {
    id: "epoch-models",
    title: "Epoch AI 'Notable' and 'Large-scale' AI models (2025-06 snapshot)",
    folder: "epoch_ai_models_snapshot_2025-06",
    files: files("notable_ai_models.csv", "large_scale_ai_models.csv"),
    defaultFile: "notable_ai_models.csv",
  },
  {
    id: "epoch-benchmarks",
    title: "Epoch AI benchmark hub runs and external benchmarks (benchmark-stitching)",
    folder: "epoch_benchmark_stitching",
    files: files(
      "DERIVED_epoch_hub_runs_joined.csv",
      "benchmarks_runs.csv",
      "model_versions.csv",
      "benchmark_optim.csv",
      "distilled_models.csv",
      ...[
        "aider_polyglot",
        "anli",
        "arc_agi",
        "arc_ai2",
        "balrog",
        "bbh",
        "boolq",
        "cadeval",
        "csqa2",
        "cybench",
        "deepresearch",
        "factorio_learning_environment",
        "fictionlivebench",
        "geobench",
        "gsm8k",
        "gso_bench",
        "hellaswag",
        "lambada",
        "lech_mazur_writing",
        "livebench",
        "mcbench",
        "metr",
        "mmlu",
        "openbookqa",
        "os_world",
        "osuniverse",
        "piqa",
        "scienceqa",
        "simple_bench",
        "superglue",
        "terminal_bench",
        "the_agent_company",
        "triviaqa",
        "videomme",
        "vpct",
        "weirdml",
        "winogrande",
      ].map((b) => `external_benchmark_${b}.csv`),
    ),
    defaultFile: "DERIVED_epoch_hub_runs_joined.csv",
  },
  {
    id: "obsscaling",
    title: "Observational scaling laws benchmark tables (Ruan et al. 2024)",
    folder: "obsscaling",
    files: files(
      "base_llm_benchmark_eval.csv",
      "base_llm_benchmark_eval_sub_10b.csv",
      "base_llm_emergent_capability_eval.csv",
      "base_llm_leaderboard_v2_eval.csv",
      "base_llm_post_training_eval.csv",
      "instruct_llm_agent_eval.csv",
      "instruct_llm_benchmark_eval.csv",
    ),
    defaultFile: "base_llm_benchmark_eval.csv",
  },
  {
    id: "llm-stats",
    title: "LLM-Stats benchmark scores (mostly self-reported by labs)",
    folder: "llm_stats",
    files: files("DERIVED_llm_stats_benchmark_scores.csv"),
    defaultFile: "DERIVED_llm_stats_benchmark_scores.csv",
  },
  {
    id: "lmarena",
    title: "Chatbot Arena Elo history",
    folder: "lmarena_history",
    files: files("alltime.csv", "alltime_by_org.csv", "key_to_model.csv"),
    defaultFile: "alltime.csv",
  },
];

/** The dataset with this id; an unknown id is an InputError listing the known ones. */
export function getDataset(id: string): Dataset {
  const dataset = DATASETS.find((d) => d.id === id);
  if (!dataset) {
    throw new InputError({
      field: "dataset",
      value: id,
      message: `unknown dataset; known: ${DATASETS.map((d) => d.id).join(", ")}`,
    });
  }
  return dataset;
}

/**
 * Resolves `csv-path | dataset-id[:file]` to a file path. An existing file path wins; otherwise the reference
 * names a dataset and optionally one of its files (default: the dataset's default file).
 */
export function resolveDataRef(ref: string, dataDir: string): string {
  if (existsSync(ref) && statSync(ref).isFile()) return ref;
  const colon = ref.indexOf(":");
  const id = colon < 0 ? ref : ref.slice(0, colon);
  const looksLikePath = ref.includes("/") || ref.endsWith(".csv");
  if (looksLikePath && !DATASETS.some((d) => d.id === id)) {
    throw new InputError({ file: ref, message: "no such file" });
  }
  const dataset = getDataset(id);
  const fileName = colon < 0 ? dataset.defaultFile : ref.slice(colon + 1);
  const file = dataset.files.find((f) => f.name === fileName);
  if (!fileName || !file) {
    throw new InputError({
      field: "dataset file",
      value: ref,
      message: `not a file of ${dataset.id}; files: ${dataset.files.map((f) => f.name).join(", ")}`,
    });
  }
  const path = join(dataDir, dataset.folder, file.name);
  if (!existsSync(path)) {
    throw new InputError({
      file: path,
      message: `dataset file missing; run 'wallcast data pull ${dataset.id}' or set --data / WALLCAST_DATA`,
    });
  }
  return path;
}
