/** A task module for the tests of `runShared`: squares, or fails on request. */
import { threadId } from "node:worker_threads";
import { claimTasks } from "../../src/util/claimTasks.js";

export interface SquareTask {
  x: number;
  /** The thread id of the thread that calls `runShared` (the test runner may itself be a worker thread). */
  caller: number;
  /** Throw, in any thread or only on a worker. */
  fail?: "anywhere" | "onWorker";
  /**
   * An Int32 flag a worker raises when it runs a task; a task on the calling thread first waits for it (up to 10 s),
   * so that a worker surely runs one however slowly it starts.
   */
  rendezvous?: SharedArrayBuffer;
}

/** The square of the task's x, and the thread that ran it. */
export function square(task: SquareTask): { square: number; thread: number } {
  if (task.rendezvous) {
    const flag = new Int32Array(task.rendezvous);
    if (threadId === task.caller) Atomics.wait(flag, 0, 0, 10_000);
    else {
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
    }
  }
  if (task.fail === "anywhere" || (task.fail === "onWorker" && threadId !== task.caller))
    throw new Error(`task ${task.x} failed`);
  return { square: task.x * task.x, thread: threadId };
}

export default claimTasks(square);
