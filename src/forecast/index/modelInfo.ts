/**
 * What is known about each model version besides its scores: release date, organisation, country, country
 * bloc, training compute and cost. Joined from Epoch's model_versions.csv (id → model family, release date),
 * the hub runs (organisation, country, compute), the Epoch AI-models database (by family name) and LLM-Stats.
 */
import { existsSync } from "node:fs";
import { type CsvTable, columnIndex, readCsv } from "../../data/csv.js";
import { resolveDataRef } from "../../data/registry.js";
import { decimalYear, parseCalendarDate } from "../dates.js";

/** US, China or everyone else: the blocs the frontier gap compares. */
export type CountryBloc = "US" | "China" | "other";

export interface ModelInfo {
  /** Release date `YYYY-MM-DD`, or "" when unknown. */
  releaseDate: string;
  /** Release date as a decimal year; NaN when unknown. */
  year: number;
  organization: string;
  /** Country or comma-separated countries of the organisation, as Epoch writes them. */
  country: string;
  bloc: CountryBloc | "";
  /** Training compute, FLOP; NaN when unknown. */
  trainingComputeFlop: number;
  /** Training compute cost, 2023 USD (Epoch); NaN when unknown. */
  trainingCostUsd: number;
}

/** The files the join reads; any may be absent. */
export interface ModelInfoFiles {
  /** Epoch `model_versions.csv`. */
  modelVersions?: string;
  /** `DERIVED_epoch_hub_runs_joined.csv`. */
  hubRuns?: string;
  /** Epoch AI-models database files (notable_ai_models.csv, large_scale_ai_models.csv). */
  aiModels?: string[];
  /** `DERIVED_llm_stats_benchmark_scores.csv`. */
  llmStats?: string;
}

/**
 * The Epoch files of the data directory the join reads, each resolved as a dataset reference so a missing one is
 * an InputError naming the `wallcast data pull` that fetches it.
 */
export function epochModelInfoFiles(dataDir: string): Required<Omit<ModelInfoFiles, "llmStats">> {
  return {
    modelVersions: resolveDataRef("epoch-benchmarks:model_versions.csv", dataDir),
    hubRuns: resolveDataRef("epoch-benchmarks:DERIVED_epoch_hub_runs_joined.csv", dataDir),
    aiModels: [
      resolveDataRef("epoch-models:notable_ai_models.csv", dataDir),
      resolveDataRef("epoch-models:large_scale_ai_models.csv", dataDir),
    ],
  };
}

const US = "United States of America";

// Assumption (labelled): who makes a model, by the start of its version id, for versions none of the files
// attribute (mostly releases after the AI-models snapshot). Public knowledge of each lab's naming.
const ORGANIZATION_BY_PREFIX: readonly [RegExp, string, string][] = [
  [/^(gpt-|o1|o3|o4|chatgpt|text-davinci|code-davinci|davinci)/i, "OpenAI", US],
  [/^claude/i, "Anthropic", US],
  [/^(gemini|gemma|palm|medgemma)/i, "Google DeepMind", US],
  [/^(meta-)?llama/i, "Meta AI", US],
  [/^grok/i, "xAI", US],
  [/^phi-/i, "Microsoft", US],
  [/^deepseek/i, "DeepSeek", "China"],
  [/^(qwen|qwq)/i, "Alibaba", "China"],
  [/^(glm|chatglm)/i, "Zhipu AI", "China"],
  [/^kimi/i, "Moonshot", "China"],
  [/^(mistral|magistral|mixtral|codestral|ministral|devstral)/i, "Mistral AI", "France"],
  [/^command/i, "Cohere", "Canada"],
];

const COUNTRY_CODES: Record<string, string> = { US, CN: "China", FR: "France", CA: "Canada" };

/** The bloc of a country list: whichever of the US and China is named first; otherwise "other". */
export function countryBloc(country: string): CountryBloc | "" {
  if (country.trim() === "") return "";
  const us = country.indexOf(US);
  const china = country.indexOf("China");
  if (us < 0 && china < 0) return "other";
  if (china < 0) return "US";
  if (us < 0) return "China";
  return us < china ? "US" : "China";
}

function emptyInfo(): ModelInfo {
  return {
    releaseDate: "",
    year: Number.NaN,
    organization: "",
    country: "",
    bloc: "",
    trainingComputeFlop: Number.NaN,
    trainingCostUsd: Number.NaN,
  };
}

function positive(text: string): number {
  const value = Number(text.trim());
  return text.trim() !== "" && value > 0 && Number.isFinite(value) ? value : Number.NaN;
}

function optionalColumn(table: CsvTable, name: string): number {
  return table.header.indexOf(name);
}

