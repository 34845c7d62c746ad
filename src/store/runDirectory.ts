/**
 * Run directories: each run lives in `<outDir>/<runId>/`. A run is written into a hidden staging folder
 * `.<runId>.partial` and renamed into place only when complete, so an interrupted run (error, Ctrl-C, kill)
 * never shows up as a run. The staging folder is created exclusively and records its owner (pid, host), so
 * concurrent runs into one folder never touch each other's, and a folder left by a killed run is removed by the
 * next run.
 */
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { InputError } from "../util/errors.js";
import { isRunId } from "./runId.js";
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

/** The owner record written into a staging folder when it is created. */
export interface StagingOwner {
  pid: number;
  hostname: string;
  /** Creation time, ms since the epoch. */
  createdAt: number;
}

/** File inside a staging folder naming its owner; removed just before the folder is committed. */
export const STAGING_OWNER = ".owner.json";

/** A staging folder older than this (ms, 24 h) is stale whoever owns it. */
export const STALE_STAGING_MS = 24 * 60 * 60 * 1000;

const STAGING_NAME = /^\..+\.partial$/;

// Staging folders this process is writing; a signal removes them all before exiting (one handler for all, so
// the first handler's exit cannot leave a second run's folder behind).
const active = new Set<string>();

function onSignal(signal: NodeJS.Signals): void {
  for (const dir of active) rmSync(dir, { recursive: true, force: true });
  process.exit(signal === "SIGINT" ? 130 : 143);
}

function track(dir: string): void {
  if (active.size === 0) {
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  }
  active.add(dir);
}

function untrack(dir: string): void {
  if (!active.delete(dir) || active.size > 0) return;
  process.off("SIGINT", onSignal);
  process.off("SIGTERM", onSignal);
}

/** Whether process `pid` exists on this host (a process of another user counts: EPERM means it exists). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

function readOwner(dir: string): StagingOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(join(dir, STAGING_OWNER), "utf8")) as Partial<StagingOwner>;
    if (!Number.isSafeInteger(owner.pid) || typeof owner.hostname !== "string") return undefined;
    if (typeof owner.createdAt !== "number") return undefined;
    return owner as StagingOwner;
  } catch {
    // No owner file yet (or a torn one): the folder's age decides.
    return undefined;
  }
}

/**
 * Whether the staging folder `dir` was abandoned: its owner is a process of this host that no longer exists,
 * or it is older than STALE_STAGING_MS (by its owner record, else its modification time). A folder owned by a
 * live process, or by another host, is kept until then.
 */
export function isStaleStaging(dir: string, now = Date.now()): boolean {
  const owner = readOwner(dir);
  const createdAt = owner?.createdAt ?? statSync(dir).mtimeMs;
  if (now - createdAt > STALE_STAGING_MS) return true;
  return owner !== undefined && owner.hostname === hostname() && !isProcessAlive(owner.pid);
}

/** Removes the abandoned staging folders under `outDir` (see isStaleStaging); returns the removed paths. */
export function removeStaleStaging(outDir: string, now = Date.now()): string[] {
  const removed: string[] = [];
  for (const entry of readdirSync(outDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || !STAGING_NAME.test(entry.name)) continue;
    const dir = join(outDir, entry.name);
    try {
      if (!isStaleStaging(dir, now)) continue;
      rmSync(dir, { recursive: true, force: true });
      removed.push(dir);
    } catch (error) {
      // Another run cleaning up at the same time got there first.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "ENOENT" && code !== "ENOTEMPTY") throw error;
    }
  }
  return removed;
}

function runExists(outDir: string, runId: string): InputError {
  return new InputError({ field: "--id", value: runId, message: `a run of that id exists in ${outDir}` });
}

/**
 * A new staging folder for `runId` under `outDir` (an existing directory), removed automatically on
 * SIGINT/SIGTERM. Stale staging folders of killed runs are removed first. A run of that id already stored or
 * being written is an InputError.
 */
export function stageRun(outDir: string, runId: string): StagedRun {
  if (!isRunId(runId)) throw new RangeError(`invalid runId: ${runId}`);
  removeStaleStaging(outDir);
  const finalDir = join(outDir, runId);
  const stagingDir = join(outDir, `.${runId}.partial`);
  try {
    // Not recursive: fails if the folder exists, so two runs never share (or delete) one staging folder.
    mkdirSync(stagingDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    throw new InputError({
      field: "--id",
      value: runId,
      message: `a run of that id is being written in ${outDir} (by another process)`,
    });
  }
  // Checked after the staging folder exists: a run committing this id in between is caught here.
  if (existsSync(finalDir)) {
    rmSync(stagingDir, { recursive: true, force: true });
    throw runExists(outDir, runId);
  }
  const owner: StagingOwner = { pid: process.pid, hostname: hostname(), createdAt: Date.now() };
  writeFileSync(join(stagingDir, STAGING_OWNER), `${JSON.stringify(owner)}\n`);
  track(stagingDir);
  return {
    stagingDir,
    finalDir,
    commit() {
      unlinkSync(join(stagingDir, STAGING_OWNER));
      try {
        renameSync(stagingDir, finalDir);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "ENOTEMPTY" || code === "EEXIST") throw runExists(outDir, runId);
        throw error;
      } finally {
        untrack(stagingDir);
      }
    },
    discard() {
      rmSync(stagingDir, { recursive: true, force: true });
      untrack(stagingDir);
    },
  };
}

/**
 * The committed run directories under `outDir` (those holding a run database), sorted by name; none when
 * `outDir` does not exist. An `outDir` that is not a directory is an InputError.
 */
export function listRunDirectories(outDir: string): string[] {
  if (!existsSync(outDir)) return [];
  if (!statSync(outDir).isDirectory())
    throw new InputError({ field: "--out", message: `${outDir}: not a directory` });
  return readdirSync(outDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith("."))
    .map((entry) => join(outDir, entry.name))
    .filter((dir) => existsSync(join(dir, RUN_DATABASE)))
    .sort();
}
