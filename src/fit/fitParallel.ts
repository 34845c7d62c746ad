/**
 * `fit` with the starts' screening shared between this thread and worker threads: a module of its own, so that
 * `fit` and the worker that screens stay free of the thread pool (and of Node).
 */
import { defaultThreads } from "../util/pool.js";
import { runShared } from "../util/shareWork.js";
import {
  type FitOptions,
  type FitResult,
  type FitSpec,
  fitResult,
  fitSetup,
  refineScreened,
  searchStarts,
} from "./fit.js";
import type { FitColumns } from "./forms/index.js";
import type { MinimizeResult } from "./optimizer.js";
import { type ScreenTask, screen } from "./screenWorker.js";

/** Starts screened per task in `fitParallel`: small enough to balance the threads, large enough that a
 * task's set-up (the problem, from the rows) is noise. */
const STARTS_PER_TASK = 250;

/**
 * `fit` with the starts' screening on `threads` threads, this one included (default: the machine's cores).
 * Every start is independent and the screened results come back in start order, so the result equals `fit`'s to
 * the last bit.
 */
export async function fitParallel(
  columns: FitColumns,
  options: FitOptions,
  threads = defaultThreads(),
): Promise<FitResult> {
  const setup = fitSetup(columns, options);
  const { problem, starts, near } = setup;
  if (threads <= 1 || starts.length < 2 * STARTS_PER_TASK)
    return fitResult(setup, columns, options, searchStarts(problem, starts, options.minimize, near));
  const spec: FitSpec = {
    form: options.form,
    breaks: options.breaks,
    loss: options.loss,
    delta: options.delta,
    fix: options.fix,
  };
  const tasks: ScreenTask[] = [];
  for (let first = 0; first < starts.length; first += STARTS_PER_TASK)
    tasks.push({
      columns,
      spec,
      starts: starts.slice(first, first + STARTS_PER_TASK),
      minimize: options.minimize,
    });
  const screened = (
    await runShared<ScreenTask, MinimizeResult[]>(screenWorkerUrl(), screen, tasks, { threads })
  ).flat();
  return fitResult(setup, columns, options, refineScreened(problem, screened, options.minimize, near));
}

function screenWorkerUrl(): URL {
  const ext = import.meta.url.endsWith(".ts") ? ".ts" : ".js";
  return new URL(`./screenWorker${ext}`, import.meta.url);
}
