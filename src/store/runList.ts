/** The runs stored under a folder, each read back or reported as damaged; one damaged run never hides the rest. */
import { basename } from "node:path";
import { listRunDirectories } from "./runDirectory.js";
import { DamagedRunError, type RunHeader, readRunHeader } from "./runStore.js";

/** A run whose header was read back. */
export interface ListedRun extends RunHeader {
  status: "stored";
  dir: string;
}

/** A run directory whose database cannot be read; `runId` is the directory's name. */
export interface DamagedRun {
  status: "damaged";
  runId: string;
  dir: string;
  /** One line saying what is wrong. */
  reason: string;
}

/** Every run directory under `outDir` (sorted by name), read back or marked damaged. */
export async function listRuns(outDir: string): Promise<Array<ListedRun | DamagedRun>> {
  const runs: Array<ListedRun | DamagedRun> = [];
  for (const dir of listRunDirectories(outDir)) {
    try {
      runs.push({ status: "stored", ...(await readRunHeader(dir)), dir });
    } catch (error) {
      if (!(error instanceof DamagedRunError)) throw error;
      runs.push({ status: "damaged", runId: basename(dir), dir, reason: error.reason });
    }
  }
  return runs;
}
