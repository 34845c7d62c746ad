/** The market's DCF multiple and re-rating on growth (docs/economy.md §11): exact cases. */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { dcfMultiple } from "../../src/economy/dcfMultiple.js";
import { loadScenario } from "../../src/scenario/loader.js";
import { simulate } from "../../src/scenario/simulate.js";

const fixture = fileURLToPath(new URL("./fixtures/checkCases/growth-rerating.yaml", import.meta.url));
const discount = Math.log(1.09);

/** The market value path of the fixture's lab on one path, lab revenue scaled by `revenueMultiplier`. */
async function labValues(revenueMultiplier = 1): Promise<number[]> {
  const r = await simulate(await loadScenario(fixture), {
    paths: 1,
    seed: 1,
    threads: 1,
    stress: { revenueMultiplier },
  });
  return r.entities.lab.marketValue?.mean ?? [];
}
const terminal = Math.log(1.03);

describe("dcfMultiple", () => {
  it("is the geometric series x/(1 − x), x = e^(gT − r), when growth starts at the terminal rate", () => {
    const x = Math.exp(terminal - discount);
    expect(dcfMultiple(terminal, 0.3, discount, terminal)).toBeCloseTo(x / (1 - x), 10);
  });

  it("adds the first year's excess growth once when it fades in a year: e^(g − gT)·x/(1 − x)", () => {
    const x = Math.exp(terminal - discount);
    const g = Math.log(3);
    expect(dcfMultiple(g, 1, discount, terminal)).toBeCloseTo((Math.exp(g - terminal) * x) / (1 - x), 8);
  });

  it("rises with growth and with how slowly it fades", () => {
    const g = Math.log(2);
    expect(dcfMultiple(g, 0.25, discount, terminal)).toBeGreaterThan(
      dcfMultiple(g / 2, 0.25, discount, terminal),
    );
    expect(dcfMultiple(g, 0.1, discount, terminal)).toBeGreaterThan(dcfMultiple(g, 0.5, discount, terminal));
  });

  it("rejects a terminal rate at or above the discount rate, and a fade outside (0, 1]", () => {
    expect(() => dcfMultiple(0.5, 0.3, 0.05, 0.05)).toThrow(RangeError);
    expect(() => dcfMultiple(0.5, 0, 0.09, 0.03)).toThrow(RangeError);
    expect(() => dcfMultiple(0.5, 1.5, 0.09, 0.03)).toThrow(RangeError);
  });
});

describe("check case: re-rating on growth", () => {
  it("keeps the value on the priced path, the non-AI half growing 10% a year", async () => {
    const values = await labValues();
    for (const t of [1, 4, 20]) expect(values[t - 1]).toBeCloseTo(100 * (0.5 * 1.1 ** (t / 4) + 0.5), 8);
  });

  it("re-rates by D(4ĝ)/D(0) after a halving of revenue, beyond the level factor's fall", async () => {
    const values = await labValues(0.5);
    const gain = 1 - 0.5 ** (1 / 6);
    const growthGain = 1 - 0.5 ** (1 / 4);
    const level = (t: number) => 0.5 ** (1 - (1 - gain) ** t);
    // Year-on-year growth against the flat path before the start: ln(0.5)/4 a quarter for the first four quarters,
    // 0 after; the learned growth after quarter t (1-based) follows.
    const kept = 1 - growthGain;
    const learned = (t: number) =>
      (Math.log(0.5) / 4) * (t <= 4 ? 1 - kept ** t : (1 - kept ** 4) * kept ** (t - 4));
    const rerating = (t: number) =>
      dcfMultiple(4 * learned(t), 0.25, discount, terminal) / dcfMultiple(0, 0.25, discount, terminal);
    // A fade of 0.25 a year prices the learned quarterly fall as ~4 × 1/0.25 years of it: after the year of
    // halved revenue the multiple is about a third of the start's.
    expect(rerating(4)).toBeLessThan(0.35);
    for (const t of [1, 2, 4, 5, 8, 20]) {
      const value = 100 * (0.5 * 1.1 ** (t / 4) + 0.5 * level(t) * rerating(t));
      expect(values[t - 1]).toBeCloseTo(value, 8);
    }
    // The learned fall fades: by quarter 20 the multiple is back within 8% of the start's.
    expect(rerating(20)).toBeGreaterThan(0.92);
  });

  it("holds the growth it prices after a quarter in which no lab earns anything, instead of learning 0/0", async () => {
    const values = await labValues(0);
    expect(values.length).toBeGreaterThan(4);
    for (const v of values) expect(Number.isFinite(v)).toBe(true);
  });
});
