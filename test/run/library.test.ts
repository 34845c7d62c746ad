import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { jsonSafe, mostUncertain, parameterRows, quarterMidYear, riskiest } from "../../src/run/index.js";
import { loadScenario, type SimulationResult } from "../../src/scenario/index.js";
import { libraryDir, libraryScenarios, packageRoot, resolveScenarios } from "../../src/scenario/library.js";
import { InputError } from "../../src/util/errors.js";

function resultWith(p: Record<string, [string, number]>): SimulationResult {
  const entities = Object.fromEntries(
    Object.entries(p).map(([id, [kind, value]]) => [id, { kind, pDefaultByYear: { "2030": value } }]),
  );
  return { quarters: ["2030Q4"], entities } as unknown as SimulationResult;
}

describe("the scenario library", () => {
  it("libraryDir() is <package root>/scenarios, found from the module's own location", () => {
    expect(libraryDir()).toBe(join(packageRoot(), "scenarios"));
    expect(() => packageRoot("/")).toThrow(/invalid install/);
  });

  it("libraryScenarios() lists the default first, then the rest by name", () => {
    const ids = libraryScenarios().map((s) => s.id);
    expect(ids[0]).toBe("default");
    expect(ids).toEqual(
      expect.arrayContaining([
        "ceiling",
        "efficiency-shock",
        "export-controls",
        "s-curve-tops",
        "scaling-continues",
      ]),
    );
    expect(ids.slice(1)).toEqual([...ids.slice(1)].sort());
  });

  it("resolveScenarios() takes library names and files, and refuses unknown names and duplicates", () => {
    expect(resolveScenarios([]).map((s) => s.id)).toEqual(
      libraryScenarios()
        .map((s) => s.id)
        .filter((id) => id !== "backcast-2023"),
    );
    const file = join(libraryDir(), "ceiling.yaml");
    expect(resolveScenarios(["default", file]).map((s) => s.id)).toEqual(["default", "ceiling"]);
    expect(() => resolveScenarios(["nope"])).toThrow(InputError);
    expect(() => resolveScenarios(["ceiling", file])).toThrow(/ceiling given twice/);
  });

  it("parameterRows() gives every number of every library scenario its unit and a source or a flagged assumption", async () => {
    for (const { file } of libraryScenarios()) {
      const rows = parameterRows(await loadScenario(file));
      expect(rows.length).toBeGreaterThan(100);
      for (const row of rows) {
        expect(Number.isFinite(row.value)).toBe(true);
        expect(row.unit, row.path).not.toBe("");
        if (row.assumption) {
          expect(row.rangeLo).toBeLessThanOrEqual(row.rangeHi);
          expect(row.reason).not.toBe("");
        } else expect(row.source).not.toBe("");
      }
    }
    const rows = parameterRows(await loadScenario("default"));
    const unit = (path: string) => rows.find((r) => r.path === path)?.unit;
    expect(unit("entities.openai.cash")).toBe("usdB");
    expect(unit("world.revenue.bassQ")).toBe("1/year");
    expect(unit("contracts.openai-oracle.termQuarters")).toBe("quarters");
  });
});

describe("run helpers", () => {
  it("jsonSafe() keeps finite numbers and names non-finite ones", () => {
    expect(jsonSafe({ a: [1, Number.NaN], b: { c: Infinity, d: -Infinity }, e: "x", f: null })).toEqual({
      a: [1, "NaN"],
      b: { c: "Infinity", d: "-Infinity" },
      e: "x",
      f: null,
    });
    expect(jsonSafe(Float64Array.of(0.5, Number.NaN))).toEqual([0.5, "NaN"]);
  });

  it("riskiest() and mostUncertain() pick by P(default) in the last year, ties in file order", () => {
    const r = resultWith({ a: ["lab", 1], b: ["lab", 0.4], c: ["lab", 0.6], d: ["neocloud", 0] });
    expect(riskiest(r, ["lab"])).toBe("a");
    expect(mostUncertain(r, ["lab"])).toBe("b");
    expect(mostUncertain(resultWith({ a: ["lab", 0], b: ["lab", 1] }), ["lab"])).toBe("b");
    expect(riskiest(r, ["neocloud"])).toBe("d");
    expect(riskiest(r, ["bank"])).toBeUndefined();
  });

  it("quarterMidYear() is the middle of the quarter in decimal years", () => {
    expect(quarterMidYear("2026Q1")).toBe(2026.125);
    expect(quarterMidYear("2035Q4")).toBe(2035.875);
  });
});
