import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, openApiDocument, SYNC_MAX_PATHS } from "../../src/serve/index.js";
import { VERSION } from "../../src/version.js";
import { C1, denseSpec } from "../finance/clearingCases.js";
import { runMain } from "../support/inProcess.js";
import { fixtureRuns } from "./fixture.js";

let out: string;
let cleanup: () => void;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  ({ out, cleanup } = await fixtureRuns());
  app = createApp({ out, threads: 1 });
}, 60_000);
afterAll(() => cleanup());

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  app.request(path, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

/** Polls a job until it is no longer running. */
async function finished(
  url: string,
): Promise<{ status: string; progress: number; result?: unknown; error?: string }> {
  for (;;) {
    const state = await (await app.request(url)).json();
    if (state.status !== "running") return state;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("wallcast serve: the read-only routes", () => {
  it("GET /api/health answers ok and the version", async () => {
    const res = await app.request("/api/health");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ ok: true, version: VERSION });
  });

  it("GET /api/openapi.json is an OpenAPI 3.1 document naming every route, with the request schemas", async () => {
    const doc = await (await app.request("/api/openapi.json")).json();
    expect(doc).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        "/api/health",
        "/api/openapi.json",
        "/api/runs",
        "/api/runs/{id}",
        "/api/runs/{id}/tables/{table}",
        "/api/runs/{a}/diff/{b}",
        "/api/scenarios",
        "/api/scenarios/{name}",
        "/api/simulate",
        "/api/fit",
        "/api/clear",
        "/api/jobs/{id}",
        "/api/jobs/{id}/events",
      ].sort(),
    );
    const simulate = doc.components.schemas.SimulateRequest;
    expect(simulate.type).toBe("object");
    expect(simulate.required).toEqual(["scenario"]);
    expect(simulate.properties.paths).toMatchObject({ type: "integer", minimum: 1, default: 1000 });
    expect(simulate.additionalProperties).toBe(false);
    for (const [, item] of Object.entries(doc.paths) as [string, Record<string, { responses: object }>][])
      for (const op of Object.values(item)) expect(Object.keys(op.responses)).toContain("200");
    // Every $ref resolves.
    for (const [, name] of JSON.stringify(doc).matchAll(/"#\/components\/schemas\/(\w+)"/g))
      expect(doc.components.schemas[name], name).toBeDefined();
  });

  it("GET /api/runs, /api/runs/{id} and the diff equal the CLI's runs list, show and diff --json", async () => {
    const pairs: Array<[string, string[]]> = [
      ["/api/runs", ["runs", "list"]],
      ["/api/runs/a", ["runs", "show", "a"]],
      ["/api/runs/a/diff/b", ["runs", "diff", "a", "b"]],
    ];
    for (const [path, argv] of pairs) {
      const res = await app.request(path);
      const cli = await runMain([...argv, "--out", out, "--json"]);
      expect(cli.code, cli.stderr).toBe(0);
      expect(res.status, path).toBe(200);
      expect(await res.text(), path).toBe(cli.stdout);
    }
    const diff = await (await app.request("/api/runs/a/diff/b")).json();
    expect(diff.maxAbsDeltaP).toBeCloseTo(0.3, 12);
  });

  it("GET /api/runs/{id}/tables/{table} gives JSON rows, CSV and Parquet", async () => {
    const rows = await (await app.request("/api/runs/a/tables/p_default")).json();
    expect(rows).toEqual({
      run: "a",
      table: "p_default",
      rows: [
        { scenario: "default", entity: "lab-a", year: 2027, p: 0.1 },
        { scenario: "default", entity: "lab-a", year: 2028, p: 0.2 },
      ],
    });
    const csv = await app.request("/api/runs/a/tables/p_default.csv");
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(await csv.text()).toBe("scenario,entity,year,p\ndefault,lab-a,2027,0.1\ndefault,lab-a,2028,0.2\n");
    const viaQuery = await app.request("/api/runs/a/tables/losses?format=csv");
    expect(await viaQuery.text()).toMatch(/^scenario,holder_kind,part,usd_b\n/);
    const parquet = await app.request("/api/runs/a/tables/p_default.parquet");
    expect(parquet.headers.get("content-type")).toBe("application/vnd.apache.parquet");
    const bytes = Buffer.from(await parquet.arrayBuffer());
    expect(bytes.subarray(0, 4).toString("latin1")).toBe("PAR1");
  });

  it("answers 404 (or 400) with one line for an unknown run, table, format, scenario or route", async () => {
    const cases: Array<[string, number, RegExp]> = [
      ["/api/runs/nope", 404, /^runId: no such run in .* \(got "nope"\)$/],
      ["/api/runs/.a", 404, /^runId: no such run/],
      ["/api/runs/a/diff/zz", 404, /^runId: no such run .*"zz"/],
      ["/api/runs/a/tables/run", 404, /^table: not a table of run a \(losses, p_default, /],
      ["/api/runs/a/tables/p_default?format=xlsx", 400, /^format: one of json, csv, parquet/],
      ["/api/scenarios/nope", 404, /^scenario: not a library scenario \(default, .*\) \(got "nope"\)$/],
      ["/api/jobs/nope", 404, /^job: no such job/],
      ["/api/nothing", 404, /^no such route: GET \/api\/nothing/],
    ];
    for (const [path, status, message] of cases) {
      const res = await app.request(path);
      expect(res.status, path).toBe(status);
      const body = await res.json();
      expect(body.error, path).toMatch(message);
      expect(body.error).not.toContain("\n");
    }
  });

  it("given one run's directory, serves that run alone", async () => {
    const { join } = await import("node:path");
    const one = createApp({ out: join(out, "b") });
    const runs = await (await one.request("/api/runs")).json();
    expect(runs.runs.map((r: { runId: string }) => r.runId)).toEqual(["b"]);
    expect((await one.request("/api/runs/b")).status).toBe(200);
    expect((await one.request("/api/runs/b/tables/losses.csv")).status).toBe(200);
    expect((await one.request("/api/runs/a")).status).toBe(404);
    expect(await (await one.request("/runs/")).text()).toContain("<code>b</code> (no report)");
  });

  it("a local-only app refuses a request addressed to another host with 403", async () => {
    const local = createApp({ out, localOnly: true });
    expect((await local.request("http://localhost:8080/api/health")).status).toBe(200);
    expect((await local.request("http://127.0.0.1/api/health")).status).toBe(200);
    const res = await local.request("http://evil.example/api/health");
    expect(res.status).toBe(403);
    expect((await res.json()).error).toBe(
      'host: this server answers only requests addressed to localhost (got "evil.example")',
    );
  });

  it("GET /api/scenarios and /api/scenarios/{name} equal scenario list and show --json", async () => {
    const pairs: Array<[string, string[]]> = [
      ["/api/scenarios", ["scenario", "list"]],
      ["/api/scenarios/ceiling", ["scenario", "show", "ceiling"]],
      ["/api/scenarios/ceiling?resolved=true", ["scenario", "show", "ceiling", "--resolved"]],
    ];
    for (const [path, argv] of pairs) {
      const cli = await runMain([...argv, "--json"]);
      expect(cli.code, cli.stderr).toBe(0);
      expect(await (await app.request(path)).text(), path).toBe(cli.stdout);
    }
  });

  it("GET /runs/ lists the runs, linking each report, and serves it at /runs/{id}/report.html", async () => {
    expect((await app.request("/runs")).headers.get("location")).toBe("/runs/");
    const index = await app.request("/runs/");
    expect(index.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await index.text();
    expect(html).toContain('<a href="/runs/a/report.html">a</a>');
    expect(html).toContain("<code>b</code> (no report)");
    expect(html).toContain('<a href="/">the web app</a>');
    const report = await app.request("/runs/a/report.html");
    expect(report.status).toBe(200);
    expect(await report.text()).toContain("report of a");
    expect((await app.request("/runs/b/report.html")).status).toBe(404);
  });
});

describe("wallcast serve: the web app", () => {
  it("GET / serves the built app and its assets; without a build, one line says how to build it", async () => {
    const { mkdtempSync, mkdirSync, rmSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const appDir = mkdtempSync(join(tmpdir(), "wallcast-app-"));
    mkdirSync(join(appDir, "assets"));
    writeFileSync(
      join(appDir, "index.html"),
      '<!doctype html><head><script type="module" src="./assets/a.js"></script></head>',
    );
    writeFileSync(join(appDir, "assets", "a.js"), "export {};");
    const built = createApp({ out, appDir });
    expect(await (await built.request("/")).text()).toBe(
      '<!doctype html><head><script type="module" src="./assets/a.js"></script><meta name="wallcast-api" content="./api/">\n</head>',
    );
    const script = await built.request("/assets/a.js");
    expect([script.status, script.headers.get("content-type")]).toEqual([
      200,
      "text/javascript; charset=utf-8",
    ]);
    for (const bad of ["/assets/b.js", "/assets/..%2Findex.html", "/assets/a.exe"])
      expect((await built.request(bad)).status, bad).toBe(404);
    const missing = await createApp({ out, appDir: join(appDir, "none") }).request("/");
    expect(missing.status).toBe(200);
    expect(await missing.text()).toMatch(/The web app is not built: run <code>npm run build<\/code>/);
    rmSync(appDir, { recursive: true });
  });
});

describe("wallcast serve: simulate, fit and clear", () => {
  it("POST /api/simulate answers exactly what `wallcast simulate --json` prints for the same scenario, paths and seed", async () => {
    const res = await post("/api/simulate", { scenario: "default", paths: 20, seed: 3 });
    const cli = await runMain(["simulate", "default", "--paths", "20", "--seed", "3", "--json"]);
    expect(cli.code, cli.stderr).toBe(0);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual(JSON.parse(cli.stdout));
    expect(text).toBe(cli.stdout);
  }, 60_000);

  it("a scenario object extending a library scenario, and overrides, are simulated", async () => {
    const base = await (await post("/api/simulate", { scenario: "ceiling", paths: 10, seed: 1 })).json();
    const object = await post("/api/simulate", { scenario: { extends: "ceiling" }, paths: 10, seed: 1 });
    expect(object.status).toBe(200);
    const fromObject = await object.json();
    expect(fromObject.entities).toEqual(base.entities);
    const overridden = await post("/api/simulate", {
      scenario: "ceiling",
      paths: 10,
      seed: 1,
      overrides: { "world.revenue.bassQ": 0.6 },
    });
    expect(overridden.status).toBe(200);
    expect((await overridden.json()).revenue).not.toEqual(base.revenue);
  }, 60_000);

  it("bad input is 400 (or 413, 415) with the one line the CLI would give", async () => {
    const cases: Array<[unknown, number, RegExp, Record<string, string>?]> = [
      [
        { scenario: "nope", paths: 10 },
        400,
        /^scenario: not a library scenario \(default, .*\) \(got "nope"\)$/,
      ],
      [{ scenario: "../etc/passwd" }, 400, /^scenario: not a library scenario/],
      [{ scenario: "default", paths: 0 }, 400, /^body\.paths: .*>=1 \(got 0\)$/],
      [{ scenario: "default", paths: 100_001 }, 400, /^body\.paths: .*<=100000 \(got 100001\)$/],
      [{ scenario: "default", paths: 1.5 }, 400, /^body\.paths: .*expected int/],
      [{ scenario: "default", extra: 1 }, 400, /^body: .*extra/],
      [
        { scenario: { extends: "/etc/passwd" } },
        400,
        /^scenario\.extends: over HTTP a scenario extends a library scenario/,
      ],
      [{ scenario: { extends: "ceiling", start: "soon" }, paths: 5 }, 400, /^scenario:\d+: start: /],
      [
        { scenario: { extends: "ceiling", world: { capability: { from: { dataset: "/etc/passwd" } } } } },
        400,
        /^scenario\.world\.capability\.from\.dataset: over HTTP, data is dataset-id\[:file\] .* \(got "\/etc\/passwd"\)$/,
      ],
      [
        { scenario: "default", paths: 5, overrides: { "no.such": 1 } },
        400,
        /^overrides\.no\.such: invalid parameter path/,
      ],
      ["{not json", 400, /^body: not valid JSON at line 1 column 2$/],
      [
        { scenario: "default" },
        415,
        /^body: send JSON with content-type: application\/json/,
        { "content-type": "text/plain" },
      ],
      [{ scenario: "x".repeat(1_100_000) }, 413, /^body: larger than 1048576 bytes$/],
    ];
    for (const [body, status, message, headers] of cases) {
      const res = await post("/api/simulate", body, headers);
      const answer = await res.json();
      expect([res.status, answer.error], String(message)).toEqual([status, expect.stringMatching(message)]);
      expect(answer.error).not.toContain("\n");
    }
  }, 60_000);

  it(`above ${SYNC_MAX_PATHS} paths (or with ?job=true) simulate answers 202 with a job whose result is the 200 answer`, async () => {
    const direct = await (await post("/api/simulate", { scenario: "ceiling", paths: 12, seed: 2 })).text();
    const res = await post("/api/simulate?job=true", { scenario: "ceiling", paths: 12, seed: 2 });
    expect(res.status).toBe(202);
    const { job } = await res.json();
    expect(job).toMatch(/^http:\/\/localhost\/api\/jobs\/[0-9a-f]{16}$/);
    expect(res.headers.get("location")).toBe(job);
    const state = await finished(job);
    expect(state).toMatchObject({ status: "done", progress: 1 });
    expect(state.result).toEqual(JSON.parse(direct));
    const events = await (await app.request(`${job}/events`)).text();
    expect(events).toMatch(/^event: done\ndata: \{"status":"done","progress":1,"result":/);

    const big = await post("/api/simulate", { scenario: "ceiling", paths: SYNC_MAX_PATHS + 1, seed: 2 });
    expect(big.status).toBe(202);
    const streamed = await (await app.request(`${(await big.json()).job}/events`)).text();
    expect(streamed).toMatch(/event: progress\ndata: \{"progress":0(\.\d+)?\}/);
    expect(streamed).toMatch(/event: done\ndata: \{"status":"done"/);
  }, 120_000);

  it("refuses a computation beyond the concurrent limit with 429", async () => {
    const one = createApp({ out, maxJobs: 1, threads: 1 });
    const first = await one.request("/api/simulate?job=1", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ scenario: "ceiling", paths: 30 }),
    });
    expect(first.status).toBe(202);
    const second = await one.request("/api/simulate", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ scenario: "ceiling", paths: 5 }),
    });
    expect(second.status).toBe(429);
    expect((await second.json()).error).toBe(
      "too many computations running (at most 1 at once); retry when one has finished",
    );
    const { job } = await first.json();
    for (;;) {
      const state = await (await one.request(job)).json();
      if (state.status !== "running") break;
      await new Promise((r) => setTimeout(r, 50));
    }
  }, 60_000);

  it("POST /api/fit equals `wallcast fit --json`; a job's bootstrap reports progress; a path is refused", async () => {
    const res = await post("/api/fit", { data: "chinchilla", form: "chinchilla", dropWorst: 5 });
    const cli = await runMain(["fit", "chinchilla", "--form", "chinchilla", "--drop-worst", "5", "--json"]);
    expect(cli.code, cli.stderr).toBe(0);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(cli.stdout);

    const bad = await post("/api/fit", { data: "chinchilla", form: "chinchilla", fix: { Q: 1 } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(
      /^--fix: unknown parameter of chinchilla; it has E, A, B, alpha, beta/,
    );
    const path = await post("/api/fit", { data: "/etc/passwd", form: "power" });
    expect(path.status).toBe(400);
    expect((await path.json()).error).toMatch(/^data: over HTTP, data is dataset-id\[:file\] \(chinchilla, /);

    const job = await post("/api/fit?job=true", {
      data: "chinchilla",
      form: "chinchilla",
      bootstrap: 4,
      seed: 2,
      init: { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 },
    });
    expect(job.status).toBe(202);
    const state = await finished((await job.json()).job);
    expect(state.status).toBe("done");
    expect((state.result as { bootstrap: { B: number } }).bootstrap.B).toBe(4);
  }, 120_000);

  it("POST /api/clear equals `wallcast clear --json`; a bad network is 400 naming the field", async () => {
    const spec = denseSpec(C1.e, [C1.L]);
    const res = await post("/api/clear", { network: spec, model: "rv", alpha: 0.5, beta: 1 });
    expect(res.status).toBe(200);
    const { mkdtempSync, rmSync, writeFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(join(tmpdir(), "wallcast-serve-clear-"));
    try {
      writeFileSync(join(dir, "net.json"), JSON.stringify(spec));
      const cli = await runMain([
        "clear",
        join(dir, "net.json"),
        "--model",
        "rv",
        "--alpha",
        "0.5",
        "--beta",
        "1",
        "--json",
      ]);
      expect(cli.code, cli.stderr).toBe(0);
      expect(await res.text()).toBe(cli.stdout);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const bad = await post("/api/clear", { network: { nodes: [{ id: "a", externalAssets: -1 }] } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/^network: nodes\[0\]\.externalAssets: /);
    const model = await post("/api/clear", { network: spec, model: "zz" });
    expect((await model.json()).error).toMatch(/^body\.model: /);
  });
});
