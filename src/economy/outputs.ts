/**
 * Streaming aggregation of Monte Carlo paths: fixed histograms (in asinh space, with an exact-zero bin) for
 * quantiles, sums for means, counts for default probabilities. Merging two accumulators is addition, so the
 * result does not depend on how paths were split over threads — only on the chunking, which is fixed.
 */
import { LOSS_KINDS, LOSS_PARTS } from "./kinds.js";

/** Path-level series recorded every quarter besides each entity's cash and equity. */
export const GLOBAL_SERIES = [
  "revenue",
  "computeSpend",
  "gap",
  "strandedGw",
  "powerGw",
  "capability",
  "sentiment",
  "gpuPrice",
] as const;
export type GlobalSeries = (typeof GLOBAL_SERIES)[number];

const HALF = 160;
/** Bins per histogram: HALF negative, one for exact zero, HALF positive. */
export const BINS = 2 * HALF + 1;
/** asinh(x) is binned on [−SPAN, SPAN]: |x| up to ~8e4 usdB resolves; beyond, the edge bins collect. */
const SPAN = 12;
const WIDTH = SPAN / HALF;

/** Histogram bin of `x`. */
export function binOf(x: number): number {
  if (x === 0 || Number.isNaN(x)) return HALF;
  const v = Math.asinh(x);
  if (v > 0) return Math.min(BINS - 1, HALF + 1 + Math.floor(v / WIDTH));
  return Math.max(0, HALF - 1 - Math.floor(-v / WIDTH));
}

/** The `q`-quantile of the histogram `counts[offset … offset+BINS−1]`, interpolated within its bin. */
export function histogramQuantile(counts: Int32Array, offset: number, q: number): number {
  let total = 0;
  for (let b = 0; b < BINS; b++) total += counts[offset + b];
  if (total === 0) return Number.NaN;
  const target = q * total;
  let below = 0;
  for (let b = 0; b < BINS; b++) {
    const c = counts[offset + b];
    if (c > 0 && below + c >= target) {
      if (b === HALF) return 0;
      const f = Math.min(1, Math.max(0, (target - below) / c));
      const lower = b > HALF ? (b - HALF - 1) * WIDTH : -(HALF - b) * WIDTH;
      return Math.sinh(lower + f * WIDTH);
    }
    below += c;
  }
  return Math.sinh(SPAN);
}

/** One path's headline numbers, kept when `keepPaths` is asked. */
export interface PathSummary {
  /** Global path index (chunk × chunk size + i). */
  path: number;
  /** Entity id → quarter label of its default, for entities that defaulted. */
  defaults: Record<string, string>;
  /** Frontier capability at the horizon, index points above the start. */
  capabilityEnd: number;
  /** Lab revenue in the last quarter, usdB/quarter. */
  revenueEnd: number;
  /** Total losses over the horizon by loss kind, usdB. */
  losses: Record<string, number>;
}

/** Accumulated results of a chunk of paths (plain typed arrays, so it crosses worker threads cheaply). */
export interface Accumulator {
  /** Entities. */
  n: number;
  /** Quarters. */
  quarters: number;
  /** Paths accumulated. */
  paths: number;
  /** Histogram per (series, quarter): series = cash of entity i (i), equity (n + i), global g (2n + g). */
  hist: Int32Array;
  /** Sum over paths per (series, quarter). */
  sum: Float64Array;
  /** Paths on which entity i has defaulted by the end of quarter t: [i·T + t]. */
  deadBy: Int32Array;
  /** Sum over paths of losses in quarter t: [((kind·4 + part)·T) + t], usdB. */
  lossSum: Float64Array;
  /** Histogram per loss kind of the path's total loss over the horizon. */
  lossTotalHist: Int32Array;
  summaries: PathSummary[];
}

export function seriesCount(n: number): number {
  return 2 * n + GLOBAL_SERIES.length;
}

export function createAccumulator(n: number, quarters: number): Accumulator {
  const s = seriesCount(n);
  return {
    n,
    quarters,
    paths: 0,
    hist: new Int32Array(s * quarters * BINS),
    sum: new Float64Array(s * quarters),
    deadBy: new Int32Array(n * quarters),
    lossSum: new Float64Array(LOSS_KINDS.length * LOSS_PARTS.length * quarters),
    lossTotalHist: new Int32Array(LOSS_KINDS.length * BINS),
    summaries: [],
  };
}

/** Records `value` of series `s` in quarter `t`. */
export function record(acc: Accumulator, s: number, t: number, value: number): void {
  const cell = s * acc.quarters + t;
  acc.hist[cell * BINS + binOf(value)]++;
  acc.sum[cell] += value;
}

/** Adds `b` into `a` (same shape). */
export function mergeInto(a: Accumulator, b: Accumulator): void {
  if (a.n !== b.n || a.quarters !== b.quarters) throw new RangeError("invalid accumulator: shapes differ");
  a.paths += b.paths;
  addInto(a.hist, b.hist);
  addInto(a.sum, b.sum);
  addInto(a.deadBy, b.deadBy);
  addInto(a.lossSum, b.lossSum);
  addInto(a.lossTotalHist, b.lossTotalHist);
  for (const s of b.summaries) a.summaries.push(s);
}

function addInto(a: Int32Array | Float64Array, b: Int32Array | Float64Array): void {
  for (let k = 0; k < a.length; k++) a[k] += b[k];
}
