import type { Command } from "commander";
import { parseQueueUrl, startQueueWorker } from "../sweep/index.js";
import { MAX_THREADS } from "../util/limits.js";
import { intArg } from "./shared.js";

interface WorkerCliOptions {
  /** redis://HOST:PORT of the queue. */
  queue: string;
  /** Jobs at once, each on a worker thread (default 1). */
  concurrency: number;
  /** Seconds a job's lease lasts before another worker may take it again (default 30). */
  lease: number;
  /** No log lines. */
  quiet?: boolean;
}

export function register(program: Command): void {
  program
    .command("worker")
    .description("take sweep jobs from a BullMQ queue and run them, until stopped (Ctrl-C or SIGTERM)")
    .requiredOption("--queue <url>", "the queue's Redis (redis://HOST:PORT)")
    .option(
      "--concurrency <k>",
      "jobs run at once, each on its own thread",
      intArg("--concurrency", 1, MAX_THREADS),
      1,
    )
    .option(
      "--lease <s>",
      "seconds before a job of a killed worker is taken again (renewed while a job runs)",
      intArg("--lease", 1, 86_400),
      30,
    )
    .option("--quiet", "no log lines on stderr")
    .action(async (options: WorkerCliOptions) => {
      const address = parseQueueUrl(options.queue);
      const log = options.quiet
        ? () => {}
        : (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);
      const worker = await startQueueWorker({
        address,
        concurrency: options.concurrency,
        leaseMs: options.lease * 1000,
        log,
      });
      log(`worker on ${address.display}, ${options.concurrency} at once, lease ${options.lease} s`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          log("stopping: finishing the running jobs");
          resolve();
        };
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
      });
      await worker.close();
      log("stopped");
    });
}
