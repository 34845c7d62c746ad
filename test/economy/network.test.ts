/**
 * Circular deals and cross-holdings (docs/economy.md §4, §5, §7): equity stakes at market inside the clearing, a
 * tranche investment paid per gigawatt deployed, and a margin call on a loan against a stake — each on a hand-made
 * scenario with answers computed by hand.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createAccumulator } from "../../src/economy/outputs.js";
import { createPathContext, PathWorkspace } from "../../src/economy/path.js";
import { NPARTS, PART } from "../../src/economy/state.js";
import { compileScenario } from "../../src/scenario/compile.js";
import { loadScenario } from "../../src/scenario/loader.js";
import type { ContractSpec, EntitySpec, Scenario } from "../../src/scenario/schema.js";
import { randomStream, streamKey } from "../../src/util/random.js";
import { fixed, runCentral, small } from "./centralPath.js";

/** The small world without noise or frictions; stakes sell at a 10% discount. */
const world: Scenario["world"] = {
  ...small.world,
  revenue: { ...small.world.revenue, initialUsdBPerYear: fixed(1e-9), volatility: fixed(0) },
  market: { ...small.world.market, noise: fixed(0), capexElasticity: fixed(0) },
  gpu: { ...small.world.gpu, costPerGwUsdB: fixed(40), rentalYieldPerYear: fixed(0.6) },
  clearing: { alpha: fixed(1), beta: fixed(1), stakeSaleDiscount: fixed(0.1) },
};

/** A lab valued at 100 whose value does not move with the market (no AI share), with `cash`. */
const lab = (cash: number): EntitySpec => ({
  id: "lab",
  kind: "lab",
  cash: fixed(cash),
  share: fixed(1),
  trainingShare: fixed(0.5),
  servingGrossMargin: fixed(0.5),
  otherCostUsdBPerYear: fixed(0),
  marketValueUsdB: fixed(100),
  aiValueShare: fixed(0),
});
const vendor = (cash: number): EntitySpec => ({
  id: "vendor",
  kind: "chip-vendor",
  cash: fixed(cash),
  marketShare: fixed(0),
  grossMargin: fixed(0),
});
const holder = (id: string, cash: number): EntitySpec => ({ id, kind: "bank", cash: fixed(cash) });
const loan = (id: string, borrower: string, lender: string, principal: number): ContractSpec => ({
  id,
  type: "gpu-loan",
  borrower,
  lender,
  principalUsdB: fixed(principal),
  rateAnnual: fixed(0),
  termQuarters: fixed(1),
});

function run(entities: EntitySpec[], contracts: ContractSpec[], quarters = 1): PathWorkspace {
  const scenario: Scenario = {
    ...small,
    horizonQuarters: quarters,
    world,
    entities,
    contracts,
    events: [],
    correlations: [],
  };
  return runCentral(scenario);
}
const loss = (ws: PathWorkspace, i: number, part: number) => ws.holderLoss[i * NPARTS + part];

describe("equity stakes at market inside the clearing", () => {
  // The vendor holds 10% of the lab (marked at 10) and owes 5 this quarter with 2 of cash.
  const contracts = (labDebt: number): ContractSpec[] => [
    { id: "stake", type: "equity-stake", holder: "vendor", issuer: "lab", fraction: fixed(0.1) },
    loan("lab-loan", "lab", "bank", labDebt),
    loan("vendor-loan", "vendor", "bank2", 5),
  ];
  const entities = (labCash: number) => [lab(labCash), vendor(2), holder("bank", 0), holder("bank2", 0)];

  it("lets a holder short of cash sell part of a stake in a solvent issuer, at the discount", () => {
    const ws = run(entities(20), contracts(10));
    // It needs 3 more; its stake sells for 10 × 0.9 = 9, so it sells a third of it (marked 3.33 for 3 of cash).
    expect(ws.defaultQuarter[1]).toBe(-1);
    expect(ws.stakeFraction[0]).toBeCloseTo(0.1 * (2 / 3), 14);
    expect(loss(ws, 1, PART.fireSale)).toBeCloseTo(1 / 3, 12);
    expect(ws.cash[1]).toBeCloseTo(0, 12);
    expect(loss(ws, 3, PART.direct) + loss(ws, 3, PART.clearing)).toBe(0);
  });

  it("passes a customer's default to the vendor that holds its equity: the vendor's lender loses through the clearing", () => {
    const ws = run(entities(0), contracts(10));
    // The lab cannot pay its 10 and defaults (round 1); its stake is then worth nothing to the vendor, which can
    // pay only 2 of its 5 and defaults in the next round (contagion).
    expect(ws.defaultQuarter[0]).toBe(0);
    expect(ws.defaultQuarter[1]).toBe(0);
    expect(loss(ws, 2, PART.direct)).toBeCloseTo(10, 8);
    expect(loss(ws, 3, PART.clearing)).toBeCloseTo(3, 8);
    expect(loss(ws, 3, PART.direct)).toBe(0);
    // The vendor loses its stake at its last mark, 10% of 100, on a fundamental default.
    expect(loss(ws, 1, PART.direct)).toBeCloseTo(10, 8);
    expect(loss(ws, 1, PART.markToMarket)).toBe(0);
  });
});

