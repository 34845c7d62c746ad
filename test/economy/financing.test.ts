/** Capex financing facilities (docs/economy.md §8), on hand-made one-cloud scenarios with hand-computed answers. */
import { describe, expect, it } from "vitest";
import type { PathWorkspace } from "../../src/economy/path.js";
import type { ContractSpec, EntitySpec, Scenario } from "../../src/scenario/schema.js";
import { fixed, runCentral, small } from "./centralPath.js";

/** A neocloud with 10 of cash planning 40 a year of capex (10 a quarter), a lender with 100, and `contracts`. */
function oneCloud(contracts: ContractSpec[], quarters: number, maxRefinancingEdf = 1): PathWorkspace {
  const scenario: Scenario = {
    ...small,
    horizonQuarters: quarters,
    world: {
      ...small.world,
      market: { ...small.world.market, capexElasticity: fixed(0), noise: fixed(0) },
      credit: { ...small.world.credit, maxRefinancingEdf: fixed(maxRefinancingEdf) },
      gpu: { ...small.world.gpu, targetUtilisation: undefined },
    },
    entities: [
      {
        id: "nc",
        kind: "neocloud",
        cash: fixed(10),
        accountingLifeYears: fixed(6),
        capexUsdBPerYear: fixed(40),
      },
      { id: "pc", kind: "private-credit", cash: fixed(100) },
    ],
    contracts,
    events: [],
    correlations: [],
  };
  return runCentral(scenario);
}

const ddtl = (commitment: number): ContractSpec => ({
  id: "ddtl",
  type: "facility",
  loan: "gpu-loan",
  borrower: "nc",
  lender: "pc",
  commitmentUsdB: fixed(commitment),
  advanceRate: fixed(0.7),
  rateAnnual: fixed(0.08),
  termQuarters: fixed(8),
});

describe("a GPU-secured delayed-draw facility", () => {
  it("funds the capex that half the cash cannot, within the advance rate, from the lender's cash", () => {
    const ws = oneCloud([ddtl(100)], 1);
    // Half of the 10 of cash pays 5 of the 10 planned; the facility lends the other 5 (≤ 0.7 × 10).
    expect(ws.capexDone[0]).toBeCloseTo(10, 12);
    expect(ws.debtOut[0]).toBeCloseTo(5, 12);
    expect(ws.cash[0]).toBeCloseTo(10 + 5 - 10, 12);
    expect(ws.cash[1]).toBeCloseTo(100 - 5, 12);
    expect(ws.capexGap[0]).toBe(0);
  });

  it("amortises its pool over the term and stops lending at its commitment", () => {
    const ws = oneCloud([ddtl(6)], 2);
    // Quarter 1: the pool of 5 pays 5/8 of principal and 5 × 0.08/4 of interest out of the 5 of cash, leaving
    // 5 − 0.625 − 0.1 = 4.275; half of it, 2.1375, goes to capex and the facility lends only the 1 of its
    // commitment that is left.
    expect(ws.debtOut[0]).toBeCloseTo(5 - 0.625 + 1, 12);
    expect(ws.capexDone[0]).toBeCloseTo(2.1375 + 1, 12);
    expect(ws.capexGap[0]).toBeCloseTo(10 - 3.1375, 12);
    expect(ws.debtRate[0]).toBeCloseTo(0.08, 15);
  });
});

