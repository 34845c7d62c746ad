import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { clearQuarter, PathWorkspace } from "../../src/economy/path.js";
import { compileScenario } from "../../src/scenario/compile.js";
import { parseScenario } from "../../src/scenario/loader.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { simulate } from "../../src/scenario/simulate.js";

const FIXTURE = fileURLToPath(new URL("./fixtures/small.yaml", import.meta.url));
const scenario = parseScenario(readFileSync(FIXTURE, "utf8"), FIXTURE);

function defaultsAtHorizon(result: Awaited<ReturnType<typeof simulate>>): number {
  return Object.values(result.entities).reduce((sum, e) => sum + (e.pDefaultByQuarter.at(-1) ?? 0), 0);
}

describe("clearQuarter()", () => {
  it("conserves money: what debtors pay is what creditors receive plus what leaves to outside creditors", () => {
    const { model } = compileScenario(scenario);
    const ws = new PathWorkspace(model);
    ws.alive.fill(1);
    ws.topSeller.set(model.takeOrPay.seller);
    // A stressed quarter: the neocloud's income falls short of its debt service, lab-a is nearly out of cash.
    ws.topDue.set([6, 2.5, 2.5]);
    ws.debtDue.set([1, 0.4, 5.2, 0.3, 0.4]);
    ws.owes.fill(0);
    ws.owed.fill(0);
    const { takeOrPay: top, debt } = model;
    top.ids.forEach((_, c) => {
      ws.owes[top.buyer[c]] += ws.topDue[c];
      ws.owed[top.seller[c]] += ws.topDue[c];
    });
    debt.ids.forEach((_, c) => {
      ws.owes[debt.borrower[c]] += ws.debtDue[c];
      ws.owed[debt.lender[c]] += ws.debtDue[c];
    });
    ws.extAssets.set([3, 9, 50, 0.5, 20, 50, 200, 300, 50, 100]);
    ws.extLiab.set([2, 1, 1, 0.3, 5, 0, 0, 0, 0, 0]);
    clearQuarter(model, ws, 0.5, 0.9);
    let paid = 0;
    let received = 0;
    let external = 0;
    for (let i = 0; i < ws.n; i++) {
      paid += ws.paidFraction[i] * (ws.owes[i] + ws.extLiab[i]);
      received += ws.received[i];
      // External (operating) liabilities rank in layer 2, pari passu with bonds and take-or-pay.
      external += ws.layerPaid[i * ws.layers + 1] * ws.extLiab[i];
    }
    expect(paid).toBeCloseTo(received + external, 10);
    const neo = model.entities.ids.indexOf("neo");
    const labA = model.entities.ids.indexOf("lab-a");
    expect(ws.newDefault[labA]).toBe(1);
    expect(ws.newDefault[neo]).toBe(1);
    expect(ws.paidFraction[labA]).toBeLessThan(1);
    // Nobody pays more than it has: payments ≤ external assets + receipts.
    for (let i = 0; i < ws.n; i++)
      expect(ws.paidFraction[i] * (ws.owes[i] + ws.extLiab[i])).toBeLessThanOrEqual(
        ws.extAssets[i] + ws.received[i] + 1e-9,
      );
  });
});

describe("clearQuarter() seniority", () => {
  it("pays the neocloud's GPU-secured loans in full before its bond and vendor financing", () => {
    const { model } = compileScenario(scenario);
    const ws = new PathWorkspace(model);
    ws.alive.fill(1);
    const { takeOrPay: top, debt } = model;
    ws.topDue.fill(0);
    // neo-loan 1 and neo-bank 0.4 (layer 1), neo-bond 5.2 and neo-vendor 0.3 (layer 2); hyper-bond 0.4.
    ws.debtDue.set([1, 0.4, 5.2, 0.3, 0.4]);
    ws.owes.fill(0);
    ws.owed.fill(0);
    debt.ids.forEach((_, c) => {
      ws.owes[debt.borrower[c]] += ws.debtDue[c];
      ws.owed[debt.lender[c]] += ws.debtDue[c];
    });
    expect(top.ids.length).toBeGreaterThan(0);
    ws.extAssets.set([3, 9, 50, 4, 20, 50, 200, 300, 50, 100]);
    ws.extLiab.set([0, 0, 0, 0.5, 0, 0, 0, 0, 0, 0]);
    clearQuarter(model, ws, 0.5, 0.9);
    const neo = model.entities.ids.indexOf("neo");
    const L = ws.layers;
    expect(ws.newDefault[neo]).toBe(1);
    // External assets 4, realised at α = 0.5 in default: 2 pays the 1.4 of layer 1 in full, and the 0.6 left
    // is shared pro rata by layer 2 (bond 5.2, vendor 0.3, external 0.5): 10%.
    expect(ws.layerPaid[neo * L]).toBe(1);
    expect(ws.layerPaid[neo * L + 1]).toBeCloseTo(0.1, 12);
    const pc = model.entities.ids.indexOf("pc");
    const hy = model.entities.ids.indexOf("hy");
    expect(ws.received[hy]).toBeCloseTo(0.52, 12);
    expect(ws.received[pc]).toBeGreaterThanOrEqual(1);
  });
});

