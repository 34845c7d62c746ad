import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRunStore } from "../../src/store/index.js";
import { CLI, DATA, runCli } from "../support/cli.js";
import { runMain } from "../support/inProcess.js";

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "wallcast-sweep-cli-"));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LHS = [
  "sweep",
  "default",
  "--design",
  "lhs",
  "--samples",
  "6",
  "--paths",
  "20",
  "--seed",
  "2",
  "--threads",
  "1",
];

function withoutTiming(json: string): unknown {
  const { timing: _, ...rest } = JSON.parse(json) as Record<string, unknown>;
  return rest;
}

describe("wallcast sweep", () => {
  it("resumes a killed coordinator from the results stored under --out", { timeout: 120_000 }, async () => {
    const full = await runMain([...LHS, "--out", join(dir, "full"), "--json"]);
    expect(full.code, full.stderr).toBe(0);
    const out = join(dir, "resumed");
    // Kill the coordinator (SIGKILL: no clean-up) once two jobs are stored.
    const child = spawn(process.execPath, ["--import", "tsx", CLI, ...LHS, "--out", out, "--json"], {
      env: { ...process.env, WALLCAST_DATA: DATA },
      stdio: "ignore",
    });
    const closed = new Promise((resolve) => child.once("close", resolve));
    const jobs = join(out, "jobs");
    const stored = () => (existsSync(jobs) ? readdirSync(jobs).filter((f) => f.endsWith(".json")).length : 0);
    while (stored() < 2 && child.exitCode === null) await new Promise((r) => setTimeout(r, 20));
    child.kill("SIGKILL");
    await closed;
    const before = stored();
    expect(before).toBeGreaterThanOrEqual(2);
    expect(before).toBeLessThan(6);
    expect(existsSync(join(out, "result"))).toBe(false);
    const resumed = await runMain([...LHS, "--out", out, "--json"]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(withoutTiming(resumed.stdout)).toEqual(withoutTiming(full.stdout));
    expect(JSON.parse(resumed.stdout).timing).toMatchObject({ jobsResumed: before, jobsRun: 6 - before });
  });

  it("stores the sweep as a run: tables, Parquet, report and charts", async () => {
    const out = join(dir, "full", "result");
    const tables = await queryRunStore(out, "select table_name as name from duckdb_tables() order by 1");
    expect(tables.map((t) => t.name)).toEqual([
      "run",
      "sweep_correlations",
      "sweep_factors",
      "sweep_outputs",
      "sweep_points",
    ]);
    const rows = await queryRunStore(out, "select count(*) as n from sweep_outputs");
    expect(rows[0].n).toBe(6 * 12);
    for (const t of tables.slice(1)) expect(existsSync(join(out, "parquet", `${t.name}.parquet`))).toBe(true);
    const html = readFileSync(join(out, "report.html"), "utf8");
    expect(html).toContain('id="chart-sweep-spearman-pdefault-openai-2030"');
    expect(existsSync(join(out, "charts", "sweep-spearman-pdefault-openai-2030.png"))).toBe(true);
    const show = await runMain(["runs", "show", "result", "--out", join(dir, "full"), "--json"]);
    expect(show.code, show.stderr).toBe(0);
    expect(JSON.parse(show.stdout).runId).toMatch(/^sweep-[0-9a-f]{12}$/);
  });

  it("sweeps a grid over two numbers into a response table and heat map", async () => {
    const out = join(dir, "grid");
    const grid = await runMain([
      "sweep",
      "default",
      "--design",
      "grid",
      "--over",
      "world.revenue.initialAdoption",
      "world.credit.riskPremium",
      "--samples",
      "2",
      "--paths",
      "10",
      "--output",
      "pDefault:openai:2030",
      "--out",
      out,
      "--json",
    ]);
    expect(grid.code, grid.stderr).toBe(0);
    const result = JSON.parse(grid.stdout);
    expect(result.points).toBe(4);
    expect(result.values).toHaveLength(4);
    expect(result.values[0][0]).toBe(result.factors[0].low);
    expect(result.values[3]).toEqual([result.factors[0].high, result.factors[1].high]);
    expect(result.responses).toHaveLength(4);
    const html = readFileSync(join(out, "result", "report.html"), "utf8");
    expect(html).toContain('id="chart-sweep-grid-pdefault-openai-2030"');
    expect(html).toContain("Response table");
  });

  it("refuses bad input with one line and exit 2", async () => {
    const cases: Array<[string[], RegExp]> = [
      [["--design", "fancy"], /^wallcast: --design: expected sobol, morris, lhs, grid \(got "fancy"\)\n$/],
      [["--design", "grid"], /^wallcast: --over: a grid needs/],
      [["--design", "lhs", "--over", "nothing"], /^wallcast: --over: selects no uncertain number/],
      [["--design", "lhs", "--output", "pDefault:nobody:2030"], /^wallcast: --output: unknown entity nobody/],
      [
        ["--design", "lhs", "--paths", "500", "--job-paths", "300"],
        /^wallcast: --job-paths: invalid pathsPerJob: 300/,
      ],
      [
        ["--design", "lhs", "--samples", "6", "--paths", "20", "--out", join(dir, "full")],
        /holds another sweep/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = await runMain(["sweep", "default", "--out", join(dir, "refused"), ...args]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(message);
    }
  });

  it("prints the same JSON from a spawned CLI (the end-to-end path)", async () => {
    const r = await runCli([...LHS, "--out", join(dir, "full"), "--json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).timing.jobsRun).toBe(0);
  });
});
