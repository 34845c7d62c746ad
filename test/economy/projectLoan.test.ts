import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createAccumulator } from "../../src/economy/outputs.js";
import { PathWorkspace, runPath } from "../../src/economy/path.js";
import { compileScenario } from "../../src/scenario/compile.js";
import { parseScenario } from "../../src/scenario/loader.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { simulate } from "../../src/scenario/simulate.js";
import { randomStream, streamKey } from "../../src/util/random.js";

const FIXTURE = fileURLToPath(new URL("./fixtures/small.yaml", import.meta.url));
const small = parseScenario(readFileSync(FIXTURE, "utf8"), FIXTURE);
const fixed = (value: number) => ({
  value,
  assumption: true as const,
  range: [0, 1e9] as [number, number],
  reason: "test",
});

describe("project-loan", () => {
  it("pays interest only while the site is built, then level payments that repay it by the end of the term", () => {
    const P = 20;
    const rate = 0.08;
    const construction = 3;
    const term = 11;
    const scenario: Scenario = {
      ...small,
      horizonQuarters: term,
      entities: [
        { id: "spv", kind: "neocloud", cash: fixed(100), accountingLifeYears: fixed(20) },
        { id: "bank", kind: "bank", cash: fixed(0) },
      ],
      contracts: [
        {
          id: "site",
          type: "project-loan",
          borrower: "spv",
          lender: "bank",
          principalUsdB: fixed(P),
          rateAnnual: fixed(rate),
          termQuarters: fixed(term),
          constructionQuarters: fixed(construction),
        },
      ],
      events: [],
      correlations: [],
    };
    const { model, parameters } = compileScenario(scenario);
    const ws = new PathWorkspace(model);
    runPath(
      model,
      parameters.central,
      (rule) => randomStream(1, 0, 0, streamKey(rule)),
      ws,
      createAccumulator(2, term),
    );
    const r = rate / 4;
    const n = term - construction;
    const level = (P * r) / (1 - (1 + r) ** -n);
    expect(ws.cash[1]).toBeCloseTo(construction * P * r + n * level, 9);
    expect(ws.cash[0]).toBeCloseTo(100 - construction * P * r - n * level, 9);
    expect(ws.debtOut[0]).toBeLessThan(1e-9);
  });
});

describe("roll-over rule", () => {
  it("keeps labs buying compute after their contracts end, so capability keeps rising", async () => {
    // The fixture's contracts end after 16 quarters; run 8 more.
    const longer: Scenario = { ...small, horizonQuarters: 24 };
    const off = await simulate(longer, { paths: 200, seed: 3, threads: 1, uncertainty: "point" });
    const on = await simulate(
      {
        ...longer,
        world: {
          ...small.world,
          compute: {
            ...small.world.compute,
            renewalSpendToRevenue: fixed(1),
            renewalSentimentWeight: fixed(0.5),
          },
        },
      },
      { paths: 200, seed: 3, threads: 1, uncertainty: "point" },
    );
    const T = longer.horizonQuarters - 1;
    expect(on.computeSpend.mean[T]).toBeGreaterThan(off.computeSpend.mean[T]);
    expect(on.capability.p50[T]).toBeGreaterThan(off.capability.p50[T]);
    // The capacity of the contracts that end after quarter 15 is offered to the roll-over from quarter 16 on
    // (offered a quarter late, as before, 0.9 GW stood idle in quarter 16, as much as with no roll-over at all).
    expect(off.strandedGw.mean[16]).toBeGreaterThan(0.5);
    expect(on.strandedGw.mean[16]).toBeLessThan(0.25);
  });
});
