import { resolve } from "node:path";
import type { Command } from "commander";
import { resolveDataDir } from "../data/dataDir.js";
import { type Lang, padEndColumns, padStartColumns, translator } from "../i18n/index.js";
import { executeRun, missingDataMessage, type ScenarioSummary, summariseScenario } from "../run/index.js";
import { resolveScenarios } from "../scenario/library.js";
import { MAX_BOOTSTRAP, MAX_PATHS, MAX_SEED, MAX_THREADS } from "../util/limits.js";
import { defaultThreads } from "../util/pool.js";
import { terminalProgress } from "../util/progress.js";
import { globalOptions, intArg, langOption, printJson, resolveLang } from "./shared.js";

interface RunCliOptions {
  /** Monte Carlo paths per scenario (default 1000). */
  paths: number;
  /** Run seed (default 1). */
  seed: number;
  /** Folder of run directories (default ./wallcast-runs). */
  out: string;
  /** Worker threads (default: the machine's cores). */
  threads?: number;
  /** Run id (default: start time, seed and a random suffix). */
  id?: string;
  /** Paths per tornado point (default max(20, paths/10)). */
  sensitivityPaths?: number;
  /** Paths per reverse-stress evaluation (default max(40, paths/5)). */
  stressPaths?: number;
  /** Bootstrap replicates of the capability index behind the gap's interval (default 20). */
  gapBootstrap?: number;
  /** Base samples of each scenario's grouped Sobol analysis (default 64). */
  driverSamples?: number;
  /** Paths per point of that analysis (default max(4, ⌊paths / 80⌋)). */
  driverPaths?: number;
  /** Print one JSON object (default false). */
  json?: boolean;
  /** Language of the report and the summary table (default: $WALLCAST_LANG, then English). */
  lang?: Lang;
}

export function register(program: Command): void {
  const command = program
    .command("run")
    .description(
      "the main job: run the scenario library (or the named scenarios), store the run and write the report",
    )
    .argument("[scenario...]", "library scenario names or YAML files (default: the whole library)")
    .option("--paths <n>", "Monte Carlo paths per scenario", intArg("--paths", 1, MAX_PATHS), 1000)
    .option("--seed <s>", "run seed", intArg("--seed", 0, MAX_SEED), 1)
    .option("--out <dir>", "folder of run directories", "wallcast-runs")
    .option("--threads <t>", "worker threads (default: cores)", intArg("--threads", 1, MAX_THREADS))
    .option("--id <runId>", "run id (default: start time, seed and a random suffix)")
    .option(
      "--sensitivity-paths <n>",
      "paths per tornado point (default max(20, paths/10))",
      intArg("--sensitivity-paths", 1, MAX_PATHS),
    )
    .option(
      "--stress-paths <n>",
      "paths per reverse-stress evaluation (default max(40, paths/5))",
      intArg("--stress-paths", 1, MAX_PATHS),
    )
    .option(
      "--driver-samples <n>",
      "base samples of each scenario's grouped Sobol analysis of P(default) (default 64)",
      intArg("--driver-samples", 2, MAX_PATHS),
    )
    .option(
      "--driver-paths <n>",
      "paths per point of that analysis (default max(4, paths/80))",
      intArg("--driver-paths", 1, MAX_PATHS),
    )
    .option(
      "--gap-bootstrap <n>",
      "bootstrap replicates of the frontier gap's interval (default 20)",
      intArg("--gap-bootstrap", 0, MAX_BOOTSTRAP),
    )
    .option("--json", "print one JSON object");
  langOption(command).action(async (names: string[], options: RunCliOptions, command: Command) => {
    const lang = resolveLang(options.lang);
    const scenarios = resolveScenarios(names);
    const dataFlag = globalOptions(command).data;
    const dataDir = resolveDataDir(dataFlag);
    const started = performance.now();
    const run = await executeRun({
      scenarios,
      paths: options.paths,
      seed: options.seed,
      threads: options.threads ?? defaultThreads(),
      outDir: resolve(options.out),
      runId: options.id,
      dataDir,
      sensitivityPaths: options.sensitivityPaths,
      stressPaths: options.stressPaths,
      gapBootstrap: options.gapBootstrap,
      driverSamples: options.driverSamples,
      driverPaths: options.driverPaths,
      lang,
      progress: (label, total) => terminalProgress(label.padEnd(18), total, options.json),
    });
    const seconds = (performance.now() - started) / 1000;
    const { results } = run.output;
    const summary = results.scenarios.map(summariseScenario);
    // One line, also with --json (stdout then holds only the JSON, which lists missingData).
    if (results.missingData.length > 0)
      process.stderr.write(
        `wallcast: ${missingDataMessage(results.missingData, { dataDir, fromFlag: dataFlag !== undefined })}\n`,
      );
    for (const note of results.notes) process.stderr.write(`wallcast: note: ${note}\n`);
    if (options.json) {
      printJson({
        runId: run.runId,
        dir: run.dir,
        report: run.reportPath,
        seed: options.seed,
        paths: options.paths,
        seconds,
        scenarios: summary,
        reverseStress: results.reverseStress.map((s) => ({
          entity: s.entity,
          year: s.year,
          shortfall: s.shortfall,
          survivesAt: s.survivesAt,
          pDefaultBaseline: s.pDefaultBaseline,
        })),
        computeTrend: results.computeTrend && {
          n: results.computeTrend.n,
          growthPerYear: results.computeTrend.growthPerYear,
          ci90: results.computeTrend.ci90,
        },
        frontierGap: results.frontierGap?.rows.at(-1) ?? null,
        missingData: results.missingData,
        tables: run.tables,
        charts: run.charts,
        notes: results.notes,
      });
      return;
    }
    process.stdout.write(formatSummary(run.runId, summary, options, seconds, run.reportPath, lang));
  });
}

function formatSummary(
  runId: string,
  rows: ScenarioSummary[],
  options: RunCliOptions,
  seconds: number,
  report: string,
  lang: Lang,
): string {
  const t = translator(lang);
  const head = [
    t("cli.run.scenario"),
    t("cli.run.capability"),
    t("cli.run.revenue"),
    t("cli.run.spend"),
    t("cli.run.expectedDefaults"),
    t("cli.run.riskiest"),
    t("cli.run.p"),
    t("cli.run.lenderLoss"),
    t("cli.run.totalLoss"),
  ];
  const widths = [20, 11, 11, 10, 12, 22, 7, 12, 11];
  const f = (v: number, digits = 1) => v.toFixed(digits);
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 || i === 5 ? padEndColumns(c, widths[i]) : padStartColumns(c, widths[i])))
      .join(" ");
  const year = rows[0]?.lastYear ?? "";
  const lines = [
    t("cli.run.header", {
      runId,
      n: rows.length,
      paths: options.paths,
      seed: options.seed,
      seconds: seconds.toFixed(1),
    }),
    t("cli.run.legend", { year }),
    t("cli.run.legendMore"),
    "",
    line(head),
    ...rows.map((r) =>
      line([
        r.scenario,
        f(r.capabilityP50, 2),
        f(r.revenueUsdBPerYear),
        f(r.computeSpendUsdBPerYear),
        f(r.expectedDefaults, 2),
        r.riskiestEntity,
        f(r.riskiestP, 3),
        f(r.lenderLossUsdB),
        f(r.totalLossUsdB),
      ]),
    ),
    "",
    t("cli.run.serve", { out: options.out }),
    t("cli.run.report", { path: report }),
    "",
  ];
  return lines.join("\n");
}
