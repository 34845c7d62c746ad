import type { Command } from "commander";
import { type ScoreRow, scorecard } from "../calibration/scorecard.js";
import { DEFAULT_TARGETS, loadTargets, targetsFor } from "../calibration/targets.js";
import { loadScenario } from "../scenario/loader.js";
import { printJson } from "./shared.js";
import { monteCarloOptions, simulateWithProgress } from "./simulate.js";

/** Flags of `calibrate` and `backcast`. */
export interface CalibrateCliOptions {
  /** Monte Carlo paths (default 1000). */
  paths: number;
  /** Run seed (default 1). */
  seed: number;
  /** Worker threads (default: the machine's cores). */
  threads?: number;
  /** Targets file (default: the package's calibration/targets.yaml). */
  targets?: string;
  /** Print one JSON object: the `simulate --json` object plus `scorecard` (default false). */
  json?: boolean;
  /** Hold assumptions at their point values (default false). */
  point?: boolean;
}

export function register(program: Command): void {
  const command = program
    .command("calibrate")
    .description(
      "score a scenario's simulated years against sourced targets (guidance, plans): median and 90% interval",
    )
    .argument(
      "[scenario]",
      "library scenario name or YAML file (default: default); scored against its own targets, else the default's",
    );
  monteCarloOptions(command)
    .option("--targets <file>", "targets file (default: calibration/targets.yaml of the package)")
    .option("--json", "print one JSON object: the simulate --json object plus scorecard")
    .action(async (name: string | undefined, options: CalibrateCliOptions) => {
      await printScorecard("calibrate", name ?? DEFAULT_TARGETS, options);
    });
}

/** Simulates `name`, scores it against its targets and prints the scorecard (or the JSON with `scorecard`). */
export async function printScorecard(
  command: "calibrate" | "backcast",
  name: string,
  options: CalibrateCliOptions,
): Promise<void> {
  const sets = loadTargets(options.targets);
  const scenario = await loadScenario(name);
  const targets = targetsFor(sets, scenario.name);
  const result = await simulateWithProgress(command, scenario, options);
  const rows = scorecard(result, targets);
  if (options.json) printJson({ ...result, scorecard: rows });
  else process.stdout.write(formatScorecard(command, scenario.name, result.paths, options.seed, rows));
}

function usd(value: number): string {
  return (Math.abs(value) < 10 ? value.toFixed(2) : value.toFixed(1)).padStart(7);
}

/** The scorecard as a table: target and band, the simulated median and 90% interval, inside or not. */
export function formatScorecard(
  command: "calibrate" | "backcast",
  scenario: string,
  paths: number,
  seed: number,
  rows: readonly ScoreRow[],
): string {
  const lines = [
    `${command === "backcast" ? "back-cast" : "calibration"} of ${scenario}: ${paths} paths, seed ${seed}; usdB, calendar year (gpuPrice, startGpuRent: index, start = 1)`,
    "",
    `${"entity".padEnd(16)}${"metric".padEnd(18)}${"year".padEnd(6)}${"target".padStart(7)}  ${"band".padEnd(15)}${"p50".padStart(7)}  ${"90% interval".padEnd(17)}inside  in 90%  source`,
  ];
  for (const r of rows)
    lines.push(
      `${r.entity.padEnd(16)}${r.metric.padEnd(18)}${String(r.year).padEnd(6)}${usd(r.value)}  ` +
        `${`[${r.band[0]}, ${r.band[1]}]`.padEnd(15)}${usd(r.p50)}  ${`${r.p05.toFixed(r.p95 < 10 ? 2 : 1)}–${r.p95.toFixed(r.p95 < 10 ? 2 : 1)}`.padEnd(17)}` +
        `${(r.inside ? "yes" : "no").padEnd(8)}${(r.covered ? "yes" : "no").padEnd(7)}${r.source}`,
    );
  const inside = rows.filter((r) => r.inside).length;
  const covered = rows.filter((r) => r.covered).length;
  lines.push(
    "",
    `${inside} of ${rows.length} targets inside their bands (median in the band)`,
    `${covered} of ${rows.length} published figures inside the model's 90% interval (a calibrated model: ~90%)`,
  );
  return `${lines.join("\n")}\n`;
}
