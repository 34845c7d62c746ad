import { describe, expect, it } from "vitest";
import { loadCdsQuotes } from "../../src/calibration/creditMarket.js";
import { impliedAssetVolatility } from "../../src/calibration/impliedVolatility.js";
import { expectedDefaultFrequency } from "../../src/economy/rules/credit.js";
import { explainPath } from "../../src/scenario/explain.js";
import { loadScenario } from "../../src/scenario/loader.js";

/** The credit rule's spread of an issuer at asset volatility σ, risk premium 2 and loss given default 0.6. */
const ruleSpread = (equity: number, debt: number, sigma: number) =>
  -Math.log(1 - 2 * expectedDefaultFrequency(equity, debt, sigma) * 0.6);

describe("impliedAssetVolatility()", () => {
  it("finds the asset volatility at which the credit rule prices the debt at the spread", () => {
    for (const [equity, debt, sigma] of [
      [559, 133, 0.64],
      [33, 24, 0.47],
      [100, 300, 0.2],
    ]) {
      const result = impliedAssetVolatility(equity, debt, ruleSpread(equity, debt, sigma), 2, 0.6);
      expect(result).toMatchObject({ converged: true, reason: "tolerance" });
      expect(result.value).toBeCloseTo(sigma, 8);
      expect(result.iterations).toBeGreaterThan(30);
    }
  });

  it("rises with the spread: a riskier issuer's assets are more volatile", () => {
    const low = impliedAssetVolatility(559, 133, 0.01, 2, 0.6).value;
    const high = impliedAssetVolatility(559, 133, 0.02, 2, 0.6).value;
    expect(high).toBeGreaterThan(low);
  });

  it("has no answer without debt, without equity, or past the rule's cap on the spread", () => {
    expect(impliedAssetVolatility(100, 0, 0.01, 2, 0.6)).toMatchObject({
      converged: false,
      reason: "no debt",
    });
    expect(impliedAssetVolatility(0, 100, 0.01, 2, 0.6)).toMatchObject({
      converged: false,
      reason: "no equity",
    });
    expect(impliedAssetVolatility(100, 100, 2, 2, 0.6)).toMatchObject({
      converged: false,
      reason: "spread beyond the rule's cap",
    });
    expect(Number.isNaN(impliedAssetVolatility(100, 0, 0.01, 2, 0.6).value)).toBe(true);
  });

  it("refuses a negative spread and a premium or loss outside the rule's domain", () => {
    expect(() => impliedAssetVolatility(100, 100, -0.01, 2, 0.6)).toThrow(RangeError);
    expect(() => impliedAssetVolatility(100, 100, 0.01, 0.5, 0.6)).toThrow(RangeError);
    expect(() => impliedAssetVolatility(100, 100, 0.01, 2, 0)).toThrow(RangeError);
  });
});

describe("the default scenario's listed issuers", () => {
  it("start with their debt priced at their December 2025 5-year CDS (within 10%)", async () => {
    const scenario = await loadScenario("default");
    for (const quote of loadCdsQuotes()["2026Q1"]) {
      const story = explainPath(scenario, { entity: quote.entity, path: 0, uncertainty: "point" });
      const spreadBps = -Math.log(1 - 2 * story.quarters[0].edf * 0.6) * 10_000;
      expect(Math.abs(spreadBps / quote.spreadBps - 1), `${quote.entity}: ${spreadBps} bps`).toBeLessThan(
        0.1,
      );
    }
  });
});
