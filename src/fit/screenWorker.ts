/**
 * Worker entry of `fitParallel`: slices of the starts screened, in order (the first phase of `searchStarts`), each
 * claimed by whichever thread is free (`runShared`).
 */
import { claimTasks } from "../util/claimTasks.js";
import { type FitSpec, resolveSpec, screenStarts } from "./fit.js";
import type { FitColumns } from "./forms/index.js";
import type { MinimizeOptions, MinimizeResult } from "./optimizer.js";
import { createProblem } from "./problem.js";

/** A slice of a fit's starts; everything the screening depends on travels in the task. */
export interface ScreenTask {
  columns: FitColumns;
  spec: FitSpec;
  /** Starts in internal coordinates, in the fit's start order. */
  starts: Float64Array[];
  minimize?: MinimizeOptions;
}

/** One slice of the starts screened, in order. */
export function screen(task: ScreenTask): MinimizeResult[] {
  const { form, loss, fixed } = resolveSpec(task.spec);
  return screenStarts(createProblem(form, loss, task.columns, fixed), task.starts, task.minimize);
}

export default claimTasks(screen);
