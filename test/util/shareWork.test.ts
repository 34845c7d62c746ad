import { threadId } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { runShared, setCallerWorks } from "../../src/util/shareWork.js";
import { type SquareTask, square } from "./shareWorkFixture.js";

const fixture = new URL("./shareWorkFixture.ts", import.meta.url);
const tasks: SquareTask[] = Array.from({ length: 40 }, (_, x) => ({ x, caller: threadId }));

describe("runShared()", () => {
  it("gives every task's result in task order, and reports each task once, on 1 to 3 threads", async () => {
    for (const threads of [1, 2, 3]) {
      let done = 0;
      const rendezvous = threads > 1 ? new SharedArrayBuffer(4) : undefined;
      const meeting = tasks.map((t) => ({ ...t, rendezvous }));
      const results = await runShared(fixture, square, meeting, { threads, onDone: () => done++ });
      expect(results.map((r) => r.square)).toEqual(tasks.map((t) => t.x * t.x));
      expect(done).toBe(tasks.length);
      // This thread worked, and so did a worker when there are any.
      const ran = new Set(results.map((r) => r.thread));
      expect(ran.has(threadId)).toBe(true);
      expect(ran.size).toBeGreaterThanOrEqual(Math.min(threads, 2));
      expect(ran.size).toBeLessThanOrEqual(threads);
    }
    expect(await runShared(fixture, square, [], { threads: 2 })).toEqual([]);
  });

  it("leaves every task to the workers when the calling thread must stay free", async () => {
    setCallerWorks(false);
    try {
      for (const threads of [1, 2]) {
        let done = 0;
        const results = await runShared(fixture, square, tasks, { threads, onDone: () => done++ });
        expect(results.map((r) => r.square)).toEqual(tasks.map((t) => t.x * t.x));
        expect(results.every((r) => r.thread !== threadId)).toBe(true);
        expect(done).toBe(tasks.length);
      }
    } finally {
      setCallerWorks(true);
    }
  });

  it("keeps its worker from run to run, a failed run included", async () => {
    const workersOf = async (batch: SquareTask[]) => {
      const rendezvous = new SharedArrayBuffer(4);
      const meeting = batch.map((t) => ({ ...t, rendezvous }));
      const results = await runShared(fixture, square, meeting, { threads: 2 });
      return new Set(results.map((r) => r.thread).filter((id) => id !== threadId));
    };
    const first = await workersOf(tasks);
    expect(first.size).toBe(1);
    expect(await workersOf(tasks)).toEqual(first);
    const rendezvous = new SharedArrayBuffer(4);
    const failing: SquareTask[] = tasks.map((t) => ({ ...t, fail: "onWorker", rendezvous }));
    await expect(runShared(fixture, square, failing, { threads: 2 })).rejects.toThrow(/task \d+ failed/);
    expect(await workersOf(tasks)).toEqual(first);
  });

  it("fails with a task's error, whichever thread ran it", async () => {
    const first: SquareTask[] = tasks.map((t) => (t.x === 0 ? { ...t, fail: "anywhere" } : t));
    await expect(runShared(fixture, square, first, { threads: 2 })).rejects.toThrow("task 0 failed");
    const rendezvous = new SharedArrayBuffer(4);
    const onWorker: SquareTask[] = tasks.map((t) => ({ ...t, fail: "onWorker", rendezvous }));
    await expect(runShared(fixture, square, onWorker, { threads: 2 })).rejects.toThrow(/task \d+ failed/);
    await expect(runShared(fixture, square, tasks, { threads: 0 })).rejects.toThrow(RangeError);
  });
});
