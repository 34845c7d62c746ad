/** The workers' side of `runShared` (./shareWork.ts), free of Node so that a module the web app bundles may use it. */

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
