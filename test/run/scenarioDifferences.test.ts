import { describe, expect, it } from "vitest";
import type { PathSummary } from "../../src/economy/outputs.js";
import { scenarioDifferences } from "../../src/run/scenarioDifferences.js";
import { pairedDifferenceInterval } from "../../src/util/pairedDifferenceInterval.js";

const path = (k: number, defaults: Record<string, string>): PathSummary => ({
  path: k,
  defaults,
  capabilityEnd: 0,
  revenueEnd: 0,
  losses: {},
});

describe("scenarioDifferences()", () => {
  // Four paths; the lab defaults on paths 0 and 1 in the base, on 0, 1 and 2 in the stressed scenario (path 2 in
  // 2031, after the year looked at, on path 3).
  const base = {
    id: "base",
    entities: ["lab", "cloud"],
    paths: [0, 1, 2, 3].map((k) => path(k, k < 2 ? { lab: "2029Q1" } : {})),
  };
  const stressed = {
    id: "stressed",
    entities: ["lab", "cloud"],
    paths: [
      path(0, { lab: "2028Q4" }),
      path(1, { lab: "2030Q4" }),
      path(2, { lab: "2030Q2", cloud: "2030Q1" }),
      path(3, { lab: "2031Q1" }),
    ],
  };

  it("counts each entity's defaults by the year's end on the same paths and gives the paired interval", () => {
    const [lab, cloud] = scenarioDifferences([base, stressed], () => ["lab", "cloud"], "2030");
    expect(lab).toMatchObject({
      scenario: "stressed",
      against: "base",
      entity: "lab",
      year: "2030",
      p: 0.75,
      pAgainst: 0.5,
    });
    expect(lab.difference).toBe(0.25);
    // Both on paths 0 and 1, the stressed scenario only on path 2, neither on path 3.
    expect(lab.interval).toEqual(pairedDifferenceInterval(2, 1, 0, 1));
    expect(cloud).toMatchObject({ entity: "cloud", p: 0.25, pAgainst: 0, difference: 0.25 });
  });

  it("leaves out an entity one scenario lacks and a scenario run on other paths", () => {
    const noCloud = { ...stressed, id: "no-cloud", entities: ["lab"] };
    expect(scenarioDifferences([base, noCloud], () => ["lab", "cloud"], "2030").map((d) => d.entity)).toEqual(
      ["lab"],
    );
    const shorter = { ...stressed, id: "shorter", paths: stressed.paths.slice(0, 3) };
    expect(scenarioDifferences([base, shorter], () => ["lab"], "2030")).toEqual([]);
    expect(scenarioDifferences([base], () => ["lab"], "2030")).toEqual([]);
  });
});
