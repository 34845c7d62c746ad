/** Worker entry of the Monte Carlo runner: simulates one chunk of paths and returns its accumulator. */

import { move, transferableSymbol, valueSymbol } from "piscina";
import { type Accumulator, createAccumulator, settle } from "../economy/outputs.js";
import { type PathStress, PathWorkspace, runPath } from "../economy/path.js";
import { type CompiledScenario, compileScenario } from "./compile.js";
import { drawPathParameters, pathStreams } from "./parameters.js";
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
}

// Workers see the same scenario for every chunk of a run: compile it, and allocate its workspace, once.
let cached: { key: string; compiled: CompiledScenario; ws: PathWorkspace } | undefined;

export function runChunk(task: ChunkTask): Accumulator {
  const key = task.scenarioKey ?? JSON.stringify(task.scenario);
  if (cached?.key !== key) {
    const compiled = compileScenario(task.scenario);
    cached = { key, compiled, ws: new PathWorkspace(compiled.model) };
  }
  const { compiled, ws } = cached;
  const { model, parameters } = compiled;
  const acc = createAccumulator(
    model.entities.ids.length,
    model.quarters,
    model.startQuarterOfYear,
    model.takeOrPay.ids.length + model.debt.ids.length,
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

/**
 * The worker entry: a chunk's accumulator, marked so that its typed arrays are moved back to the main thread
 * instead of copied (they are several MB a chunk). `runParallel` unwraps it when it runs the chunk inline.
 */
export default function runChunkMoved(task: ChunkTask): Accumulator {
  const acc = runChunk(task);
  const buffers = [
    acc.hist,
    acc.sum,
    acc.deadBy,
    acc.lossSum,
    acc.lossTotalHist,
    acc.annualHist,
    acc.holderLossSum,
    acc.holderLossTotalHist,
  ].map((a) => a.buffer);
  return move({
    get [transferableSymbol]() {
      return buffers;
    },
    get [valueSymbol]() {
      return acc;
    },
  }) as unknown as Accumulator;
}
