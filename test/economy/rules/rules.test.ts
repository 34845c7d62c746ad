/** Each rule on a hand-made state of the small fixture (central parameters), against numbers computed by hand. */
import { describe, expect, it } from "vitest";
import { LOSS_KINDS } from "../../../src/economy/kinds.js";
import { expectedDefaultFrequency } from "../../../src/economy/rules/credit.js";
import { scheduledPayment } from "../../../src/economy/rules/obligations.js";
import { buyRenewals } from "../../../src/economy/rules/renewals.js";
import { NPARTS, PART } from "../../../src/economy/state.js";
import { erf } from "../../../src/util/erf.js";
import { randomStream, streamKey } from "../../../src/util/random.js";
import { constantStream, entity, rule, startedPath, worldSettings } from "./support.js";

describe("technology", () => {
  it("grows the frontier's efficiency 3×/yr and FLOP per dollar 1.35×/yr, whatever a rival's shock", () => {
    const { ctx, ws } = startedPath();
    rule(ws, "technology").quarter(ctx, 8);
    expect(ws.efficiency).toBeCloseTo(3 ** 2, 12);
    expect(ws.flopPerUsd).toBeCloseTo(7e17 * 1.35 ** 2, 0);
  });
});

describe("credit", () => {
  it("reads an issuer's EDF from its equity and debt (Merton/KMV), prices its spread and opens refinancing under the limit", () => {
    const { ctx, ws } = startedPath();
    const neo = entity(ctx, "neo");
    ws.equity[neo] = 10;
    rule(ws, "credit").quarter(ctx, 0);
    // Debt running at the start: 10 + 3 + 5 + 2 = 20; assets 30 with volatility 0.3: distance to default
    // (ln 1.5 − 0.045)/0.3 = 1.2016, EDF Φ(−1.2016) = 0.1148.
    expect(ws.edf[neo]).toBeCloseTo(0.114769, 6);
    expect(ws.creditSpread[neo]).toBeCloseTo(-Math.log(1 - 2 * ws.edf[neo] * 0.6), 15);
    // An EDF of 11.5% is above the 10% the market refinances; with equity of 40 it is 0.04%.
    expect(ws.refinanceOpen[neo]).toBe(0);
    ws.equity[neo] = 40;
    rule(ws, "credit").quarter(ctx, 0);
    expect(ws.edf[neo]).toBeCloseTo(0.5 * (1 - erf((Math.log(3) - 0.045) / 0.3 / Math.SQRT2)), 15);
    expect(ws.refinanceOpen[neo]).toBe(1);
  });

  it("closes rounds in proportion to log valuation between the floor and the start, and scales capex plans", () => {
    const { ctx, ws } = startedPath();
    const a = entity(ctx, "lab-a");
    ws.valuation = Math.sqrt(0.3);
    ws.computeIntensity = 0.5;
    rule(ws, "credit").quarter(ctx, 1);
    expect(ws.roundProbability[a]).toBeCloseTo(0.5, 14);
    expect(ws.capexValuationMultiplier).toBeCloseTo((Math.sqrt(0.3) * 0.5) ** 0.3, 14);
    ws.valuation = 0.25;
    rule(ws, "credit").quarter(ctx, 2);
    expect(ws.roundProbability[a]).toBe(0);
    ws.valuation = 1.5;
    rule(ws, "credit").quarter(ctx, 3);
    expect(ws.roundProbability[a]).toBe(1);
  });

  it("gives no EDF without debt and certain default to worthless equity", () => {
    expect(expectedDefaultFrequency(10, 0, 0.3)).toBe(0);
    expect(expectedDefaultFrequency(0, 10, 0.3)).toBe(1);
    expect(expectedDefaultFrequency(1e-9, 10, 0.3)).toBeCloseTo(0.5 * (1 + erf(0.15 / Math.SQRT2)), 8);
    expect(expectedDefaultFrequency(1000, 1, 0.3)).toBeLessThan(1e-12);
  });
});

