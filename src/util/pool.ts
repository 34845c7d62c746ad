import { availableParallelism } from "node:os";

/** Threads to use by default: the machine's cores. */
export function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}
