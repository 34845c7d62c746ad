import { dirname } from "node:path";
import type { Command } from "commander";
import { resolveDataDir } from "../data/dataDir.js";
import { resolveDataRef } from "../data/registry.js";
import { parseDateFlag } from "../forecast/dates.js";
import {
  type BenchmarkScore,
  type CapabilityIndexResult,
  type CompositeResult,
  compositeFromLlmStats,
  epochModelInfoFiles,
  fitCapabilityIndex,
  type IndexedModel,
  type ModelInfo,
  prepareScores,
  readExternalScores,
  readHubScores,
  readLlmStatsScores,
  readModelInfo,
} from "../forecast/index/index.js";
import {
  catalogue,
  displayWidth,
  formatDate,
  type Lang,
  padEndColumns,
  padStartColumns,
  translator,
} from "../i18n/index.js";
import { InputError } from "../util/errors.js";
import { MAX_BOOTSTRAP, MAX_SEED } from "../util/limits.js";
import { terminalProgress } from "../util/progress.js";
import { globalOptions, intArg, langFlag, printJson, resolveLang } from "./shared.js";

const SOURCES = ["hub", "external", "llm-stats"] as const;
type Source = (typeof SOURCES)[number];

export interface IndexRunOptions {
  /** Score sources, comma-separated: hub, external, llm-stats (default hub,external, as Epoch's ECI). */
  sources?: string;
  /** Bootstrap replicates (default 100). */
  bootstrap?: number;
  /** Seed (default 42). */
  seed?: number;
  /** Keep models released on or after this date (default 2022-11-01, as data_loader.py). */
  since?: string;
  json?: boolean;
  /** Language of the table (default: $WALLCAST_LANG, then en). */
  lang?: Lang;
}

export interface IndexRun {
  sources: Source[];
  since: string;
  result: CapabilityIndexResult;
  info: Map<string, ModelInfo>;
}

function parseSources(text: string): Source[] {
  const list = text.split(",").map((s) => s.trim());
  for (const s of list) {
    if (!(SOURCES as readonly string[]).includes(s))
      throw new InputError({
        field: "--sources",
        value: s,
        message: `unknown source; known: ${SOURCES.join(", ")}`,
      });
  }
  return [...new Set(list)] as Source[];
}

/** Reads the sources, fits the index and joins model information (shared by `index` and `gap`). */
export function runIndex(options: IndexRunOptions, dataFlag: string | undefined, quiet: boolean): IndexRun {
  const dataDir = resolveDataDir(dataFlag);
  const sources = parseSources(options.sources ?? "hub,external");
  const since = options.since ?? "2022-11-01";
  const sinceYear = parseDateFlag(since, "--since");
  const hub = resolveDataRef("epoch-benchmarks:DERIVED_epoch_hub_runs_joined.csv", dataDir);
  const folder = dirname(hub);
  const llmStats = sources.includes("llm-stats")
    ? resolveDataRef("llm-stats:DERIVED_llm_stats_benchmark_scores.csv", dataDir)
    : undefined;
  const scores: BenchmarkScore[] = [];
  if (sources.includes("hub")) scores.push(...readHubScores(hub));
  if (sources.includes("external")) scores.push(...readExternalScores(folder));
  if (llmStats) scores.push(...readLlmStatsScores(llmStats));
  const info = readModelInfo(new Set(scores.map((s) => s.model)), {
    ...epochModelInfoFiles(dataDir),
    llmStats,
  });
  const prepared = prepareScores(scores, {
    keepModel: (m) => (info.get(m)?.year ?? Number.NaN) >= sinceYear,
    anchorBenchmark: "Winogrande",
  });
  if (prepared.length === 0)
    throw new InputError({ field: "--since", value: since, message: "no scores left after the selection" });
  const replicates = options.bootstrap ?? 100;
  const bar = terminalProgress("bootstrap", replicates, quiet);
  let result: CapabilityIndexResult;
  try {
    result = fitCapabilityIndex(prepared, {
      bootstrap: replicates,
      seed: options.seed ?? 42,
      onReplicate: () => bar.tick(),
    });
  } catch (error) {
    if (error instanceof InputError)
      throw new InputError({
        field: "--sources/--since",
        value: `${sources.join(",")} since ${since}`,
        message: `the selection leaves ${error.issues[0]?.field ?? "an input"} ${String(error.issues[0]?.value ?? "")} with no scores`,
      });
    throw error;
  } finally {
    bar.stop();
  }
  return { sources, since, result, info };
}