describe("revenue", () => {
  it("starts at the initial run-rate less the lognormal drift on an on-trend path, split by share", () => {
    const { ctx, ws } = startedPath(constantStream(0.5, 0));
    rule(ws, "technology").quarter(ctx, 0);
    rule(ws, "revenue").quarter(ctx, 0);
    const v = ctx.world("revenue.volatility");
    expect(ws.marketRevenue).toBeCloseTo((40 / 4) * Math.exp(-0.5 * v * v), 12);
    expect(ws.saturation).toBe(1);
    expect(ws.shareTotal).toBeCloseTo(1, 15);
  });

  it("advances Bass adoption by a quarter of p + q·A times the unadopted share", () => {
    const { ctx, ws } = startedPath(constantStream(0.5, 0));
    rule(ws, "revenue").quarter(ctx, 1);
    expect(ws.adoption).toBeCloseTo(0.1 + 0.25 * (0.03 + 0.4 * 0.1) * 0.9, 15);
  });
});

describe("obligations", () => {
  it("charges a ramped take-or-pay its k-th share of the total: 90 × 1/136 in the first of 16 quarters", () => {
    const { ctx, ws } = startedPath(constantStream(0.99));
    rule(ws, "obligations").quarter(ctx, 0);
    const c = ctx.model.takeOrPay.ids.indexOf("a-hyper");
    expect(ws.topDue[c]).toBeCloseTo(90 / 136, 14);
  });

  it("refinances a maturing bullet while the issuer's credit allows, at the risk-free rate plus its spread", () => {
    const { ctx, ws } = startedPath(constantStream(0.5));
    const c = ctx.model.debt.ids.indexOf("neo-bond");
    const neo = entity(ctx, "neo");
    ws.debtLeft[c] = 1;
    ws.refinanceOpen[neo] = 1;
    ws.creditSpread[neo] = 0.03;
    rule(ws, "obligations").quarter(ctx, 0);
    expect(ws.debtPrincipalDue[c]).toBe(0);
    expect(ws.debtLeft[c]).toBe(ws.debtTerm[c] + 1);
    expect(ws.debtRate[c]).toBeCloseTo(0.04 + 0.03, 15);
    expect(ws.debtDue[c]).toBeCloseTo((5 * 0.07) / 4, 14);
  });

  it("demands the bullet when the issuer cannot refinance", () => {
    const { ctx, ws } = startedPath(constantStream(0.5));
    const c = ctx.model.debt.ids.indexOf("neo-bond");
    ws.debtLeft[c] = 1;
    ws.refinanceOpen[entity(ctx, "neo")] = 0;
    rule(ws, "obligations").quarter(ctx, 0);
    expect(ws.debtPrincipalDue[c]).toBe(5);
    expect(ws.debtDue[c]).toBeCloseTo(5 + (5 * 0.09) / 4, 14);
  });

  it("matures a ladder a slice a quarter, and rolls the slice at the long end at a blended coupon", () => {
    const { ctx, ws } = startedPath(constantStream(0.5));
    const c = ctx.model.debt.ids.indexOf("neo-bond");
    const neo = entity(ctx, "neo");
    ctx.model.debt.ladder[c] = 1;
    ws.debtLeft[c] = 10;
    ws.refinanceOpen[neo] = 0;
    rule(ws, "obligations").quarter(ctx, 0);
    expect(ws.debtPrincipalDue[c]).toBeCloseTo(0.5, 15);
    ws.refinanceOpen[neo] = 1;
    ws.creditSpread[neo] = 0.05;
    rule(ws, "obligations").quarter(ctx, 0);
    expect(ws.debtPrincipalDue[c]).toBe(0);
    expect(ws.debtLeft[c]).toBe(11);
    expect(ws.debtRate[c]).toBeCloseTo(0.09 + (0.09 - 0.09) * 0.1 + (0.04 + 0.05 - 0.09) * 0.1, 15);
    ctx.model.debt.ladder[c] = 0;
  });
});

