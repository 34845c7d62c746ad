import { describe, expect, it } from "vitest";
import * as wallcast from "../../src/index.js";
import { loadScenario, simulate } from "../../src/index.js";
import { runMain } from "../support/inProcess.js";

/** The functions the library API promises by name (the README's "Library" section). */
const DOCUMENTED_FUNCTIONS = [
  "fit",
  "computeOptimal",
  "clear",
  "debtRank",
  "fireSale",
  "trend",
  "capabilityIndex",
  "loadScenario",
  "simulate",
  "runMainJob",
] as const;

describe("the library API", () => {
  it("exports every documented function by its name", () => {
    const api: Record<string, unknown> = wallcast;
    for (const name of DOCUMENTED_FUNCTIONS) expect(typeof api[name], name).toBe("function");
  });

  it("exports each renamed function under its canonical name only", () => {
    const api: Record<string, unknown> = wallcast;
    for (const old of [
      "computeOptimalAllocation",
      "fireSaleEquilibria",
      "analyseTrend",
      "fitCapabilityIndex",
    ])
      expect(api[old], old).toBeUndefined();
  });

  it("simulates a library scenario to exactly the object `wallcast simulate --json` prints", async () => {
    const result = await simulate(await loadScenario("default"), { paths: 50, seed: 1, threads: 1 });
    const cli = await runMain(["simulate", "default", "--paths", "50", "--seed", "1", "--json"]);
    expect(cli.code, cli.stderr).toBe(0);
    expect(JSON.parse(JSON.stringify(result))).toEqual(JSON.parse(cli.stdout));
  });
});
