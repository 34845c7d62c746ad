import { describe, expect, it } from "vitest";
import type { PathSummary } from "../../src/economy/outputs.js";
import { scenarioDifferences } from "../../src/run/scenarioDifferences.js";
import { pairedDifferenceInterval } from "../../src/util/pairedDifferenceInterval.js";

const path = (
  k: number,
  defaults: Record<string, string>,
  losses: Record<string, number> = {},
): PathSummary => ({
  path: k,
  defaults,
  capabilityEnd: 0,
  revenueEnd: 0,
  losses,
});
const only =
  (entities: string[], lossKinds: string[] = []) =>
  () => ({ entities, lossKinds });

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
    const [lab, cloud] = scenarioDifferences([base, stressed], only(["lab", "cloud"]), "2030");
    expect(lab).toMatchObject({
      scenario: "stressed",
      against: "base",
      measure: "pDefault",
      subject: "lab",
      year: "2030",
      value: 0.75,
      valueAgainst: 0.5,
    });
    expect(lab.difference).toBe(0.25);
    // Both on paths 0 and 1, the stressed scenario only on path 2, neither on path 3.
    expect(lab.interval).toEqual(pairedDifferenceInterval(2, 1, 0, 1));
    expect(cloud).toMatchObject({ subject: "cloud", value: 0.25, valueAgainst: 0, difference: 0.25 });
  });

  it("sets a holder kind's mean loss against the first's with the normal interval of the paths' differences", () => {
    const withLoss = (run: typeof base, losses: number[]) => ({
      ...run,
      paths: run.paths.map(
        (p, k): PathSummary => ({ ...p, losses: losses[k] > 0 ? { bank: losses[k] } : {} }),
      ),
    });
    // Differences 2, 2, 4, 0 (mean 2, sd √(8/3)); the banks' losses 4, 2, 6, 0 against 2, 0, 2, 0.
    const [loss] = scenarioDifferences(
      [withLoss(base, [2, 0, 2, 0]), withLoss(stressed, [4, 2, 6, 0])],
      only([], ["bank"]),
      "2030",
    );
    expect(loss).toMatchObject({
      measure: "meanLoss",
      subject: "bank",
      value: 3,
      valueAgainst: 1,
      difference: 2,
    });
    const half = (1.96 * Math.sqrt(8 / 3)) / 2;
    expect(loss.interval[0]).toBeCloseTo(2 - half, 12);
    expect(loss.interval[1]).toBeCloseTo(2 + half, 12);
    // Independent runs: variances 20/3 and 4/3.
    const independent = (1.96 * Math.sqrt(20 / 3 + 4 / 3)) / 2;
    expect(loss.independentInterval[1]).toBeCloseTo(2 + independent, 12);
  });

  it("leaves out an entity one scenario lacks and a scenario run on other paths", () => {
    const noCloud = { ...stressed, id: "no-cloud", entities: ["lab"] };
    expect(
      scenarioDifferences([base, noCloud], only(["lab", "cloud"]), "2030").map((d) => d.subject),
    ).toEqual(["lab"]);
    const shorter = { ...stressed, id: "shorter", paths: stressed.paths.slice(0, 3) };
    expect(scenarioDifferences([base, shorter], only(["lab"]), "2030")).toEqual([]);
    expect(scenarioDifferences([base], only(["lab"]), "2030")).toEqual([]);
  });
});
