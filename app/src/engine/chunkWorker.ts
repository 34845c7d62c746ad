/**
 * Web Worker: simulates chunks of paths with the engine's own `runChunk`. The chunks a worker runs for one run
 * share one accumulator: each chunk's sums go back as it ends (they are added in chunk order), its counts stay here
 * until the run asks for them, so one accumulator of megabytes crosses to the page per worker, not one per chunk.
 */
import { type Accumulator, type ChunkSums, takeSums } from "../../../src/economy/outputs.js";
import { type ChunkTask, runChunk } from "../../../src/scenario/worker.js";
import { type SparseAccumulator, sparseCounts } from "./sparseCounts.js";

/** A chunk of run `run` to run, numbered by the pool so that its sums can be put back in chunk order; or the
 * run's counts. */
export type ChunkRequest =
  | { kind: "chunk"; run: string; index: number; task: ChunkTask }
  | { kind: "counts"; run: string };

/** The sums of a chunk, or the counts of every chunk this worker ran for the run (none if it ran none). */
export type ChunkAnswer =
  | { kind: "chunk"; index: number; sums: ChunkSums }
  | { kind: "counts"; counts?: SparseAccumulator };

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ChunkRequest>) => void) | null;
  postMessage(message: ChunkAnswer): void;
};

/** The current run and the counts of the chunks run for it here. */
let current: { run: string; counts: Accumulator } | undefined;

// Answers are copied, never moved: moving a buffer detaches it here, after which V8 runs the engine's
// typed-array code slower (src/scenario/worker.ts).
scope.onmessage = ({ data }) => {
  if (data.kind === "chunk") {
    const { run } = data;
    const counts = runChunk(data.task, current?.run === run ? current.counts : undefined);
    current = { run, counts };
    scope.postMessage({ kind: "chunk", index: data.index, sums: takeSums(counts) });
    return;
  }
  const counts = current?.run === data.run ? current.counts : undefined;
  current = undefined;
  scope.postMessage({ kind: "counts", counts: counts && sparseCounts(counts) });
};