describe("operations", () => {
  it("serves from contracted capacity first, buys the rest spot, and trains on what is left", () => {
    const { ctx, ws } = startedPath(constantStream(0.99));
    const a = entity(ctx, "lab-a");
    rule(ws, "technology").quarter(ctx, 0);
    ws.marketRevenue = 10;
    ws.shareTotal = 1;
    ws.extAssets.fill(0);
    ws.extLiab.fill(0);
    ws.contractDue.fill(0);
    ws.contractDue[a] = 4;
    rule(ws, "operations").quarter(ctx, 0);
    // revenue 6; serving need 6 × (1 − 0.6) = 2.4 against capacity 0.5 × 4 = 2: 0.4 spot; other costs 8/4.
    expect(ws.revenue[a]).toBeCloseTo(6, 14);
    expect(ws.spotSpend[a]).toBeCloseTo(0.4, 14);
    expect(ws.extLiab[a]).toBeCloseTo(0.4 + 2, 14);
    expect(ws.training[a * 4]).toBeCloseTo(2 * 1e9 * 7e17, -10);
  });
});

describe("renewals", () => {
  it("scales the labs' purchases pro rata when the clouds' idle capacity falls short", () => {
    const { ctx, ws } = startedPath();
    const [a, b, h, neo] = ["lab-a", "lab-b", "hyper", "neo"].map((id) => entity(ctx, id));
    ws.renewalSpend.fill(0);
    ws.idleRent.fill(0);
    ws.extAssets.fill(0);
    ws.extLiab.fill(0);
    ws.renewalSpend[a] = 4;
    ws.renewalSpend[b] = 2;
    ws.idleRent[h] = 3;
    ws.idleRent[neo] = 1;
    const bought = buyRenewals(ctx.model, ws, 0, 1, () => 0.1);
    expect(bought).toBe(4);
    expect(ws.extAssets[a]).toBeCloseTo((-4 * 2) / 3, 14);
    expect(ws.renewalReceipts[h]).toBeCloseTo(3, 14);
    expect(ws.extLiab[neo]).toBeCloseTo(0.1, 14);
  });
});

describe("roll-over purchases", () => {
  it("size a lab's new compute on the revenue expected the lead ahead at the market's expected growth", () => {
    // Lead 4 quarters, multiple 2 and no appetite for sentiment: the target is 2 × revenue × e^(4g).
    const edit = worldSettings("compute", {
      renewalSpendToRevenue: [2, 1, 3],
      renewalLeadQuarters: [4, 0, 8],
      renewalSentimentWeight: [0, 0, 1],
      renewalCashShare: [1, 0, 1],
    });
    const { ctx, ws } = startedPath(randomStream(1, 0, 0), () => {}, edit);
    const a = entity(ctx, "lab-a");
    const target = (growthQ: number) => {
      ws.extAssets.fill(1000);
      ws.owes.fill(0);
      ws.extLiab.fill(0);
      ws.revenue.fill(0);
      ws.revenue[a] = 3;
      ws.contractDue[a] = 1;
      ws.spotSpend[a] = 0.5;
      ws.expectedGrowthQ = growthQ;
      rule(ws, "renewals").quarter(ctx, 0);
      return ws.renewalSpend[a];
    };
    expect(target(0)).toBeCloseTo(2 * 3 - 1.5, 14);
    expect(target(Math.log(2) / 4)).toBeCloseTo(2 * 3 * 2 - 1.5, 13);
    expect(target(-Math.log(4) / 4)).toBe(0);
  });
});

describe("settlement", () => {
  it("leaves each payer with external assets plus receipts less what it paid", () => {
    const { ctx, ws } = startedPath();
    const a = entity(ctx, "lab-a");
    ws.extAssets[a] = 10;
    ws.received[a] = 2;
    ws.owes[a] = 8;
    ws.extLiab[a] = 4;
    ws.paidFraction[a] = 0.75;
    ws.newDefault.fill(0);
    ws.debtDue.fill(0);
    rule(ws, "settlement").quarter(ctx, 0);
    expect(ws.cash[a]).toBeCloseTo(10 + 2 - 0.75 * 12, 14);
  });
});

