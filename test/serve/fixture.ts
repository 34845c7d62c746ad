/** Two small stored runs, written straight into a run store (no Monte Carlo), for the API's run routes. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ResultTable } from "../../src/store/index.js";
import { writeRunStore } from "../../src/store/index.js";

function tables(p: number): ResultTable[] {
  return [
    {
      name: "p_default",
      columns: [
        { name: "scenario", type: "VARCHAR" },
        { name: "entity", type: "VARCHAR" },
        { name: "year", type: "BIGINT" },
        { name: "p", type: "DOUBLE" },
      ],
      rows: [
        ["default", "lab-a", 2027, p],
        ["default", "lab-a", 2028, p * 2],
      ],
    },
    {
      name: "losses",
      columns: [
        { name: "scenario", type: "VARCHAR" },
        { name: "holder_kind", type: "VARCHAR" },
        { name: "part", type: "VARCHAR" },
        { name: "usd_b", type: "DOUBLE" },
      ],
      rows: [["default", "bank", "direct", 10 * p]],
    },
    {
      name: "scenario_summary",
      columns: [
        { name: "scenario", type: "VARCHAR" },
        { name: "expected_defaults", type: "DOUBLE" },
      ],
      rows: [["default", p]],
    },
    {
      name: "reverse_stress",
      columns: [
        { name: "entity", type: "VARCHAR" },
        { name: "shortfall", type: "DOUBLE" },
      ],
      rows: [["lab-a", 0.3]],
    },
  ];
}

/** A folder holding runs `a` (with a report and a chart) and `b`; `cleanup` removes it. */
export async function fixtureRuns(): Promise<{ out: string; cleanup: () => void }> {
  const out = mkdtempSync(join(tmpdir(), "wallcast-serve-"));
  const record = (runId: string) => ({
    runId,
    createdAt: "2026-12-01T00:00:00.000Z",
    wallcastVersion: "0.1.0",
    seed: 3,
    paths: 20,
    scenarios: ["default"],
    parameters: {},
    results: {},
  });
  await writeRunStore(join(out, "a"), record("a"), tables(0.1));
  await writeRunStore(join(out, "b"), record("b"), tables(0.25));
  writeFileSync(join(out, "a", "report.html"), "<!doctype html><title>report a</title><p>report of a</p>\n");
  return { out, cleanup: () => rmSync(out, { recursive: true, force: true }) };
}
