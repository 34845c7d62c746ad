#!/usr/bin/env node
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Command, CommanderError } from "commander";
import { InputError } from "../util/errors.js";
import { VERSION } from "../version.js";

/** Each command module adds itself to the program. */
type Register = (program: Command) => void;

const commands: Array<() => Promise<{ register: Register }>> = [
  () => import("./data.js"),
  () => import("./fit.js"),
  () => import("./simulate.js"),
  () => import("./trend.js"),
  () => import("./backtest.js"),
  () => import("./bend.js"),
  () => import("./optimal.js"),
  () => import("./clear.js"),
  () => import("./debtrank.js"),
  () => import("./firesale.js"),
  () => import("./capabilityIndex.js"),
  () => import("./gap.js"),
  () => import("./pca.js"),
  () => import("./sensitivity.js"),
  () => import("./stress.js"),
  () => import("./run.js"),
  () => import("./runs.js"),
  () => import("./losses.js"),
  () => import("./importance.js"),
];

export async function buildProgram(): Promise<Command> {
  const program = new Command("wallcast")
    .description("Scaling laws, capability forecasts, an AI-economy simulator and a contagion engine.")
    .version(VERSION)
    .option("--data <dir>", "data directory (default: $WALLCAST_DATA, then ~/.cache/wallcast/data)")
    .showHelpAfterError()
    .exitOverride();
  for (const load of commands) (await load()).register(program);
  return program;
}

/** Runs the CLI; bad input exits 2 with one message on stderr and nothing on stdout. */
export async function main(argv: string[]): Promise<number> {
  const program = await buildProgram();
  try {
    await program.parseAsync(argv, { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof InputError || error instanceof RangeError) {
      process.stderr.write(`wallcast: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(
      `wallcast: internal error: ${error instanceof Error ? (error.stack ?? error.message) : error}\n`,
    );
    return 1;
  }
}

function isEntryPoint(): boolean {
  if (!process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  process.exitCode = await main(process.argv.slice(2));
}
