/**
 * The Monte Carlo in the browser: the scenario's paths in fixed chunks of `CHUNK_PATHS`, run by the engine's
 * `runChunk` on a pool of Web Workers; each worker's counts are added (integers, in any order) and the chunks'
 * sums in chunk order, so that the result is the same for any number of workers and equals
 * `simulate(scenario, { paths, seed, chunkSize: CHUNK_PATHS })` in Node.
 */
import { type Accumulator, type ChunkSums, mergeSums } from "../../../src/economy/outputs.js";
import { withFullUncertainty } from "../../../src/scenario/parameters.js";
import type { Scenario } from "../../../src/scenario/schema.js";
import { type SimulationResult, summariseRun } from "../../../src/scenario/simulate.js";
import type { ChunkTask } from "../../../src/scenario/worker.js";
import { CHUNK_PATHS } from "./chunks.js";
import type { ChunkAnswer, ChunkRequest } from "./chunkWorker.js";
// Inlined into the bundle and started from a blob URL as a classic worker: a page opened from file:// may start
// neither a module worker nor one from another file.
import ChunkWorker from "./chunkWorker.js?worker&inline";
import { addCounts } from "./sparseCounts.js";

export { CHUNK_PATHS };

/** Workers at most, whatever the machine reports. */
const MAX_WORKERS = 16;

/** A pool of chunk workers; `run` simulates a scenario on all of them. */
export class SimulationPool {
  readonly size: number;
  private readonly workers: Worker[] = [];
  /** Per worker, the end of the work given to it: a new run's chunks queue behind an old run's last chunk. */
  private readonly idle: Promise<void>[] = [];
  /** Each run's number: answers of a run overtaken by a newer one are dropped. */
  private generation = 0;

  constructor(size = navigator.hardwareConcurrency || 2) {
    this.size = Math.max(1, Math.min(MAX_WORKERS, Math.floor(size)));
  }

  private worker(k: number): Worker {
    this.workers[k] ??= new ChunkWorker();
    return this.workers[k];
  }

  /**
   * Simulates `paths` paths of the scenario with every assumption drawn across its range (as `simulate` does by
   * default); resolves to undefined when a newer run started before this one ended.
   */
  async run(
    scenario: Scenario,
    options: { paths: number; seed: number; onProgress?: (done: number, total: number) => void },
  ): Promise<SimulationResult | undefined> {
    const generation = ++this.generation;
    const sampled = withFullUncertainty(scenario);
    // The scenario's content is its key: a worker compiles it once and reuses it for a new seed or path count.
    const scenarioKey = JSON.stringify(sampled);
    const run = `${generation}`;
    const tasks: ChunkTask[] = [];
    for (let first = 0; first < options.paths; first += CHUNK_PATHS)
      tasks.push({
        scenario: sampled,
        scenarioKey,
        seed: options.seed,
        firstPath: first,
        count: Math.min(CHUNK_PATHS, options.paths - first),
        keepPaths: false,
        stress: {},
      });
    const sums: ChunkSums[] = new Array(tasks.length);
    let total: Accumulator | undefined;
    let next = 0;
    let done = 0;
    // On the pool's first run every worker is cold, and on a small machine two cold workers at once starve the
    // browser's optimising compiler (each one's first chunk took 1.2–1.5 s, one alone 0.63 s): the others start
    // once the first has run a chunk (or failed).
    const coldStart = this.workers[0] === undefined;
    let firstChunkRun = () => {};
    const firstChunk = new Promise<void>((resolve) => {
      firstChunkRun = resolve;
    });
    const drain = async (k: number): Promise<void> => {
      if (k > 0 && coldStart) await firstChunk;
      const worker = this.worker(k);
      const ask = (request: ChunkRequest) =>
        new Promise<ChunkAnswer>((resolve, reject) => {
          worker.onmessage = ({ data }: MessageEvent<ChunkAnswer>) => resolve(data);
          worker.onerror = (event) => reject(new Error(event.message));
          worker.postMessage(request);
        });
      while (next < tasks.length && generation === this.generation) {
        const index = next++;
        const answer = await ask({ kind: "chunk", run, index, task: tasks[index] });
        if (answer.kind === "chunk") sums[answer.index] = answer.sums;
        if (k === 0) firstChunkRun();
        done += tasks[index].count;
        options.onProgress?.(done, options.paths);
      }
      const answer = await ask({ kind: "counts", run });
      if (answer.kind === "counts" && answer.counts) total = addCounts(total, answer.counts);
    };
    await Promise.all(
      Array.from({ length: Math.min(this.size, tasks.length) }, (_, k) => {
        this.idle[k] = (this.idle[k] ?? Promise.resolve()).then(() => drain(k));
        if (k === 0) this.idle[0].then(firstChunkRun, firstChunkRun);
        return this.idle[k];
      }),
    );
    if (generation !== this.generation) return undefined;
    // Counts add exactly in any order; sums in chunk order, as `simulate` adds them.
    if (total === undefined) throw new Error("wallcast: no worker ran a chunk");
    for (const chunk of sums) mergeSums(total, chunk);
    return summariseRun(scenario, options.seed, total);
  }
}
