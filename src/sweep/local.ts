/** Runs a sweep's jobs on this machine's worker threads, handing each result over as soon as it is done. */
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import type { SweepJob } from "./jobs.js";
import { type JobResult, runJob } from "./runner.js";

/** The module whose default export runs a job (`runner.ts` from source, `runner.js` when built). */
export function runnerUrl(): URL {
  return new URL(import.meta.url.endsWith(".ts") ? "./runner.ts" : "./runner.js", import.meta.url);
}

/**
 * Runs the jobs (`payload(k)` builds the k-th of `count`) on `threads` worker threads (1: in this thread) and
 * calls `onResult` with each result in completion order; at most twice `threads` payloads exist at once. A
 * payload goes through JSON first, as it does through a queue, so local and queued runs see the same bytes.
 */
export async function runJobsLocally(
  count: number,
  payload: (k: number) => SweepJob,
  threads: number,
  onResult: (result: JobResult) => void,
): Promise<void> {
  if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`invalid threads: ${threads}`);
  if (count === 0) return;
  const wire = (k: number) => JSON.parse(JSON.stringify(payload(k))) as SweepJob;
  if (threads === 1 || count === 1) {
    for (let k = 0; k < count; k++) {
      onResult(runJob(wire(k)));
      // Let timers (the progress bar) and signals through between jobs.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return;
  }
  const size = Math.min(threads, count);
  const pool = createJobPool(size);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < count) {
      const job = wire(next++);
      onResult((await pool.run(job)) as JobResult);
    }
  };
  try {
    await Promise.all(Array.from({ length: 2 * size }, lane));
  } finally {
    await pool.destroy();
  }
}

/** A pool of `threads` worker threads running sweep jobs (`pool.run(job)` resolves to its JobResult). */
export function createJobPool(threads: number): Piscina {
  const filename = fileURLToPath(runnerUrl());
  return new Piscina({
    filename,
    minThreads: threads,
    maxThreads: threads,
    // One job at a time per thread: a queued job waits in the pool, not inside a busy thread.
    concurrentTasksPerWorker: 1,
    execArgv: filename.endsWith(".ts") ? ["--import", "tsx"] : [],
  });
}
