/**
 * Tasks shared between this thread and `threads − 1` worker threads, each claiming the next one from a shared
 * counter: this thread works rather than waits, and starts at once while the workers load their modules — what a
 * pool of `threads` workers loses on a short job (a 2-second fit).
 */
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import type { SharedBatch } from "./claimTasks.js";
import { defaultThreads } from "./pool.js";

/** Options of `runShared`. */
export interface ParallelOptions {
  /** Threads, ≥ 1, this one included; 1 runs in this thread. Default: the machine's cores. */
  threads?: number;
  /** Called once per finished task, in completion order. */
  onDone?: () => void;
}

/** How often progress is read while this thread is free, ms. */
const PROGRESS_POLL_MS = 100;

/**
 * Pools kept between runs, one per worker module and size, their workers started with the pool: a worker warms
 * its JIT once rather than once a run (a fresh thread's first hundred paths of the default take three times as
 * long as later ones). Piscina unrefs idle workers, so a kept pool never holds the process open.
 */
const pools = new Map<string, Piscina>();

/** Ends the kept pools' workers (the next run starts new ones): for a process done with parallel work that goes on
 * running, and for benchmarks that time a run from fresh workers, as the command line starts them. */
export async function releaseWorkers(): Promise<void> {
  const ending = [...pools.values()];
  pools.clear();
  await Promise.all(ending.map((pool) => pool.destroy()));
}

function keptPool(filename: string, helpers: number): Piscina {
  const key = `${helpers} ${filename}`;
  let pool = pools.get(key);
  if (pool === undefined) {
    pool = new Piscina({
      filename,
      minThreads: helpers,
      maxThreads: helpers,
      execArgv: filename.endsWith(".ts") ? ["--import", "tsx"] : [],
    });
    pools.set(key, pool);
  }
  return pool;
}

/** Whether `runShared` works on the calling thread; see `setCallerWorks`. */
let callerWorks = true;

/**
 * Whether `runShared` works on the calling thread too (true, the default: the fastest) or leaves every task to
 * `threads` workers, so that the caller's event loop stays free while they run: a server's choice (`wallcast serve`).
 */
export function setCallerWorks(works: boolean): void {
  callerWorks = works;
}

/**
 * Runs `tasks` through `run` here and on `threads − 1` worker threads of the module at `workerUrl` (whose default
 * export is `claimTasks(run)`), and returns the results in task order. Each task must carry everything it needs
 * (its seed and index, say), so the results never depend on which thread ran it. `onDone` is called between this
 * thread's tasks for every task done so far, in any thread, and at the end for the rest. Without the calling
 * thread (`setCallerWorks(false)`), `threads` workers do every task and progress is read every 100 ms.
 */
export async function runShared<T, R>(
  workerUrl: URL,
  run: (task: T) => R | Promise<R>,
  tasks: readonly T[],
  options: ParallelOptions = {},
): Promise<R[]> {
  const threads = options.threads ?? defaultThreads();
  if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`invalid threads: ${threads}`);
  const counters = new SharedArrayBuffer(8);
  const claim = new Int32Array(counters);
  const helpers = Math.min(threads, tasks.length) - (callerWorks ? 1 : 0);
  const pool = helpers > 0 ? keptPool(fileURLToPath(workerUrl), helpers) : undefined;
  const batch: SharedBatch<T> = { tasks, counters };
  const claimed = Array.from({ length: helpers }, () => pool?.run(batch) as Promise<[number, R][]>);
  // Handled here too: when this thread fails first, nothing awaits them.
  for (const batchDone of claimed) batchDone.catch(() => {});
  const results: R[] = new Array(tasks.length);
  let reported = 0;
  const report = () => {
    for (const done = Atomics.load(claim, 1); reported < done; reported++) options.onDone?.();
  };
  // With this thread free, progress is read from the counters as the workers go.
  const polling = !callerWorks && options.onDone ? setInterval(report, PROGRESS_POLL_MS) : undefined;
  try {
    for (
      let task = callerWorks ? Atomics.add(claim, 0, 1) : tasks.length;
      task < tasks.length;
      task = Atomics.add(claim, 0, 1)
    ) {
      results[task] = await run(tasks[task]);
      Atomics.add(claim, 1, 1);
      report();
      // A turn of the event loop, in which the pool hands its batches to the workers as they come up.
      await new Promise((resolve) => setImmediate(resolve));
    }
    for (const [task, result] of (await Promise.all(claimed)).flat()) results[task] = result;
  } finally {
    clearInterval(polling);
    // Once this thread has failed, no more claims: the workers end their current task, and are free for the next run
    // when this one returns.
    Atomics.store(claim, 0, tasks.length);
    await Promise.allSettled(claimed);
  }
  report();
  return results;
}
