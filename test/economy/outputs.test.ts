/** The per-entity output series and their calendar-year and per-holder aggregates, checked on one path. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { LOSS_KINDS, LOSS_PARTS } from "../../src/economy/kinds.js";
import {
  annualCell,
  BINS,
  binByAsinh,
  binOf,
  createAccumulator,
  endPath,
  entitySeriesIndex,
  mergeCounts,
  mergeInto,
  mergeSums,
  record,
  recordAnnual,
  recordAnnualEntities,
  recordEntities,
  seriesCount,
  settle,
  takeSums,
} from "../../src/economy/outputs.js";
import { PathWorkspace, runPath } from "../../src/economy/path.js";
import { compileScenario } from "../../src/scenario/compile.js";
import { parseScenario } from "../../src/scenario/loader.js";
import { simulate } from "../../src/scenario/simulate.js";
import { randomStream, streamKey } from "../../src/util/random.js";

const FIXTURE = fileURLToPath(new URL("./fixtures/small.yaml", import.meta.url));
const small = parseScenario(readFileSync(FIXTURE, "utf8"), FIXTURE);

/**
 * `count` paths of the small fixture (2026Q1, 16 quarters) at its central parameters with lab revenue cut to a
 * tenth (so entities default and creditors lose on some paths), into one fresh accumulator.
 */
function paths(count: number) {
  const { model, parameters } = compileScenario(small);
  const acc = createAccumulator(model.entities.ids.length, model.quarters, model.startQuarterOfYear);
  const ws = new PathWorkspace(model);
  for (let path = 0; path < count; path++) {
    const streams = (rule: string) => randomStream(3, path, 0, streamKey(rule));
    runPath(model, parameters.central, streams, ws, acc, { revenueMultiplier: 0.1 });
  }
  settle(acc);
  return { model, acc };
}

/** The histogram bin holding the one path's count; an exact zero is not written, so an empty cell is zero's bin. */
function filledBin(hist: Int32Array, at: number): number {
  for (let b = 0; b < BINS; b++) if (hist[at + b] === 1) return b;
  return binOf(0);
}

describe("entity outputs on one path", () => {
  const { model, acc } = paths(1);
  const n = model.entities.ids.length;
  const quarterly = (name: "revenue" | "capex" | "debt", i: number, t: number) =>
    acc.sum[entitySeriesIndex(name, n, i) * acc.quarters + t];

  it("records each calendar year's revenue and capex as the sum of its four quarters", () => {
    expect(acc.years).toBe(4);
    for (let i = 0; i < n; i++)
      for (let y = 0; y < acc.years; y++) {
        let revenue = 0;
        let capex = 0;
        for (let q = 0; q < 4; q++) {
          revenue += quarterly("revenue", i, 4 * y + q);
          capex += quarterly("capex", i, 4 * y + q);
        }
        expect(filledBin(acc.annualHist, annualCell(acc, "revenue", i, y))).toBe(binOf(revenue));
        expect(filledBin(acc.annualHist, annualCell(acc, "capex", i, y))).toBe(binOf(capex));
      }
  });

  it("records each year's closing debt as the debt outstanding at its last quarter", () => {
    for (let i = 0; i < n; i++)
      for (let y = 0; y < acc.years; y++)
        expect(filledBin(acc.annualHist, annualCell(acc, "debt", i, y))).toBe(
          binOf(quarterly("debt", i, 4 * y + 3)),
        );
  });

  it("gives the neocloud its contract receipts as revenue and its loans as debt", () => {
    const neo = model.entities.ids.indexOf("neo");
    expect(quarterly("revenue", neo, 0)).toBeGreaterThan(0);
    // 10 + 3 of GPU loans, a 5 bond and 2 of vendor financing at the start, less the first quarter's amortisation.
    expect(quarterly("debt", neo, 0)).toBeLessThan(20);
    expect(quarterly("debt", neo, 0)).toBeGreaterThan(18);
  });

  it("splits every creditor loss of a kind among that kind's entities exactly", () => {
    const { acc } = paths(40);
    let total = 0;
    for (let k = 0; k < acc.holderLossSum.length; k++) total += acc.holderLossSum[k];
    expect(total).toBeGreaterThan(0.5);
    for (let p = 0; p < LOSS_PARTS.length; p++) {
      let byEntity = 0;
      for (let i = 0; i < n; i++) byEntity += acc.holderLossSum[i * LOSS_PARTS.length + p];
      let byKind = 0;
      LOSS_KINDS.forEach((kind, k) => {
        if (kind === "external") return;
        for (let t = 0; t < acc.quarters; t++)
          byKind += acc.lossSum[(k * LOSS_PARTS.length + p) * acc.quarters + t];
      });
      expect(byEntity).toBeCloseTo(byKind, 9);
    }
  });
});

