/** Why each default happens (docs/economy.md §6): a trigger and a cause for every default. */
import { describe, expect, it } from "vitest";
import { DEFAULT_CAUSES } from "../../src/economy/kinds.js";
import { createAccumulator } from "../../src/economy/outputs.js";
import { PathWorkspace, runPath } from "../../src/economy/path.js";
import { compileScenario } from "../../src/scenario/compile.js";
import { loadScenario } from "../../src/scenario/loader.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { runChunk } from "../../src/scenario/worker.js";
import { randomStream, streamKey } from "../../src/util/random.js";
import { fixed, small } from "./centralPath.js";

/** Runs `scenario` at its central parameters with an accumulator that records triggers and causes. */
function causesOf(scenario: Scenario, entity: string): Record<string, number> {
  const { model, parameters } = compileScenario(scenario);
  const ws = new PathWorkspace(model);
  const obligations = model.takeOrPay.ids.length + model.debt.ids.length;
  const acc = createAccumulator(
    model.entities.ids.length,
    model.quarters,
    model.startQuarterOfYear,
    obligations,
  );
  runPath(model, parameters.central, (rule) => randomStream(7, 0, 0, streamKey(rule)), ws, acc);
  const i = model.entities.ids.indexOf(entity);
  const K = DEFAULT_CAUSES.length;
  const out: Record<string, number> = {};
  DEFAULT_CAUSES.forEach((cause, k) => {
    if (acc.defaultCause[i * K + k] > 0) out[cause] = acc.defaultCause[i * K + k];
  });
  return out;
}

describe("default causes", () => {
  it("names a refused refinancing when a maturing bond cannot be rolled and the cash does not cover it", () => {
    // A neocloud with 5 of cash and a 20 bullet maturing in its second quarter; no issuer can refinance.
    const scenario = (maxRefinancingEdf: number): Scenario => ({
      ...small,
      horizonQuarters: 2,
      world: {
        ...small.world,
        market: { ...small.world.market, capexElasticity: fixed(0), noise: fixed(0) },
        credit: { ...small.world.credit, maxRefinancingEdf: fixed(maxRefinancingEdf) },
      },
      entities: [
        { id: "nc", kind: "neocloud", cash: fixed(5), accountingLifeYears: fixed(6), gpuUsdB: fixed(40) },
        { id: "hy", kind: "hy-fund", cash: fixed(0) },
      ],
      contracts: [
        {
          id: "note",
          type: "bond",
          borrower: "nc",
          lender: "hy",
          principalUsdB: fixed(20),
          rateAnnual: fixed(0.04),
          termQuarters: fixed(2),
        },
      ],
      events: [],
      correlations: [],
    });
    expect(causesOf(scenario(0), "nc")).toEqual({ refinancingRefused: 1 });
    expect(causesOf(scenario(1), "nc")).toEqual({});
  });

  it("gives every default of a 1,000-path default run a trigger and a cause", async () => {
    const scenario = await loadScenario("default");
    const acc = runChunk({ scenario, seed: 1, firstPath: 0, count: 1000, keepPaths: false, stress: {} });
    const { n, quarters: T, obligations: m } = acc;
    const K = DEFAULT_CAUSES.length;
    let defaults = 0;
    for (let i = 0; i < n; i++) {
      const dead = acc.deadBy[i * T + T - 1];
      let triggers = 0;
      for (let c = 0; c < m + 2; c++) triggers += acc.defaultTrigger[i * (m + 2) + c];
      let causes = 0;
      for (let k = 0; k < K; k++) causes += acc.defaultCause[i * K + k];
      expect([triggers, causes], scenario.entities[i].id).toEqual([dead, dead]);
      defaults += dead;
    }
    expect(defaults).toBeGreaterThan(100);
  }, 60_000);
});
