/**
 * A sweep's directory (`--out`): its spec, and every completed job's result as it arrives, each written to a
 * temporary file and renamed into place, so a file is either whole or absent. A coordinator restarted on the same
 * directory reads the results back and runs only the jobs still missing; a second result of a job already stored
 * is a duplicate and ignored. The finished sweep's run store and report go in `result/` beside them.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { prepareOutDir } from "../store/index.js";
import { InputError } from "../util/errors.js";
import type { SweepPlan, SweepSpec } from "./jobs.js";
import { resultMismatch } from "./merge.js";
import type { JobResult } from "./runner.js";

/** The file naming a directory's sweep. */
export const SWEEP_SPEC_FILE = "sweep.json";
/** The folder of job results. */
export const SWEEP_JOBS_DIR = "jobs";

/** What `sweep.json` holds. */
interface SpecFile {
  hash: string;
  spec: SweepSpec;
}

/** A job id as a file name (`:` is not allowed in every file system). */
function fileOf(id: string): string {
  return `${id.replaceAll(":", "_")}.json`;
}

let tmpCounter = 0;

/** Writes `text` to `path` atomically: a temporary file in the same folder, then a rename. */
export function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.${++tmpCounter}.tmp`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

/** The job results of one sweep directory. */
export class SweepStore {
  /** The sweep directory. */
  readonly dir: string;
  readonly #plan: SweepPlan;
  readonly #results = new Map<string, JobResult>();
  readonly #refs: Map<string, SweepPlan["jobs"][number]>;
  /** Results that arrived for a job already stored (and were ignored). */
  duplicates = 0;

  private constructor(dir: string, plan: SweepPlan) {
    this.dir = dir;
    this.#plan = plan;
    this.#refs = new Map(plan.jobs.map((j) => [j.id, j]));
  }

  /**
   * Opens (creating if needed) the directory of `plan`'s sweep and reads back the results already stored. A
   * directory holding another sweep, or files that are not a sweep's, is an InputError (field `--out`).
   */
  static open(dir: string, plan: SweepPlan): SweepStore {
    prepareOutDir(dir);
    const specPath = join(dir, SWEEP_SPEC_FILE);
    if (existsSync(specPath)) {
      let stored: Partial<SpecFile>;
      try {
        stored = JSON.parse(readFileSync(specPath, "utf8")) as Partial<SpecFile>;
      } catch {
        throw new InputError({ file: specPath, message: "not a sweep's spec (unreadable JSON)" });
      }
      if (stored.hash !== plan.hash)
        throw new InputError({
          field: "--out",
          value: dir,
          message: `holds another sweep (${String(stored.hash).slice(0, 12)}, this one is ${plan.hash.slice(0, 12)}): use another --out`,
        });
    } else {
      const entries = readdirSync(dir).filter((e) => !e.startsWith("."));
      if (entries.length > 0)
        throw new InputError({ field: "--out", value: dir, message: "not empty and not a sweep directory" });
      writeAtomic(specPath, `${JSON.stringify({ hash: plan.hash, spec: plan.spec } satisfies SpecFile)}\n`);
    }
    mkdirSync(join(dir, SWEEP_JOBS_DIR), { recursive: true });
    const store = new SweepStore(dir, plan);
    store.#load();
    return store;
  }

  #load(): void {
    const jobsDir = join(this.dir, SWEEP_JOBS_DIR);
    for (const name of readdirSync(jobsDir)) {
      const path = join(jobsDir, name);
      // A temporary file of a coordinator killed while writing: never renamed, so never a result.
      if (name.endsWith(".tmp")) {
        rmSync(path, { force: true });
        continue;
      }
      let result: JobResult;
      try {
        result = JSON.parse(readFileSync(path, "utf8")) as JobResult;
      } catch {
        rmSync(path, { force: true });
        continue;
      }
      const ref = this.#refs.get(result?.id);
      if (
        ref === undefined ||
        fileOf(ref.id) !== name ||
        resultMismatch(this.#plan, ref, result) !== undefined
      ) {
        rmSync(path, { force: true });
        continue;
      }
      this.#results.set(ref.id, result);
    }
  }

  /** Results stored, by job id. */
  get results(): ReadonlyMap<string, JobResult> {
    return this.#results;
  }

  /** Whether job `id` has a result. */
  has(id: string): boolean {
    return this.#results.has(id);
  }

  /**
   * Stores a job's result; returns false (and stores nothing) for a duplicate of a result already stored. A
   * result that does not fit its job (another sweep, another shape) throws RangeError.
   */
  put(result: JobResult): boolean {
    const ref = this.#refs.get(result.id);
    if (ref === undefined) throw new RangeError(`invalid result: no job ${String(result.id)} in this sweep`);
    const mismatch = resultMismatch(this.#plan, ref, result);
    if (mismatch !== undefined) throw new RangeError(`invalid result of job ${ref.id}: ${mismatch}`);
    if (this.#results.has(ref.id)) {
      this.duplicates++;
      return false;
    }
    writeAtomic(join(this.dir, SWEEP_JOBS_DIR, fileOf(ref.id)), JSON.stringify(result));
    this.#results.set(ref.id, result);
    return true;
  }
}
