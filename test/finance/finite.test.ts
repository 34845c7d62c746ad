import { describe, expect, it } from "vitest";
import { clear } from "../../src/finance/clearing/index.js";
import { debtRank } from "../../src/finance/debtrank/index.js";
import { allFinite, NON_FINITE } from "../../src/finance/finite.js";
import { fireSaleEquilibria, jointFireSaleEquilibria } from "../../src/finance/firesale/index.js";
import { systemicImportance } from "../../src/finance/importance/index.js";
import { accountLosses } from "../../src/finance/losses/index.js";
import { compileNetwork } from "../../src/finance/network.js";

// A library caller can build what a file may not hold (the parser bounds amounts at 1e15): two debts of 1e308
// owed to C sum to Infinity.
const overflowing = compileNetwork({
  nodes: [
    { id: "A", externalAssets: 1, buffer: 0 },
    { id: "B", externalAssets: 1e308, buffer: 0 },
    { id: "C", buffer: 0 },
  ],
  liabilities: [
    { from: "A", to: "C", amount: 1e308 },
    { from: "B", to: "C", amount: 1e308 },
  ],
});

describe("the non-finite guard", () => {
  it("allFinite() spots NaN and ±Infinity", () => {
    expect(allFinite(Float64Array.of(0, -1e308, 5e-324))).toBe(true);
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])
      expect(allFinite([1, bad, 2])).toBe(false);
  });

  it("turns an overflowing Eisenberg–Noe or Rogers–Veraart clearing into converged: false, non-finite", () => {
    for (const model of ["en", "rv"] as const) {
      const report = clear(overflowing, { model, alpha: 0.5, beta: 0.5 });
      expect(report.equity[2]).toBe(Number.POSITIVE_INFINITY);
      expect([report.converged, report.reason]).toEqual([false, NON_FINITE]);
    }
  });

  it("lets every model report converged only with finite payments and equity", () => {
    for (const model of ["en", "rv", "furfine", "elsinger", "xos"] as const) {
      const report = clear(overflowing, { model });
      const finite = allFinite(report.payments) && allFinite(report.equity);
      expect(report.converged && !finite).toBe(false);
    }
  });

  it("flags losses and importance that overflow", () => {
    const account = accountLosses(overflowing, Float64Array.of(0, 1e308, 0));
    expect(Number.isFinite(account.systemLoss)).toBe(false);
    expect(account.converged).toBe(false);
    expect(systemicImportance(overflowing).map((x) => x.converged)).toEqual([false, false, false]);
  });

  it("keeps DebtRank and fire sales finite where a zero buffer makes the impact infinite", () => {
    const result = debtRank(overflowing, Float64Array.of(1, 0, 0));
    expect(Array.from(result.h)).toEqual([1, 0, 1]);
    expect([result.converged, result.additionalStress]).toEqual([true, 1 / 3]);
    const sellers = compileNetwork({
      nodes: [{ id: "A", externalAssets: 1e308, equity: 1e308, marketable: 1e308, illiquid: 1e308 }],
      leverageThreshold: 1,
      priceImpact: { kind: "linear", k: 1e300 },
    });
    const fire = fireSaleEquilibria(sellers);
    expect([fire.lower.converged, fire.lower.discount]).toEqual([true, 1]);
    const joint = jointFireSaleEquilibria(sellers);
    expect(Number.isFinite(joint.lower.discount) && Number.isFinite(joint.lower.quantitySold)).toBe(true);
  });
});