describe("a bond programme", () => {
  it("lends only while the borrower's EDF is under the market's limit, at the risk-free rate plus its spread", () => {
    const programme: ContractSpec = {
      id: "notes",
      type: "facility",
      loan: "bond",
      borrower: "nc",
      lender: "pc",
      commitmentUsdB: fixed(100),
      advanceRate: fixed(0.5),
      termQuarters: fixed(20),
    };
    const loan: ContractSpec = {
      id: "loan",
      type: "gpu-loan",
      borrower: "nc",
      lender: "pc",
      principalUsdB: fixed(30),
      rateAnnual: fixed(0.05),
      termQuarters: fixed(40),
    };
    // The loan takes 0.75 + 0.375 of the 10 of cash; half of the 8.875 left pays 4.4375 of capex; the programme
    // lends its 0.5 × 10 and 0.5625 stays unfunded.
    const open = oneCloud([programme, loan], 1);
    expect(open.debtOut[0]).toBeCloseTo(5, 12);
    expect(open.capexGap[0]).toBeCloseTo(0.5625, 12);
    expect(open.debtRate[0]).toBeCloseTo(0.04 + open.creditSpread[0], 15);
    expect(open.creditSpread[0]).toBeGreaterThan(0);
    const shut = oneCloud([programme, loan], 1, 0);
    expect(shut.debtOut[0]).toBe(0);
    expect(shut.capexGap[0]).toBeCloseTo(10 - 4.4375, 12);
  });
});

describe("a GPU-secured loan with a loan-to-value test", () => {
  it("is called down to its limit on the fleet's market value", () => {
    // A new 20 usdB fleet (GPUs at the GPU price of 1, sites at cost) lets the loan be at most 0.7 × 20 = 14: the
    // first quarter calls 15 down to 14; as the GPUs lose value the limit keeps falling.
    const scenario = (quarters: number): Scenario => ({
      ...small,
      horizonQuarters: quarters,
      world: {
        ...small.world,
        market: { ...small.world.market, capexElasticity: fixed(0), noise: fixed(0) },
      },
      entities: [
        { id: "nc", kind: "neocloud", cash: fixed(10), accountingLifeYears: fixed(6), gpuUsdB: fixed(20) },
        { id: "pc", kind: "private-credit", cash: fixed(100) },
      ],
      contracts: [
        {
          id: "loan",
          type: "gpu-loan",
          borrower: "nc",
          lender: "pc",
          principalUsdB: fixed(15),
          rateAnnual: fixed(0),
          termQuarters: fixed(40),
          maxLoanToValue: fixed(0.7),
        },
      ],
      events: [],
      correlations: [],
    });
    const run = (quarters: number) => runCentral(scenario(quarters));
    const first = run(1);
    expect(first.debtOut[0]).toBeCloseTo(14, 12);
    // The fourth quarter's limit is 70% of the fleet's value at the end of the third, when it is two quarters old:
    // GPUs (55%) at (1 − d)^(2/4) of cost (d = 0.35, the fixture's central draw), sites (45%) at 0.96^(2/4).
    const limit = 0.7 * 20 * (0.55 * 0.65 ** 0.5 + 0.45 * 0.96 ** 0.5);
    expect(run(4).debtOut[0]).toBeCloseTo(limit, 6);
  });
});

