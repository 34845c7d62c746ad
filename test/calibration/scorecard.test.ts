import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scorecard } from "../../src/calibration/scorecard.js";
import { type CalibrationTarget, loadTargets } from "../../src/calibration/targets.js";
import { loadScenario } from "../../src/scenario/loader.js";
import { type SimulationResult, simulate } from "../../src/scenario/simulate.js";
import { InputError } from "../../src/util/errors.js";
import { runMain } from "../support/inProcess.js";

/** A run with one entity whose 2026 capex has the given quantiles. */
function run(p05: number, p50: number, p95: number): SimulationResult {
  const year = { "2026": { p05, p50, p95 } };
  return {
    entities: { cloud: { byYear: { revenueUsdB: {}, capexUsdB: year, debtUsdB: {} } } },
  } as unknown as SimulationResult;
}

const target: CalibrationTarget = {
  entity: "cloud",
  metric: "capexUsdB",
  year: 2026,
  value: 32.5,
  band: [30, 35],
  source: { key: "coreweave-q4", locator: "2026 capex guidance" },
};

describe("scorecard()", () => {
  it("scores the simulated median against the band, with the 90% interval beside it", () => {
    expect(scorecard(run(6.9, 7.1, 7.4), [target])).toEqual([
      {
        entity: "cloud",
        metric: "capexUsdB",
        year: 2026,
        value: 32.5,
        band: [30, 35],
        p05: 6.9,
        p50: 7.1,
        p95: 7.4,
        inside: false,
        source: "coreweave-q4",
      },
    ]);
    expect(scorecard(run(20, 30, 50), [target])[0].inside).toBe(true);
    expect(scorecard(run(20, 35, 50), [target])[0].inside).toBe(true);
  });

  it("refuses a target naming an entity or a year the run does not have", () => {
    expect(() => scorecard(run(1, 2, 3), [{ ...target, entity: "nobody" }])).toThrow(InputError);
    expect(() => scorecard(run(1, 2, 3), [{ ...target, year: 2040 }])).toThrow(/outside the run's horizon/);
  });
});

describe("the project's targets", () => {
  const targets = loadTargets();

  it("cite docs/sources.md by key, each with a locator", () => {
    const keys = new Set(
      [
        ...readFileSync(new URL("../../docs/sources.md", import.meta.url), "utf8").matchAll(/^### (\S+)$/gm),
      ].map((m) => m[1]),
    );
    for (const t of targets.targets) expect(keys.has(t.source.key), t.source.key).toBe(true);
  });

  it("name entities of their scenario and contain their published figure in the band", async () => {
    const scenario = await loadScenario(targets.scenario);
    const ids = new Set(scenario.entities.map((e) => e.id));
    for (const t of targets.targets) {
      expect(ids.has(t.entity), t.entity).toBe(true);
      expect(t.value).toBeGreaterThanOrEqual(t.band[0]);
      expect(t.value).toBeLessThanOrEqual(t.band[1]);
    }
  });

  it("refuses a targets file with a reversed band, naming the file and field", () => {
    const dir = mkdtempSync(join(tmpdir(), "wallcast-targets-"));
    const file = join(dir, "t.yaml");
    writeFileSync(
      file,
      "scenario: default\ntargets:\n  - {entity: oracle, metric: capexUsdB, year: 2026, value: 50, band: [60, 40], source: {key: oracle-debt, locator: x}}\n",
    );
    expect(() => loadTargets(file)).toThrow(/t\.yaml: targets\[0\]\.band: band must be \[lo, hi\]/);
  });
});

describe("wallcast calibrate", () => {
  it("prints the simulate JSON with a scorecard whose quantiles are the run's own", async () => {
    const { code, stdout, stderr } = await runMain([
      "calibrate",
      "--paths",
      "40",
      "--threads",
      "1",
      "--json",
    ]);
    expect([code, stderr]).toEqual([0, ""]);
    const out = JSON.parse(stdout) as SimulationResult & { scorecard: { entity: string; p50: number }[] };
    expect(out.scorecard).toHaveLength(loadTargets().targets.length);
    const oracle = out.scorecard.find((r) => r.entity === "oracle");
    expect(oracle?.p50).toBe(out.entities.oracle.byYear.capexUsdB["2026"].p50);
  }, 60_000);
});

describe("the default scenario's first year", () => {
  it("meets the 2026 capex guidance of each hyperscaler, Oracle and CoreWeave (median inside the guided band)", async () => {
    const targets = loadTargets().targets.filter((t) => t.metric === "capexUsdB");
    expect(targets.map((t) => t.entity).sort()).toEqual(
      ["alphabet", "amazon", "coreweave", "meta-platforms", "microsoft", "oracle"].sort(),
    );
    const result = await simulate(await loadScenario("default"), { paths: 300, seed: 1 });
    for (const row of scorecard(result, targets))
      expect(row.inside, `${row.entity} ${row.metric} ${row.year}: p50 ${row.p50} vs [${row.band}]`).toBe(
        true,
      );
  }, 60_000);
});
