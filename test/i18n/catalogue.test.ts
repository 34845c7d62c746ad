import { describe, expect, it } from "vitest";
import { catalogue, catalogueKeys, LANGUAGES, translator } from "../../src/i18n/index.js";

describe("catalogues", () => {
  it("every language has exactly the English keys", () => {
    const keys = catalogueKeys(catalogue("en"));
    expect(keys.length).toBeGreaterThan(0);
    // Every section is covered: the analysis commands' (trend, bend, sensitivity, sweep, fit, debtrank) and the
    // other commands' (backtest, index, clear, firesale, importance, optimal, pca, scenario) too.
    for (const section of ["report", "cli", "cliAnalysis", "cliMore", "app"])
      expect(keys.filter((key) => key.startsWith(`${section}.`)).length, section).toBeGreaterThan(10);
    for (const lang of LANGUAGES) expect(catalogueKeys(catalogue(lang))).toEqual(keys);
  });

  it("every string is non-empty and keeps the English placeholders", () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const en = translator("en");
    for (const lang of LANGUAGES) {
      const t = translator(lang);
      for (const key of catalogueKeys(catalogue("en"))) {
        const text = t(key as Parameters<typeof t>[0]);
        expect(text.trim(), `${lang} ${key}`).not.toBe("");
        expect(placeholders(text), `${lang} ${key}`).toEqual(
          placeholders(en(key as Parameters<typeof t>[0])),
        );
      }
    }
  });

  it("fills parameters and rejects an unknown key", () => {
    const t = translator("en");
    expect(t("report.title")).toMatch(/wall/);
    expect(() => t("report.nope" as never)).toThrow(RangeError);
  });
});
