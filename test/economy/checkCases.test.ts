import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/scenario/loader.js";
import { reverseStress } from "../../src/scenario/reverseStress/index.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { withValues } from "../../src/scenario/sensitivity/factors.js";
import { simulate } from "../../src/scenario/simulate.js";

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/checkCases/${name}`, import.meta.url));

// Both fixtures are deterministic (no distributions, no noise): one path is the whole answer.
const run = (scenario: Scenario, revenueMultiplier = 1) =>
  simulate(scenario, { paths: 1, seed: 1, threads: 1, stress: { revenueMultiplier }, uncertainty: "point" });

describe("check case: $5T of compute against a $1T revenue forecast (Amodei)", () => {
  it("survives on the forecast and goes bankrupt in 2030Q1 when revenue is $800B (20% short)", async () => {
    const scenario = await loadScenario(fixture("amodei-5t.yaml"));
    const onForecast = await run(scenario);
    expect(onForecast.entities.lab.pDefaultByYear["2032"]).toBe(0);
    expect(onForecast.entities.lab.cash.mean.at(-1)).toBeCloseTo(400, 9);
    const short = await run(scenario, 0.8);
    // $1T − $800B = $200B a year short: $400B of cash lasts exactly 8 quarters, the 9th cannot be paid.
    const firstDefault = short.entities.lab.pDefaultByQuarter.indexOf(1);
    expect(short.quarters[firstDefault]).toBe("2030Q1");
    expect(short.entities.lab.cash.mean[firstDefault - 1]).toBeCloseTo(0, 9);
    expect(short.losses.hyperscaler.total).toBeGreaterThan(0);
  });

  it("reverse stress finds the shortfall at which it just survives: $400B / $5T = 8%", async () => {
    const scenario = await loadScenario(fixture("amodei-5t.yaml"));
    const r = await reverseStress(scenario, {
      entity: "lab",
      shock: "revenue",
      paths: 1,
      threads: 1,
      tolerance: 1e-4,
    });
    expect(r.converged).toBe(true);
    expect(r.pDefaultBaseline).toBe(0);
    expect(r.survivesAt).toBeLessThanOrEqual(0.08);
    expect(r.shortfall).toBeGreaterThan(0.08);
    expect(r.shortfall - r.survivesAt).toBeLessThanOrEqual(1e-4);
    expect((await run(scenario, 1 - r.survivesAt)).entities.lab.pDefaultByYear["2032"]).toBe(0);
    expect((await run(scenario, 1 - r.shortfall)).entities.lab.pDefaultByYear["2032"]).toBe(1);
    // 20% short is well past the threshold: the quote's $800B means bankruptcy.
    expect(r.shortfall).toBeLessThan(0.2);
  });

  it("survivable shortfall = cash / $5T for any cash buffer", async () => {
    const scenario = await loadScenario(fixture("amodei-5t.yaml"));
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 50, max: 4000 }), async (cash) => {
        const r = await reverseStress(withValues(scenario, ["entities.lab.cash"], [cash]), {
          entity: "lab",
          shock: "revenue",
          paths: 1,
          threads: 1,
          tolerance: 1e-4,
        });
        expect(r.survivesAt).toBeLessThanOrEqual(cash / 5000 + 1e-9);
        expect(r.shortfall).toBeGreaterThan(cash / 5000 - 1e-9);
      }),
      { seed: 42, numRuns: 6 },
    );
  });
});

describe("check case: 50/50 training/serving split and the serving gross margin (Amodei)", () => {
  const R = 10; // revenue, usdB per quarter
  const withMargin = (scenario: Scenario, m: number) =>
    // Flat phase: compute dues 2R(1 − m) a quarter, so serving R(1 − m) is exactly half of them.
    withValues(
      scenario,
      ["entities.lab.servingGrossMargin", "contracts.flat.totalUsdB"],
      [m, 12 * 2 * R * (1 - m)],
    );

  it("once training spend stops growing, cash changes by R(2m − 1) a quarter: up above 50%, down below", async () => {
    const scenario = await loadScenario(fixture("gross-margin.yaml"));
    for (const m of [0.3, 0.45, 0.49, 0.5, 0.51, 0.55, 0.7]) {
      const cash = (await run(withMargin(scenario, m))).entities.lab.cash.mean;
      // Quarters 8..19 are the flat phase (2028Q1–2030Q4).
      for (let t = 9; t < 20; t++) expect(cash[t] - cash[t - 1]).toBeCloseTo(R * (2 * m - 1), 9);
      if (m > 0.5) expect(cash[19]).toBeGreaterThan(cash[8]);
      if (m < 0.5) expect(cash[19]).toBeLessThan(cash[8]);
    }
  });

  it("is not cash-positive while training spend is still growing, whatever the margin", async () => {
    const scenario = await loadScenario(fixture("gross-margin.yaml"));
    for (const m of [0.3, 0.55, 0.7]) {
      const cash = (await run(withMargin(scenario, m))).entities.lab.cash.mean;
      // Quarters 3..7: dues $3B × k exceed revenue and still rise each quarter.
      for (let t = 4; t < 8; t++) expect(cash[t]).toBeLessThan(cash[t - 1]);
    }
  });
});
