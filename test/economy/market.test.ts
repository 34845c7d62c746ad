/** Market value (docs/economy.md §11): hand-computed mark-to-market and the DeepSeek-style shock's market move. */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/scenario/loader.js";
import { simulate } from "../../src/scenario/simulate.js";

const fixture = fileURLToPath(new URL("./fixtures/checkCases/market-value.yaml", import.meta.url));

describe("check case: mark-to-market of a stake in a lab whose revenue falls short of what is priced in", () => {
  it("books no loss while revenue meets the priced-in path", async () => {
    const r = await simulate(await loadScenario(fixture), { paths: 1, seed: 1, threads: 1 });
    expect(r.entities.lab.marketValue?.mean.at(-1)).toBe(100);
    expect(r.lossesByHolder.holder.markToMarket).toBe(0);
  });

  it("marks the stake down as the valuation closes the gap to half the revenue: 10 × (1 − 0.5^(1 − ½^(20/6)))", async () => {
    const scenario = await loadScenario(fixture);
    const r = await simulate(scenario, { paths: 1, seed: 1, threads: 1, stress: { revenueMultiplier: 0.5 } });
    const gain = 1 - 0.5 ** (1 / 6);
    const valuation = (t: number) => 0.5 ** (1 - (1 - gain) ** t);
    for (const t of [1, 2, 8, 20])
      expect(r.entities.lab.marketValue?.mean[t - 1]).toBeCloseTo(100 * valuation(t), 10);
    const loss = 10 * (1 - valuation(20));
    expect(loss).toBeCloseTo(4.644, 3);
    const holder = r.lossesByHolder.holder;
    expect(holder.markToMarket).toBeCloseTo(loss, 10);
    expect(holder.total).toBeCloseTo(loss, 10);
    expect(holder.direct + holder.clearing + holder.defaultCost + holder.fireSale).toBe(0);
    // Its capital is its cash of 50.
    expect(holder.shareOfCapital).toBeCloseTo(loss / 50, 10);
    expect(r.losses["equity-holder"].markToMarket).toBeCloseTo(loss, 10);
    // The calendar-year value is read from a histogram (bins ~7.5% wide at this size, interpolated).
    const yearEnd = r.entities.lab.byYear.marketValueUsdB?.["2030"].p50 ?? Number.NaN;
    expect(Math.abs(yearEnd / (100 * valuation(20)) - 1)).toBeLessThan(0.03);
  });
});

describe("the efficiency-shock scenario", () => {
  it("lowers NVIDIA's market value in the shock quarter against the default, about as much as 27 Jan 2025 (−17%)", async () => {
    const options = { paths: 200, seed: 1, threads: 1 };
    const base = await simulate(await loadScenario("default"), options);
    const shock = await simulate(await loadScenario("efficiency-shock"), options);
    const q = base.quarters.indexOf("2026Q3");
    const before = shock.entities.nvidia.marketValue?.mean[q - 1] ?? Number.NaN;
    expect(before).toBe(base.entities.nvidia.marketValue?.mean[q - 1]);
    const move =
      (shock.entities.nvidia.marketValue?.mean[q] ?? Number.NaN) /
        (base.entities.nvidia.marketValue?.mean[q] ?? Number.NaN) -
      1;
    // The scenario's shock (efficiency ×3–20, a 90% price cut on 40% of revenue, elasticity 0.6) moves it by
    // −27%: the compute the competed segment buys falls to m^(ε − 1) ≈ 0.39 of what it was.
    expect(move).toBeLessThan(-0.1);
    expect(move).toBeGreaterThan(-0.35);
  });
});
