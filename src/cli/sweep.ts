import { join, resolve } from "node:path";
import cliProgress from "cli-progress";
import type { Command } from "commander";
import { catalogue, type Lang, padEndColumns, translator } from "../i18n/index.js";
import { loadScenario } from "../scenario/loader.js";
import { parseOutput } from "../scenario/sensitivity/index.js";
import {
  parseQueueUrl,
  planSweep,
  runSweep,
  SWEEP_DESIGNS,
  type SweepDesignKind,
  type SweepProgress,
  type SweepResult,
} from "../sweep/index.js";
import { InputError } from "../util/errors.js";
import { MAX_PATHS, MAX_SAMPLES, MAX_SEED, MAX_THREADS } from "../util/limits.js";
import { columnHeader } from "./sensitivity.js";
import { collect, intArg, langFlag, printJson, resolveLang, userCall } from "./shared.js";

interface SweepCliOptions {
  /** sobol | morris | lhs | grid. */
  design: string;
  /** Groups or parameter-path prefixes to vary. */
  over?: string[];
  /** Design size (sobol N, morris trajectories, lhs points, grid levels). */
  samples?: number;
  /** Monte Carlo paths per point (default 200; sobol 25). */
  paths?: number;
  /** Seed (default 1). */
  seed: number;
  /** Outputs (repeatable; default P(default) by 2030 of the labs and neoclouds). */
  output?: string[];
  /** Sweep directory (default wallcast-sweeps/<scenario>-<design>-<hash>). */
  out?: string;
  /** redis://HOST:PORT of a BullMQ queue with `wallcast worker`s. */
  queue?: string;
  /** Worker threads of a local run (default: cores). */
  threads?: number;
  /** Design points per job. */
  jobPoints?: number;
  /** Paths per job. */
  jobPaths?: number;
  /** Hold the assumptions not varied at their point values. */
  point?: boolean;
  /** Print one JSON object. */
  json?: boolean;
  /** Language of the tables (default: $WALLCAST_LANG, then en). */
  lang?: Lang;
}

/** A progress bar of jobs with the rate in paths per second and the ETA, on a terminal and never with --json. */
function sweepBar(quiet: boolean): { update(p: SweepProgress): void; stop(): void } {
  if (quiet || !process.stderr.isTTY) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      format: "sweep [{bar}] {value}/{total} jobs | {rate} paths/s | ETA {eta_formatted}",
      stream: process.stderr,
      hideCursor: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = performance.now();
  let running = false;
  return {
    update(p) {
      const seconds = (performance.now() - started) / 1000;
      const rate = seconds > 0 ? Math.round(p.paths / seconds).toLocaleString("en-US") : "0";
      if (!running) {
        bar.start(p.total, p.done, { rate });
        running = true;
      } else bar.update(p.done, { rate });
    },
    stop() {
      if (running) bar.stop();
    },
  };
}

function num(x: number): string {
  return (Number.isFinite(x) ? x.toPrecision(3) : String(x)).padStart(10);
}

function formatResult(r: SweepResult, top: number, lang: Lang): string {
  const t = translator(lang);
  const groups: Readonly<Record<string, string>> = catalogue(lang).report.term.group;
  const timing = r.timing;
  const lines = [
    t("cliAnalysis.sweep.header", {
      sweep: r.sweep.slice(0, 12),
      scenario: r.scenario,
      design: t(`cliAnalysis.sweep.design.${r.design}`),
      points: r.points,
      paths: r.paths,
      seed: r.seed,
      jobs: r.jobs,
      run: timing.jobsRun,
      where: t(timing.mode === "queue" ? "cliAnalysis.sweep.onQueue" : "cliAnalysis.sweep.here"),
      resumed: timing.jobsResumed,
      seconds: timing.seconds.toFixed(1),
    }),
  ];
  if (timing.dir) lines.push(t("cliAnalysis.sweep.stored", { dir: timing.dir }));
  for (const o of r.outputs) {
    lines.push(
      "",
      t("cliAnalysis.sweep.output", {
        output: o.output,
        mean: o.mean.toPrecision(3),
        min: o.min.toPrecision(3),
        max: o.max.toPrecision(3),
      }),
    );
    if (o.sobol) {
      lines.push(columnHeader(lang, "group", 40, ["first", "total", "totalLo", "totalHi"], 10));
      for (const s of o.sobol.indices.slice(0, top)) {
        // A group is a FACTOR_GROUPS name (in the reader's words) or a parameter-path prefix (as written).
        const group = Object.hasOwn(groups, s.group) ? groups[s.group] : s.group;
        lines.push(
          `  ${padEndColumns(group, 40)}${[s.first, s.total, ...s.totalInterval].map(num).join("")}`,
        );
      }
    }
    if (o.morris) {
      lines.push(columnHeader(lang, "number", 56, ["muStar", "mu", "sigma"], 10));
      for (const m of o.morris.slice(0, top))
        lines.push(`  ${m.factor.padEnd(56)}${[m.muStar, m.mu, m.sigma].map(num).join("")}`);
    }
    if (o.correlations) {
      lines.push(columnHeader(lang, "number", 56, ["rho"], 10));
      for (const c of o.correlations.slice(0, top)) lines.push(`  ${c.factor.padEnd(56)}${num(c.spearman)}`);
    }
  }
  lines.push("");
  return lines.join("\n");
}