describe("a tranche investment paid per gigawatt deployed", () => {
  // A GW earns 40 × 0.6 = 24 a year, 6 a quarter: a ramped contract of 36 over 3 quarters pays 6, 12, 18 — 1, 2
  // and 3 GW. The vendor invests 10 per GW, up to 25.
  const tranche: ContractSpec = {
    id: "loi",
    type: "tranche-investment",
    investor: "vendor",
    issuer: "lab",
    amountPerGwUsdB: fixed(10),
    maxUsdB: fixed(25),
  };
  const compute = (total: number, term: number, ramp: boolean): ContractSpec => ({
    id: "compute",
    type: "take-or-pay",
    buyer: "lab",
    seller: "cloud",
    totalUsdB: fixed(total),
    termQuarters: fixed(term),
    ...(ramp ? { profile: "ramp" as const } : {}),
  });
  const cloud: EntitySpec = {
    id: "cloud",
    kind: "hyperscaler",
    cash: fixed(0),
    accountingLifeYears: fixed(6),
  };

  it("pays a tranche for each new gigawatt, up to its maximum, for new shares at the lab's value", () => {
    const ws = run([lab(100), vendor(100), cloud], [tranche, compute(36, 3, true)], 3);
    expect(ws.tranchePaid[0]).toBeCloseTo(25, 12);
    expect(ws.trancheGw[0]).toBeCloseTo(3, 12);
    // 10 at 100 (1/11 of the lab), 10 at 110 (1/12), 5 at 120 (1/25): each dilutes the earlier ones.
    const after = [1 / 11, (1 / 11) * (11 / 12) + 1 / 12];
    const third = after[1] * (24 / 25) + 1 / 25;
    expect(ws.stakeFraction[0]).toBeCloseTo(third, 14);
    expect(ws.stakeBasis[0]).toBeCloseTo(25, 12);
    expect(ws.cash[1]).toBeCloseTo(75, 12);
  });

  it("stops when the capacity is no longer deployed", () => {
    // Flat 12 a quarter for one quarter (2 GW), then nothing: two tranches, no more.
    const ws = run([lab(100), vendor(100), cloud], [tranche, compute(12, 1, false)], 3);
    expect(ws.tranchePaid[0]).toBeCloseTo(20, 12);
    expect(ws.cash[1]).toBeCloseTo(80, 12);
  });
});

describe("a warrant vesting per gigawatt deployed", () => {
  it("vests a sixth of 9% of the vendor for each whole GW the lab's contracts pay for, diluting as it goes", () => {
    // The lab's ramped contract pays for 1, 2 and 3 GW in three quarters: three tranches of 0.015 vest.
    const warrant: ContractSpec = {
      id: "warrant",
      type: "warrant",
      holder: "lab",
      issuer: "vendor",
      fraction: fixed(0.09),
      vestingGw: fixed(6),
    };
    const compute: ContractSpec = {
      id: "compute",
      type: "take-or-pay",
      buyer: "lab",
      seller: "cloud",
      totalUsdB: fixed(36),
      termQuarters: fixed(3),
      profile: "ramp",
    };
    const cloud: EntitySpec = {
      id: "cloud",
      kind: "hyperscaler",
      cash: fixed(0),
      accountingLifeYears: fixed(6),
    };
    const ws = run([lab(100), vendor(100), cloud], [warrant, compute], 3);
    expect(ws.warrantVested[0]).toBeCloseTo(0.045, 14);
    let stake = 0;
    for (let q = 0; q < 3; q++) stake = stake * (1 - 0.015) + 0.015;
    expect(ws.stakeFraction[0]).toBeCloseTo(stake, 14);
    // At next to no cost: the lab's cash paid only its contract.
    expect(ws.cash[0]).toBeCloseTo(100 - 36, 6);
  });
});

