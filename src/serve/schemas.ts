/**
 * The HTTP API's request and response bodies as zod schemas: requests are validated with them, and the OpenAPI
 * document (openapi.ts) is generated from them with `z.toJSONSchema`.
 */
import { z } from "zod";
import { FORM_NAMES } from "../fit/forms/index.js";
import { LOSS_NAMES, type LossName } from "../fit/objectives/index.js";
import { MAX_BOOTSTRAP, MAX_ROWS, MAX_SEED } from "../util/limits.js";

/** Monte Carlo paths one request may ask for (the CLI allows more; a server shares its machine). */
export const MAX_API_PATHS = 100_000;
/** Paths up to which `POST /api/simulate` answers 200 with the result; above, 202 with a job. */
export const SYNC_MAX_PATHS = 200;
/** Bootstrap replicates up to which `POST /api/fit` answers 200 with the result; above, 202 with a job. */
export const SYNC_MAX_BOOTSTRAP = 100;
/** Bootstrap replicates one request may ask for. */
export const MAX_API_BOOTSTRAP = Math.min(MAX_BOOTSTRAP, 10_000);
/** Nodes up to which `POST /api/clear` answers 200 with the result; above, 202 with a job. */
export const SYNC_MAX_NODES = 1_000;
/** Bytes of a request body; a larger one is refused with 413. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Jobs (and direct computations) running at once; one more is refused with 429. */
export const MAX_CONCURRENT_JOBS = 2;

const seed = z.int().min(0).max(MAX_SEED);

export const simulateRequestSchema = z
  .strictObject({
    scenario: z.union([
      z.string().min(1).describe("a library scenario's name (GET /api/scenarios)"),
      z
        .record(z.string(), z.unknown())
        .describe(
          "a scenario as an object (docs/scenario.md); its extends, if any, names a library scenario",
        ),
    ]),
    paths: z
      .int()
      .min(1)
      .max(MAX_API_PATHS)
      .default(1000)
      .describe(
        `Monte Carlo paths; up to ${SYNC_MAX_PATHS} the answer is 200 with the result, above it 202 with a job`,
      ),
    seed: seed.default(1).describe("run seed"),
    overrides: z
      .record(z.string(), z.number())
      .optional()
      .describe(
        'numbers fixed at a parameter path, e.g. {"world.revenue.bassQ": 0.4} (wallcast explain lists them)',
      ),
    point: z.boolean().optional().describe("hold assumptions at their point values (simulate --point)"),
  })
  .describe("POST /api/simulate: the arguments of `wallcast simulate <scenario> --paths --seed --json`");

export const fitRequestSchema = z
  .strictObject({
    data: z.string().min(1).describe("dataset-id[:file] (wallcast data list); never a path on the server"),
    form: z.enum(FORM_NAMES),
    x: z.string().optional(),
    y: z.string().optional(),
    n: z.string().optional(),
    d: z.string().optional(),
    c: z.string().optional(),
    u: z.string().optional(),
    where: z.array(z.string()).default([]).describe("COL=VALUE filters (--where)"),
    testWhere: z.array(z.string()).default([]).describe("COL=VALUE hold-out filters (--test-where)"),
    loss: z.enum(LOSS_NAMES as readonly [LossName, ...LossName[]]).default("huber"),
    delta: z.number().default(1e-3),
    dropWorst: z.int().min(0).max(MAX_ROWS).default(0),
    breaks: z.int().min(1).max(3).default(1),
    fix: z.record(z.string(), z.number()).optional(),
    init: z.record(z.string(), z.number()).optional(),
    grid: z.record(z.string(), z.array(z.number())).optional(),
    bootstrap: z
      .int()
      .min(2)
      .max(MAX_API_BOOTSTRAP)
      .optional()
      .describe(
        `bootstrap replicates; up to ${SYNC_MAX_BOOTSTRAP} the answer is 200, above it 202 with a job`,
      ),
    seed: seed.default(1),
  })
  .describe("POST /api/fit: the flags of `wallcast fit <data> --json`, by their camelCase names");

export const clearRequestSchema = z
  .strictObject({
    network: z
      .record(z.string(), z.unknown())
      .describe("a network (nodes, liabilities, holdings), as in a file"),
    model: z.enum(["en", "rv", "furfine", "elsinger", "xos"]).default("en"),
    alpha: z.number().min(0).max(1).optional(),
    beta: z.number().min(0).max(1).optional(),
    recovery: z.number().min(0).max(1).optional(),
  })
  .describe(
    `POST /api/clear: \`wallcast clear <network.json> --json\`; above ${SYNC_MAX_NODES} nodes, 202 with a job`,
  );

export const healthSchema = z.object({ ok: z.literal(true), version: z.string() });

export const errorSchema = z
  .object({ error: z.string().describe("one line: what is wrong, where, and the value given") })
  .describe("every 4xx and 5xx answer");

export const jobAcceptedSchema = z
  .object({ job: z.string().describe("the job's URL (GET it; GET its /events for server-sent progress)") })
  .describe("202: the computation runs as a job");

export const jobSchema = z
  .object({
    status: z.enum(["running", "done", "failed"]),
    progress: z.number().min(0).max(1).describe("fraction done"),
    result: z.unknown().optional().describe("when done: exactly the synchronous answer's body"),
    error: z.string().optional().describe("when failed: one line"),
  })
  .describe("GET /api/jobs/{id}");

const anyObject = z.record(z.string(), z.unknown());

export const runsSchema = z
  .object({ out: z.string(), runs: z.array(anyObject) })
  .describe("`wallcast runs list --json`");
export const runSchema = anyObject.describe("`wallcast runs show <id> --json`");
export const diffSchema = anyObject.describe("`wallcast runs diff <a> <b> --json` (B − A)");
export const tableSchema = z
  .object({ run: z.string(), table: z.string(), rows: z.array(anyObject) })
  .describe("a run's result table as rows");
export const scenariosSchema = z
  .object({
    scenarios: z.array(
      z.object({ name: z.string(), extends: z.string().nullable(), description: z.string() }),
    ),
  })
  .describe("`wallcast scenario list --json`");
export const scenarioSchemaOut = anyObject.describe("`wallcast scenario show <name> [--resolved] --json`");
export const resultSchema = anyObject.describe("exactly what the CLI's --json prints for the same input");

/** A `POST /api/simulate` body after defaults. */
export type SimulateRequest = z.infer<typeof simulateRequestSchema>;
/** A `POST /api/fit` body after defaults. */
export type FitRequest = z.infer<typeof fitRequestSchema>;
/** A `POST /api/clear` body after defaults. */
export type ClearRequest = z.infer<typeof clearRequestSchema>;
