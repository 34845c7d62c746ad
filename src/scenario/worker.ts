/** Worker entry of the Monte Carlo runner: simulates blocks of chunks of paths and returns their accumulators. */

import {
  type Accumulator,
  type ChunkSums,
  createAccumulator,
  mergeSums,
  settle,
  takeSums,
} from "../economy/outputs.js";
import { type PathStress, PathWorkspace, runPath } from "../economy/path.js";
import { claimTasks } from "../util/claimTasks.js";
import { type CompiledScenario, compileScenario } from "./compile.js";
import { drawPathParameters, fixParameters, pathStreams } from "./parameters.js";
import type { Scenario } from "./schema.js";

/** One chunk of paths; everything the result depends on travels in the task. */
export interface ChunkTask {
  scenario: Scenario;
  /** Content key of the scenario (simulate passes its sha256): workers compile once per key; default its JSON. */
  scenarioKey?: string;
  seed: number;
  /** Global index of the chunk's first path. */
  firstPath: number;
  /** Paths in the chunk. */
  count: number;
  keepPaths: boolean;
  stress: PathStress;
  /** Keep the histograms (quantiles); false: sums, counts and losses only, what design points and sweep jobs
   * read. Default true. */
  histograms?: boolean;
  /** Numbers of the scenario fixed for this chunk (a design point), as `withValues` fixes them; default none. The
   * scenario is compiled once per key whatever they are. */
  fixed?: FixedNumbers;
}

/** Numbers of a scenario held at values: parameter paths and a value for each. */
export interface FixedNumbers {
  paths: readonly string[];
  values: ArrayLike<number>;
}

// Workers see the same scenario for every chunk of a run: compile it, and allocate its workspace, once.
let cached: { key: string; compiled: CompiledScenario; ws: PathWorkspace } | undefined;

/**
 * Runs one chunk of paths into `into` (an accumulator of the same scenario, holding earlier chunks' counts), or
 * into a new accumulator; returns it settled.
 */
export function runChunk(task: ChunkTask, into?: Accumulator): Accumulator {
  const key = task.scenarioKey ?? JSON.stringify(task.scenario);
  if (cached?.key !== key) {
    const compiled = compileScenario(task.scenario);
    cached = { key, compiled, ws: new PathWorkspace(compiled.model) };
  }
  const { compiled, ws } = cached;
  const { model } = compiled;
  const parameters = task.fixed
    ? fixParameters(compiled.parameters, task.fixed.paths, task.fixed.values)
    : compiled.parameters;
  const acc =
    into ??
    createAccumulator(
      model.entities.ids.length,
      model.quarters,
      model.startQuarterOfYear,
      model.takeOrPay.ids.length + model.debt.ids.length,
      task.histograms ?? true,
    );
  const theta = new Float64Array(parameters.paths.length);
  const z = new Float64Array(2 * parameters.random.length);
  for (let k = 0; k < task.count; k++) {
    const path = task.firstPath + k;
    drawPathParameters(parameters, task.seed, path, theta, z);
    runPath(model, theta, pathStreams(task.seed, path), ws, acc, task.stress, path, task.keepPaths);
  }
  settle(acc);
  return acc;
}

/** What a block of chunks gives back: the counts of all its chunks in one accumulator, and each chunk's sums. */
export interface BlockResult {
  counts: Accumulator;
  sums: ChunkSums[];
}

/**
 * A block of consecutive chunks, run one after another into one accumulator. Its counts add in
 * any order; each chunk's sums come back apart (`takeSums`), to be added in chunk order, so the result has the same
 * bits as merging one accumulator per chunk, and one accumulator crosses to the main thread instead of one per
 * chunk. It is copied, not moved: moving a typed array's buffer detaches it in the worker, and V8 answers the first
 * detach by dropping the optimised code that assumed none ever is, so every later chunk ran slower (measured:
 * 4,000 paths on 2 threads 9.7–10.8 s moved, 8.4–9.2 s copied; a copy is ~35 ms of 17 MB).
 */
export function runBlock(block: readonly ChunkTask[]): BlockResult {
  let counts: Accumulator | undefined;
  const sums: ChunkSums[] = [];
  for (const task of block) {
    counts = runChunk(task, counts);
    sums.push(takeSums(counts));
  }
  if (counts === undefined) throw new RangeError("invalid block: no chunks");
  return { counts, sums };
}

/** The chunks run in order on this thread and merged: what `simulate` gives for the same chunks. */
export function runInOrder(tasks: readonly ChunkTask[]): Accumulator {
  const { counts, sums } = runBlock(tasks);
  for (const chunk of sums) mergeSums(counts, chunk);
  return counts;
}

/** Worker entry of `simulate`: blocks claimed by whichever thread is free (`runShared`). */
export default claimTasks(runBlock);
