import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { resolveDataDir } from "../../src/data/dataDir.js";

/** The CLI entry, run from source through tsx so tests never depend on a stale build. */
export const CLI = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));

/** The data directory, found as the CLI finds it (`WALLCAST_DATA`, else ~/.cache/wallcast/data). */
export const DATA = resolveDataDir();

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `wallcast ...args` as a child process (through tsx, about half a second to two seconds each) with
 * WALLCAST_DATA set. Kept for the few true end-to-end checks (a real process's exit code and streams); command
 * tests call `main` in process with `runMain` from ./inProcess.ts.
 */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}, input?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", CLI, ...args], {
      env: { ...process.env, WALLCAST_DATA: DATA, ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input ?? "");
  });
}
