import type { Command } from "commander";
import { resolveDataDir } from "../data/dataDir.js";
import { resolveDataRef } from "../data/registry.js";
import { benchmarkSigmoids, obsScalingPca, readObsScalingTable } from "../forecast/observational/index.js";
import { type Lang, translator } from "../i18n/index.js";
import { globalOptions, langFlag, printJson, resolveLang } from "./shared.js";

interface PcaCliOptions {
  /** Table: dataset reference or CSV path (default obsscaling:base_llm_benchmark_eval.csv). */
  table?: string;
  /** Standardise columns first (default false, as Ruan et al.). */
  standardize?: boolean;
  json?: boolean;
  /** Language of the summary (default: $WALLCAST_LANG, then en). */
  lang?: Lang;
}

export function register(program: Command): void {
  program
    .command("pca")
    .description(
      "observational scaling (Ruan et al. 2024): PCA of the benchmark table and sigmoid fits vs FLOP",
    )
    .option("--table <ref>", "dataset reference or CSV path", "obsscaling:base_llm_benchmark_eval.csv")
    .option("--standardize", "standardise each benchmark before the PCA")
    .option("--json", "print one JSON object")
    .addOption(langFlag())
    .action((options: PcaCliOptions, command: Command) => {
      const lang = resolveLang(options.lang);
      const path = resolveDataRef(options.table!, resolveDataDir(globalOptions(command).data));
      const table = readObsScalingTable(path);
      const result = obsScalingPca(table, { standardize: options.standardize === true });
      const sigmoids = benchmarkSigmoids(table);
      if (options.json) {
        printJson({ table: path, standardize: options.standardize === true, pca: result, sigmoids });
        return;
      }
      const t = translator(lang);
      const separator = t("cliMore.listSeparator");
      const lines = [
        t("cliMore.pca.header", {
          rows: result.rows,
          columns: result.columns,
          scaling: t(options.standardize ? "cliMore.pca.standardised" : "cliMore.pca.raw"),
        }),
        t("cliMore.pca.variance", {
          shares: result.explainedVarianceRatio
            .slice(0, 4)
            .map((s, k) => t("cliMore.pca.share", { k: k + 1, percent: (100 * s).toFixed(1) }))
            .join(separator),
        }),
        t("cliMore.pca.loadings", {
          loadings: result.benchmarks
            .map((benchmark, j) =>
              t("cliMore.pca.loading", { benchmark, value: result.loadings[0][j].toFixed(2) }),
            )
            .join(separator),
        }),
        "",
        t("cliMore.pca.sigmoid"),
      ];
      for (const s of sigmoids)
        lines.push(
          t("cliMore.pca.row", {
            benchmark: s.benchmark.padEnd(11),
            n: String(s.n).padStart(3),
            floor: s.floor.toFixed(3),
            ceiling: s.ceiling.toFixed(3),
            k: s.k.toFixed(2),
            x0: s.x0.toFixed(2),
            rmsle: s.rmsle.toFixed(3),
            notConverged: s.converged ? "" : t("cliMore.pca.notConverged"),
          }),
        );
      process.stdout.write(`${lines.join("\n")}\n`);
    });
}
