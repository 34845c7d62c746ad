/** Worker entry of sensitivity runs: one design point simulated on this thread, chosen outputs returned. */
import type { PathStress } from "../../economy/path.js";
import { claimTasks } from "../../util/claimTasks.js";
import type { Scenario } from "../schema.js";
import { type ChunkTask, type FixedNumbers, runInOrder } from "../worker.js";
import { cellPlan, extractCells, outputsFromCells } from "./cells.js";
import type { OutputSpec } from "./outputs.js";

/** One design point; everything the result depends on travels in the task. */
export interface PointTask {
  scenario: Scenario;
  /** Content key of the scenario: a worker compiles it once per key (default: its JSON, worked out per chunk). */
  scenarioKey?: string;
  /** The point's values of the scenario's numbers; default none (the scenario as it is). */
  fixed?: FixedNumbers;
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
  const { scenario, scenarioKey, fixed, paths, seed, chunkSize, stress } = task;
  const chunks: ChunkTask[] = [];
  for (let first = 0; first < paths; first += chunkSize)
    chunks.push({
      scenario,
      scenarioKey,
      seed,
      firstPath: first,
      count: Math.min(chunkSize, paths - first),
      keepPaths: false,
      stress,
      histograms: false,
      fixed,
    });
  const total = runInOrder(chunks);
  // The cells the outputs read, not the whole run's summary (about 20 ms a point, against ~150 ms for 100 paths).
  const plan = cellPlan(scenario, task.outputs);
  return outputsFromCells(plan, extractCells(plan, total), total.paths);
}

/** Worker entry: points claimed by whichever thread is free (`runShared`). */
export default claimTasks(runPoint);