describe("resolution", () => {
  it("sells a defaulter's fleet at the fire-sale price and repays secured lenders first", () => {
    const { ctx, ws } = startedPath();
    const neo = entity(ctx, "neo");
    ws.newDefault.fill(0);
    ws.newDefault[neo] = 1;
    ws.round[neo] = 1;
    const d = ctx.world("gpu.economicDepreciationPerYear");
    rule(ws, "resolution").quarter(ctx, 0);
    // The 20 usdB fleet, a year old: its GPUs and networking (55%) are worth 20·0.55·(1 − d) and sell with a price
    // impact of 0.002 per usdB; its buildings and power (45%) are worth 20·0.45·0.96 and sell at that value.
    const gpus = 20 * 0.55 * ((1 - d) ** 0.25) ** 4;
    const sites = 20 * 0.45 * (0.96 ** 0.25) ** 4;
    const value = gpus + sites;
    const impact = 0.002 * gpus;
    const proceeds = gpus * (1 - impact) + sites;
    const secured = 13;
    const loss = (holder: string, part: keyof typeof PART) =>
      ws.pathLoss[LOSS_KINDS.indexOf(holder as (typeof LOSS_KINDS)[number]) * NPARTS + PART[part]];
    expect(ws.alive[neo]).toBe(0);
    expect(ws.gpuPrice).toBeCloseTo(1 - impact, 14);
    // Private credit's 10 of the 13 secured: the price impact is its fire-sale loss, the rest of the shortfall direct.
    const recovered = (Math.min(proceeds, secured) * 10) / secured;
    const withoutImpact = (Math.min(value, secured) * 10) / secured;
    expect(loss("private-credit", "fireSale")).toBeCloseTo(withoutImpact - recovered, 12);
    expect(loss("private-credit", "direct")).toBeCloseTo(10 - withoutImpact, 12);
    // The unsecured creditors (the 5 usdB bond, 2 of vendor financing) share what is left after the secured.
    expect(loss("hy-fund", "direct") + loss("hy-fund", "fireSale")).toBeCloseTo(
      5 - (Math.min(Math.max(0, proceeds - secured), 7) * 5) / 7,
      12,
    );
  });
});

