/** The OpenAPI 3.1 document of `wallcast serve`'s API, generated from the zod schemas of schemas.ts. */
import { z } from "zod";
import { VERSION } from "../version.js";
import {
  clearRequestSchema,
  diffSchema,
  errorSchema,
  fitRequestSchema,
  healthSchema,
  jobAcceptedSchema,
  jobSchema,
  MAX_API_PATHS,
  MAX_BODY_BYTES,
  MAX_CONCURRENT_JOBS,
  resultSchema,
  runSchema,
  runsSchema,
  SYNC_MAX_BOOTSTRAP,
  SYNC_MAX_NODES,
  SYNC_MAX_PATHS,
  scenarioSchemaOut,
  scenariosSchema,
  simulateRequestSchema,
  tableSchema,
} from "./schemas.js";

type Json = Record<string, unknown>;

/** A zod schema as a JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1) without its `$schema` key. */
function jsonSchema(schema: z.ZodType, io: "input" | "output"): Json {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Json;
  return rest;
}

const SCHEMAS: Record<string, [z.ZodType, "input" | "output"]> = {
  SimulateRequest: [simulateRequestSchema, "input"],
  FitRequest: [fitRequestSchema, "input"],
  ClearRequest: [clearRequestSchema, "input"],
  Health: [healthSchema, "output"],
  Error: [errorSchema, "output"],
  JobAccepted: [jobAcceptedSchema, "output"],
  Job: [jobSchema, "output"],
  Runs: [runsSchema, "output"],
  Run: [runSchema, "output"],
  RunDiff: [diffSchema, "output"],
  Table: [tableSchema, "output"],
  Scenarios: [scenariosSchema, "output"],
  Scenario: [scenarioSchemaOut, "output"],
  Result: [resultSchema, "output"],
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonContent = (name: string) => ({ "application/json": { schema: ref(name) } });
const ok = (description: string, name: string) => ({ "200": { description, content: jsonContent(name) } });
const error = (description: string) => ({ description, content: jsonContent("Error") });
const pathParam = (name: string, description: string) => ({
  name,
  in: "path",
  required: true,
  description,
  schema: { type: "string" },
});
const jobParam = {
  name: "job",
  in: "query",
  required: false,
  description: "true: answer 202 with a job whatever the size",
  schema: { type: "boolean" },
};

/** A POST route that answers 200 with the result when small and 202 with a job otherwise. */
function computeRoute(summary: string, request: string, rule: string): Json {
  return {
    post: {
      summary,
      description: `${rule} A job's result is exactly the 200 answer's body. At most ${MAX_CONCURRENT_JOBS} computations run at once (429 beyond); bodies are at most ${MAX_BODY_BYTES} bytes (413).`,
      parameters: [jobParam],
      requestBody: { required: true, content: jsonContent(request) },
      responses: {
        ...ok("the result, exactly the CLI's --json output for the same input", "Result"),
        "202": { description: "a job: GET its URL", content: jsonContent("JobAccepted") },
        "400": error("bad input: one line naming the field and the value"),
        "413": error("body too large"),
        "415": error("body not sent as application/json"),
        "429": error("too many computations running"),
      },
    },
  };
}

/** The API's OpenAPI 3.1 document (what `GET /api/openapi.json` answers). */
export function openApiDocument(): Record<string, unknown> {
  const schemas = Object.fromEntries(
    Object.entries(SCHEMAS).map(([name, [schema, io]]) => [name, jsonSchema(schema, io)]),
  );
  const runId = pathParam("id", "run id (GET /api/runs)");
  return {
    openapi: "3.1.0",
    info: {
      title: "wallcast",
      version: VERSION,
      description:
        'The JSON API of `wallcast serve`: the run store, the scenario library and the simulator, fit and clearing engine. Errors are `{"error": one line}`.',
    },
    paths: {
      "/api/health": { get: { summary: "liveness and version", responses: ok("alive", "Health") } },
      "/api/openapi.json": {
        get: { summary: "this document", responses: { "200": { description: "OpenAPI 3.1" } } },
      },
      "/api/runs": {
        get: { summary: "the stored runs (runs list --json)", responses: ok("the runs", "Runs") },
      },
      "/api/runs/{id}": {
        get: {
          summary: "a stored run (runs show --json)",
          parameters: [runId],
          responses: { ...ok("the run", "Run"), "404": error("no such run") },
        },
      },
      "/api/runs/{id}/tables/{table}": {
        get: {
          summary: "a result table of a run as JSON rows, CSV or Parquet",
          description:
            "The format is the table name's suffix (`p_default.csv`, `p_default.parquet`) or `?format=`; JSON by default.",
          parameters: [
            runId,
            pathParam(
              "table",
              "table name (GET /api/runs/{id} lists them), optionally .json, .csv or .parquet",
            ),
            {
              name: "format",
              in: "query",
              required: false,
              schema: { type: "string", enum: ["json", "csv", "parquet"] },
            },
          ],
          responses: {
            "200": {
              description: "the table",
              content: {
                "application/json": { schema: ref("Table") },
                "text/csv": { schema: { type: "string" } },
                "application/vnd.apache.parquet": { schema: { type: "string", contentEncoding: "binary" } },
              },
            },
            "400": error("unknown format"),
            "404": error("no such run or table"),
          },
        },
      },
      "/api/runs/{a}/diff/{b}": {
        get: {
          summary: "differences between two runs, B − A (runs diff --json)",
          parameters: [pathParam("a", "run id A"), pathParam("b", "run id B")],
          responses: { ...ok("the differences", "RunDiff"), "404": error("no such run") },
        },
      },
      "/api/scenarios": {
        get: {
          summary: "the scenario library (scenario list --json)",
          responses: ok("the library", "Scenarios"),
        },
      },
      "/api/scenarios/{name}": {
        get: {
          summary: "a library scenario as written, or resolved with ?resolved=true (scenario show --json)",
          parameters: [
            pathParam("name", "library scenario name"),
            { name: "resolved", in: "query", required: false, schema: { type: "boolean" } },
          ],
          responses: { ...ok("the scenario", "Scenario"), "404": error("no such scenario") },
        },
      },
      "/api/simulate": computeRoute(
        "Monte Carlo of a scenario (simulate --json)",
        "SimulateRequest",
        `Up to ${SYNC_MAX_PATHS} paths the answer is 200 with the result, above it 202 with a job; at most ${MAX_API_PATHS} paths.`,
      ),
      "/api/fit": computeRoute(
        "fit a scaling law to a dataset (fit --json)",
        "FitRequest",
        `Without a bootstrap or with at most ${SYNC_MAX_BOOTSTRAP} replicates the answer is 200, above it 202 with a job. Error messages name the CLI's flags.`,
      ),
      "/api/clear": computeRoute(
        "clear a network of obligations (clear --json)",
        "ClearRequest",
        `Up to ${SYNC_MAX_NODES} nodes the answer is 200, above it 202 with a job.`,
      ),
      "/api/jobs/{id}": {
        get: {
          summary: "a job's status, progress and, when done, result",
          parameters: [pathParam("id", "job id")],
          responses: {
            ...ok("the job", "Job"),
            "404": error("no such job (finished jobs are kept for a while)"),
          },
        },
      },
      "/api/jobs/{id}/events": {
        get: {
          summary: "a job's progress as server-sent events",
          description:
            'Events `progress` (data `{"progress": fraction}`), then one `done` or `failed` whose data is the job\'s state, then the stream ends.',
          parameters: [pathParam("id", "job id")],
          responses: {
            "200": {
              description: "the event stream",
              content: { "text/event-stream": { schema: { type: "string" } } },
            },
            "404": error("no such job"),
          },
        },
      },
    },
    components: { schemas },
  };
}
