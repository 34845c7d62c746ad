import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";

/** Number of worker threads to use by default: the machine's cores. */
export function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}

export interface ParallelOptions {
  /** Worker threads, ≥ 1; 1 runs in this thread. Default: the machine's cores. */
  threads?: number;
  /** Called once per finished task, in completion order. */
  onDone?: () => void;
}

/**
 * Runs `tasks` through the default export of the worker module at `workerUrl` and returns the results in task
 * order. Determinism is the caller's contract: each task must carry everything it needs (e.g. its seed and
 * index), so the results never depend on the thread count. With 1 thread the module is imported here and no
 * worker is started. A `.ts` module (tests, benchmarks run from source) is loaded in workers through tsx.
 */
export async function runParallel<T, R>(
  workerUrl: URL,
  tasks: readonly T[],
  options: ParallelOptions = {},
): Promise<R[]> {
  const threads = options.threads ?? defaultThreads();
  if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`invalid threads: ${threads}`);
  if (tasks.length === 0) return [];
  if (threads === 1 || tasks.length === 1) {
    const mod = (await import(workerUrl.href)) as { default: (task: T) => R | Promise<R> };
    const out: R[] = [];
    for (const task of tasks) {
      out.push(await mod.default(task));
      options.onDone?.();
    }
    return out;
  }
  const filename = fileURLToPath(workerUrl);
  const pool = new Piscina({
    filename,
    minThreads: Math.min(threads, tasks.length),
    maxThreads: Math.min(threads, tasks.length),
    execArgv: filename.endsWith(".ts") ? ["--import", "tsx"] : [],
  });
  try {
    return await Promise.all(
      tasks.map(async (task) => {
        const result = (await pool.run(task)) as R;
        options.onDone?.();
        return result;
      }),
    );
  } finally {
    await pool.destroy();
  }
}