describe("simulate()", () => {
  it("gives bit-identical results for 1 and 2 threads with the same seed", async () => {
    const options = { paths: 240, seed: 11, chunkSize: 60, keepPaths: true };
    const one = await simulate(scenario, { ...options, threads: 1 });
    const two = await simulate(scenario, { ...options, threads: 2 });
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
    expect(one.pathSummaries).toHaveLength(240);
    const other = await simulate(scenario, { ...options, seed: 12, threads: 1 });
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(one));
  });

  it("never has more defaults with more revenue (common random numbers)", async () => {
    const counts: number[] = [];
    for (const revenueMultiplier of [0.4, 0.6, 0.8, 1, 1.5]) {
      const result = await simulate(scenario, {
        paths: 150,
        seed: 3,
        threads: 1,
        stress: { revenueMultiplier },
      });
      counts.push(defaultsAtHorizon(result));
    }
    for (let k = 1; k < counts.length; k++) expect(counts[k]).toBeLessThanOrEqual(counts[k - 1]);
    expect(counts[0]).toBeGreaterThan(counts.at(-1) as number);
  });

  it("has no defaults and no losses without shocks, with ample revenue and open markets", async () => {
    const calm: Scenario = structuredClone(scenario);
    calm.events = [];
    const fixed = (value: number, reason: string) => ({
      value,
      assumption: true as const,
      range: [value, value] as [number, number],
      reason,
    });
    calm.world.market.expectationHalfLifeQuarters = fixed(1e9, "the valuation never moves");
    calm.world.market.noise = fixed(0, "no shocks");
    calm.world.credit.maxRefinancingEdf = fixed(1, "markets always open");
    calm.world.capability.noise = { value: 0, assumption: true, range: [0, 0], reason: "no shocks" };
    const result = await simulate(calm, {
      paths: 100,
      seed: 5,
      threads: 1,
      stress: { revenueMultiplier: 3 },
      // The calm world at its point values: drawing its assumptions across their ranges is itself a shock.
      uncertainty: "point",
    });
    expect(defaultsAtHorizon(result)).toBe(0);
    for (const loss of Object.values(result.losses)) expect(loss.total).toBe(0);
    expect(result.revenue.p50.at(-1)).toBeGreaterThan(result.revenue.p50[0]);
  });

  it("reports the outputs the issue asks for, per entity and quarter", async () => {
    const result = await simulate(scenario, { paths: 50, seed: 1, threads: 1 });
    expect(result.quarters).toHaveLength(16);
    expect(result.quarters[0]).toBe("2026Q1");
    expect(Object.keys(result.entities.neo.pDefaultByYear)).toEqual(["2026", "2027", "2028", "2029"]);
    expect(result.entities.hyper.cash.p50).toHaveLength(16);
    expect(Object.keys(result.losses)).toContain("private-credit");
    expect(Object.keys(result.losses.external)).toEqual([
      "direct",
      "clearing",
      "defaultCost",
      "fireSale",
      "markToMarket",
      "total",
      "totalP95",
      "byQuarter",
    ]);
    for (const q of [result.capability, result.powerGw, result.strandedGw, result.gap]) {
      expect(q.p05[15]).toBeLessThanOrEqual(q.p50[15]);
      expect(q.p50[15]).toBeLessThanOrEqual(q.p95[15]);
    }
    // Probability of default is a non-decreasing function of time.
    for (const e of Object.values(result.entities))
      for (let t = 1; t < 16; t++)
        expect(e.pDefaultByQuarter[t]).toBeGreaterThanOrEqual(e.pDefaultByQuarter[t - 1]);
  });
});