export function register(program: Command): void {
  program
    .command("sweep")
    .description(
      "evaluate a design (sobol, morris, lhs, grid) of scenario variants on this machine or a queue's workers, and store it",
    )
    .argument("<scenario>", "library scenario name or YAML file (docs/scenario.md)")
    .requiredOption("--design <d>", `design: ${SWEEP_DESIGNS.join(" | ")}`)
    .option(
      "--over <item...>",
      "vary these groups (capability, revenue, costs, contracts, balance sheets, credit, market, events) or parameter-path prefixes (default: every uncertain number)",
    )
    .option(
      "--samples <n>",
      "design size: sobol base samples (64), morris trajectories (10), lhs points (64), grid levels (3)",
      intArg("--samples", 1, MAX_SAMPLES),
    )
    .option(
      "--paths <n>",
      "Monte Carlo paths per point (default: 200; sobol 25, as its points share their paths)",
      intArg("--paths", 1, MAX_PATHS),
    )
    .option("--seed <s>", "seed of the design and of every point", intArg("--seed", 0, MAX_SEED), 1)
    .option(
      "--output <spec>",
      "output: pDefault:<entity>:<year>, loss:<kind>, revenue:<year>, gap:<year>, capability:<year> (repeatable; default P(default) by 2030 of the labs and neoclouds)",
      collect,
    )
    .option(
      "--out <dir>",
      "sweep directory; a rerun with it resumes (default wallcast-sweeps/<scenario>-<design>-<hash>)",
    )
    .option("--queue <url>", "run the jobs on the workers of this BullMQ queue (redis://HOST:PORT)")
    .option(
      "--threads <t>",
      "worker threads of a local run (default: cores)",
      intArg("--threads", 1, MAX_THREADS),
    )
    .option(
      "--job-points <n>",
      "design points per job (default: about 2,000 paths a job)",
      intArg("--job-points", 1, MAX_SAMPLES),
    )
    .option(
      "--job-paths <n>",
      "paths per job: a multiple of 250, or all (default: up to 1,000)",
      intArg("--job-paths", 1, MAX_PATHS),
    )
    .option(
      "--point",
      "hold the assumptions not varied at their point values (default: drawn across their ranges)",
    )
    .option("--json", "print one JSON object")
    .addOption(langFlag())
    .action(async (file: string, options: SweepCliOptions) => {
      const lang = resolveLang(options.lang);
      if (!(SWEEP_DESIGNS as readonly string[]).includes(options.design))
        throw new InputError({
          field: "--design",
          value: options.design,
          message: `expected ${SWEEP_DESIGNS.join(", ")}`,
        });
      const queue = options.queue === undefined ? undefined : parseQueueUrl(options.queue);
      const scenario = await loadScenario(file);
      const outputs = options.output?.map((text) => parseOutput(text));
      const settings = {
        design: options.design as SweepDesignKind,
        over: options.over,
        samples: options.samples,
        paths: options.paths,
        seed: options.seed,
        uncertainty: options.point ? ("point" as const) : ("full" as const),
        outputs,
        threads: options.threads,
        pointsPerJob: options.jobPoints,
        pathsPerJob: options.jobPaths,
      };
      const plan = userCall({ field: "--job-paths", value: options.jobPaths }, () =>
        planSweep(scenario, settings),
      );
      const out = resolve(
        options.out ??
          join("wallcast-sweeps", `${scenario.name}-${options.design}-${plan.hash.slice(0, 12)}`),
      );
      const bar = sweepBar(options.json ?? false);
      let result: SweepResult;
      try {
        result = await runSweep(scenario, { ...settings, out, queue, onProgress: (p) => bar.update(p) });
      } finally {
        bar.stop();
      }
      if (options.json) printJson(result);
      else process.stdout.write(formatResult(result, 10, lang));
    });
}
