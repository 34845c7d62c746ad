import type { Command } from "commander";
import { resolveDataDir } from "../data/dataDir.js";
import { resolveDataRef } from "../data/registry.js";
import { benchmarkSigmoids, obsScalingPca, readObsScalingTable } from "../forecast/observational/index.js";
import { globalOptions, printJson } from "./shared.js";

interface PcaCliOptions {
  /** Table: dataset reference or CSV path (default obsscaling:base_llm_benchmark_eval.csv). */
  table?: string;
  /** Standardise columns first (default false, as Ruan et al.). */
  standardize?: boolean;
  json?: boolean;
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
    .action((options: PcaCliOptions, command: Command) => {
      const path = resolveDataRef(options.table!, resolveDataDir(globalOptions(command).data));
      const table = readObsScalingTable(path);
      const result = obsScalingPca(table, { standardize: options.standardize === true });
      const sigmoids = benchmarkSigmoids(table);
      if (options.json) {
        printJson({ table: path, standardize: options.standardize === true, pca: result, sigmoids });
        return;
      }
      const share = result.explainedVarianceRatio;
      const lines = [
        `PCA of ${result.rows} complete rows × ${result.columns} benchmarks (${options.standardize ? "standardised" : "raw 0–1, centred"})`,
        `explained variance: ${share
          .slice(0, 4)
          .map((s, k) => `PC${k + 1} ${(100 * s).toFixed(1)}%`)
          .join(", ")}`,
        `PC1 loadings: ${result.benchmarks.map((b, j) => `${b} ${result.loadings[0][j].toFixed(2)}`).join(", ")}`,
        "",
        "sigmoid of score vs log10 FLOP: y = floor + (ceiling − floor)·σ(k·(log10 C − x0))",
      ];
      for (const s of sigmoids)
        lines.push(
          `${s.benchmark.padEnd(11)} n ${String(s.n).padStart(3)}  floor ${s.floor.toFixed(3)}  ceiling ${s.ceiling.toFixed(3)}  k ${s.k.toFixed(2)}  x0 ${s.x0.toFixed(2)}  rmsle ${s.rmsle.toFixed(3)}${s.converged ? "" : " (not converged)"}`,
        );
      process.stdout.write(`${lines.join("\n")}\n`);
    });
}
