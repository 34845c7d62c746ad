/**
 * Run directories: each run lives in `<outDir>/<runId>/`. A run is written into a hidden staging directory and
 * renamed into place only when complete, so an interrupted run (error, Ctrl-C, kill) leaves nothing behind.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { RUN_DATABASE } from "./runStore.js";

export interface StagedRun {
  /** Where the run is being written. */
  stagingDir: string;
  /** Where it will be once committed. */
  finalDir: string;
  /** Renames the staging directory into place. */
  commit(): void;
  /** Removes the staging directory (idempotent). */
  discard(): void;
}

/** A new staging directory for `runId` under `outDir`, removed automatically on SIGINT/SIGTERM. */
export function stageRun(outDir: string, runId: string): StagedRun {
  if (!/^[A-Za-z0-9._-]+$/.test(runId)) throw new RangeError(`invalid runId: ${runId}`);
  const finalDir = join(outDir, runId);
  if (existsSync(finalDir)) throw new RangeError(`invalid runId: ${finalDir} exists`);
  const stagingDir = join(outDir, `.${runId}.partial`);
  rmSync(stagingDir, { recursive: true, force: true });
  mkdirSync(stagingDir, { recursive: true });
  const onSignal = (signal: NodeJS.Signals) => {
    rmSync(stagingDir, { recursive: true, force: true });
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  const release = () => {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  };
  return {
    stagingDir,
    finalDir,
    commit() {
      renameSync(stagingDir, finalDir);
      release();
    },
    discard() {
      rmSync(stagingDir, { recursive: true, force: true });
      release();
    },
  };
}

/** The committed run directories under `outDir` (those holding a run database), sorted by name. */
export function listRunDirectories(outDir: string): string[] {
  if (!existsSync(outDir)) return [];
  return readdirSync(outDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith("."))
    .map((entry) => join(outDir, entry.name))
    .filter((dir) => existsSync(join(dir, RUN_DATABASE)))
    .sort();
}
