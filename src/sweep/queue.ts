/**
 * Sweeps over a BullMQ queue on Redis: the coordinator puts jobs on the queue (a bounded window of them at a
 * time) and collects their results; `wallcast worker` processes on any number of machines take jobs and run
 * them on their worker threads. A worker holds a lease on its job (BullMQ's lock, renewed while it runs); a
 * worker killed mid-job stops renewing it, and once the lease runs out another worker's stalled-job check puts
 * the job back on the queue. A job that throws is retried with exponential backoff. Results are keyed by job id:
 * a second result of a job (a lease that ran out on a slow worker that then finished) is ignored.
 */
import { type ConnectionOptions, type Job, Queue, QueueEvents, UnrecoverableError, Worker } from "bullmq";
import { Redis } from "ioredis";
import { InputError, ServiceError } from "../util/errors.js";
import { VERSION } from "../version.js";
import type { JobRef, SweepJob } from "./jobs.js";
import { createJobPool } from "./local.js";
import type { JobResult } from "./runner.js";

/** Name of the BullMQ queue sweeps use; jobs of different sweeps share it and carry their sweep's hash. */
export const SWEEP_QUEUE = "wallcast-sweep";

/** A Redis address as parsed from `--queue`. */
export interface QueueAddress {
  /** The URL as given, without its password (for messages). */
  display: string;
  host: string;
  port: number;
  /** Database number (the URL's path; default 0). */
  db: number;
  username?: string;
  password?: string;
  /** rediss:// (TLS). */
  tls: boolean;
}

