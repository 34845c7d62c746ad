import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { executeRun } from "../../src/run/index.js";
import { resolveScenarios } from "../../src/scenario/library.js";
import { listRuns, queryRunStore } from "../../src/store/index.js";
import { runMain } from "../support/inProcess.js";

const root = mkdtempSync(join(tmpdir(), "wallcast-execute-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// The smallest complete run: one scenario, every analysis the data allows, a handful of paths.
const tiny = { paths: 8, seed: 5, threads: 1, sensitivityPaths: 2, stressPaths: 4, gapBootstrap: 0 };

const NO_DATA_LINE =
  "no data for the compute trend and the US–China frontier gap (datasets epoch-training-cost, epoch-benchmarks, " +
  "epoch-models missing from DIR): run 'wallcast data pull epoch-training-cost epoch-benchmarks epoch-models' " +
  "to add them to the report";

describe("executeRun", () => {
  it("two runs started in the same second into one folder both land, with distinct ids", async () => {
    const out = join(root, "concurrent");
    const now = new Date("2026-11-25T19:30:12Z");
    const start = () => executeRun({ ...tiny, scenarios: resolveScenarios(["ceiling"]), outDir: out, now });
    const [a, b] = await Promise.all([start(), start()]);
    expect(a.runId).not.toBe(b.runId);
    for (const run of [a, b]) expect(run.runId).toMatch(/^20261125-193012-s5-[0-9a-f]{6}$/);
    expect(readdirSync(out).sort()).toEqual([a.runId, b.runId].sort());
    const listed = await listRuns(out);
    expect(listed.map((r) => [r.runId, r.status])).toEqual(
      [a.runId, b.runId].sort().map((id) => [id, "stored"]),
    );
    // Same seed, neither run disturbed the other: the stored results agree byte for byte.
    const [ra] = await queryRunStore(a.dir, "select results_json from run");
    const [rb] = await queryRunStore(b.dir, "select results_json from run");
    expect(ra.results_json).toBe(rb.results_json);
    // Two whole runs on a shared 2-core machine: a correctness test, given room when the machine is busy.
  }, 300_000);

  it("without data the scenarios still run, and the report says which datasets would add which sections", async () => {
    const run = await executeRun({
      ...tiny,
      scenarios: resolveScenarios(["ceiling"]),
      outDir: join(root, "nodata"),
    });
    const { results } = run.output;
    expect(results.scenarios.map((s) => s.id)).toEqual(["ceiling"]);
    expect(results.computeTrend).toBeNull();
    expect(results.frontierGap).toBeNull();
    expect(results.missingData.map((m) => [m.analysis, m.datasets])).toEqual([
      ["computeTrend", ["epoch-training-cost"]],
      ["frontierGap", ["epoch-benchmarks", "epoch-models"]],
    ]);
    expect(results.notes).toEqual([]);
    expect(run.charts).not.toContain("compute-trend");
    const html = readFileSync(run.reportPath, "utf8");
    expect(html).toContain(
      "No data for the compute trend and the US–China frontier gap (datasets epoch-training-cost, " +
        "epoch-benchmarks, epoch-models): run 'wallcast data pull epoch-training-cost epoch-benchmarks epoch-models' to add them to the report.",
    );
  });

  it("wallcast run without data prints one line on stderr naming the command, and missingData in the JSON", async () => {
    const empty = join(root, "empty-data");
    const out = join(root, "cli");
    const result = await runMain(
      ["run", "ceiling", "--paths", "8", "--seed", "5", "--threads", "1", "--sensitivity-paths", "2"].concat([
        "--stress-paths",
        "4",
        "--out",
        out,
        "--json",
      ]),
      { env: { WALLCAST_DATA: empty } },
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(`wallcast: ${NO_DATA_LINE.replace("DIR", empty)}\n`);
    const json = JSON.parse(result.stdout);
    expect(json.missingData.map((m: { datasets: string[] }) => m.datasets)).toEqual([
      ["epoch-training-cost"],
      ["epoch-benchmarks", "epoch-models"],
    ]);
    expect(json.notes).toEqual([]);
    expect(existsSync(json.report)).toBe(true);
  });

  it("a malformed --id is refused before any work and writes nothing", async () => {
    const out = join(root, "bad-id");
    await expect(
      executeRun({ ...tiny, scenarios: resolveScenarios(["ceiling"]), outDir: out, runId: "../escape" }),
    ).rejects.toThrow(/--id: a run id is letters, digits, .* \(got "..\/escape"\)/);
    expect(existsSync(out)).toBe(false);
  });
});
