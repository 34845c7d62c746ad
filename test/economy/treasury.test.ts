import { describe, expect, it } from "vitest";
import type { Scenario } from "../../src/scenario/schema.js";
import { simulate } from "../../src/scenario/simulate.js";
import { fixed, runCentral, small } from "./centralPath.js";

/**
 * The small world with markets always open (the valuation never moves, any issuer refinances) or shut after the
 * first quarter (the valuation closes the whole gap to the labs' missing revenue at once, no issuer refinances).
 */
function world(open: boolean): Scenario["world"] {
  return {
    ...small.world,
    market: {
      ...small.world.market,
      expectationHalfLifeQuarters: fixed(open ? 1e9 : 1e-3),
      noise: fixed(0),
      capexElasticity: fixed(0),
    },
    credit: { ...small.world.credit, maxRefinancingEdf: fixed(open ? 1 : 0) },
  };
}

describe("the value of work", () => {
  it("keeps lab revenue under the wage bill AI can take on, on every path", async () => {
    const capped = await simulate(
      {
        ...small,
        world: {
          ...small.world,
          revenue: {
            ...small.world.revenue,
            wageBillUsdBPerYear: fixed(60),
            initialAutomatedShare: fixed(1),
          },
        },
      },
      { paths: 200, seed: 5, threads: 1, keepPaths: true },
    );
    const free = await simulate(small, { paths: 200, seed: 5, threads: 1, keepPaths: true });
    const ends = (r: typeof free) => (r.pathSummaries ?? []).map((p) => p.revenueEnd);
    expect(ends(capped)).toHaveLength(200);
    for (const revenue of ends(capped)) expect(revenue).toBeLessThanOrEqual((60 / 4) * (1 + 1e-12));
    // Without the cap most of the same paths end above it.
    expect(ends(free).filter((r) => r > 60 / 4).length).toBeGreaterThan(100);
  });

  it("leaves revenue unchanged when the wage bill is far larger than the labs", async () => {
    const huge = await simulate(
      {
        ...small,
        world: { ...small.world, revenue: { ...small.world.revenue, wageBillUsdBPerYear: fixed(1e15) } },
      },
      { paths: 50, seed: 5, threads: 1 },
    );
    const free = await simulate(small, { paths: 50, seed: 5, threads: 1 });
    for (let t = 0; t < small.horizonQuarters; t++)
      expect(huge.revenue.mean[t]).toBeCloseTo(free.revenue.mean[t], 6);
  });

  it("automates along GATE's ramp: the initial share, then linear in log compute up to every task", () => {
    // The start's frontier is the reference run (10^25.7 in 2026.0, the start); full automation at 10^30.7 with a
    // FLOP gap fraction of 0.5 puts the ramp between 2.5 and 5 OOM above the start: f = 0.1 + 0.9·(C − 2.5)/2.5.
    const automation = (quarters: number, capabilityMultiplier = 1) =>
      runCentral(
        {
          ...small,
          horizonQuarters: quarters,
          world: {
            ...small.world,
            revenue: {
              ...small.world.revenue,
              wageBillUsdBPerYear: fixed(61000),
              initialAutomatedShare: fixed(0.1),
              referenceLog10Flop: fixed(25.7),
              referenceYear: fixed(2026),
              fullAutomationLog10Flop: fixed(30.7),
              flopGapFraction: fixed(0.5),
            },
          },
        },
        { capabilityMultiplier },
      );
    const share = (oom: number) => 0.1 + 0.9 * Math.min(1, Math.max(0, (oom - 2.5) / 2.5));
    for (const quarters of [2, 12, 16]) {
      const ws = automation(quarters);
      // Revenue in the last quarter reads the frontier the quarter before reached.
      const frontier = ws.capHistory[quarters - 2];
      expect(ws.automatedShare).toBeCloseTo(share(frontier), 12);
    }
    expect(automation(16).capHistory[14]).toBeGreaterThan(2.5);
    expect(automation(2).automatedShare).toBe(0.1);
    expect(automation(16, 3).automatedShare).toBe(1);
  });
});

