/** A task module for the tests of `runShared`: squares, after some work, or fails on request. */
import { threadId } from "node:worker_threads";
import { claimTasks } from "../../src/util/shareWork.js";

export interface SquareTask {
  x: number;
  /** Throw, in any thread or only on a worker. */
  fail?: "anywhere" | "onWorker";
}

/** The square of the task's x, and the thread that ran it. */
export function square(task: SquareTask): { square: number; thread: number } {
  if (task.fail === "anywhere" || (task.fail === "onWorker" && threadId !== 0))
    throw new Error(`task ${task.x} failed`);
  // Work enough (~20 ms) that a worker has started before this thread has claimed every task.
  const until = performance.now() + 20;
  while (performance.now() < until);
  return { square: task.x * task.x, thread: threadId };
}

export default claimTasks(square);