describe("capex", () => {
  it("caps a cloud's capex at half its cash above the treasury reserve and books its receipts as revenue", () => {
    const { ctx, ws } = startedPath();
    const h = entity(ctx, "hyper");
    ws.cash[h] = 10;
    ws.reserve.fill(0);
    ws.capexValuationMultiplier = 1;
    ws.renewalReceipts.fill(0);
    ws.renewalReceipts[h] = 2;
    ws.topDue.fill(0);
    ws.layerPaid.fill(1);
    rule(ws, "capex").quarter(ctx, 0);
    // Its revenue is what labs paid it for compute this quarter.
    expect(ws.revenue[h]).toBe(2);
    expect(ws.capexDone[h]).toBe(5);
    expect(ws.cash[h]).toBe(5);
    expect(ws.vintage[h * (ws.T + 1) + 1]).toBe(5);
  });

  it("caps only the AI part of the plan at the power left: with none, the non-AI half stays on trend", () => {
    const { ctx, ws } = startedPath(undefined, undefined, (yaml) =>
      yaml
        .replace(/(\n {4}powerGw: )\{[^}]*\}/, "$1{value: 0, source: rice}")
        .replace(/(\n {4}powerBuildGwPerYear: )\{[^}]*\}/, "$1{value: 0, source: rice}")
        .replace(/(\n {4}capexGrowthPerYear: \{[^}]*\})/, "$1\n    aiCapexShare: {value: 0.5, source: rice}"),
    );
    const h = entity(ctx, "hyper");
    ws.cash[h] = 1000;
    ws.reserve.fill(0);
    ws.capexValuationMultiplier = 1;
    rule(ws, "capex").quarter(ctx, 0);
    // 40/yr planned, half of it AI: the 5 a quarter outside AI is spent, no AI capacity is bought.
    expect(ws.capexDone[h]).toBeCloseTo(5, 12);
    expect(ws.vintage[h * (ws.T + 1) + 1]).toBe(0);
  });

  it("trains a lab on its fleetShare of its parent's capacity, which the parent cannot rent out", () => {
    const withShare = (share: number) =>
      startedPath(undefined, undefined, (yaml) =>
        yaml.replace(
          "  - id: lab-b\n    kind: lab\n",
          `  - id: lab-b\n    kind: lab\n    trainsOn: hyper\n    fleetShare: {value: ${share}, source: rice}\n`,
        ),
      );
    const run = (share: number) => {
      const { ctx, ws } = withShare(share);
      ws.cash[entity(ctx, "hyper")] = 1000;
      ws.reserve.fill(0);
      ws.capexValuationMultiplier = 1;
      rule(ws, "capex").quarter(ctx, 0);
      const b = entity(ctx, "lab-b");
      return { ctx, ws, training: ws.training[b * 4], idle: ws.idleRent[entity(ctx, "hyper")] };
    };
    const none = run(0);
    const half = run(0.5);
    const { ctx, ws } = half;
    // The opening fleet of 100 is a year old at t = 0: 100 × (1 − d) of economic value, rented at the yield.
    const capacity =
      100 * (1 - ctx.world("gpu.economicDepreciationPerYear")) * (ctx.world("gpu.rentalYieldPerYear") / 4);
    const flopPerUsdB = 1e9 * ws.flopPerUsd * ws.efficiency;
    expect(half.training - none.training).toBeCloseTo(0.5 * capacity * flopPerUsdB, -10);
    expect(none.idle - half.idle).toBeCloseTo(0.5 * capacity * ws.gpuPrice, 10);
  });

  it("serves a cloud's own AI services from its free fleet at rent, and leaves what it lacks to be leased", () => {
    const run = (ratio: number) => {
      const { ctx, ws } = startedPath(undefined, undefined, (yaml) =>
        yaml.replace(
          /(\n {4}capexGrowthPerYear: \{[^}]*\})/,
          `$1\n    ownAiServicesComputeRatio: {value: ${ratio}, source: rice}`,
        ),
      );
      const h = entity(ctx, "hyper");
      ws.cash[h] = 1000;
      ws.reserve.fill(0);
      ws.capexValuationMultiplier = 1;
      ws.marketRevenue = 10;
      rule(ws, "capex").quarter(ctx, 0);
      return {
        idle: ws.idleRent[h],
        cash: ws.cash[h],
        revenue: ws.revenue[h],
        shortfall: ws.servicesShortfall[h],
        costShare: ctx.entityAt(h, ctx.columns.operatingCostShare),
      };
    };
    const none = run(0);
    expect(none.idle).toBeGreaterThan(0);
    expect(none.shortfall).toBe(0);
    // Services wanting half the free capacity take it from the fleet and earn its rent, less the operating cost.
    const half = run(none.idle / 2 / 10);
    expect(half.idle).toBeCloseTo(none.idle / 2, 12);
    expect(half.revenue - none.revenue).toBeCloseTo(none.idle / 2, 12);
    expect(half.cash - none.cash).toBeCloseTo((none.idle / 2) * (1 - half.costShare), 12);
    expect(half.shortfall).toBe(0);
    // Wanting one more than the free capacity, with nothing leased: the fleet serves what it can, 1 is short.
    const over = run((none.idle + 1) / 10);
    expect(over.idle).toBe(0);
    expect(over.revenue - none.revenue).toBeCloseTo(none.idle, 12);
    expect(over.shortfall).toBeCloseTo(1, 12);
  });

  it("grows other business cash flow by otherCashFlowGrowthPerYear: 60/4 × 1.21² in quarter 8", async () => {
    const { otherCashFlowQ } = await import("../../../src/economy/rules/operations.js");
    const { ctx } = startedPath(undefined, undefined, (yaml) =>
      yaml.replace(
        /(\n {4}otherCashFlowUsdBPerYear: \{[^}]*\})/,
        "$1\n    otherCashFlowGrowthPerYear: {value: 1.21, source: rice}",
      ),
    );
    expect(otherCashFlowQ(ctx, entity(ctx, "hyper"), 8)).toBeCloseTo(15 * 1.21 ** 2, 12);
  });
});

describe("vendors", () => {
  it("books a vendor's share of the quarter's capex as data-centre sales and its gross profit as cash", () => {
    const { ctx, ws } = startedPath();
    const chip = entity(ctx, "chip");
    const before = ws.cash[chip];
    ws.capexTotal = 100;
    rule(ws, "vendors").quarter(ctx, 0);
    expect(ws.revenue[chip]).toBeCloseTo(100 * 0.9, 12);
    expect(ws.cash[chip] - before).toBeCloseTo(100 * 0.9 * 0.7, 12);
  });
});

