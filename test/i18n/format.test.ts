import { describe, expect, it } from "vitest";
import {
  formatDate,
  formatNumber,
  formatPercent,
  formatQuarter,
  formatUsdBillions,
  formatYear,
} from "../../src/i18n/index.js";

describe("formatUsdBillions()", () => {
  it("writes Japanese money in 兆 and 億 ドル with 3 significant digits", () => {
    expect(formatUsdBillions(3400, "ja")).toBe("3.4兆ドル");
    expect(formatUsdBillions(12.5, "ja")).toBe("125億ドル");
    expect(formatUsdBillions(1234.5, "ja")).toBe("1.23兆ドル");
    expect(formatUsdBillions(144, "ja")).toBe("1,440億ドル");
    expect(formatUsdBillions(1, "ja")).toBe("10億ドル");
    expect(formatUsdBillions(0.125, "ja")).toBe("1.25億ドル");
  });

  it("moves to the larger unit where rounding reaches it, never 10,000億", () => {
    expect(formatUsdBillions(1000, "ja")).toBe("1兆ドル");
    expect(formatUsdBillions(999.96, "ja")).toBe("1兆ドル");
    expect(formatUsdBillions(999.4, "ja")).toBe("9,990億ドル");
    expect(formatUsdBillions(0.09999, "ja")).toBe("1億ドル");
    expect(formatUsdBillions(0.0999, "ja")).toBe("9,990万ドル");
  });

  it("goes below 億 to 万 and ドル, keeps the sign, and writes zero and non-finite values plainly", () => {
    expect(formatUsdBillions(0.00164, "ja")).toBe("164万ドル");
    expect(formatUsdBillions(2e-9, "ja")).toBe("2ドル");
    expect(formatUsdBillions(-12.5, "ja")).toBe("-125億ドル");
    expect(formatUsdBillions(-3400, "ja")).toBe("-3.4兆ドル");
    expect(formatUsdBillions(0, "ja")).toBe("0ドル");
    expect(formatUsdBillions(Number.NaN, "ja")).toBe("–");
    expect(formatUsdBillions(Number.POSITIVE_INFINITY, "ja")).toBe("∞");
  });

  it("leaves English money as the bare number the report has always shown", () => {
    for (const v of [3400, 12.5, 0, -0.5, Number.NaN, 1e-7])
      expect(formatUsdBillions(v, "en")).toBe(formatNumber(v));
    expect(formatUsdBillions(3400, "en")).toBe("3,400");
  });
});

describe("formatNumber() and formatPercent()", () => {
  it("round to 3 significant digits and whole percentages, the same in both languages", () => {
    expect(formatNumber(0.12345)).toBe("0.123");
    expect(formatNumber(-1234.6)).toBe("-1,235");
    expect(formatNumber(0)).toBe("0");
    expect(formatPercent(0.8)).toBe("80%");
    expect(formatPercent(0.2851)).toBe("29%");
    expect(formatPercent(0)).toBe("0%");
    expect(formatPercent(Number.NaN)).toBe("–");
  });
});

describe("quarters, years and dates", () => {
  it("write a quarter as 2026年第1四半期 in Japanese and leave it in English", () => {
    expect(formatQuarter("2026Q1", "ja")).toBe("2026年第1四半期");
    expect(formatQuarter("2035Q4", "ja")).toBe("2035年第4四半期");
    expect(formatQuarter("2026Q1", "en")).toBe("2026Q1");
    expect(formatQuarter("2026Q5", "ja")).toBe("2026Q5");
  });

  it("write years and dates with 年月日 in Japanese, unchanged in English", () => {
    expect(formatYear("2035", "ja")).toBe("2035年");
    expect(formatYear(2035, "en")).toBe("2035");
    expect(formatDate("2025-10-24", "ja")).toBe("2025年10月24日");
    expect(formatDate("2026-12-06T20:03:10.123Z", "ja")).toBe("2026年12月6日 20:03 UTC");
    expect(formatDate("2025-10-24", "en")).toBe("2025-10-24");
    expect(formatDate("soon", "ja")).toBe("soon");
  });
});
