import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../src/data/csv.js";
import { doublingMonths, growthPerYear } from "../../src/forecast/growth.js";
import { fitLine, predictLine, slopeInterval } from "../../src/forecast/linearTrend.js";
import { parseFrontierRule, selectTrendPoints, type TrendPoint } from "../../src/forecast/selection.js";
import { analyseTrend } from "../../src/forecast/trend.js";
import { InputError } from "../../src/util/errors.js";
import { randomStream } from "../../src/util/random.js";

describe("fitLine()", () => {
  it("fits y = 1 + 2x with residuals ±1 exactly: slope, SE, R², interval", () => {
    // x = 0..3, y = 1 + 2x + (+1, −1, −1, +1): the residuals are orthogonal to 1 and x.
    const fit = fitLine([0, 1, 2, 3], [2, 2, 4, 8]);
    expect(fit.slope).toBeCloseTo(2, 14);
    expect(fit.interceptAtCenter).toBeCloseTo(1 + 2 * 1.5, 14);
    expect(fit.sse).toBeCloseTo(4, 13);
    expect(fit.residualSd).toBeCloseTo(Math.sqrt(2), 13);
    expect(fit.slopeStdError).toBeCloseTo(Math.sqrt(2 / 5), 13);
    // SST = Σ(y − 4)² = 4 + 4 + 0 + 16 = 24.
    expect(fit.r2).toBeCloseTo(1 - 4 / 24, 13);
    // t(0.95, 2) = 2.919985580353724.
    const [lo, hi] = slopeInterval(fit, 0.9);
    expect(hi - 2).toBeCloseTo(2.919985580353724 * Math.sqrt(2 / 5), 11);
    expect(2 - lo).toBeCloseTo(hi - 2, 12);
  });

  it("gives prediction intervals wider than confidence intervals, narrowest at the mean x", () => {
    const fit = fitLine([0, 1, 2, 3], [2, 2, 4, 8]);
    const mid = predictLine(fit, 1.5);
    const far = predictLine(fit, 10);
    expect(mid.fit).toBeCloseTo(4, 13);
    expect(mid.hi - mid.lo).toBeLessThan(far.hi - far.lo);
    expect(far.predHi - far.predLo).toBeGreaterThan(far.hi - far.lo);
  });

  it("rejects too few points, constant x and non-finite values", () => {
    expect(() => fitLine([1, 2], [1, 2])).toThrow(RangeError);
    expect(() => fitLine([1, 1, 1], [1, 2, 3])).toThrow(RangeError);
    expect(() => fitLine([1, 2, Number.NaN], [1, 2, 3])).toThrow(RangeError);
    expect(() => fitLine([1, 2, 3], [1, Number.POSITIVE_INFINITY, 3])).toThrow(RangeError);
  });

  it("is unchanged in slope by shifting dates and shifts its intercept with log scale (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 6, maxLength: 30 }),
        fc.double({ min: -3000, max: 3000, noNaN: true }),
        fc.double({ min: -20, max: 20, noNaN: true }),
        (noise, shift, lift) => {
          const x = noise.map((_, i) => 2000 + i * 0.37);
          const y = noise.map((e, i) => 0.5 * x[i] + e);
          const base = fitLine(x, y);
          const moved = fitLine(
            x.map((v) => v + shift),
            y.map((v) => v + lift),
          );
          expect(moved.slope).toBeCloseTo(base.slope, 8);
          expect(moved.sse).toBeCloseTo(base.sse, 6);
        },
      ),
      { seed: 42, numRuns: 100 },
    );
  });
});

describe("growthPerYear() and doublingMonths()", () => {
  it("convert OOM/yr to ×/yr and months to double", () => {
    expect(growthPerYear(1)).toBe(10);
    expect(growthPerYear(Math.log10(2))).toBeCloseTo(2, 14);
    expect(doublingMonths(Math.log10(2))).toBeCloseTo(12, 12);
    expect(doublingMonths(-Math.log10(2))).toBeCloseTo(-12, 12);
    expect(doublingMonths(0)).toBe(Number.POSITIVE_INFINITY);
  });
});

function points(x: number[], y: number[]): TrendPoint[] {
  return x.map((year, i) => ({
    model: `m${i}`,
    date: "",
    year,
    value: 10 ** y[i],
    log10: y[i],
    line: i + 2,
  }));
}