describe("simulate()'s entity outputs", () => {
  it("gives every entity revenue, capex and debt fans, calendar-year quantiles and its losses as a holder", async () => {
    const result = await simulate(small, {
      paths: 40,
      seed: 2,
      threads: 1,
      stress: { revenueMultiplier: 0.1 },
    });
    const neo = result.entities.neo;
    expect(neo.revenue.p50).toHaveLength(16);
    expect(Object.keys(neo.byYear.revenueUsdB)).toEqual(["2026", "2027", "2028", "2029"]);
    const y = neo.byYear.debtUsdB["2026"];
    expect(y.p05).toBeLessThanOrEqual(y.p50);
    expect(y.p50).toBeLessThanOrEqual(y.p95);
    expect(Object.keys(result.lossesByHolder).sort()).toEqual(Object.keys(result.entities).sort());
    const kinds = new Map(Object.entries(result.entities).map(([id, e]) => [id, e.kind]));
    expect(result.losses["hy-fund"].total).toBeGreaterThan(0.1);
    for (const kind of ["bank", "private-credit", "hy-fund", "equity-holder", "hyperscaler"]) {
      let sum = 0;
      for (const [id, loss] of Object.entries(result.lossesByHolder))
        if (kinds.get(id) === kind) sum += loss.total;
      expect(sum).toBeCloseTo(result.losses[kind].total, 9);
    }
  });
});