describe("the interest-cover test", () => {
  /**
   * A neocloud with no operating income and 50 of cash whose 20 bullet at 10% matures in its sixth quarter
   * (quarter 5, 2027Q2), refinanced only at `minInterestCover`; `cloud` overrides its fields, `entities` and
   * `contracts` join it.
   */
  const bondAtMaturity = (
    minInterestCover: number,
    cloud: Partial<EntitySpec> = {},
    entities: EntitySpec[] = [],
    contracts: ContractSpec[] = [],
  ): Scenario => ({
    ...small,
    horizonQuarters: 6,
    world: {
      ...small.world,
      market: { ...small.world.market, capexElasticity: fixed(0), noise: fixed(0) },
      credit: {
        ...small.world.credit,
        maxRefinancingEdf: fixed(1),
        minInterestCover: fixed(minInterestCover),
      },
    },
    entities: [
      { id: "nc", kind: "neocloud", cash: fixed(50), accountingLifeYears: fixed(6), ...cloud },
      { id: "hy", kind: "hy-fund", cash: fixed(0) },
      ...entities,
    ],
    contracts: [
      {
        id: "note",
        type: "bond",
        borrower: "nc",
        lender: "hy",
        principalUsdB: fixed(20),
        rateAnnual: fixed(0.1),
        termQuarters: fixed(6),
      },
      ...contracts,
    ],
    events: [],
    correlations: [],
  });

  it("shuts refinancing for an operating company whose cash flow does not cover its interest", () => {
    // Without the test its EDF lets it roll the bond; with a cover of 1.5 required it must repay it.
    expect(runCentral(bondAtMaturity(0)).debtOut[0]).toBeCloseTo(20, 12);
    const repaid = runCentral(bondAtMaturity(1.5));
    expect(repaid.debtOut[0]).toBe(0);
    expect(repaid.cash[0]).toBeCloseTo(50 - 20 - 6 * 0.5, 12);
  });

  it("counts the coming year's contracted backlog from a creditworthy buyer, net of operating cost", () => {
    // The same neocloud has sold a lab (no debt, EDF 0) 8 a quarter for 4 quarters from `start`, at an operating
    // cost of 80%. At the maturity a contract starting then gives 1.6 a quarter of contracted operating cash flow
    // over the coming year against 0.5 of interest (cover 3.2), so the bond rolls; one starting in 2028Q1 has one
    // payment in that year (0.4 a quarter, cover 0.8) and the bond is repaid, as it is when the required cover is
    // above 3.2.
    const scenario = (start: string, minInterestCover: number) =>
      bondAtMaturity(
        minInterestCover,
        { operatingCostShare: fixed(0.8) },
        [{ id: "lab", kind: "lab", cash: fixed(100), share: fixed(1) }],
        [
          {
            id: "compute",
            type: "take-or-pay",
            buyer: "lab",
            seller: "nc",
            totalUsdB: fixed(32),
            termQuarters: fixed(4),
            start,
          },
        ],
      );
    expect(runCentral(scenario("2027Q2", 1.5)).debtOut[0]).toBeCloseTo(20, 12);
    expect(runCentral(scenario("2028Q1", 1.5)).debtOut[0]).toBe(0);
    expect(runCentral(scenario("2027Q2", 3.3)).debtOut[0]).toBe(0);
  });
});

describe("a revolving credit facility", () => {
  it("lends a cloud short of cash for its debt service what it lacks, up to its commitment", () => {
    // 1 of cash against a 5 repayment due this quarter (its 20 of GPUs keep its credit good): the revolver lends
    // the missing 4.
    const scenario = (commitment: number): Scenario => ({
      ...small,
      horizonQuarters: 1,
      world: {
        ...small.world,
        market: { ...small.world.market, capexElasticity: fixed(0), noise: fixed(0) },
      },
      entities: [
        { id: "nc", kind: "neocloud", cash: fixed(1), accountingLifeYears: fixed(6), gpuUsdB: fixed(20) },
        { id: "bank", kind: "bank", cash: fixed(100) },
      ],
      contracts: [
        {
          id: "loan",
          type: "gpu-loan",
          borrower: "nc",
          lender: "bank",
          principalUsdB: fixed(5),
          rateAnnual: fixed(0),
          termQuarters: fixed(1),
        },
        {
          id: "revolver",
          type: "facility",
          loan: "revolver",
          borrower: "nc",
          lender: "bank",
          commitmentUsdB: fixed(commitment),
          advanceRate: fixed(0),
          rateAnnual: fixed(0.06),
          termQuarters: fixed(8),
        },
      ],
      events: [],
      correlations: [],
    });
    const drawn = runCentral(scenario(10));
    expect(drawn.defaultQuarter[0]).toBe(-1);
    expect(drawn.debtOut[1]).toBeCloseTo(4, 12);
    expect(drawn.cash[0]).toBeCloseTo(0, 12);
    // A commitment of 2 is not enough: the cloud defaults on its loan.
    expect(runCentral(scenario(2)).defaultQuarter[0]).toBe(0);
  });
});