export function register(program: Command): void {
  program
    .command("index")
    .description(
      "Epoch-style capability index (ECI scale) with bootstrap intervals, plus the 7-eval composite",
    )
    .option("--sources <list>", "score sources: hub, external, llm-stats, comma-separated", "hub,external")
    .option("--bootstrap <B>", "bootstrap replicates", intArg("--bootstrap", 0, MAX_BOOTSTRAP), 100)
    .option("--seed <S>", "seed of starts and bootstrap", intArg("--seed", 0, MAX_SEED), 42)
    .option("--since <date>", "keep models released on or after this date", "2022-11-01")
    .option("--json", "print one JSON object")
    .addOption(langFlag())
    .action((options: IndexRunOptions, command: Command) => {
      const lang = resolveLang(options.lang);
      const run = runIndex(options, globalOptions(command).data, options.json === true);
      const dataDir = resolveDataDir(globalOptions(command).data);
      const composite = compositeFromLlmStats(
        resolveDataRef("llm-stats:DERIVED_llm_stats_benchmark_scores.csv", dataDir),
      );
      const { result } = run;
      const models = [...result.models]
        .sort((a, b) => b.index - a.index)
        .map((m) => ({ ...m, ...run.info.get(m.model)! }));
      if (options.json) {
        const { replicateIndex: _omit, ...summary } = result;
        printJson({ sources: run.sources, since: run.since, ...summary, models, composite });
        return;
      }
      process.stdout.write(formatIndex(run, models, composite, lang));
    });
}

/** The index table (the first 40 models) and the composite's coverage, in `lang`. */
function formatIndex(
  run: IndexRun,
  models: ReadonlyArray<IndexedModel & ModelInfo>,
  composite: CompositeResult,
  lang: Lang,
): string {
  const t = translator(lang);
  const { result } = run;
  const separator = t("cliMore.listSeparator");
  // The optimiser's stop reasons, worded once for `fit` and `index`.
  const reasons: Readonly<Record<string, string>> = catalogue(lang).cliAnalysis.fit.reason;
  const shown = models.slice(0, 40).map((m) => ({
    m,
    ci: Number.isFinite(m.ci[0]) ? `${m.ci[0].toFixed(1)}–${m.ci[1].toFixed(1)}` : "",
    released: formatDate(m.releaseDate, lang),
  }));
  // A Japanese date ("2025年10月7日") is wider than the ISO one the column was sized for.
  const releasedWidth = Math.max(10, ...shown.map((s) => displayWidth(s.released)));
  const lines = [
    t("cliMore.index.header", {
      models: models.length,
      benchmarks: result.benchmarks.length,
      scores: result.observations,
      anchor: result.anchorBenchmark,
      scale: result.references
        .map((r) => t("cliMore.index.reference", { model: r.model, value: r.value }))
        .join(separator),
    }),
    t("cliMore.index.fit", {
      rmse: result.rmse.toFixed(4),
      status: t(result.converged ? "cliMore.index.converged" : "cliMore.index.notConverged"),
      reason: Object.hasOwn(reasons, result.reason) ? reasons[result.reason] : result.reason,
      iterations: result.iterations,
      replicates: result.bootstrap.replicates,
      unconverged: result.bootstrap.unconverged,
    }),
    "",
    `${padEndColumns(t("cliMore.index.model"), 44)} ${padStartColumns(t("cliMore.index.index"), 7)}  ` +
      `${padEndColumns(t("cliMore.index.interval"), 15)} ${padEndColumns(t("cliMore.index.released"), releasedWidth)} ` +
      t("cliMore.index.organisation"),
  ];
  for (const { m, ci, released } of shown)
    lines.push(
      `${padEndColumns(m.model, 44)} ${m.index.toFixed(1).padStart(7)}  ${ci.padEnd(15)} ${padEndColumns(released, releasedWidth)} ${m.organization}`,
    );
  if (models.length > 40) lines.push(t("cliMore.index.more", { n: models.length - 40 }));
  const full = composite.models.filter((m) => m.coverage === 1).length;
  lines.push(
    "",
    t("cliMore.index.composite", {
      models: composite.models.length,
      full,
      coverage: Object.entries(composite.evaluationCoverage)
        .map(([evaluation, n]) => t("cliMore.index.coverage", { evaluation, n }))
        .join(separator),
    }),
  );
  return `${lines.join("\n")}\n`;
}
