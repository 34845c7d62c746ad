import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Vitest's default is one worker fewer than the cores, a single worker on 2 cores; its main process only
    // schedules and reports, so give every core a worker.
    maxWorkers: availableParallelism(),
    // A worker process runs test file after test file with its module cache kept, so the sources and their
    // dependencies (DuckDB, Plot, resvg, zod, ...) load once per worker rather than once per file. Test files
    // must therefore restore what they change in the process (environment, streams, signal handlers):
    // test/support/inProcess.ts does for the CLI runs.
    isolate: false,
    reporters: ["default", "./test/support/summaryReporter.ts"],
  },
});
