/** The executive summary answers the title from the run's own numbers. */
import { describe, expect, it } from "vitest";
import { executiveSummary, scenarioSummary } from "../../src/report/index.js";
import type { RunOutput } from "../../src/run/pipeline.js";

const quarters = ["2026Q1", "2026Q2", "2026Q3", "2026Q4", "2027Q1", "2027Q2", "2027Q3", "2027Q4"];
const series = (last: number) => ({
  p05: quarters.map(() => last / 2),
  p50: quarters.map(() => last),
  p95: quarters.map(() => last * 2),
});

function output(capability: number): RunOutput {
  const result = {
    paths: 100,
    quarters,
    capability: series(capability),
    entities: {
      lab: {
        pDefaultByYear: { "2026": 0.1, "2027": 0.5 },
        defaultTriggers: { "lab-cloud": 0.75, notes: 0.25 },
      },
      cloud: { pDefaultByYear: { "2026": 0.02, "2027": 0.05 } },
    },
    losses: {
      bank: { total: 12, totalP95: 40 },
      "equity-holder": { total: 30, totalP95: 90 },
      pension: { total: 0, totalP95: 0 },
    },
  };
  return {
    results: {
      scenarios: [{ id: "base", file: "", name: "base", description: "", result }],
      tornado: null,
      drivers: [
        {
          scenario: "base",
          paths: 10,
          samples: 8,
          seed: 1,
          outputs: [
            {
              output: "pDefault:lab:2027",
              base: 0.5,
              sobol: { indices: [{ factor: "revenue", first: 0.5, total: 0.7 }] },
            },
          ],
        },
      ],
      reverseStress: [
        {
          scenario: "base",
          entity: "lab",
          year: "2027",
          threshold: 0.5,
          shortfall: 0.2,
          pDefaultBaseline: 0.3,
        },
      ],
      computeTrend: null,
      frontierGap: null,
      missingData: [],
      notes: [],
    },
    parameters: {
      base: [
        { path: "world.capability.slopePerOom", value: 2 },
        { path: "world.capability.trendOomPerYear", value: 1 },
      ],
    },
  } as unknown as RunOutput;
}

describe("executiveSummary()", () => {
  it("says whether capability keeps to its trend, who defaults when and on what, who loses, what decides and what would change it", () => {
    // Two years on a trend of 1 OOM a year at 2 points per OOM: 4 points; a median of 2 is half of it.
    const text = scenarioSummary(output(2), output(2).results.scenarios[0]);
    expect(text).toBe(
      "base — Capability falls short of the trend: it gains 2 index points by 2027 (90%: 1–4), 50% of the 4 that 1 OOM a year of effective compute at the start's returns would give (the curve bending, compute growing slower, or both). " +
        "Who defaults: lab 0.5 (0.404–0.596) by 2027, half of it by 2027, most often on lab-cloud (75% of its defaults). " +
        "Who loses: equity-holder 30 usdB on average (90 in the worst 5%); bank 12 usdB on average (40 in the worst 5%). " +
        "What decides it: revenue for lab (total Sobol index 0.7). " +
        "What would change it: a cut of 20% in every lab's revenue takes lab's P(default by 2027) from 0.3 to 0.5.",
    );
  });

  it("names both leading parts when the second's interval reaches the first's", () => {
    const tied = output(2);
    tied.results.drivers[0].outputs[0].sobol = {
      variance: 0.1,
      rows: 64,
      indices: [
        { factor: "revenue", first: 0.5, total: 0.7, firstInterval: [0.3, 0.7], totalInterval: [0.5, 0.9] },
        { factor: "costs", first: 0.3, total: 0.4, firstInterval: [0.1, 0.5], totalInterval: [0.2, 0.6] },
      ],
    };
    expect(scenarioSummary(tied, tied.results.scenarios[0])).toContain(
      "What decides it: revenue or costs for lab (total Sobol indices 0.7 and 0.4, within each other's bootstrap intervals). ",
    );
  });

  it("opens with the count of scenarios that fall short of their trend and the riskiest entity", () => {
    expect(executiveSummary(output(3.5))[0]).toBe(
      "Does AI scaling hit a wall, and who pays if it does? Across 1 scenario, median capability falls below 80% of its start trend by the horizon in 0. The entity most likely to default is lab in 1 of 1; the riskiest entity's P(default) by the horizon runs from 0.5 to 0.5 across them.",
    );
    expect(executiveSummary(output(3.5))[1]).toContain(
      "Capability keeps to the trend: it gains 3.5 index points",
    );
  });
});