function setDate(info: ModelInfo, text: string): void {
  if (info.releaseDate !== "") return;
  const date = parseCalendarDate(text.trim().slice(0, 10));
  if (!date) return;
  info.releaseDate = `${date.year}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
  info.year = decimalYear(date);
}

function setOrganization(info: ModelInfo, organization: string, country: string): void {
  if (info.organization === "" && organization.trim() !== "") info.organization = organization.trim();
  if (info.country === "" && country.trim() !== "") info.country = country.trim();
}

interface FamilyRecord {
  organization: string;
  country: string;
  compute: number;
  cost: number;
}

function readFamilies(paths: readonly string[]): Map<string, FamilyRecord> {
  const families = new Map<string, FamilyRecord>();
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const table = readCsv(path);
    const name = columnIndex(table, "Model");
    const org = optionalColumn(table, "Organization");
    const country = optionalColumn(table, "Country (of organization)");
    const compute = optionalColumn(table, "Training compute (FLOP)");
    const cost = optionalColumn(table, "Training compute cost (2023 USD)");
    for (const row of table.rows) {
      const key = row[name].trim();
      const record = families.get(key) ?? {
        organization: "",
        country: "",
        compute: Number.NaN,
        cost: Number.NaN,
      };
      if (record.organization === "" && org >= 0) record.organization = row[org].trim();
      if (record.country === "" && country >= 0) record.country = row[country].trim();
      if (Number.isNaN(record.compute) && compute >= 0) record.compute = positive(row[compute]);
      if (Number.isNaN(record.cost) && cost >= 0) record.cost = positive(row[cost]);
      families.set(key, record);
    }
  }
  return families;
}

/** Joins what the files say about each of `models`; versions no file attributes fall back on their name. */
export function readModelInfo(models: Iterable<string>, files: ModelInfoFiles): Map<string, ModelInfo> {
  const info = new Map<string, ModelInfo>();
  for (const m of models) info.set(m, emptyInfo());
  const familyOf = new Map<string, string>();
  if (files.modelVersions && existsSync(files.modelVersions)) {
    const table = readCsv(files.modelVersions);
    const id = columnIndex(table, "id");
    const family = columnIndex(table, "Model");
    const date = columnIndex(table, "Version release date");
    for (const row of table.rows) {
      const entry = info.get(row[id].trim());
      if (!entry) continue;
      familyOf.set(row[id].trim(), row[family].trim());
      // Epoch's loader corrects this typo (2025-12-06 for a model released 2024-12-06).
      setDate(entry, row[id].trim() === "gemini-exp-1206" ? "2024-12-06" : row[date]);
    }
  }
  if (files.hubRuns && existsSync(files.hubRuns)) {
    const table = readCsv(files.hubRuns);
    const id = columnIndex(table, "model_version");
    const date = columnIndex(table, "version_release_date");
    const org = columnIndex(table, "organization");
    const country = columnIndex(table, "country");
    const compute = columnIndex(table, "training_compute_flop");
    for (const row of table.rows) {
      const entry = info.get(row[id].trim());
      if (!entry) continue;
      setDate(entry, row[date]);
      setOrganization(entry, row[org], row[country]);
      if (Number.isNaN(entry.trainingComputeFlop)) entry.trainingComputeFlop = positive(row[compute]);
    }
  }
  const families = readFamilies(files.aiModels ?? []);
  for (const [id, entry] of info) {
    const record = families.get(familyOf.get(id) ?? "");
    if (!record) continue;
    setOrganization(entry, record.organization, record.country);
    if (Number.isNaN(entry.trainingComputeFlop)) entry.trainingComputeFlop = record.compute;
    if (Number.isNaN(entry.trainingCostUsd)) entry.trainingCostUsd = record.cost;
  }
  if (files.llmStats && existsSync(files.llmStats)) {
    const table = readCsv(files.llmStats);
    const id = columnIndex(table, "model_id");
    const date = columnIndex(table, "release_date");
    const org = columnIndex(table, "organization_name");
    const country = columnIndex(table, "country");
    for (const row of table.rows) {
      const entry = info.get(row[id].trim());
      if (!entry) continue;
      setDate(entry, row[date]);
      setOrganization(entry, row[org], COUNTRY_CODES[row[country].trim()] ?? row[country]);
    }
  }
  for (const [id, entry] of info) {
    if (entry.organization === "" || entry.country === "") {
      const match = ORGANIZATION_BY_PREFIX.find(([pattern]) => pattern.test(id));
      if (match) setOrganization(entry, match[1], match[2]);
    }
    entry.bloc = countryBloc(entry.country);
  }
  return info;
}
