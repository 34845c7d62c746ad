import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { loadScenario } from "../../src/scenario/loader.js";
import { reverseStress } from "../../src/scenario/reverseStress/index.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { simulate } from "../../src/scenario/simulate.js";
import { InputError } from "../../src/util/errors.js";
import { runMain } from "../support/inProcess.js";

const AMODEI = fileURLToPath(new URL("../economy/fixtures/checkCases/amodei-5t.yaml", import.meta.url));

/**
 * The $5T check case made random: revenue carries quarterly noise (sd 5% of log revenue), so each path has its
 * own break-even shortfall and P(default) rises smoothly with the shortfall.
 */
async function noisyLab(): Promise<Scenario> {
  const s = await loadScenario(AMODEI);
  s.world.revenue.volatility = { value: 0.05, assumption: true, range: [0.02, 0.1], reason: "test" };
  return s;
}

/**
 * Capability drives revenue: elasticity 1, so log revenue rises with capability, which rises with effective
 * training compute (constant spend × efficiency ×3/yr: +0.48 OOM/yr). A capability shortfall cuts that growth.
 */
async function capabilityLab(): Promise<Scenario> {
  const s = await loadScenario(AMODEI);
  s.world.revenue.capabilityElasticity = { value: 1, assumption: true, range: [0.5, 1.5], reason: "test" };
  s.world.revenue.initialUsdBPerYear = { value: 800, assumption: true, range: [600, 1000], reason: "test" };
  return s;
}

const dir = mkdtempSync(join(tmpdir(), "wallcast-stress-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("reverseStress()", () => {
  it("brackets the shortfall where P(default) crosses the threshold, monotone in the shortfall", async () => {
    const s = await noisyLab();
    const r = await reverseStress(s, {
      entity: "lab",
      shock: "revenue",
      paths: 100,
      threads: 1,
      tolerance: 0.002,
    });
    expect(r.converged).toBe(true);
    expect(r.iterations).toBe(r.evaluations.length);
    const below = r.evaluations.find((e) => e.shortfall === r.survivesAt);
    const above = r.evaluations.find((e) => e.shortfall === r.shortfall);
    expect(below?.pDefault).toBeLessThan(0.5);
    expect(above?.pDefault).toBeGreaterThanOrEqual(0.5);
    // Noise is a mean-one martingale in revenue, so the median path breaks even near the deterministic 8%.
    expect(r.shortfall).toBeGreaterThan(0.05);
    expect(r.shortfall).toBeLessThan(0.11);
    for (let k = 1; k < r.evaluations.length; k++)
      expect(r.evaluations[k].pDefault).toBeGreaterThanOrEqual(r.evaluations[k - 1].pDefault);
  });

  it("draws the assumptions across their ranges in the grid as in the bisection, as simulate does", async () => {
    const s = await noisyLab();
    const year = "2030";
    const options = { entity: "lab", shock: "revenue" as const, paths: 60, seed: 4, threads: 1, year };
    const full = await reverseStress(s, options);
    const point = await reverseStress(s, { ...options, uncertainty: "point" });
    const simulated = async (uncertainty: "full" | "point") =>
      (await simulate(s, { paths: 60, seed: 4, threads: 1, uncertainty, chunkSize: 50 })).entities.lab
        .pDefaultByYear[year];
    // Shortfall 0 is a grid point: its P(default) is the simulate run's, drawn or held like it.
    expect(full.pDefaultBaseline).toBe(await simulated("full"));
    expect(point.pDefaultBaseline).toBe(await simulated("point"));
    // A bisection point (simulate) and its neighbours on the grid (workers) agree in direction.
    for (const r of [full, point])
      for (let k = 1; k < r.evaluations.length; k++)
        expect(r.evaluations[k].pDefault).toBeGreaterThanOrEqual(r.evaluations[k - 1].pDefault - 0.05);
  });

  it("gives the same answer on 1 and 2 threads", async () => {
    const s = await noisyLab();
    // Few evaluations: each one starts a worker pool, which is slow from source.
    const options = {
      entity: "lab",
      shock: "revenue" as const,
      paths: 100,
      gridSteps: 4,
      tolerance: 0.05,
    };
    const one = await reverseStress(s, { ...options, threads: 1 });
    const two = await reverseStress(s, { ...options, threads: 2 });
    expect(two).toEqual(one);
    // Five grid points (in parallel) then bisection of [0, 0.25] to 0.05: three more runs.
    expect(one.iterations).toBe(8);
  });

  it("finds a capability shortfall when revenue follows capability, and a tighter threshold needs a smaller one", async () => {
    const s = await capabilityLab();
    const half = await reverseStress(s, { entity: "lab", shock: "capability", paths: 1, threads: 1 });
    expect(half.pDefaultBaseline).toBe(0);
    expect(half.converged).toBe(true);
    expect(half.shortfall).toBeGreaterThan(0);
    expect(half.shortfall).toBeLessThan(1);
    const early = await reverseStress(s, {
      entity: "lab",
      shock: "capability",
      year: "2030",
      paths: 1,
      threads: 1,
    });
    // Defaulting by 2030 needs at least as large a shortfall as defaulting by 2032.
    expect(early.shortfall).toBeGreaterThanOrEqual(half.shortfall);
  });

  it("reports an entity that fails with no shortfall, and one that survives any", async () => {
    const s = await loadScenario(AMODEI);
    s.entities[0].cash = { value: 0, assumption: true, range: [0, 0], reason: "test" };
    const compute = s.contracts[0];
    if (compute.type === "take-or-pay") compute.totalUsdB.value = 6000;
    const broke = await reverseStress(s, { entity: "lab", shock: "revenue", paths: 1, threads: 1 });
    expect(broke).toMatchObject({
      shortfall: 0,
      reason: "true-at-low",
      converged: false,
      pDefaultBaseline: 1,
    });
    const cloud = await reverseStress(await loadScenario(AMODEI), {
      entity: "cloud",
      shock: "revenue",
      paths: 1,
      threads: 1,
    });
    expect(cloud).toMatchObject({
      shortfall: Number.POSITIVE_INFINITY,
      survivesAt: 1,
      reason: "false-at-high",
    });
  });

  it("rejects an unknown entity, a year outside the horizon and a bad threshold", async () => {
    const s = await loadScenario(AMODEI);
    await expect(reverseStress(s, { entity: "nobody", shock: "revenue", threads: 1 })).rejects.toThrow(
      InputError,
    );
    await expect(
      reverseStress(s, { entity: "lab", shock: "revenue", year: "2027", threads: 1 }),
    ).rejects.toThrow(RangeError);
    await expect(
      reverseStress(s, { entity: "lab", shock: "revenue", threshold: 0, threads: 1 }),
    ).rejects.toThrow(RangeError);
  });
});

