import type { Command } from "commander";
import { loadScenario } from "../scenario/loader.js";
import type { Scenario } from "../scenario/schema.js";
import { type SimulationResult, simulate } from "../scenario/simulate.js";
import { MAX_PATHS, MAX_SEED, MAX_THREADS } from "../util/limits.js";
import { defaultThreads } from "../util/pool.js";
import { terminalProgress } from "../util/progress.js";
import { intArg, printJson } from "./shared.js";

interface SimulateCliOptions {
  /** Monte Carlo paths (default 1000). */
  paths: number;
  /** Run seed (default 1). */
  seed: number;
  /** Worker threads (default: the machine's cores). */
  threads?: number;
  /** Keep per-path summaries in the JSON (default false). */
  keepPaths?: boolean;
  /** Print one JSON object (default false). */
  json?: boolean;
  /** Hold assumptions at their point values (default false: drawn across their ranges). */
  point?: boolean;
}

export function register(program: Command): void {
  const command = program
    .command("simulate")
    .description(
      "Monte Carlo of the AI economy in a scenario: defaults, losses by holder, revenue gap, capability fan",
    )
    .argument("<scenario>", "library scenario name or YAML file (docs/scenario.md)");
  monteCarloOptions(command)
    .option("--keep-paths", "include a summary of every path in the JSON")
    .option("--json", "print one JSON object")
    .action(async (file: string, options: SimulateCliOptions) => {
      const scenario = await loadScenario(file);
      const started = performance.now();
      const result = await simulateWithProgress("simulate", scenario, options, options.keepPaths ?? false);
      const seconds = (performance.now() - started) / 1000;
      if (options.json) printJson(result);
      else process.stdout.write(formatResult(result, seconds));
    });
}

function pct(p: number): string {
  return `${(100 * p).toFixed(1)}%`.padStart(7);
}

function formatResult(r: SimulationResult, seconds: number): string {
  const lines: string[] = [];
  lines.push(
    `scenario ${r.scenario}: ${r.paths} paths, seed ${r.seed}, ${r.quarters[0]}–${r.quarters.at(-1)} (${seconds.toFixed(1)} s)`,
  );
  const years = Object.keys(Object.values(r.entities)[0]?.pDefaultByYear ?? {});
  lines.push(
    "",
    `P(default by end of year); the last column is the Monte Carlo standard error of the last year's`,
    `${"entity".padEnd(24)}${"kind".padEnd(20)}${years.map((y) => y.padStart(7)).join("")}${"± s.e.".padStart(9)}`,
  );
  for (const [id, e] of Object.entries(r.entities)) {
    const p = e.pDefaultByYear[years.at(-1) ?? ""] ?? 0;
    const se = Math.sqrt((p * (1 - p)) / r.paths);
    lines.push(
      `${id.padEnd(24)}${e.kind.padEnd(20)}${years.map((y) => pct(e.pDefaultByYear[y])).join("")}  ${pct(se)}`,
    );
  }
  lines.push(
    "",
    "mean loss per path over the horizon, usdB",
    `${"holder kind".padEnd(20)}${["direct", "clearing", "default-cost", "fire-sale", "total", "p95"].map((h) => h.padStart(13)).join("")}`,
  );
  for (const [kind, l] of Object.entries(r.losses))
    lines.push(
      `${kind.padEnd(20)}${[l.direct, l.clearing, l.defaultCost, l.fireSale, l.total, l.totalP95].map((v) => v.toFixed(3).padStart(13)).join("")}`,
    );
  const last = r.quarters.length - 1;
  lines.push(
    "",
    `last quarter (${r.quarters[last]}), median [5%, 95%]`,
    `  lab revenue      ${fan(r.revenue, last)} usdB/quarter`,
    `  compute spend    ${fan(r.computeSpend, last)} usdB/quarter`,
    `  gap              ${fan(r.gap, last)} usdB/quarter`,
    `  capability       ${fan(r.capability, last)} index points above start`,
    `  power demand     ${fan(r.powerGw, last)} GW`,
    `  stranded GPUs    ${fan(r.strandedGw, last)} GW`,
    "",
  );
  return lines.join("\n");
}

function fan(s: { p05: number[]; p50: number[]; p95: number[] }, t: number): string {
  return `${s.p50[t].toFixed(2)} [${s.p05[t].toFixed(2)}, ${s.p95[t].toFixed(2)}]`;
}

/** Adds --paths, --seed and --threads, the Monte Carlo flags of every command that simulates. */
export function monteCarloOptions(command: Command): Command {
  return command
    .option("--paths <n>", "Monte Carlo paths", intArg("--paths", 1, MAX_PATHS), 1000)
    .option("--seed <s>", "run seed", intArg("--seed", 0, MAX_SEED), 1)
    .option("--threads <t>", "worker threads (default: cores)", intArg("--threads", 1, MAX_THREADS))
    .option("--point", "hold assumptions at their point values (default: draw each across its stated range)");
}

/** Runs `simulate` with the Monte Carlo flags, showing a progress bar labelled `label` on a terminal. */
export async function simulateWithProgress(
  label: string,
  scenario: Scenario,
  options: { paths: number; seed: number; threads?: number; json?: boolean; point?: boolean },
  keepPaths = false,
): Promise<SimulationResult> {
  const progress = terminalProgress(label, options.paths, options.json);
  let reported = 0;
  try {
    return await runSimulation(scenario, options, keepPaths, (done) => {
      progress.tick(done - reported);
      reported = done;
    });
  } finally {
    progress.stop();
  }
}

/**
 * `simulate` as the CLI calls it (and so `wallcast serve`, whose answer must equal `simulate --json`): threads
 * default to the machine's cores, assumptions are drawn across their ranges unless `point`; `onProgress` is told
 * the paths done so far.
 */
export function runSimulation(
  scenario: Scenario,
  options: { paths: number; seed: number; threads?: number; point?: boolean },
  keepPaths = false,
  onProgress?: (done: number) => void,
): Promise<SimulationResult> {
  return simulate(scenario, {
    paths: options.paths,
    seed: options.seed,
    threads: options.threads ?? defaultThreads(),
    keepPaths,
    uncertainty: options.point ? "point" : "full",
    onProgress,
  });
}
