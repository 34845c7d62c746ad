/**
 * Jobs of `wallcast serve`: computations kept in memory under an id, with their progress, and a limit on how
 * many (jobs and direct answers alike) run at once.
 */
import { randomBytes } from "node:crypto";

/** What a job reports: `GET /api/jobs/{id}`. */
export interface JobState {
  status: "running" | "done" | "failed";
  /** Fraction done, 0 to 1. */
  progress: number;
  /** When done: the body the synchronous answer would have had. */
  result?: unknown;
  /** When failed: one line saying why. */
  error?: string;
}

/** A job's computation: told how to report progress (a fraction), it resolves to the result. */
export type JobTask = (progress: (fraction: number) => void) => Promise<unknown>;

/** The limit of running computations was reached. */
export class TooManyJobsError extends Error {
  constructor(limit: number) {
    super(`too many computations running (at most ${limit} at once); retry when one has finished`);
    this.name = "TooManyJobsError";
  }
}

interface Job extends JobState {
  listeners: Set<(state: JobState) => void>;
}

/** Finished jobs kept for their clients to collect; the oldest go first. */
const KEPT_FINISHED = 100;

/** The server's jobs and the count of computations running. */
export class Jobs {
  private readonly jobs = new Map<string, Job>();
  private running = 0;

  constructor(
    /** Computations (jobs and direct answers) running at once. */
    readonly limit: number,
    /** A failure's one-line message. */
    private readonly describe: (error: unknown) => string,
  ) {}

  /** Runs `task` now and resolves to its result, holding one of the running slots; TooManyJobsError when none is free. */
  async direct<T>(task: () => Promise<T>): Promise<T> {
    this.acquire();
    try {
      return await task();
    } finally {
      this.running--;
    }
  }

  /** Starts `task` as a job and returns its id; TooManyJobsError when no slot is free. */
  start(task: JobTask): string {
    this.acquire();
    const id = randomBytes(8).toString("hex");
    const job: Job = { status: "running", progress: 0, listeners: new Set() };
    this.jobs.set(id, job);
    const notify = () => {
      for (const listener of job.listeners) listener(this.state(job));
    };
    let lastSent = 0;
    const progress = (fraction: number) => {
      job.progress = Math.min(1, Math.max(0, fraction));
      // At most about a hundred events per job.
      if (job.progress - lastSent >= 0.01) {
        lastSent = job.progress;
        notify();
      }
    };
    // Started on the next turn, so the caller has answered 202 before any work blocks the loop.
    setImmediate(() => {
      task(progress)
        .then(
          (result) => {
            job.status = "done";
            job.progress = 1;
            job.result = result;
          },
          (error: unknown) => {
            job.status = "failed";
            job.error = this.describe(error);
          },
        )
        .finally(() => {
          this.running--;
          notify();
          job.listeners.clear();
          this.prune();
        });
    });
    return id;
  }

  /** A job's state, or undefined for an unknown id. */
  get(id: string): JobState | undefined {
    const job = this.jobs.get(id);
    return job && this.state(job);
  }

  /**
   * Calls `listener` on each progress step and once when the job ends; returns a function that stops it.
   * Undefined for an unknown id.
   */
  watch(id: string, listener: (state: JobState) => void): (() => void) | undefined {
    const job = this.jobs.get(id);
    if (!job) return undefined;
    if (job.status === "running") job.listeners.add(listener);
    return () => job.listeners.delete(listener);
  }

  /** Computations running now. */
  get active(): number {
    return this.running;
  }

  private acquire(): void {
    if (this.running >= this.limit) throw new TooManyJobsError(this.limit);
    this.running++;
  }

  private state(job: Job): JobState {
    const state: JobState = { status: job.status, progress: job.progress };
    if (job.status === "done") state.result = job.result;
    if (job.status === "failed") state.error = job.error;
    return state;
  }

  private prune(): void {
    const finished = [...this.jobs].filter(([, job]) => job.status !== "running");
    for (const [id] of finished.slice(0, Math.max(0, finished.length - KEPT_FINISHED))) this.jobs.delete(id);
  }
}
