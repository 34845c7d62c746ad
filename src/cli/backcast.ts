import type { Command } from "commander";
import { BACKCAST_SCENARIOS } from "../scenario/library.js";
import { type CalibrateCliOptions, printScorecard, scorecardOptions } from "./calibrate.js";
import { langOption } from "./shared.js";
import { monteCarloOptions } from "./simulate.js";

/** The library's back-cast: the world as known at its start, scored against what happened after. */
const BACKCAST_SCENARIO = BACKCAST_SCENARIOS[0];

export function register(program: Command): void {
  const command = program
    .command("backcast")
    .description(
      `run ${BACKCAST_SCENARIO} (the world as known at 2023Q1) to 2025Q4 and score it against what happened: median and 90% interval against each sourced figure`,
    );
  scorecardOptions(monteCarloOptions(command));
  langOption(command).action(async (options: CalibrateCliOptions) => {
    await printScorecard("backcast", BACKCAST_SCENARIO, options);
  });
}