describe("the accumulator's batched binning", () => {
  it("gives the histograms and sums of recording path by path, over several batches and a merge", () => {
    const values = (p: number, cell: number) => (p % 7 === 0 ? 0 : Math.sin(p * 31 + cell) * 10 ** (p % 5));
    // Path by path into `directs`, batched into `chunks`; chunk 0 holds paths 0-39, chunk 1 paths 40-74.
    const directs = [createAccumulator(2, 3), createAccumulator(2, 3)];
    const cells = seriesCount(2) * 3;
    const chunks = [createAccumulator(2, 3), createAccumulator(2, 3)];
    for (let p = 0; p < 75; p++) {
      const acc = chunks[p < 40 ? 0 : 1];
      const direct = directs[p < 40 ? 0 : 1];
      for (let cell = 0; cell < cells; cell++) {
        const v = values(p, cell);
        record(acc, Math.floor(cell / 3), cell % 3, v);
        if (v !== 0) direct.hist[cell * BINS + binOf(v)]++;
        direct.sum[cell] += v;
      }
      recordAnnual(acc, 1, 1, 0, values(p, -1));
      if (values(p, -1) !== 0) direct.annualHist[annualCell(direct, "capex", 1, 0) + binOf(values(p, -1))]++;
      endPath(acc);
    }
    mergeInto(chunks[0], chunks[1]);
    mergeInto(directs[0], directs[1]);
    const direct = directs[0];
    expect(chunks[0].pending).toHaveLength(0);
    expect(chunks[0].hist).toEqual(direct.hist);
    expect(chunks[0].annualHist).toEqual(direct.annualHist);
    // The same additions in the same order: equal to the last bit.
    expect(Array.from(chunks[0].sum)).toEqual(Array.from(direct.sum));
  });

  it("gives the bits of one accumulator per chunk when chunks share one accumulator's counts and keep their sums apart", () => {
    const { model, parameters } = compileScenario(small);
    const make = () =>
      createAccumulator(model.entities.ids.length, model.quarters, model.startQuarterOfYear, 3);
    const ws = new PathWorkspace(model);
    const theta = parameters.central;
    const run = (acc: ReturnType<typeof make>, first: number, count: number) => {
      for (let path = first; path < first + count; path++)
        runPath(
          model,
          theta,
          (rule) => randomStream(5, path, 0, streamKey(rule)),
          ws,
          acc,
          { revenueMultiplier: 0.1 },
          path,
          true,
        );
      settle(acc);
      return acc;
    };
    // Three chunks of 7, 5 and 9 paths: one accumulator each, merged in order, against one shared accumulator.
    const sizes = [7, 5, 9];
    const firsts = [0, 7, 12];
    const separate = sizes.map((count, k) => run(make(), firsts[k], count));
    for (let k = 1; k < 3; k++) mergeInto(separate[0], separate[k]);
    const shared = make();
    const sums = sizes.map((count, k) => takeSums(run(shared, firsts[k], count)));
    expect(Array.from(shared.sum).every((v) => v === 0)).toBe(true);
    for (const chunk of sums) mergeSums(shared, chunk);
    const total = make();
    mergeCounts(total, shared);
    for (const key of [
      "hist",
      "annualHist",
      "deadBy",
      "lossTotalHist",
      "holderLossTotalHist",
      "defaultCause",
    ] as const)
      expect(total[key]).toEqual(separate[0][key]);
    expect(total.paths).toBe(21);
    // Losses on some paths, so the sums compared below are not all zeros.
    expect(shared.lossSum.some((v) => v > 0)).toBe(true);
    expect(Array.from(shared.sum)).toEqual(Array.from(separate[0].sum));
    expect(Array.from(shared.lossSum)).toEqual(Array.from(separate[0].lossSum));
    expect(Array.from(shared.holderLossSum)).toEqual(Array.from(separate[0].holderLossSum));
    expect(shared.summaries.map((s) => s.path)).toEqual(Array.from({ length: 21 }, (_, p) => p));
    expect(shared.summaries).toEqual(separate[0].summaries);
  });

  it("refuses to add the sums of an accumulator of another shape", () => {
    const sums = takeSums(createAccumulator(2, 3));
    expect(() => mergeSums(createAccumulator(2, 4), sums)).toThrow(RangeError);
  });

  it("records a whole entity series as recording it value by value", () => {
    const one = createAccumulator(3, 4, 0);
    const whole = createAccumulator(3, 4, 0);
    const values = Float64Array.from([1.5, 0, -2]);
    const series = entitySeriesIndex("revenue", 3, 0);
    values.forEach((v, i) => {
      record(one, series + i, 2, v);
      recordAnnual(one, 3, i, 0, v);
    });
    recordEntities(whole, series, 2, values);
    recordAnnualEntities(whole, 3, 0, values);
    expect(Array.from(whole.pending)).toEqual(Array.from(one.pending));
  });
});

describe("binOf", () => {
  it("bins as asinh does, at and around every edge and across magnitudes", () => {
    const mismatches: number[] = [];
    const check = (x: number) => {
      if (binOf(x) !== binByAsinh(x)) mismatches.push(x);
    };
    // Every edge sinh(j·WIDTH) (WIDTH = 12/160) and the doubles within 300 ulps of it, both signs.
    const word = new Float64Array(1);
    const bits = new BigInt64Array(word.buffer);
    for (let j = 0; j <= 162; j++) {
      word[0] = Math.sinh((j * 12) / 160);
      const edge = bits[0];
      for (let d = -300n; d <= 300n; d++) {
        bits[0] = edge + d;
        check(word[0]);
        check(-word[0]);
      }
      // And at relative distances from 1e-16 to 3e-2 on either side.
      const at = Math.sinh((j * 12) / 160);
      for (let k = 2; k <= 16; k++)
        for (const r of [10 ** -k, 3 * 10 ** -k, -(10 ** -k), -3 * 10 ** -k]) {
          check(at * (1 + r));
          check(-at * (1 + r));
        }
    }
    // Each sixteenth of each octave the table covers, and far beyond.
    for (let e = -1074; e <= 1023; e++)
      for (let m = 0; m < 32; m++) {
        const x = 2 ** e * (1 + m / 32);
        check(x);
        check(-x);
      }
    const rng = randomStream(7);
    for (let k = 0; k < 200_000; k++) check((rng.uniform() - 0.5) * 10 ** (12 * rng.uniform() - 4));
    for (const x of [0, -0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.MIN_VALUE])
      check(x);
    expect(mismatches).toEqual([]);
  });
});
