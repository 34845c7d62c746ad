import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cdsImpliedDefault, creditChecks, loadCdsQuotes } from "../../src/calibration/creditMarket.js";
import type { Scenario } from "../../src/scenario/schema.js";
import type { SimulationResult } from "../../src/scenario/simulate.js";
import { InputError } from "../../src/util/errors.js";
import { wilsonInterval } from "../../src/util/wilsonInterval.js";

describe("cdsImpliedDefault()", () => {
  it("compounds the credit triangle's intensity, spread ÷ loss given default, over the risk premium", () => {
    // 600 bps at a 60% loss: 10% a year risk-neutral, 5% real-world at a premium of 2; five years: 1 − e^−0.25.
    expect(cdsImpliedDefault(0.06, 0.6, 2, 5)).toBeCloseTo(1 - Math.exp(-0.25), 15);
    expect(cdsImpliedDefault(0.06, 0.6, 1, 1)).toBeCloseTo(1 - Math.exp(-0.1), 15);
    expect(cdsImpliedDefault(0, 0.6, 2, 5)).toBe(0);
    expect(cdsImpliedDefault(0.06, 0.6, 2, 0)).toBe(0);
    // Less loss or less premium in the spread: more default.
    expect(cdsImpliedDefault(0.06, 0.4, 2, 5)).toBeGreaterThan(cdsImpliedDefault(0.06, 0.6, 2, 5));
    expect(cdsImpliedDefault(0.06, 0.6, 1.5, 5)).toBeGreaterThan(cdsImpliedDefault(0.06, 0.6, 2, 5));
  });

  it("refuses a negative spread, a loss outside (0, 1], a premium under 1 and negative years", () => {
    expect(() => cdsImpliedDefault(-0.01, 0.6, 2, 5)).toThrow(RangeError);
    expect(() => cdsImpliedDefault(0.06, 0, 2, 5)).toThrow(RangeError);
    expect(() => cdsImpliedDefault(0.06, 1.2, 2, 5)).toThrow(RangeError);
    expect(() => cdsImpliedDefault(0.06, 0.6, 0.5, 5)).toThrow(RangeError);
    expect(() => cdsImpliedDefault(0.06, 0.6, 2, -1)).toThrow(RangeError);
  });
});

describe("wilsonInterval()", () => {
  it("gives Wilson's 95% score interval, inside [0, 1] and not empty at 0", () => {
    const [lo, hi] = wilsonInterval(0.5, 100);
    expect(lo).toBeCloseTo(0.4038, 4);
    expect(hi).toBeCloseTo(0.5962, 4);
    const [lo0, hi0] = wilsonInterval(0, 1000);
    expect(lo0).toBe(0);
    expect(hi0).toBeCloseTo(1.96 ** 2 / (1000 + 1.96 ** 2), 12);
    expect(wilsonInterval(1, 10)[1]).toBe(1);
    expect(() => wilsonInterval(0.5, 0)).toThrow(RangeError);
  });
});

/** A 2026Q1 scenario whose credit pricing has the given points and ranges, and a run of 1,000 paths. */
const scenario = {
  start: "2026Q1",
  world: {
    credit: {
      lossGivenDefault: { value: 0.6, assumption: true, range: [0.4, 0.75], reason: "r" },
      riskPremium: { value: 2, assumption: true, range: [1.5, 3], reason: "r" },
    },
  },
} as unknown as Scenario;
const run = (p: number): SimulationResult =>
  ({ paths: 1000, entities: { cloud: { pDefaultByYear: { "2030": p } } } }) as unknown as SimulationResult;
const quote = {
  entity: "cloud",
  year: 2030,
  spreadBps: 600,
  date: "2025-12-05",
  source: { key: "cds-2025", locator: "l" },
};

describe("creditChecks()", () => {
  it("reads a start's CDS quote to the year's end with the scenario's own loss and premium, their ranges the band", () => {
    const [check] = creditChecks(scenario, run(0.2), { "2026Q1": [quote] });
    expect(check.years).toBe(5);
    expect(check.implied).toBeCloseTo(cdsImpliedDefault(0.06, 0.6, 2, 5), 15);
    expect(check.band[0]).toBeCloseTo(cdsImpliedDefault(0.06, 0.75, 3, 5), 15);
    expect(check.band[1]).toBeCloseTo(cdsImpliedDefault(0.06, 0.4, 1.5, 5), 15);
    expect(check).toMatchObject({ pDefault: 0.2, inside: true, undecided: false, source: "cds-2025" });
    expect(check.pDefaultLow).toBeLessThan(0.2);
    expect(check.pDefaultHigh).toBeGreaterThan(0.2);
  });

  it("calls a simulated probability at the band's edge undecided, and one far from it outside", () => {
    const [lo] = creditChecks(scenario, run(0.2), { "2026Q1": [quote] })[0].band;
    expect(creditChecks(scenario, run(lo - 0.01), { "2026Q1": [quote] })[0]).toMatchObject({
      inside: false,
      undecided: true,
    });
    expect(creditChecks(scenario, run(0), { "2026Q1": [quote] })[0]).toMatchObject({
      inside: false,
      undecided: false,
    });
  });

  it("leaves out quotes of another start, of an entity the run lacks and of a year past its horizon", () => {
    expect(creditChecks(scenario, run(0.2), { "2023Q1": [quote] })).toEqual([]);
    expect(creditChecks(scenario, run(0.2), { "2026Q1": [{ ...quote, entity: "nobody" }] })).toEqual([]);
    expect(creditChecks(scenario, run(0.2), { "2026Q1": [{ ...quote, year: 2040 }] })).toEqual([]);
  });
});

describe("loadCdsQuotes()", () => {
  it("reads the package's quotes, each with its source", () => {
    const quotes = loadCdsQuotes();
    expect(quotes["2026Q1"].map((q) => q.entity).sort()).toEqual(["coreweave", "oracle"]);
    for (const q of quotes["2026Q1"]) expect(q.source.key).toBe("cds-2025");
  });

  it("names the file and field of a malformed quote", () => {
    const file = join(mkdtempSync(join(tmpdir(), "wallcast-cds-")), "credit.yaml");
    writeFileSync(
      file,
      '2026Q1:\n  - {entity: x, year: 2030, spreadBps: -5, date: "2025-12-05", source: {key: k, locator: l}}\n',
    );
    expect(() => loadCdsQuotes(file)).toThrow(InputError);
    expect(() => loadCdsQuotes(file)).toThrow(/2026Q1\[0\]\.spreadBps|spreadBps/);
  });
});