describe("a margin loan against a stake", () => {
  it("calls margin down to its loan-to-value limit as the pledged stake loses value", async () => {
    // The market-value check case: a lab valued at 100 whose revenue is half what is priced in, so its value after
    // t quarters is 100 × 0.5^(1 − (1 − g)^t). The holder owns half of it and owes 20 against that stake, callable
    // at 50% loan-to-value (no coupon, no maturity in the horizon).
    const base = await loadScenario(
      fileURLToPath(new URL("./fixtures/checkCases/market-value.yaml", import.meta.url)),
    );
    const scenario: Scenario = {
      ...base,
      entities: [...base.entities, holder("bank", 0)],
      contracts: [
        { id: "holder-in-lab", type: "equity-stake", holder: "holder", issuer: "lab", fraction: fixed(0.5) },
        {
          id: "margin-loan",
          type: "bond",
          borrower: "holder",
          lender: "bank",
          principalUsdB: fixed(20),
          rateAnnual: fixed(0),
          termQuarters: fixed(100),
          collateral: "holder-in-lab",
          maxLoanToValue: fixed(0.5),
        },
      ],
    };
    const gain = 1 - 0.5 ** (1 / 6);
    const value = (t: number) => 50 * 0.5 ** (1 - (1 - gain) ** t);
    // The first quarter whose opening mark puts the loan over the limit: 0.5 × value < 20.
    let first = 0;
    while (0.5 * value(first) >= 20) first++;
    expect(first).toBe(4);
    for (const quarters of [first, first + 1]) {
      const ws = runCentral({ ...scenario, horizonQuarters: quarters }, { revenueMultiplier: 0.5 });
      // Before the call the loan is 20; after it, half of the mark it was called on.
      expect(ws.debtOut[0]).toBeCloseTo(quarters === first ? 20 : 0.5 * value(first), 10);
      expect(ws.cash[2]).toBeCloseTo(quarters === first ? 0 : 20 - 0.5 * value(first), 10);
    }
  });
});

describe("a going-concern acquisition instead of a liquidation", () => {
  // A neocloud with a new 20 usdB fleet (GPUs 55%, sites 45%) and no cash owes 30 this quarter on a GPU-secured
  // loan while a lab pays it 4 a quarter for three quarters; it defaults in the first quarter.
  const neocloud = (acquirers?: string[]): EntitySpec => ({
    id: "nc",
    kind: "neocloud",
    cash: fixed(0),
    accountingLifeYears: fixed(6),
    gpuUsdB: fixed(20),
    ...(acquirers ? { acquirers } : {}),
  });
  const buyer: EntitySpec = {
    id: "buyer",
    kind: "hyperscaler",
    cash: fixed(100),
    accountingLifeYears: fixed(6),
  };
  const contracts: ContractSpec[] = [
    loan("nc-loan", "nc", "bank", 30),
    {
      id: "compute",
      type: "take-or-pay",
      buyer: "lab",
      seller: "nc",
      totalUsdB: fixed(12),
      termQuarters: fixed(3),
    },
  ];

  it("pays the lender the fleet's market value without a fire sale and takes over the contracts", () => {
    const ws = run([neocloud(["buyer"]), buyer, lab(100), holder("bank", 0)], contracts, 3);
    expect(ws.defaultQuarter[0]).toBe(0);
    // The loan was paid 4 of its 30; the buyer pays the fleet's value, 20, for the other 26: the bank loses 6, none
    // of it to a fire sale.
    expect(loss(ws, 3, PART.direct)).toBeCloseTo(6, 8);
    expect(loss(ws, 3, PART.fireSale)).toBe(0);
    expect(ws.gpuPrice).toBe(1);
    // The buyer paid 20 and received the contract's next two payments of 4.
    expect(ws.cash[1]).toBeCloseTo(100 - 20 + 8, 8);
    expect(ws.topSeller[0]).toBe(1);
  });

  it("liquidates at the fire-sale price when no acquirer is named", () => {
    const ws = run([neocloud(), buyer, lab(100), holder("bank", 0)], contracts, 3);
    const impact = 0.002 * 11;
    expect(loss(ws, 3, PART.fireSale)).toBeCloseTo(11 * impact, 8);
    expect(loss(ws, 3, PART.direct)).toBeCloseTo(6, 8);
    expect(ws.cash[1]).toBeCloseTo(100, 8);
  });
});

