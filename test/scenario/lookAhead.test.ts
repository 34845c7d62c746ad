import { describe, expect, it } from "vitest";
import { BACKCAST_SCENARIOS, libraryScenarios } from "../../src/scenario/library.js";
import { loadScenario } from "../../src/scenario/loader.js";
import { lateSources, latestDate, quarterEnd } from "../../src/scenario/lookAhead.js";

describe("latestDate()", () => {
  it("reads the latest date written, each at its period's first day", () => {
    expect(latestDate("2026-02-13")).toBe("2026-02-13");
    expect(latestDate("2026-02")).toBe("2026-02-01");
    expect(latestDate("2025")).toBe("2025-01-01");
    expect(latestDate("2025-09/2025-11")).toBe("2025-11-01");
    expect(latestDate("2023-05-24 to 2026-02-25")).toBe("2026-02-25");
    expect(latestDate("undated")).toBeUndefined();
  });
});

describe("quarterEnd()", () => {
  it("gives the last day of each quarter", () => {
    expect(["2023Q1", "2024Q2", "2025Q3", "2026Q4"].map(quarterEnd)).toEqual([
      "2023-03-31",
      "2024-06-30",
      "2025-09-30",
      "2026-12-31",
    ]);
  });
});

describe("the library's scenarios", () => {
  it("cite no source dated after their first quarter's end (no look-ahead)", async () => {
    for (const { id } of libraryScenarios()) expect(lateSources(await loadScenario(id)), id).toEqual([]);
  });

  it("flag a back-cast citing a document from after its start", async () => {
    const scenario = await loadScenario(BACKCAST_SCENARIOS[0]);
    expect(quarterEnd(scenario.start)).toBe("2023-03-31");
    const late = {
      ...scenario,
      sources: { ...scenario.sources, later: { document: "d", locator: "l", date: "2023-04-02" } },
    };
    expect(lateSources(late)).toEqual([{ key: "later", date: "2023-04-02" }]);
  });
});