describe("analyseTrend()", () => {
  it("recovers a known slope of 0.5 OOM/yr from seeded noisy data within its interval", () => {
    const rng = randomStream(7);
    const x = Array.from({ length: 400 }, (_, i) => 2010 + i / 40);
    const y = x.map((v) => 20 + 0.5 * (v - 2010) + 0.3 * rng.normal());
    const result = analyseTrend(points(x, y));
    expect(result.n).toBe(400);
    expect(result.slopeCi90[0]).toBeLessThan(0.5);
    expect(result.slopeCi90[1]).toBeGreaterThan(0.5);
    expect(result.slopeOomPerYear).toBeCloseTo(0.5, 1);
    expect(result.growthPerYear).toBeCloseTo(10 ** result.slopeOomPerYear, 12);
    expect(result.ci90[0]).toBeCloseTo(10 ** result.slopeCi90[0], 12);
    expect(result.line).toHaveLength(50);
    expect(result.points[0].t).toBe(2010);
  });

  it("finds a known discontinuous break: slopes 0.2 then 0.8 OOM/yr with a jump at 2015", () => {
    // Quarterly points; the first segment ends at 2014.75, the second starts at 2015.
    const x = Array.from({ length: 60 }, (_, i) => 2005 + i / 4);
    const y = x.map((v) => (v < 2015 ? 1 + 0.2 * (v - 2005) : 5 + 0.8 * (v - 2015)));
    const result = analyseTrend(points(x, y), { breaks: 1 });
    const brk = result.breaks![0].year;
    expect(brk).toBeGreaterThan(2014.75);
    expect(brk).toBeLessThanOrEqual(2015);
    const [a, b] = result.piecewise!.segments;
    expect(a.slopeOomPerYear).toBeCloseTo(0.2, 10);
    expect(b.slopeOomPerYear).toBeCloseTo(0.8, 10);
    expect(a.n + b.n).toBe(60);
    expect(b.n).toBe(20);
    expect(result.piecewise!.sse).toBeLessThan(1e-20);
    expect(result.piecewise!.continuous).toBe(false);
  });

  it("finds a known continuous break at 2012 exactly and its two slopes", () => {
    const x = Array.from({ length: 97 }, (_, i) => 2004 + i / 8 + 0.01);
    const y = x.map((v) => 3 + 0.3 * (v - 2004) + 0.6 * Math.max(0, v - 2012));
    const result = analyseTrend(points(x, y), { breaks: 1, continuous: true });
    expect(result.breaks![0].year).toBeCloseTo(2012, 9);
    const [a, b] = result.piecewise!.segments;
    expect(a.slopeOomPerYear).toBeCloseTo(0.3, 9);
    expect(b.slopeOomPerYear).toBeCloseTo(0.9, 9);
    expect(result.piecewise!.parameters).toBe(4);
  });

  it("finds two breaks in seeded noisy data near their true dates", () => {
    const rng = randomStream(11);
    const x = Array.from({ length: 300 }, (_, i) => 2000 + i / 12);
    const y = x.map((v) => {
      const base = v < 2008 ? 0.1 * (v - 2000) : v < 2018 ? 3 + 0.5 * (v - 2008) : 6 + 0.1 * (v - 2018);
      return base + 0.1 * rng.normal();
    });
    const result = analyseTrend(points(x, y), { breaks: 2 });
    const [b1, b2] = result.breaks!.map((b) => b.year);
    expect(Math.abs(b1 - 2008)).toBeLessThan(0.25);
    expect(Math.abs(b2 - 2018)).toBeLessThan(0.25);
    expect(result.piecewise!.bic).toBeLessThan(result.piecewise!.bicNoBreak);
  });

  it("profiles the discontinuous SSE exactly as separate least-squares fits would", () => {
    const rng = randomStream(3);
    const x = Array.from({ length: 40 }, (_, i) => 2010 + i * 0.3 + 0.05 * rng.uniform());
    const y = x.map((v) => 0.4 * v + rng.normal());
    const result = analyseTrend(points(x, y), { breaks: 1 });
    for (const { t, sse } of result.piecewise!.profile!.filter((_, i) => i % 5 === 0)) {
      const left = x.map((v, i) => [v, y[i]]).filter(([v]) => v < t);
      const right = x.map((v, i) => [v, y[i]]).filter(([v]) => v >= t);
      const brute =
        fitLine(
          left.map((p) => p[0]),
          left.map((p) => p[1]),
        ).sse +
        fitLine(
          right.map((p) => p[0]),
          right.map((p) => p[1]),
        ).sse;
      expect(sse).toBeCloseTo(brute, 9);
    }
  });

  it("rejects a break count other than 1 or 2 and too few points per segment", () => {
    const x = Array.from({ length: 12 }, (_, i) => 2000 + i);
    expect(() => analyseTrend(points(x, x), { breaks: 3 })).toThrow(RangeError);
    expect(() => analyseTrend(points(x, x), { breaks: 1, minSegmentPoints: 7 })).toThrow(RangeError);
  });
});

