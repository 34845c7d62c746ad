/**
 * The routes of `wallcast serve`: the web app at / (built into dist/app), the JSON API under /api (openapi.ts
 * describes it) and a small HTML index of the stored runs with their reports at /runs/. Every answer the CLI also gives is built by the CLI's own function and
 * written by the same JSON writer, so the two agree byte for byte.
 */
import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, extname, join, resolve } from "node:path";
import { Readable } from "node:stream";
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { streamSSE } from "hono/streaming";
import type { z } from "zod";
import { clearJson } from "../cli/clear.js";
import { type FitCliOptions, fitJson, runFit } from "../cli/fit.js";
import { showRun } from "../cli/runs.js";
import { scenarioList } from "../cli/scenario.js";
import { runSimulation } from "../cli/simulate.js";
import { resolveDataDir } from "../data/dataDir.js";
import { DATASETS } from "../data/registry.js";
import { type ClearOptions, clear } from "../finance/clearing/index.js";
import { compileNetwork } from "../finance/network.js";
import { parseNetwork } from "../finance/parse.js";
import { diffRuns } from "../run/diff.js";
import { isLibraryName, libraryFile, libraryScenarios, packageRoot } from "../scenario/library.js";
import { loadScenario, parseScenario, readScenarioText, resolveScenario } from "../scenario/loader.js";
import { withParameter } from "../scenario/parameters.js";
import type { Scenario } from "../scenario/schema.js";
import { isRunId } from "../store/runId.js";
import { listRuns } from "../store/runList.js";
import { DamagedRunError, queryRunStore, RUN_DATABASE } from "../store/runStore.js";
import { InputError, type InputIssue, inputErrorLine, oneLine } from "../util/errors.js";
import { formatInputPath, valueAtPath } from "../util/inputPath.js";
import { formatJson, jsonReplacer, parseJsonInput } from "../util/json.js";
import { VERSION } from "../version.js";
import { type JobState, Jobs, TooManyJobsError } from "./jobs.js";
import { openApiDocument } from "./openapi.js";
import {
  type ClearRequest,
  clearRequestSchema,
  type FitRequest,
  fitRequestSchema,
  MAX_BODY_BYTES,
  MAX_CONCURRENT_JOBS,
  type SimulateRequest,
  SYNC_MAX_BOOTSTRAP,
  SYNC_MAX_NODES,
  SYNC_MAX_PATHS,
  simulateRequestSchema,
} from "./schemas.js";

/** What `createApp` serves. */
export interface ServeOptions {
  /**
   * Folder of run directories (default ./wallcast-runs, as for `wallcast run`), or one run directory: then that
   * run alone is served, under its directory's name.
   */
  out?: string;
  /** Data directory for `POST /api/fit` (default: $WALLCAST_DATA, then ~/.cache/wallcast/data). */
  data?: string;
  /** Computations (jobs and direct answers) running at once (default `MAX_CONCURRENT_JOBS`). */
  maxJobs?: number;
  /** Worker threads of each simulation (default: the machine's cores). */
  threads?: number;
  /**
   * Answer only requests whose Host is localhost, 127.0.0.1 or [::1] (403 otherwise), so that a web page cannot
   * reach a server on this machine through a DNS name it controls (default false; `wallcast serve` sets it when
   * it listens on a loopback address).
   */
  localOnly?: boolean;
  /** Folder of the built web app served at / (default `<package root>/dist/app`, written by `npm run build`). */
  appDir?: string;
}

/** Added to the app's page when `wallcast serve` serves it: the API is at ./api. */
const API_MARK = '<meta name="wallcast-api" content="./api/">';

/** Content types of the files a Vite build writes. */
const APP_FILE_TYPES: Readonly<Record<string, string>> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
};

/** Host names a local-only server answers to. */
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** An answer other than 200 with its status and one-line message: `{"error": message}`. */
class HttpError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 413 | 415 | 429,
    message: string,
  ) {
    super(message);
  }
}

/** Characters of an internal error's message in a 500 answer. */
const MAX_INTERNAL_MESSAGE_CHARS = 200;