/** Parses `redis://[user:password@]host[:port][/db]` (or rediss://); InputError (field `--queue`) otherwise. */
export function parseQueueUrl(text: string): QueueAddress {
  const bad = (message: string) => new InputError({ field: "--queue", value: text, message });
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw bad("expected redis://HOST:PORT");
  }
  if (url.protocol !== "redis:" && url.protocol !== "rediss:") throw bad("expected redis://HOST:PORT");
  if (url.hostname === "") throw bad("no host");
  const port = url.port === "" ? 6379 : Number(url.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw bad("invalid port");
  const path = url.pathname.replace(/^\//, "");
  if (path !== "" && !/^\d{1,2}$/.test(path)) throw bad("the path must be a database number");
  if (url.search !== "" || url.hash !== "") throw bad("no query or fragment allowed");
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  return {
    display: `${url.protocol}//${url.host}${path ? `/${path}` : ""}`,
    host,
    port,
    db: path === "" ? 0 : Number(path),
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    tls: url.protocol === "rediss:",
  };
}

/** Milliseconds to wait for Redis to answer before saying it is unreachable. */
export const CONNECT_TIMEOUT_MS = 5000;

function baseOptions(address: QueueAddress) {
  return {
    host: address.host,
    port: address.port,
    db: address.db,
    username: address.username,
    password: address.password,
    tls: address.tls ? {} : undefined,
    connectTimeout: CONNECT_TIMEOUT_MS,
  };
}

/**
 * Checks that Redis answers at `address`, without retrying: ServiceError `cannot reach Redis at …: <reason>`
 * otherwise. Called before anything is written, so an unreachable queue leaves nothing behind.
 */
export async function checkRedis(address: QueueAddress): Promise<void> {
  const client = new Redis({
    ...baseOptions(address),
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  // ioredis emits the cause (ECONNREFUSED, ETIMEDOUT, …) as an event, then rejects with "Connection is closed".
  let cause: string | undefined;
  client.on("error", (error: Error) => {
    cause ??= error.message;
  });
  try {
    await client.connect();
    const pong = await client.ping();
    if (pong !== "PONG") throw new Error(`unexpected answer ${pong}`);
  } catch (error) {
    const reason = cause ?? (error instanceof Error ? error.message : String(error));
    throw new ServiceError(`cannot reach Redis at ${address.display}: ${reason || "no answer"}`);
  } finally {
    client.disconnect();
  }
}

/** BullMQ connection options: retry while running (a brief outage heals), never give up on a command. */
function connection(address: QueueAddress): ConnectionOptions {
  return {
    ...baseOptions(address),
    maxRetriesPerRequest: null,
    retryStrategy: (times: number) => Math.min(500 * times, 5000),
  };
}

/** A BullMQ job id for a sweep job: the sweep's hash prefix and the job id (`:` is reserved by BullMQ). */
export function queueJobId(sweep: string, id: string): string {
  return `${sweep.slice(0, 16)}.${id.replaceAll(":", ".")}`;
}

/** Options of `runJobsOnQueue`. */
export interface QueueRunOptions {
  /** The Redis address. */
  address: QueueAddress;
  /** The sweep's hash. */
  sweep: string;
  /** The jobs still to run. */
  jobs: readonly JobRef[];
  /** The payload of a job. */
  payload: (ref: JobRef) => SweepJob;
  /** Called once per job with its result (and again for a duplicate, which the caller ignores). */
  onResult: (result: JobResult) => void;
  /** Jobs on the queue at once (default 256): bounds Redis's memory, not the number of workers. */
  window?: number;
  /** Attempts of a job that throws (default 5), with exponential backoff from 1 s. */
  attempts?: number;
  /** Milliseconds between checks for results the event stream did not deliver (default 2000). */
  pollMs?: number;
}

/** A job that failed on every attempt: the sweep cannot finish. */
export class SweepJobFailedError extends Error {
  constructor(id: string, reason: string) {
    super(`sweep job ${id} failed: ${reason}`);
    this.name = "SweepJobFailedError";
  }
}

/**
 * Puts the jobs on the queue and resolves once every one has a result (handed to `onResult`); rejects with
 * SweepJobFailedError when a job failed on all its attempts. Results left on the queue by an earlier coordinator
 * of the same sweep are collected too.
 */
export async function runJobsOnQueue(options: QueueRunOptions): Promise<void> {
  const { address, sweep, payload, onResult } = options;
  const window = options.window ?? 256;
  const attempts = options.attempts ?? 5;
  const pollMs = options.pollMs ?? 2000;
  const prefix = `${sweep.slice(0, 16)}.`;
  const refs = new Map(options.jobs.map((ref) => [queueJobId(sweep, ref.id), ref]));
  const waiting = [...refs.keys()];
  const inFlight = new Set<string>();
  const done = new Set<string>();
  if (refs.size === 0) return;
  const queue = new Queue(SWEEP_QUEUE, { connection: connection(address) });
  const events = new QueueEvents(SWEEP_QUEUE, { connection: connection(address) });
  queue.on("error", () => {});
  events.on("error", () => {});
  let failure: Error | undefined;
  let wake: () => void = () => {};
  const accept = (bullId: string, value: unknown) => {
    if (!refs.has(bullId) || done.has(bullId)) return;
    let result: JobResult;
    try {
      result = (typeof value === "string" ? JSON.parse(value) : value) as JobResult;
      onResult(result);
    } catch (error) {
      failure ??= error instanceof Error ? error : new Error(String(error));
      wake();
      return;
    }
    done.add(bullId);
    inFlight.delete(bullId);
    // The result is stored: the job is no longer needed on the queue.
    queue.remove(bullId).catch(() => {});
    wake();
  };
  events.on("completed", ({ jobId, returnvalue }) => accept(jobId, returnvalue));
  const topUp = async () => {
    const batch: string[] = [];
    while (inFlight.size + batch.length < window && waiting.length > 0) {
      const id = waiting.shift() as string;
      if (!done.has(id)) batch.push(id);
    }
    if (batch.length === 0) return;
    for (const id of batch) inFlight.add(id);
    await queue.addBulk(
      batch.map((id) => ({
        name: "sweep-job",
        data: payload(refs.get(id) as JobRef),
        opts: {
          jobId: id,
          attempts,
          backoff: { type: "exponential", delay: 1000 },
          removeOnComplete: { age: 24 * 3600 },
          removeOnFail: { age: 7 * 24 * 3600 },
        },
      })),
    );
  };
  // Results the event stream may have missed (a coordinator restarted, a reconnect), and jobs that failed.
  const poll = async () => {
    for (let start = 0; ; start += 500) {
      const jobs = (await queue.getJobs(["completed"], start, start + 499, true)) as Array<Job | undefined>;
      for (const job of jobs) if (job?.id?.startsWith(prefix)) accept(job.id, job.returnvalue);
      if (jobs.length < 500) break;
    }
    const failed = (await queue.getJobs(["failed"], 0, 999, true)) as Array<Job | undefined>;
    for (const job of failed) {
      if (!job?.id || !refs.has(job.id) || done.has(job.id)) continue;
      if (!inFlight.has(job.id)) {
        // Left failed by an earlier coordinator of this sweep: try it again.
        await job.retry("failed").catch(() => {});
        inFlight.add(job.id);
        continue;
      }
      failure ??= new SweepJobFailedError(refs.get(job.id)?.id ?? job.id, job.failedReason ?? "unknown");
    }
    // A job of the window that is no longer on the queue (removed by hand, Redis flushed): put it back.
    const states = await Promise.all(
      [...inFlight].map(async (id) => [id, await queue.getJobState(id)] as const),
    );
    const lost = states.filter(([id, state]) => state === "unknown" && !done.has(id)).map(([id]) => id);
    for (const id of lost) inFlight.delete(id);
    waiting.unshift(...lost);
  };
  try {
    await events.waitUntilReady();
    await queue.waitUntilReady();
    await poll();
    await topUp();
    let lastPoll = Date.now();
    while (done.size < refs.size && failure === undefined) {
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, pollMs);
      });
      wake = () => {};
      if (failure !== undefined) break;
      if (Date.now() - lastPoll >= pollMs) {
        await poll();
        lastPoll = Date.now();
      }
      await topUp();
    }
    if (failure !== undefined) throw failure;
  } finally {
    await events.close().catch(() => {});
    await queue.close().catch(() => {});
  }
}