describe("treasury rule", () => {
  it("holds back capex for a bond that matures within a year, so the cloud repays it", () => {
    // Capex of 100 a quarter would take half the cash every quarter; 10 a quarter comes in from other business.
    const rate = 0.04;
    const principal = 30;
    const term = 8;
    const ws = runCentral({
      ...small,
      horizonQuarters: 10,
      world: world(false),
      entities: [
        {
          id: "nc",
          kind: "neocloud",
          cash: fixed(40),
          accountingLifeYears: fixed(6),
          capexUsdBPerYear: fixed(400),
          otherCashFlowUsdBPerYear: fixed(40),
        },
        { id: "ig", kind: "ig-fund", cash: fixed(0) },
      ],
      contracts: [
        {
          id: "note",
          type: "bond",
          borrower: "nc",
          lender: "ig",
          principalUsdB: fixed(principal),
          rateAnnual: fixed(rate),
          termQuarters: fixed(term),
        },
      ],
      events: [],
      correlations: [],
    });
    expect(ws.defaultQuarter[0]).toBe(-1);
    expect(ws.debtOut[0]).toBe(0);
    expect(ws.cash[1]).toBeCloseTo(principal * (1 + (rate / 4) * term), 12);
  });

  it("lets a cloud short of cash for its debt service raise equity while its valuation holds", () => {
    const scenario = (open: boolean): Scenario => ({
      ...small,
      horizonQuarters: 6,
      world: world(open),
      entities: [
        {
          id: "nc",
          kind: "neocloud",
          cash: fixed(5),
          accountingLifeYears: fixed(6),
          fundingRoundUsdB: fixed(20),
        },
        { id: "bank", kind: "bank", cash: fixed(0) },
      ],
      contracts: [
        {
          id: "loan",
          type: "gpu-loan",
          borrower: "nc",
          lender: "bank",
          principalUsdB: fixed(40),
          rateAnnual: fixed(0.08),
          termQuarters: fixed(4),
        },
      ],
      events: [],
      correlations: [],
    });
    const open = runCentral(scenario(true));
    expect(open.defaultQuarter[0]).toBe(-1);
    expect(open.debtOut[0]).toBe(0);
    // Shut: the round of the first quarter (at the start's valuation) closes, so the loan's first payment of
    // 10 + 0.8 is met from 5 + 20; the second (10 + 0.6) from the 14.2 left; the third (10 + 0.4) cannot be.
    const shut = runCentral(scenario(false));
    expect(shut.defaultQuarter[0]).toBe(2);
  });
});

describe("demand gate on capex", () => {
  it("makes a neocloud whose fleet sits idle build less and default no more often", async () => {
    // The neocloud's contract pays a quarter of what its fleet could earn.
    const idle: Scenario = {
      ...small,
      contracts: small.contracts.map((c) =>
        c.id === "a-neo" && c.type === "take-or-pay" ? { ...c, totalUsdB: fixed(10) } : c,
      ),
    };
    const gpu = (targetUtilisation?: number) => ({
      ...idle,
      world: {
        ...idle.world,
        gpu: {
          ...idle.world.gpu,
          ...(targetUtilisation ? { targetUtilisation: fixed(targetUtilisation) } : {}),
        },
      },
    });
    const gated = await simulate(gpu(0.9), { paths: 100, seed: 9, threads: 1 });
    const free = await simulate(gpu(), { paths: 100, seed: 9, threads: 1 });
    // From the first quarter it builds less; the cash it keeps leaves it no likelier to default.
    expect(gated.powerGw.mean[0]).toBeLessThan(free.powerGw.mean[0]);
    const T = small.horizonQuarters - 1;
    expect(gated.entities.neo.pDefaultByQuarter[T]).toBeLessThanOrEqual(
      free.entities.neo.pDefaultByQuarter[T],
    );
  });
});
