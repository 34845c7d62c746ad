/** Worker entry of sensitivity runs: one scenario variant simulated on this thread, chosen outputs returned. */
import type { PathStress } from "../../economy/path.js";
import { claimTasks } from "../../util/claimTasks.js";
import type { Scenario } from "../schema.js";
import { type ChunkTask, runInOrder } from "../worker.js";
import { cellPlan, extractCells, outputsFromCells } from "./cells.js";
import type { OutputSpec } from "./outputs.js";

/** One design point; everything the result depends on travels in the task. */
export interface PointTask {
  scenario: Scenario;
  paths: number;
  seed: number;
  /** Paths per Monte Carlo chunk (fixed so the result does not depend on threads). */
  chunkSize: number;
  outputs: OutputSpec[];
  stress: PathStress;
}

/**
 * Simulates the point and returns its outputs in `task.outputs` order. The chunks are the ones `simulate` makes
 * for the same paths, seed and chunk size, run here in order, so the outputs equal those of `simulate`
 * (`evaluateOutput` of its result), bit for bit.
 */
export function runPoint(task: PointTask): number[] {
  const { scenario, paths, seed, chunkSize, stress } = task;
  const chunks: ChunkTask[] = [];
  for (let first = 0; first < paths; first += chunkSize)
    chunks.push({
      scenario,
      seed,
      firstPath: first,
      count: Math.min(chunkSize, paths - first),
      keepPaths: false,
      stress,
      histograms: false,
    });
  const total = runInOrder(chunks);
  // The cells the outputs read, not the whole run's summary (about 20 ms a point, against ~150 ms for 100 paths).
  const plan = cellPlan(scenario, task.outputs);
  return outputsFromCells(plan, extractCells(plan, total), total.paths);
}

/** Worker entry: points claimed by whichever thread is free (`runShared`). */
export default claimTasks(runPoint);