describe("gpu-market", () => {
  it("recovers a fifth of the fire-sale discount each quarter", () => {
    const { ctx, ws } = startedPath();
    ws.saleDiscount = 0.5;
    rule(ws, "gpu-market").quarter(ctx, 0);
    expect(ws.gpuPrice).toBeCloseTo(0.6, 15);
  });

  it("sets the rental price at (utilisation ÷ the first quarter's)^ε, within its floor and ceiling", () => {
    const { ctx, ws } = startedPath();
    const gpu = rule(ws, "gpu-market");
    ws.marketUtilisation = 0.8;
    gpu.quarter(ctx, 0);
    expect(ws.gpuPrice).toBe(1);
    // Half the first quarter's utilisation at ε = 0.5: the price falls to 0.5^0.5 of the start's.
    ws.marketUtilisation = 0.4;
    gpu.quarter(ctx, 2);
    expect(ws.rentalPrice).toBeCloseTo(Math.SQRT1_2, 15);
    ws.marketUtilisation = 0.01;
    gpu.quarter(ctx, 3);
    expect(ws.rentalPrice).toBe(0.3);
  });

  it("keeps the start's price when the rental clouds sell nothing in the first quarter, whatever they sell later", () => {
    const { ctx, ws } = startedPath();
    const gpu = rule(ws, "gpu-market");
    ws.marketUtilisation = 0;
    gpu.quarter(ctx, 0);
    // A first trickle of sales and then a full fleet: no start market to measure them against.
    for (const [t, u] of [
      [1, 0.02],
      [2, 0.3],
      [3, 0.9],
    ]) {
      ws.marketUtilisation = u;
      gpu.quarter(ctx, t);
      expect(ws.rentalPrice).toBe(1);
    }
  });
});

describe("market", () => {
  it("closes a constant share of the log gap between realised and priced-in revenue, in levels", () => {
    const { ctx, ws } = startedPath(constantStream(0.5, 0));
    ws.valuationLevel = 1.2;
    ws.labRevenue = 12;
    rule(ws, "market").quarter(ctx, 4);
    // Priced for quarter 4: the start's 40/4 grown a year at 2.5×, times last quarter's valuation.
    const gain = 1 - 0.5 ** (1 / 6);
    const expected = 1.2 * (12 / (1.2 * 10 * 2.5)) ** gain;
    expect(ws.valuation).toBeCloseTo(expected, 14);
    expect(ws.previousRevenue).toBe(12);
  });

  it("marks a valued entity's AI share at the valuation, and a vendor without sales at the start also at the compute intensity", () => {
    const { ctx, ws } = startedPath(constantStream(0.5, 0));
    const chip = entity(ctx, "chip");
    const hyper = entity(ctx, "hyper");
    ws.computeRetained = 0.8;
    ws.labRevenue = 10;
    ws.revenue[chip] = 0;
    rule(ws, "market").quarter(ctx, 0);
    const v = ws.valuation;
    expect(v).toBeCloseTo(1, 14);
    expect(ws.marketValue[chip]).toBeCloseTo(1000 * (1 - 0.9 + 0.9 * v * 0.8), 10);
    expect(ws.marketValue[hyper]).toBeCloseTo(2000 * (1 - 0.2 + 0.2 * v), 10);
  });

  it("prices a chip vendor on its sales relative to the first quarter's, and on a shock's news until its sales show it", () => {
    const { ctx, ws } = startedPath(constantStream(0.5, 0));
    const chip = entity(ctx, "chip");
    ws.labRevenue = 10;
    ws.revenue[chip] = 4;
    rule(ws, "market").quarter(ctx, 0);
    expect(ws.marketValue[chip]).toBeCloseTo(1000, 10);
    // Sales up half and an efficiency shock that keeps 0.8 of the compute: the news lowers the AI part at once.
    ws.revenue[chip] = 6;
    ws.computeRetained = 0.8;
    rule(ws, "market").quarter(ctx, 1);
    expect(ws.marketValue[chip]).toBeCloseTo(1000 * (0.1 + 0.9 * 1.5 * 0.8), 10);
    // A quarter later the shock is old news: the vendor is priced on its sales alone.
    rule(ws, "market").quarter(ctx, 2);
    expect(ws.marketValue[chip]).toBeCloseTo(1000 * (0.1 + 0.9 * 1.5), 10);
  });

  it("moves each valued entity's non-AI part as a random walk on a common market factor and its own", () => {
    // Every normal draw is 1: each quarter's log step is sd·(√ρ + √(1 − ρ)) − sd²/2, sd = 0.4/2, ρ = 0.25.
    const edit = worldSettings("market", {
      nonAiVolatility: [0.4, 0.2, 0.6],
      nonAiCorrelation: [0.25, 0, 1],
    });
    const { ctx, ws } = startedPath(constantStream(0.5, 1), () => {}, edit);
    const hyper = entity(ctx, "hyper");
    ws.labRevenue = 10;
    rule(ws, "market").quarter(ctx, 0);
    rule(ws, "market").quarter(ctx, 1);
    const step = 0.2 * (0.5 + Math.sqrt(0.75)) - 0.02;
    expect(ws.marketValue[hyper]).toBeCloseTo(2000 * (0.8 * Math.exp(2 * step) + 0.2 * ws.valuation), 9);
  });
});