/** The one line a failure is reported by, in a 4xx/5xx answer or a failed job. */
function errorLine(error: unknown): string {
  if (error instanceof InputError) return inputErrorLine(error);
  if (error instanceof HttpError || error instanceof TooManyJobsError) return error.message;
  const text = oneLine(error instanceof Error ? error.message || error.name : String(error));
  const cut =
    text.length > MAX_INTERNAL_MESSAGE_CHARS ? `${text.slice(0, MAX_INTERNAL_MESSAGE_CHARS - 3)}...` : text;
  return `internal error: ${cut}`;
}

function json(c: Context, value: unknown, status: 200 | 202 | 400 | 403 | 404 | 413 | 415 | 429 | 500 = 200) {
  return c.body(formatJson(value), status, { "content-type": "application/json; charset=utf-8" });
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch] as string,
  );
}

/** The request's JSON body validated by `schema`: 415 unless it is JSON, 400 naming the first bad field. */
async function readBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/json\b/i.test(type))
    throw new HttpError(415, `body: send JSON with content-type: application/json (got ${type || "none"})`);
  const value = parseJsonInput(await c.req.text(), { field: "body" });
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new InputError(
      parsed.error.issues.map((issue): InputIssue => {
        const path = issue.path as PropertyKey[];
        const found = path.length > 0 ? valueAtPath(value, path) : undefined;
        return {
          field: path.length > 0 ? `body.${formatInputPath(path)}` : "body",
          message: issue.message,
          ...(found !== undefined && typeof found !== "object" ? { value: found } : {}),
        };
      }),
    );
  }
  return parsed.data;
}

/** Whether the client asked for a job whatever the size (`?job=true`). */
function wantsJob(c: Context): boolean {
  const job = c.req.query("job");
  return job === "" || job === "true" || job === "1";
}

/** The scenario of a simulate request: a library scenario by name, or an object whose extends names one. */
async function requestScenario(request: SimulateRequest): Promise<Scenario> {
  const given = request.scenario;
  let scenario: Scenario;
  if (typeof given === "string") {
    if (!isLibraryName(given) || libraryFile(given) === undefined)
      throw new InputError({
        field: "scenario",
        value: given,
        message: `not a library scenario (${libraryScenarios()
          .map((s) => s.id)
          .join(", ")})`,
      });
    scenario = await loadScenario(given);
  } else {
    const parent = given.extends;
    if (parent !== undefined && !(typeof parent === "string" && libraryFile(parent) !== undefined))
      throw new InputError({
        field: "scenario.extends",
        value: parent,
        message: "over HTTP a scenario extends a library scenario, by name",
      });
    // An evidence curve reads a dataset: by id only, as for a fit.
    const from = valueAtPath(given, ["world", "capability", "from", "dataset"]);
    if (typeof from === "string") checkDataRef(from, "scenario.world.capability.from.dataset");
    scenario = parseScenario(JSON.stringify(given, null, 2), "scenario");
  }
  for (const [path, value] of Object.entries(request.overrides ?? {})) {
    try {
      scenario = withParameter(scenario, path, value);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      throw new InputError({ field: `overrides.${path}`, value, message: error.message });
    }
  }
  return scenario;
}

/** `wallcast fit`'s options from a fit request (commander's defaults already applied by the schema). */
function fitOptions(request: FitRequest): FitCliOptions {
  const text = (value: unknown) => (value === undefined ? undefined : JSON.stringify(value));
  return {
    form: request.form,
    x: request.x,
    y: request.y,
    n: request.n,
    d: request.d,
    c: request.c,
    u: request.u,
    where: request.where,
    testWhere: request.testWhere,
    loss: request.loss,
    delta: request.delta,
    dropWorst: request.dropWorst,
    breaks: request.breaks,
    fix: text(request.fix),
    init: text(request.init),
    grid: text(request.grid),
    bootstrap: request.bootstrap,
    seed: request.seed,
    json: true,
  };
}

/** A fit request's data: a dataset id with an optional file, never a path on the server. */
function checkDataRef(ref: string, field: string): void {
  const id = ref.split(":")[0];
  if (/[/\\]/.test(ref) || !DATASETS.some((d) => d.id === id))
    throw new InputError({
      field,
      value: ref,
      message: `over HTTP, data is dataset-id[:file] (${DATASETS.map((d) => d.id).join(", ")}), not a path`,
    });
}

