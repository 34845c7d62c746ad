/**
 * Tasks shared between this thread and `threads − 1` worker threads, each claiming the next one from a shared
 * counter: this thread works rather than waits, and starts at once while the workers load their modules — what a
 * pool of `threads` workers loses on a short job (a 2-second fit).
 */
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import { defaultThreads, type ParallelOptions } from "./pool.js";

/** What each worker of `runShared` is given: all the tasks, and the counters [next task to claim, tasks done]. */
export interface SharedBatch<T> {
  tasks: readonly T[];
  counters: SharedArrayBuffer;
}

/**
 * A worker module's default export for `runShared`: claims tasks until none are left, running each through `run`;
 * returns [task index, result] pairs.
 */
export function claimTasks<T, R>(
  run: (task: T) => R | Promise<R>,
): (batch: SharedBatch<T>) => Promise<[number, R][]> {
  return async ({ tasks, counters }) => {
    const claim = new Int32Array(counters);
    const out: [number, R][] = [];
    for (let task = Atomics.add(claim, 0, 1); task < tasks.length; task = Atomics.add(claim, 0, 1)) {
      out.push([task, await run(tasks[task])]);
      Atomics.add(claim, 1, 1);
    }
    return out;
  };
}

/**
 * Runs `tasks` through `run` here and on `threads − 1` worker threads of the module at `workerUrl` (whose default
 * export is `claimTasks(run)`), and returns the results in task order. As with `runParallel`, each task must carry
 * everything it needs, so the results never depend on which thread ran it. `onDone` is called between this
 * thread's tasks for every task done so far, in any thread, and at the end for the rest.
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
  const helpers = Math.min(threads, tasks.length) - 1;
  const filename = fileURLToPath(workerUrl);
  const pool =
    helpers > 0
      ? new Piscina({
          filename,
          minThreads: helpers,
          maxThreads: helpers,
          execArgv: filename.endsWith(".ts") ? ["--import", "tsx"] : [],
        })
      : undefined;
  const batch: SharedBatch<T> = { tasks, counters };
  const claimed = Array.from({ length: helpers }, () => pool?.run(batch) as Promise<[number, R][]>);
  // Handled here too: when this thread fails first, they reject as the pool is destroyed, and nothing awaits them.
  for (const batchDone of claimed) batchDone.catch(() => {});
  const results: R[] = new Array(tasks.length);
  let reported = 0;
  const report = () => {
    for (const done = Atomics.load(claim, 1); reported < done; reported++) options.onDone?.();
  };
  try {
    for (let task = Atomics.add(claim, 0, 1); task < tasks.length; task = Atomics.add(claim, 0, 1)) {
      results[task] = await run(tasks[task]);
      Atomics.add(claim, 1, 1);
      report();
      // A turn of the event loop, in which the pool hands its batches to the workers as they come up.
      await new Promise((resolve) => setImmediate(resolve));
    }
    for (const [task, result] of (await Promise.all(claimed)).flat()) results[task] = result;
  } finally {
    // Once this thread has failed, no more claims: the workers end their current task.
    Atomics.store(claim, 0, tasks.length);
    await pool?.destroy();
  }
  report();
  return results;
}