describe("a lease with break points", () => {
  // A flat lease of 5 a quarter for 8 quarters that the tenant may end every 4 quarters, paying half of what remains.
  const lease = (price: number, t: number) => {
    const scenario: Scenario = {
      ...small,
      world,
      entities: [
        lab(100),
        { id: "cloud", kind: "hyperscaler", cash: fixed(0), accountingLifeYears: fixed(6) },
      ],
      contracts: [
        {
          id: "lease",
          type: "take-or-pay",
          buyer: "lab",
          seller: "cloud",
          totalUsdB: fixed(40),
          termQuarters: fixed(8),
          breakQuarters: fixed(4),
          breakFeeShare: fixed(0.5),
        },
      ],
      events: [],
      correlations: [],
    };
    const { model, parameters } = compileScenario(scenario);
    const ws = new PathWorkspace(model);
    const ctx = createPathContext(
      model,
      parameters.central,
      (rule) => randomStream(1, 0, 0, streamKey(rule)),
      ws,
      createAccumulator(2, model.quarters),
    );
    for (const rule of ws.rules) rule.begin(ctx);
    ws.gpuPrice = price;
    ws.rules.find((r) => r.name === "obligations")?.quarter(ctx, t);
    return ws;
  };

  it("is ended at a break when the market rents the capacity for less than the contract net of the fee", () => {
    // At a GPU price of 0.4 (< 1 − 0.5) the tenant walks at quarter 4: 5 now plus half of the 15 still due.
    const ended = lease(0.4, 4);
    expect(ended.topDue[0]).toBeCloseTo(5 + 0.5 * 15, 12);
    expect(ended.topTerm[0]).toBe(5);
  });

  it("runs on when the market is dearer, and between breaks", () => {
    expect(lease(0.6, 4).topDue[0]).toBe(5);
    expect(lease(0.4, 3).topDue[0]).toBe(5);
    expect(lease(0.4, 4).topTerm[0]).toBe(5);
    expect(lease(0.6, 4).topTerm[0]).toBe(8);
  });
});

describe("a step-down of a distressed lab's compute contract", () => {
  // The lab has 8 of cash, no revenue, and owes 10 a quarter for four quarters on one contract.
  const stepDown = (maxStepDown: number, quarters: number) =>
    runCentral({
      ...small,
      horizonQuarters: quarters,
      world: { ...world, credit: { ...small.world.credit, maxStepDown: fixed(maxStepDown) } },
      entities: [lab(8), { id: "cloud", kind: "hyperscaler", cash: fixed(0), accountingLifeYears: fixed(6) }],
      contracts: [
        {
          id: "compute",
          type: "take-or-pay",
          buyer: "lab",
          seller: "cloud",
          totalUsdB: fixed(40),
          termQuarters: fixed(4),
        },
      ],
      events: [],
      correlations: [],
    });

  it("cuts the remaining payments by the most its seller accepts when that closes the quarter's gap", () => {
    // Cash-flow neutral needs a cut of 10 (all of it); the seller accepts 30%: 7 is paid, 1 of cash is left, and
    // every later payment is 7.
    const ws = stepDown(0.3, 1);
    expect(ws.defaultQuarter[0]).toBe(-1);
    expect(ws.topDue[0]).toBeCloseTo(7, 12);
    expect(ws.cash[0]).toBeCloseTo(1, 9); // plus the 1e-9 a year of revenue
    expect(ws.topScale[0]).toBeCloseTo(0.7, 12);
    expect(ws.topAmended[0]).toBe(1);
    // Amended once: next quarter's 7 against 1 of cash is a default.
    expect(stepDown(0.3, 2).defaultQuarter[0]).toBe(1);
  });

  it("leaves the lab to default when the largest accepted cut does not close its gap", () => {
    // 10% off leaves 9 due against 8 of cash.
    const ws = stepDown(0.1, 1);
    expect(ws.defaultQuarter[0]).toBe(0);
    expect(ws.topAmended[0]).toBe(0);
    expect(stepDown(0, 1).defaultQuarter[0]).toBe(0);
  });
});

describe("the year's burn (cash consumed before financing)", () => {
  it("counts what the lab pays out of its cash, not what a loan or a round brings in", () => {
    // The lab pays 10 a quarter for compute from its 100 of cash, with no revenue: after three quarters of the
    // year it has burnt 30. A 50 loan drawn in the first quarter adds cash and debt alike, and its repayments take
    // both down alike: it burns nothing.
    const burnt = (contracts: ContractSpec[]) =>
      run(
        [
          lab(100),
          { id: "cloud", kind: "hyperscaler", cash: fixed(0), accountingLifeYears: fixed(6) },
          holder("bank", 100),
        ],
        [
          {
            id: "compute",
            type: "take-or-pay",
            buyer: "lab",
            seller: "cloud",
            totalUsdB: fixed(40),
            termQuarters: fixed(4),
          },
          ...contracts,
        ],
        3,
      ).yearBurn[0];
    expect(burnt([])).toBeCloseTo(30, 6);
    const loan: ContractSpec = {
      id: "loan",
      type: "gpu-loan",
      borrower: "lab",
      lender: "bank",
      principalUsdB: fixed(50),
      rateAnnual: fixed(0),
      termQuarters: fixed(40),
      start: "2026Q1",
    };
    expect(burnt([loan])).toBeCloseTo(30, 6);
  });
});
