import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { runMain } from "../support/inProcess.js";

const FIXTURE = fileURLToPath(new URL("./fixtures/small.yaml", import.meta.url));

describe("wallcast simulate", () => {
  it("prints the JSON contract and is the same for 1 and 2 threads, spawned and in process", async () => {
    // A true end-to-end --json simulate: one thread in a spawned CLI, two worker threads through main().
    const one = await runCli([
      "simulate",
      FIXTURE,
      "--paths",
      "120",
      "--seed",
      "4",
      "--threads",
      "1",
      "--json",
    ]);
    expect(one.code).toBe(0);
    const result = JSON.parse(one.stdout);
    expect(result.scenario).toBe("small");
    expect(result.paths).toBe(120);
    expect(result.seed).toBe(4);
    expect(Object.keys(result.entities["lab-a"].pDefaultByYear)).toEqual(["2026", "2027", "2028", "2029"]);
    expect(result.losses["private-credit"]).toHaveProperty("fireSale");
    const two = await runMain([
      "simulate",
      FIXTURE,
      "--paths",
      "120",
      "--seed",
      "4",
      "--threads",
      "2",
      "--json",
    ]);
    expect(two.stdout).toBe(one.stdout);
  });

  it("prints a table of default probabilities and losses", async () => {
    const { code, stdout } = await runMain(["simulate", FIXTURE, "--paths", "40", "--threads", "1"]);
    expect(code).toBe(0);
    expect(stdout).toContain("P(default by end of year)");
    expect(stdout).toMatch(/neo\s+neocloud/);
    expect(stdout).toContain("stranded GPUs");
  });
});