const CSV = [
  "Model,Publication date,Domain,Notability criteria,Training compute (FLOP),Parameters,Training compute cost (2023 USD)",
  "a,2019-01-01,Language,Highly cited,1e20,1e9,$100.00",
  "b,2019-06-01,Vision,,1e22,,",
  'c,2020-01-01,"Language,Vision",SOTA,1e21,0,"$1,000"',
  "d,2021-01-01,Language,SOTA,1e23,1e11,",
  "e,2021-01-01,Games,,5e21,,",
  "f,,Language,SOTA,1e24,,",
].join("\n");

describe("selectTrendPoints()", () => {
  const table = parseCsv(CSV, "t.csv");
  const models = (sel: { points: TrendPoint[] }) => sel.points.map((p) => p.model);

  it("keeps notable rows, matches a listed domain, and skips rows without a date", () => {
    expect(models(selectTrendPoints(table, { metric: "compute", notable: true }))).toEqual(["a", "c", "d"]);
    expect(
      models(selectTrendPoints(table, { metric: "compute", where: [{ column: "Domain", value: "Vision" }] })),
    ).toEqual(["b", "c"]);
  });

  it("applies the running top-K and within-OOM frontier by compute at release", () => {
    // Running order: a(20) b(22) c(21) d(23), e(21.7) on d's day; f has no date.
    const top1 = selectTrendPoints(table, { metric: "compute", frontier: parseFrontierRule("top:1") });
    expect(models(top1)).toEqual(["a", "b", "d"]);
    const top2 = selectTrendPoints(table, { metric: "compute", frontier: parseFrontierRule("top:2") });
    expect(models(top2)).toEqual(["a", "b", "c", "d"]);
    const within = selectTrendPoints(table, { metric: "compute", frontier: parseFrontierRule("within:1.2") });
    expect(models(within)).toEqual(["a", "b", "c", "d"]);
  });

  it("drops non-positive values, reads '$' costs, and filters dates inclusively", () => {
    const params = selectTrendPoints(table, { metric: "params" });
    expect(models(params)).toEqual(["a", "d"]);
    expect(params.counts.nonPositive).toBe(1);
    const cost = selectTrendPoints(table, { metric: "cost" });
    expect(cost.points.map((p) => p.value)).toEqual([100, 1000]);
    const dated = selectTrendPoints(table, { metric: "compute", since: 2019.5, until: 2021 });
    expect(models(dated)).toEqual(["c", "d", "e"]);
  });

  it("reports unknown columns, bad cells and bad frontier rules as InputErrors", () => {
    expect(() =>
      selectTrendPoints(table, { metric: "compute", where: [{ column: "Nope", value: "x" }] }),
    ).toThrow(InputError);
    expect(() => selectTrendPoints(table, { metric: "data" })).toThrow(/unknown column/);
    const bad = parseCsv("Model,Publication date,Parameters\nx,2020-01-01,lots\n", "b.csv");
    expect(() => selectTrendPoints(bad, { metric: "params" })).toThrow(/b\.csv:2: Parameters: not a finite/);
    const badDate = parseCsv("Model,Publication date,Parameters\nx,2020-02-30,1\n", "d.csv");
    expect(() => selectTrendPoints(badDate, { metric: "params" })).toThrow(InputError);
    for (const rule of ["top:0", "top:1.5", "within:-1", "best:3", ""]) {
      expect(() => parseFrontierRule(rule)).toThrow(InputError);
    }
  });
});