describe("equity", () => {
  it("is cash plus GPUs at book less debt plus stakes at their marks", () => {
    const { ctx, ws } = startedPath();
    const neo = entity(ctx, "neo");
    ws.cash[neo] = 7;
    const k = ctx.model.stakes.issuer.indexOf(entity(ctx, "chip"));
    ws.stakeValue.fill(0);
    ws.stakeValue[k] = 3;
    rule(ws, "equity").quarter(ctx, 0);
    // A year-old 20 usdB fleet on a 6-year life; 10 + 3 + 5 + 2 of debt; its stake in the chip vendor at 3.
    expect(ctx.model.stakes.holder[k]).toBe(neo);
    expect(ws.equity[neo]).toBeCloseTo(7 + 20 * (1 - 4 / 24) - 20 + 3, 12);
  });
});

describe("random substreams", () => {
  it("gives each drawing rule its own named stream, with distinct stable keys", () => {
    const asked: string[] = [];
    startedPath(constantStream(0.5), (rule) => asked.push(rule));
    expect(asked.sort()).toEqual(["capability", "capex", "events", "market", "operations", "revenue"]);
    const keys = new Set(asked.map(streamKey));
    expect(keys.size).toBe(asked.length);
    expect(streamKey("revenue")).toBe(streamKey("revenue"));
  });
});

describe("offtake", () => {
  it("contracts a lab's unmet roll-over for delivery, net of what its contracts pay then, with the rental cloud", () => {
    const { ctx, ws } = startedPath(
      undefined,
      undefined,
      worldSettings("compute", { offtakeTermQuarters: [8, 8, 8] }),
    );
    const [a, b, neo] = ["lab-a", "lab-b", "neo"].map((id) => entity(ctx, id));
    const top = ctx.model.takeOrPay;
    const pool = top.ids.indexOf("offtake:lab-a:neo");
    expect(top.ids.filter((id) => id.startsWith("offtake:"))).toEqual([
      "offtake:lab-a:neo",
      "offtake:lab-b:neo",
      "offtake:hyper:neo",
    ]);
    ws.aiShortfall.fill(0);
    ws.renewalUnmet.fill(0);
    ws.powerHeadroom[neo] = 100;
    ws.contractDue[a] = 1;
    ws.renewalSpend[a] = 5;
    ws.renewalUnmet[a] = 4;
    ws.renewalUnmet[b] = 0;
    // Delivery is one quarter ahead (no build lead): lab-a's listed contracts already pay some of its target of 6.
    let contracted = 0;
    for (let c = 0; c < top.ids.length; c++)
      if (top.buyer[c] === a) contracted += scheduledPayment(ctx, c, 1);
    const payment = Math.min(4, 6 - contracted);
    expect(payment).toBeGreaterThan(0);
    rule(ws, "offtake").quarter(ctx, 0);
    expect(ws.poolPending[pool * ws.poolQuarters + 1]).toBeCloseTo(payment * 8, 12);
    expect(ws.poolPendingTotal[top.ids.indexOf("offtake:lab-b:neo")]).toBe(0);
  });
});