/**
 * The Hono app of `wallcast serve`: the web app at `/` (its files under `/assets/`), the JSON API under `/api`
 * (described at `/api/openapi.json`), the index of stored runs at `/runs/` and each run's report at
 * `/runs/{id}/report.html`. Use `app.fetch` with any server, or
 * `app.request(path, init)` in process.
 */
export function createApp(options: ServeOptions = {}): Hono {
  const out = resolve(options.out ?? "wallcast-runs");
  const appDir = resolve(options.appDir ?? join(packageRoot(), "dist", "app"));
  const dataDir = resolveDataDir(options.data);
  const jobs = new Jobs(options.maxJobs ?? MAX_CONCURRENT_JOBS, errorLine);
  const app = new Hono();

  app.onError((error, c) => {
    if (error instanceof HttpError) return json(c, { error: error.message }, error.status);
    if (error instanceof TooManyJobsError) return json(c, { error: error.message }, 429);
    if (error instanceof DamagedRunError) return json(c, { error: inputErrorLine(error) }, 500);
    if (error instanceof InputError) return json(c, { error: inputErrorLine(error) }, 400);
    return json(c, { error: errorLine(error) }, 500);
  });
  app.notFound((c) =>
    json(
      c,
      { error: `no such route: ${c.req.method} ${new URL(c.req.url).pathname} (see /api/openapi.json)` },
      404,
    ),
  );
  if (options.localOnly)
    app.use(async (c, next) => {
      // The node server builds the request's URL from its Host header.
      const host = new URL(c.req.url).hostname;
      if (!LOCAL_HOSTS.has(host))
        throw new HttpError(
          403,
          `host: this server answers only requests addressed to localhost (got ${JSON.stringify(host.slice(0, 80))})`,
        );
      await next();
    });
  app.use(
    "/api/*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => json(c, { error: `body: larger than ${MAX_BODY_BYTES} bytes` }, 413),
    }),
  );

  // `out` may be a single run's directory.
  const single = existsSync(join(out, RUN_DATABASE));
  const storedRuns = async () =>
    single ? (await listRuns(dirname(out))).filter((run) => run.dir === out) : listRuns(out);

  /** A stored run's directory, or 404. */
  const runDir = (id: string): string => {
    const dir = single ? (id === basename(out) ? out : "") : join(out, id);
    if (!isRunId(id) || !dir || !existsSync(join(dir, RUN_DATABASE)))
      throw new HttpError(404, `runId: no such run in ${out} (got ${JSON.stringify(id.slice(0, 80))})`);
    return dir;
  };

  /** Answers 200 with the result when small, else 202 with a job that computes it. */
  const compute = async (
    c: Context,
    small: boolean,
    task: (progress: (fraction: number) => void) => Promise<unknown>,
  ) => {
    if (small && !wantsJob(c)) return json(c, await jobs.direct(() => task(() => {})));
    const id = jobs.start(task);
    const url = new URL(`/api/jobs/${id}`, c.req.url).href;
    c.header("location", url);
    return json(c, { job: url }, 202);
  };

  app.get("/", (c) => {
    const index = join(appDir, "index.html");
    // The mark tells the app that the API is here (a static copy of dist/app has none and hides the runs).
    if (existsSync(index))
      return c.html(readFileSync(index, "utf8").replace("</head>", `${API_MARK}\n</head>`));
    return c.html(
      `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>wallcast ${escapeHtml(VERSION)}</title></head>\n<body><p>The web app is not built: run <code>npm run build</code> in the wallcast folder, then reload. Meanwhile: <a href="/runs/">stored runs</a>, <a href="/api/openapi.json">the API</a>.</p></body></html>\n`,
    );
  });

  app.get("/assets/:file", (c) => {
    const name = c.req.param("file");
    const type = APP_FILE_TYPES[extname(name)];
    const file = join(appDir, "assets", name);
    if (!/^[\w.-]+$/.test(name) || type === undefined || !existsSync(file))
      throw new HttpError(404, `no such file of the app: ${name.slice(0, 80)}`);
    return sendFile(c, file, type);
  });

  app.get("/runs", (c) => c.redirect("/runs/"));
  app.get("/runs/", async (c) => {
    const runs = await storedRuns();
    const items = runs.map((run) => {
      const id = escapeHtml(run.runId);
      if (run.status === "damaged") return `<li><code>${id}</code>: damaged (${escapeHtml(run.reason)})</li>`;
      const report = existsSync(join(run.dir, "report.html"))
        ? `<a href="/runs/${encodeURIComponent(run.runId)}/report.html">${id}</a>`
        : `<code>${id}</code> (no report)`;
      return `<li>${report}: ${escapeHtml(run.createdAt)}, seed ${run.seed}, ${run.paths} paths, ${escapeHtml(run.scenarios.join(", "))}</li>`;
    });
    const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>wallcast ${escapeHtml(VERSION)}: stored runs</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem}code{font-size:90%}</style>
</head>
<body>
<h1>wallcast: stored runs</h1>
<p>Runs in <code>${escapeHtml(out)}</code>, each linking to its report; <a href="/">the web app</a> opens and compares them, and the JSON API is described at <a href="/api/openapi.json">/api/openapi.json</a>.</p>
${items.length > 0 ? `<ul>\n${items.join("\n")}\n</ul>` : "<p>No runs yet: <code>wallcast run</code> stores one here.</p>"}
</body>
</html>
`;
    return c.html(html);
  });

  // Browsers ask for it on every page (a report has no icon of its own): nothing, without a 404 in the console.
  app.get("/favicon.ico", (c) => c.body(null, 204));

  app.get("/runs/:id/report.html", (c) => {
    const file = join(runDir(c.req.param("id")), "report.html");
    if (!existsSync(file)) throw new HttpError(404, `run ${c.req.param("id")} has no report`);
    return sendFile(c, file, "text/html; charset=utf-8");
  });

  app.get("/runs/:id/charts/:file", (c) => {
    const name = c.req.param("file");
    const file = join(runDir(c.req.param("id")), "charts", name);
    if (!/^[\w-]+\.png$/.test(name) || !existsSync(file)) throw new HttpError(404, `no such chart: ${name}`);
    return sendFile(c, file, "image/png");
  });

  app.get("/api/health", (c) => json(c, { ok: true, version: VERSION }));
  app.get("/api/openapi.json", (c) => json(c, openApiDocument()));

  app.get("/api/runs", async (c) => json(c, { out, runs: await storedRuns() }));
  app.get("/api/runs/:id", async (c) => json(c, await showRun(runDir(c.req.param("id")))));
  app.get("/api/runs/:a/diff/:b", async (c) => {
    const a = c.req.param("a");
    const b = c.req.param("b");
    return json(c, await diffRuns(runDir(a), runDir(b), { runA: a, runB: b }));
  });
  app.get("/api/runs/:id/tables/:table", async (c) => {
    const id = c.req.param("id");
    const dir = runDir(id);
    const match = /^(.+?)(?:\.(json|csv|parquet))?$/.exec(c.req.param("table")) as RegExpExecArray;
    const name = match[1];
    const format = c.req.query("format") ?? match[2] ?? "json";
    if (!["json", "csv", "parquet"].includes(format))
      throw new HttpError(
        400,
        `format: one of json, csv, parquet (got ${JSON.stringify(format.slice(0, 80))})`,
      );
    const tables = (
      await queryRunStore(
        dir,
        "select table_name as name from duckdb_tables() where table_name <> 'run' order by table_name",
      )
    ).map((t) => String(t.name));
    if (!tables.includes(name))
      throw new HttpError(
        404,
        `table: not a table of run ${id} (${tables.join(", ")}) (got ${JSON.stringify(name.slice(0, 80))})`,
      );
    if (format === "json")
      return json(c, { run: id, table: name, rows: await queryRunStore(dir, `select * from "${name}"`) });
    const file = join(dir, format, `${name}.${format}`);
    if (!existsSync(file)) throw new HttpError(404, `run ${id} has no ${format} export of ${name}`);
    c.header("content-disposition", `attachment; filename="${name}.${format}"`);
    return sendFile(c, file, format === "csv" ? "text/csv; charset=utf-8" : "application/vnd.apache.parquet");
  });

  app.get("/api/scenarios", (c) => json(c, { scenarios: scenarioList() }));
  app.get("/api/scenarios/:name", (c) => {
    const name = c.req.param("name");
    const file = isLibraryName(name) ? libraryFile(name) : undefined;
    if (file === undefined)
      throw new HttpError(
        404,
        `scenario: not a library scenario (${libraryScenarios()
          .map((s) => s.id)
          .join(", ")}) (got ${JSON.stringify(name.slice(0, 80))})`,
      );
    const { scenario, own } = resolveScenario(readScenarioText(file), file);
    const resolved = c.req.query("resolved");
    return json(c, resolved === "" || resolved === "true" || resolved === "1" ? scenario : own);
  });

  app.post("/api/simulate", async (c) => {
    const request = await readBody(c, simulateRequestSchema);
    const scenario = await requestScenario(request);
    const { paths, seed, point } = request;
    return compute(c, paths <= SYNC_MAX_PATHS, (progress) =>
      runSimulation(scenario, { paths, seed, point, threads: options.threads }, false, (done) =>
        progress(done / paths),
      ),
    );
  });

  app.post("/api/fit", async (c) => {
    const request = await readBody(c, fitRequestSchema);
    checkDataRef(request.data, "data");
    const fit = fitOptions(request);
    const replicates = request.bootstrap ?? 0;
    return compute(c, replicates <= SYNC_MAX_BOOTSTRAP, async (progress) => {
      let done = 0;
      const run = await runFit(request.data, fit, dataDir, (k) => {
        done += k;
        if (replicates > 0) progress(done / replicates);
      });
      return fitJson(run.result, run.boot);
    });
  });

  app.post("/api/clear", async (c) => {
    const request: ClearRequest = await readBody(c, clearRequestSchema);
    const spec = parseNetwork(JSON.stringify(request.network), "network");
    const net = (() => {
      try {
        return compileNetwork(spec);
      } catch (error) {
        if (error instanceof RangeError) throw new InputError({ file: "network", message: error.message });
        throw error;
      }
    })();
    const clearOptions: ClearOptions = {
      model: request.model,
      alpha: request.alpha,
      beta: request.beta,
      recovery: request.recovery,
    };
    return compute(c, net.n <= SYNC_MAX_NODES, async () => {
      try {
        return clearJson(net, clear(net, clearOptions));
      } catch (error) {
        if (error instanceof RangeError) throw new InputError({ file: "network", message: error.message });
        throw error;
      }
    });
  });

  const job = (id: string): JobState => {
    const state = jobs.get(id);
    if (!state) throw new HttpError(404, `job: no such job (got ${JSON.stringify(id.slice(0, 80))})`);
    return state;
  };
  app.get("/api/jobs/:id", (c) => json(c, job(c.req.param("id"))));
  app.get("/api/jobs/:id/events", (c) => {
    const id = c.req.param("id");
    const first = job(id);
    return streamSSE(c, async (stream) => {
      const send = (state: JobState) =>
        stream.writeSSE({
          event: state.status === "running" ? "progress" : state.status,
          data: JSON.stringify(
            state.status === "running" ? { progress: state.progress } : state,
            jsonReplacer,
          ),
        });
      if (first.status !== "running") {
        await send(first);
        return;
      }
      // Writes in order; the stream ends once the last has been written.
      let written: Promise<void> = send(first);
      const enqueue = (state: JobState) => {
        written = written.then(() => send(state));
      };
      await new Promise<void>((finish) => {
        const stop = jobs.watch(id, (state) => {
          enqueue(state);
          if (state.status !== "running") finish();
        });
        stream.onAbort(() => {
          stop?.();
          finish();
        });
        // The job may have ended between the first look and the watch.
        const now = jobs.get(id);
        if (!stop || (now && now.status !== "running")) {
          stop?.();
          if (now) enqueue(now);
          finish();
        }
      });
      await written;
    });
  });

  return app;
}

function sendFile(c: Context, file: string, type: string) {
  const size = statSync(file).size;
  const body = Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
  return c.body(body, 200, { "content-type": type, "content-length": String(size) });
}