/** Options of `startQueueWorker`. */
export interface QueueWorkerOptions {
  /** The Redis address. */
  address: QueueAddress;
  /** Jobs run at once, each on its own worker thread (default 1). */
  concurrency?: number;
  /** Lease of a job in ms (BullMQ's lockDuration, renewed at half of it while the job runs): how long a killed
   * worker's job waits before another worker takes it again; also the interval of the stalled-job check.
   * Default 30,000. */
  leaseMs?: number;
  /** Told of each job started, finished or failed (one line). */
  log?: (line: string) => void;
}

/** A running queue worker. */
export interface QueueWorker {
  /** Stops taking jobs, waits for the running ones, and closes. */
  close(): Promise<void>;
}

/**
 * Starts a worker taking sweep jobs from the queue at `address` (after checking that Redis answers:
 * ServiceError otherwise). A job of another wallcast version fails at once without retries.
 */
export async function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  const concurrency = options.concurrency ?? 1;
  const lease = options.leaseMs ?? 30_000;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new RangeError(`invalid concurrency: ${concurrency}`);
  if (!Number.isInteger(lease) || lease < 1000) throw new RangeError(`invalid lease: ${lease}`);
  const log = options.log ?? (() => {});
  await checkRedis(options.address);
  const pool = createJobPool(concurrency);
  const worker = new Worker<SweepJob, JobResult>(
    SWEEP_QUEUE,
    async (job) => {
      const data = job.data;
      if (data?.wallcast !== VERSION)
        throw new UnrecoverableError(`job of wallcast ${String(data?.wallcast)}, this worker is ${VERSION}`);
      const started = performance.now();
      log(`job ${data.id} of sweep ${data.sweep.slice(0, 12)} started (attempt ${job.attemptsMade + 1})`);
      const result = (await pool.run(data)) as JobResult;
      log(`job ${data.id} done in ${((performance.now() - started) / 1000).toFixed(2)} s`);
      return result;
    },
    {
      connection: connection(options.address),
      concurrency,
      lockDuration: lease,
      stalledInterval: lease,
      maxStalledCount: 5,
    },
  );
  worker.on("error", (error) => log(`queue error: ${error.message}`));
  worker.on("failed", (job, error) => log(`job ${job?.data?.id ?? job?.id} failed: ${error.message}`));
  await worker.waitUntilReady();
  return {
    async close() {
      await worker.close();
      await pool.destroy();
    },
  };
}
