#!/usr/bin/env node
import { readFileSync, realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Command, CommanderError } from "commander";
import { InputError, inputErrorLine, oneLine, ServiceError } from "../util/errors.js";
import { MAX_QUOTED_VALUE_CHARS } from "../util/limits.js";
import { VERSION } from "../version.js";

/** Each command module adds itself to the program. */
type Register = (program: Command) => void;

/** The command modules by command name, loaded only when needed (each pulls in its own dependencies). */
const COMMANDS: Readonly<Record<string, () => Promise<{ register: Register }>>> = {
  data: () => import("./data.js"),
  fit: () => import("./fit.js"),
  simulate: () => import("./simulate.js"),
  scenario: () => import("./scenario.js"),
  trend: () => import("./trend.js"),
  backtest: () => import("./backtest.js"),
  calibrate: () => import("./calibrate.js"),
  backcast: () => import("./backcast.js"),
  explain: () => import("./explain.js"),
  bend: () => import("./bend.js"),
  optimal: () => import("./optimal.js"),
  clear: () => import("./clear.js"),
  debtrank: () => import("./debtrank.js"),
  firesale: () => import("./firesale.js"),
  index: () => import("./capabilityIndex.js"),
  gap: () => import("./gap.js"),
  pca: () => import("./pca.js"),
  sensitivity: () => import("./sensitivity.js"),
  stress: () => import("./stress.js"),
  run: () => import("./run.js"),
  runs: () => import("./runs.js"),
  losses: () => import("./losses.js"),
  importance: () => import("./importance.js"),
  serve: () => import("./serve.js"),
  sweep: () => import("./sweep.js"),
  worker: () => import("./worker.js"),
};

/**
 * The command modules `argv` needs: the named command's alone; none for `--version`; all of them for help, a
 * bare `wallcast` or an unknown command (so help lists every command and commander can suggest one).
 */
export function commandsFor(argv: readonly string[]): string[] {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--data") {
      i++;
      continue;
    }
    if (arg === "--") break;
    if (arg.startsWith("-")) continue;
    return Object.hasOwn(COMMANDS, arg) ? [arg] : Object.keys(COMMANDS);
  }
  return argv.some((a) => a === "-V" || a === "--version") ? [] : Object.keys(COMMANDS);
}

/** Characters of an internal error's message printed on its one line. */
const MAX_INTERNAL_MESSAGE_CHARS = 200;

/**
 * A fresh program with the named commands (default all); `failed` is told which command commander reported an
 * error for.
 */
export async function buildProgram(
  failed: (commandPath: string) => void = () => {},
  names: readonly string[] = Object.keys(COMMANDS),
): Promise<Command> {
  const program = new Command("wallcast")
    .description("Scaling laws, capability forecasts, an AI-economy simulator and a contagion engine.")
    .version(VERSION)
    .option("--data <dir>", "data directory (default: $WALLCAST_DATA, then ~/.cache/wallcast/data)")
    .exitOverride();
  for (const name of names) (await COMMANDS[name]()).register(program);
  // Commander's own error text and the help it prints after a usage error are replaced by one line in `main`;
  // each command records its name so the line can point at that command's --help.
  const quiet = (command: Command, path: string) => {
    command.configureOutput({ outputError: () => failed(path), writeErr: () => failed(path) });
    for (const sub of command.commands) quiet(sub, `${path} ${sub.name()}`);
  };
  quiet(program, "wallcast");
  return program;
}

/** Runs the CLI; bad input exits 2 with one line on stderr and nothing on stdout, a bug exits 1. */
export async function main(argv: string[]): Promise<number> {
  let commandPath = "wallcast";
  try {
    const program = await buildProgram((path) => {
      commandPath = path;
    }, commandsFor(argv));
    await program.parseAsync(argv, { from: "user" });
    return 0;
  } catch (error) {
    const report = errorReport(error, commandPath);
    process.stderr.write(report.text);
    return report.code;
  }
}

/**
 * What main prints for an error and the exit code, decided by type: a usage error (CommanderError) or bad input
 * (InputError) is 2 with one line; a service that cannot be used (ServiceError) is 1 with one line; anything else is a bug, 1 with one line (and the stack with WALLCAST_DEBUG=1).
 */
export function errorReport(error: unknown, commandPath = "wallcast"): { code: number; text: string } {
  if (error instanceof CommanderError) {
    if (error.exitCode === 0) return { code: 0, text: "" };
    return { code: 2, text: `wallcast: ${usageMessage(error)}; see '${commandPath} --help'\n` };
  }
  if (error instanceof InputError) return { code: 2, text: `wallcast: ${inputErrorLine(error)}\n` };
  if (error instanceof ServiceError) return { code: 1, text: `wallcast: ${oneLine(error.message)}\n` };
  let text = `wallcast: internal error: ${internalMessage(error)} (${reportHint()})\n`;
  if (process.env.WALLCAST_DEBUG === "1" && error instanceof Error && error.stack) text += `${error.stack}\n`;
  return { code: 1, text };
}

export { inputErrorLine };

// Commander's message without its "error: " prefix, on one line, with any long quoted user value cut.
function usageMessage(error: CommanderError): string {
  if (error.code === "commander.help") return "missing command";
  return oneLine(error.message.replace(/^error: /, "")).replace(
    new RegExp(`'([^']{${MAX_QUOTED_VALUE_CHARS + 1},})'`, "g"),
    (_, quoted: string) => `'${quoted.slice(0, MAX_QUOTED_VALUE_CHARS - 3)}...'`,
  );
}

function internalMessage(error: unknown): string {
  const text = oneLine(error instanceof Error ? error.message || error.name : String(error));
  return text.length > MAX_INTERNAL_MESSAGE_CHARS
    ? `${text.slice(0, MAX_INTERNAL_MESSAGE_CHARS - 3)}...`
    : text;
}

/** Where to report a bug: package.json's "bugs", else its repository's issues, else a plea to report it. */
export function reportHint(): string {
  const url = issueTracker();
  return url ? `please report at ${url}` : "please report it with the command you ran";
}

function issueTracker(): string | undefined {
  let pkg: { bugs?: string | { url?: string }; repository?: string | { url?: string } };
  try {
    // Two levels up from both src/cli/main.ts and dist/cli/main.js.
    pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
  } catch {
    return undefined;
  }
  const bugs = typeof pkg.bugs === "string" ? pkg.bugs : pkg.bugs?.url;
  if (bugs) return bugs;
  const repo = typeof pkg.repository === "string" ? pkg.repository : pkg.repository?.url;
  if (!repo) return undefined;
  const web = repo.replace(/^git\+/, "").replace(/\.git$/, "");
  return /^https?:\/\//.test(web) ? `${web}/issues` : undefined;
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
