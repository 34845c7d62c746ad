import type { Command } from "commander";
import { formatYear, type Lang, translator } from "../i18n/index.js";
import { loadScenario } from "../scenario/loader.js";
import {
  type ReverseStressResult,
  reverseStress,
  STRESS_SHOCKS,
  type StressShock,
} from "../scenario/reverseStress/index.js";
import { InputError } from "../util/errors.js";
import { MAX_GRID_STEPS, MAX_PATHS, MAX_SEED, MAX_THREADS } from "../util/limits.js";
import { terminalProgress } from "../util/progress.js";
import { quarterIndex, quarterYear } from "../util/quarter.js";
import { intArg, langOption, numberArg, printJson, resolveLang } from "./shared.js";

interface StressCliOptions {
  /** Entity whose default is sought. */
  entity: string;
  /** revenue | capability. */
  shock: string;
  /** Year by whose end the default counts (default: the horizon's last). */
  year?: string;
  /** P(default) that counts as default (default 0.5). */
  threshold: number;
  /** Monte Carlo paths per evaluation (default 200). */
  paths: number;
  /** Seed (default 1). */
  seed: number;
  /** Worker threads (default: cores). */
  threads?: number;
  /** Bracket width at which bisection stops, as a fraction (default 0.005). */
  tolerance: number;
  /** Grid steps run before the bisection (default 10). */
  grid: number;
  /** Hold assumptions at their point values (default: draw each across its stated range). */
  point?: boolean;
  /** Print one JSON object (default false). */
  json?: boolean;
  /** Language of the table (default: $WALLCAST_LANG, then English). */
  lang?: Lang;
}

export function register(program: Command): void {
  const command = program
    .command("stress")
    .description(
      "reverse stress test: the smallest revenue or capability shortfall that makes an entity default",
    )
    .argument("<scenario>", "library scenario name or YAML file (docs/scenario.md)")
    .requiredOption("--entity <id>", "entity whose default is sought")
    .option("--shock <kind>", `shortfall applied to every path: ${STRESS_SHOCKS.join(" | ")}`, "revenue")
    .option("--year <yyyy>", "default counts by the end of this year (default: the horizon's last)")
    .option(
      "--threshold <p>",
      "P(default) that counts as defaulting, in (0, 1]",
      numberArg("--threshold"),
      0.5,
    )
    .option("--paths <n>", "Monte Carlo paths per evaluation", intArg("--paths", 1, MAX_PATHS), 200)
    .option("--seed <s>", "seed (the same for every evaluation)", intArg("--seed", 0, MAX_SEED), 1)
    .option("--threads <t>", "worker threads (default: cores)", intArg("--threads", 1, MAX_THREADS))
    .option(
      "--tolerance <f>",
      "stop when the shortfall is bracketed this tightly",
      numberArg("--tolerance"),
      0.005,
    )
    .option(
      "--grid <n>",
      "shortfalls on a grid over [0, 100%] run first, in parallel",
      intArg("--grid", 1, MAX_GRID_STEPS),
      10,
    )
    .option("--point", "hold assumptions at their point values, as simulate --point")
    .option("--json", "print one JSON object");
  langOption(command).action(async (file: string, options: StressCliOptions) => {
    const lang = resolveLang(options.lang);
    if (!(STRESS_SHOCKS as readonly string[]).includes(options.shock))
      throw new InputError({
        field: "--shock",
        value: options.shock,
        message: `expected ${STRESS_SHOCKS.join(" or ")}`,
      });
    if (!(options.threshold > 0 && options.threshold <= 1))
      throw new InputError({
        field: "--threshold",
        value: options.threshold,
        message: "must lie in (0, 1]",
      });
    if (!(options.tolerance > 0 && options.tolerance < 1))
      throw new InputError({
        field: "--tolerance",
        value: options.tolerance,
        message: "must lie in (0, 1)",
      });
    const scenario = await loadScenario(file);
    if (!scenario.entities.some((e) => e.id === options.entity))
      throw new InputError({
        field: "--entity",
        value: options.entity,
        message: `not an entity of ${file}`,
      });
    const first = quarterIndex(scenario.start);
    const start = quarterYear(first);
    const last = quarterYear(first + scenario.horizonQuarters - 1);
    if (
      options.year !== undefined &&
      !(/^\d{4}$/.test(options.year) && +options.year >= start && +options.year <= last)
    )
      throw new InputError({
        field: "--year",
        value: options.year,
        message: `must be a year in ${start}-${last}`,
      });
    let progress = terminalProgress("stress", 0, true);
    let reported = 0;
    const started = performance.now();
    let result: ReverseStressResult;
    try {
      result = await reverseStress(scenario, {
        entity: options.entity,
        shock: options.shock as StressShock,
        year: options.year,
        threshold: options.threshold,
        paths: options.paths,
        seed: options.seed,
        threads: options.threads,
        tolerance: options.tolerance,
        gridSteps: options.grid,
        uncertainty: options.point ? "point" : "full",
        onProgress: (done, total) => {
          if (reported === 0) progress = terminalProgress("stress", total, options.json);
          progress.tick(done - reported);
          reported = done;
        },
      });
    } finally {
      progress.stop();
    }
    if (options.json) printJson(result);
    else process.stdout.write(formatResult(result, (performance.now() - started) / 1000, lang));
  });
}

function pct(x: number): string {
  return Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : String(x);
}

/** The answer and the bisection's evaluations, in `lang` (ids as written). */
function formatResult(r: ReverseStressResult, seconds: number, lang: Lang): string {
  const t = translator(lang);
  const what = t(r.shock === "revenue" ? "cli.stress.revenue" : "cli.stress.capability");
  const lines = [
    t("cli.stress.header", {
      scenario: r.scenario,
      entity: r.entity,
      threshold: r.threshold,
      year: formatYear(r.year, lang),
      runs: r.iterations,
      paths: r.paths,
      seed: r.seed,
      seconds: seconds.toFixed(1),
    }),
    t("cli.stress.baseline", { p: pct(r.pDefaultBaseline) }),
  ];
  if (r.reason === "true-at-low") lines.push(t("cli.stress.already", { what }));
  else if (r.reason === "false-at-high")
    lines.push(t("cli.stress.survives", { what, shortfall: pct(r.survivesAt) }));
  else
    lines.push(
      t("cli.stress.answer", {
        what,
        shortfall: pct(r.shortfall),
        survivesAt: pct(r.survivesAt),
        status: r.converged ? t("cli.stress.converged") : r.reason,
      }),
    );
  if (!r.monotone) lines.push(t("cli.stress.notMonotone"));
  lines.push(t("cli.stress.columns"));
  for (const e of r.evaluations)
    lines.push(`  ${pct(e.shortfall).padStart(9)}  ${pct(e.pDefault).padStart(10)}`);
  lines.push("");
  return lines.join("\n");
}