describe("wallcast stress / sensitivity", () => {
  it("stress --json prints the reverse-stress result", async () => {
    const out = await runMain([
      "stress",
      AMODEI,
      "--entity",
      "lab",
      "--paths",
      "1",
      "--threads",
      "1",
      "--tolerance",
      "0.001",
      "--json",
    ]);
    expect(out.stderr).toBe("");
    expect(out.code).toBe(0);
    const r = JSON.parse(out.stdout);
    expect(r).toMatchObject({
      scenario: "check-amodei-5t",
      entity: "lab",
      shock: "revenue",
      year: "2032",
      converged: true,
    });
    expect(r.survivesAt).toBeLessThanOrEqual(0.08);
    expect(r.shortfall).toBeGreaterThan(0.08);
  });

  it("stress prints a table naming the smallest shortfall", async () => {
    const out = await runMain([
      "stress",
      AMODEI,
      "--entity",
      "lab",
      "--paths",
      "1",
      "--threads",
      "1",
      "--tolerance",
      "0.01",
    ]);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/smallest shortfall of lab revenue that makes it default: 8\.\d%/);
  });

  it("sensitivity --json gives a tornado on a scenario file", async () => {
    const s = await loadScenario(AMODEI);
    s.world.revenue.initialUsdBPerYear = {
      value: 1000,
      assumption: true,
      range: [700, 1100],
      reason: "test",
    };
    const file = join(dir, "uncertain.yaml");
    writeFileSync(file, stringify(s));
    const out = await runMain([
      "sensitivity",
      file,
      "--output",
      "pDefault:lab:2032",
      "--paths",
      "1",
      "--threads",
      "1",
      "--json",
    ]);
    expect(out.stderr).toBe("");
    expect(out.code).toBe(0);
    const r = JSON.parse(out.stdout);
    expect(r.method).toBe("tornado");
    expect(r.outputs[0].tornado[0]).toMatchObject({
      factor: "world.revenue.initialUsdBPerYear",
      outputLow: 1,
      outputHigh: 0,
    });
    const table = await runMain([
      "sensitivity",
      file,
      "--output",
      "pDefault:lab:2032",
      "--paths",
      "1",
      "--threads",
      "1",
    ]);
    expect(table.stdout).toContain("world.revenue.initialUsdBPerYear");
  });

  it("exits 2 with one message for bad input", async () => {
    for (const args of [
      ["stress", AMODEI, "--entity", "nobody"],
      ["stress", AMODEI, "--entity", "lab", "--shock", "sentiment"],
      ["stress", AMODEI, "--entity", "lab", "--year", "2050"],
      ["sensitivity", AMODEI, "--output", "pDefault:lab"],
      ["sensitivity", AMODEI, "--output", "pDefault:lab:2032", "--method", "fast"],
      ["sensitivity", AMODEI, "--output", "pDefault:lab:2032"],
      ["sensitivity", join(dir, "missing.yaml"), "--output", "pDefault:lab:2032"],
    ]) {
      const out = await runMain(args);
      expect(out.code, args.join(" ")).toBe(2);
      expect(out.stdout, args.join(" ")).toBe("");
      expect(out.stderr, args.join(" ")).toMatch(/^wallcast: /);
    }
  });
});
