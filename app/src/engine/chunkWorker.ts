/** Web Worker: simulates one chunk of paths with the engine's own `runChunk` and sends its accumulator back. */
import { type ChunkTask, runChunk } from "../../../src/scenario/worker.js";

/** A chunk to run, numbered by the pool so that answers can be put back in chunk order. */
export interface ChunkRequest {
  index: number;
  task: ChunkTask;
}

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ChunkRequest>) => void) | null;
  postMessage(message: unknown, transfer: Transferable[]): void;
};

scope.onmessage = ({ data }) => {
  const acc = runChunk(data.task);
  const typed = Object.values(acc).filter((v): v is Int32Array | Float64Array => ArrayBuffer.isView(v));
  scope.postMessage(
    { index: data.index, acc },
    typed.map((a) => a.buffer as ArrayBuffer),
  );
};
