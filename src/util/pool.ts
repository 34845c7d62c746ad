import { availableParallelism } from "node:os";

/** Threads to use by default: the machine's cores. */
export function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}

/** Options of `runShared` (./shareWork.ts). */
export interface ParallelOptions {
  /** Threads, ≥ 1, this one included; 1 runs in this thread. Default: the machine's cores. */
  threads?: number;
  /** Called once per finished task, in completion order. */
  onDone?: () => void;
}
