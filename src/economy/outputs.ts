/**
 * Streaming aggregation of Monte Carlo paths: fixed histograms (in asinh space, with an exact-zero bin) for
 * quantiles, sums for means, counts for default probabilities. Merging two accumulators is addition, so the
 * result does not depend on how paths were split over threads — only on the chunking, which is fixed.
 */
import { asinh, pow, sinh } from "../util/portable/index.js";
import { DEFAULT_CAUSES, LOSS_KINDS, LOSS_PARTS } from "./kinds.js";

/** Series recorded every quarter for each entity, usdB: cash and book equity (0 after default), revenue, capex
 * (flows in the quarter), debt outstanding and market value (valued entities) at the quarter's end. */
export const ENTITY_SERIES = ["cash", "equity", "revenue", "capex", "debt", "marketValue"] as const;
export type EntitySeries = (typeof ENTITY_SERIES)[number];

/** Calendar-year values recorded per entity: sums of the flows (revenue, capex, burn: the cash consumed before
 * financing; compute: what a lab bought), the year-end stocks of debt, market value and backlog (a seller's
 * take-or-pay payments still to come from buyers alive), a lab's compute bought from the start to the year's
 * end, and the revenue run-rate at the year's end (its last quarter's revenue × 4, as labs report "ARR"). */
export const ANNUAL_SERIES = [
  "revenue",
  "capex",
  "debt",
  "marketValue",
  "burn",
  "compute",
  "computeToDate",
  "backlog",
  "runRate",
] as const;
export type AnnualSeries = (typeof ANNUAL_SERIES)[number];

/** Path-level series recorded every quarter besides the entities' series. */
export const GLOBAL_SERIES = [
  "revenue",
  "computeSpend",
  "gap",
  "strandedGw",
  "powerGw",
  "capability",
  "sentiment",
  "gpuPrice",
  "startGpuRent",
] as const;
export type GlobalSeries = (typeof GLOBAL_SERIES)[number];

const HALF = 160;
/** Bins per histogram: HALF negative, one for exact zero, HALF positive. */
export const BINS = 2 * HALF + 1;
/** asinh(x) is binned on [−SPAN, SPAN]: |x| up to ~8e4 usdB resolves; beyond, the edge bins collect. */
const SPAN = 12;
const WIDTH = SPAN / HALF;

/** Histogram bin of `x`: by definition `binByAsinh(x)`, found from a table of the bins' edges, as every value of
 * every path is binned and Math.asinh is slow. */
export function binOf(x: number): number {
  if (x === 0 || Number.isNaN(x)) return HALF;
  const a = Math.abs(x);
  // The octave of |x| and its sixteenth within the octave, read from the bits of the double, give the bin at the
  // start of that sixteenth; a sixteenth (≤ 6.25%) is narrower than a bin (≥ 7.8%), so one more edge may lie ahead.
  BITS[0] = a;
  const high = HIGH[HIGH_WORD];
  const octave = (high >>> 20) - 1023;
  let j: number;
  if (octave < FIRST_OCTAVE) j = 0;
  else if (octave > LAST_OCTAVE) j = HALF - 1;
  else {
    j = START_BIN[((octave - FIRST_OCTAVE) << 4) | ((high >>> 16) & 15)];
    if (a >= EDGE[j + 1]) j++;
  }
  // Within a hair of an edge the rounding of asinh decides: ask it (the edges are sinh(j·WIDTH) rounded, and asinh
  // is exact to an ulp or so, far inside 1e-12).
  if ((j > 0 && a <= EDGE[j] * (1 + EDGE_GUARD)) || a >= EDGE[j + 1] * (1 - EDGE_GUARD)) return binByAsinh(x);
  return x > 0 ? HALF + 1 + j : HALF - 1 - j;
}

/** The bin of `x` from its asinh: HALF for 0 and NaN, else HALF ± (1 + ⌊|asinh x| / WIDTH⌋), the edge bins taking
 * everything beyond. */
export function binByAsinh(x: number): number {
  if (x === 0 || Number.isNaN(x)) return HALF;
  const v = asinh(x);
  if (v > 0) return Math.min(BINS - 1, HALF + 1 + Math.floor(v / WIDTH));
  return Math.max(0, HALF - 1 - Math.floor(-v / WIDTH));
}

/** Edges of the bins in |x|: |x| in [EDGE[j], EDGE[j+1]) lies j bins from the zero bin (the last, HALF − 1, open). */
const EDGE = Float64Array.from({ length: HALF + 1 }, (_, j) =>
  j === HALF ? Number.POSITIVE_INFINITY : sinh(j * WIDTH),
);
/** Relative distance to an edge within which `binOf` asks asinh. */
const EDGE_GUARD = 1e-12;
/** Octaves (powers of two) of |x| the table covers: below, the first bin (EDGE[1] ≈ 0.075 > 2⁻⁴); above, the last
 * (EDGE[HALF − 1] ≈ 7.5e4 < 2¹⁷). */
const FIRST_OCTAVE = -4;
const LAST_OCTAVE = 16;
/** Bin (from zero) at the start of each sixteenth of each octave. */
const START_BIN = Uint8Array.from({ length: (LAST_OCTAVE - FIRST_OCTAVE + 1) << 4 }, (_, k) => {
  const start = pow(2, (k >> 4) + FIRST_OCTAVE) * (1 + (k & 15) / 16);
  let j = 0;
  while (j < HALF - 1 && start >= EDGE[j + 1]) j++;
  return j;
});
/** A double and its two 32-bit words, to read a value's exponent and leading mantissa bits. */
const BITS = new Float64Array(1);
const HIGH = new Uint32Array(BITS.buffer);
const HIGH_WORD = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1 ? 1 : 0;

/**
 * The `q`-quantile of the histogram `counts[offset … offset+BINS−1]`, interpolated within its bin. With `paths`,
 * the histogram holds that many values, those it does not count being exact zeros (see `record`).
 */
export function histogramQuantile(counts: Int32Array, offset: number, q: number, paths?: number): number {
  const out = [Number.NaN];
  histogramQuantiles(counts, offset, [q], out, paths);
  return out[0];
}

/**
 * `histogramQuantile` at each of the ascending levels `qs` into `out` (same length), in one pass over the bins:
 * a fan's five quantiles cost one scan, not five. Each equals `histogramQuantile(counts, offset, q, paths)`.
 */
export function histogramQuantiles(
  counts: Int32Array,
  offset: number,
  qs: readonly number[],
  out: number[],
  paths?: number,
): void {
  let counted = 0;
  for (let b = 0; b < BINS; b++) counted += counts[offset + b];
  const zeros = paths === undefined ? 0 : paths - counted;
  const total = counted + zeros;
  let j = 0;
  if (total === 0) {
    for (; j < qs.length; j++) out[j] = Number.NaN;
    return;
  }
  let below = 0;
  for (let b = 0; b < BINS && j < qs.length; b++) {
    const c = b === HALF ? counts[offset + b] + zeros : counts[offset + b];
    // The first bin with a value whose count reaches the level's rank holds the quantile.
    for (; c > 0 && j < qs.length && below + c >= qs[j] * total; j++) {
      if (b === HALF) {
        out[j] = 0;
        continue;
      }
      const f = Math.min(1, Math.max(0, (qs[j] * total - below) / c));
      const lower = b > HALF ? (b - HALF - 1) * WIDTH : -(HALF - b) * WIDTH;
      out[j] = sinh(lower + f * WIDTH);
    }
    below += c;
  }
  for (; j < qs.length; j++) out[j] = sinh(SPAN);
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
  /** Calendar years the quarters touch, and the first quarter's place in its year (0 = Q1). */
  years: number;
  startQuarterOfYear: number;
  /** Whether the histograms are kept (quantiles): false keeps the sums, counts and losses only, all a design point
   * or a sweep job reads, and leaves the histograms empty. */
  histograms: boolean;
  /** Histogram per (series, quarter): entity series k of entity i at k·n + i (ENTITY_SERIES order), then the
   * global series g at ENTITY_SERIES.length·n + g. */
  hist: Int32Array;
  /** Sum over paths per (series, quarter). */
  sum: Float64Array;
  /** Paths on which entity i has defaulted by the end of quarter t: [i·T + t]. */
  deadBy: Int32Array;
  /** Sum over paths of losses in quarter t: [((kind·parts + part)·T) + t], usdB. */
  lossSum: Float64Array;
  /** Histogram per loss kind of the path's total loss over the horizon. */
  lossTotalHist: Int32Array;
  /** Histogram per (annual series, entity, year): [((k·n + i)·years + y)·BINS + bin]. */
  annualHist: Int32Array;
  /** Sum over paths of each entity's losses as a creditor or holder, by part: [i·parts + part], usdB. */
  holderLossSum: Float64Array;
  /** Histogram per entity of its total loss over the horizon. */
  holderLossTotalHist: Int32Array;
  /** Paths on which entity i was acquired as a going concern after defaulting. */
  acquired: Int32Array;
  /** Paths on which entity i's contracts were stepped down to avoid its default. */
  renegotiated: Int32Array;
  /** Take-or-pay contracts plus debt contracts of the model (0 = triggers not recorded). */
  obligations: number;
  /** Defaults of entity i triggered by obligation c (take-or-pay contracts, then debt, then its operating costs
   * at `obligations`, then losses over its capital at `obligations + 1`): [i·(obligations + 2) + c]. */
  defaultTrigger: Int32Array;
  /** Defaults of entity i by cause (DEFAULT_CAUSES): [i·causes + k]. */
  defaultCause: Int32Array;
  summaries: PathSummary[];
  /** Paths whose recorded values wait in `pending` to be binned (see `endPath`). */
  pendingPaths: number;
  /** The values `record` and `recordAnnual` took, path by path: [p·(S + A) + cell], the series' cells first
   * (S = series × quarters), then the annual cells (A = annual series × n × years). Empty when none wait, and
   * always without histograms. */
  pending: Float64Array;
}

/** Paths whose values are binned together: each histogram cell is then touched once per batch rather than once
 * per path (the histograms are megabytes; one path's values are tens of kilobytes). */
const PENDING_PATHS = 32;
/** Cells binned together, path by path (their histograms take BIN_BLOCK × BINS × 4 bytes). */
const BIN_BLOCK = 256;

export function seriesCount(n: number): number {
  return ENTITY_SERIES.length * n + GLOBAL_SERIES.length;
}

/** Index of entity series `name` of entity `i` among `n` entities. */
export function entitySeriesIndex(name: EntitySeries, n: number, i: number): number {
  return ENTITY_SERIES.indexOf(name) * n + i;
}

/** Index of global series `name` among `n` entities' series. */
export function globalSeriesIndex(name: GlobalSeries, n: number): number {
  return ENTITY_SERIES.length * n + GLOBAL_SERIES.indexOf(name);
}

/** An empty accumulator for `n` entities over `quarters` quarters, the first being quarter `startQuarterOfYear`
 * (0 = Q1) of its year, recording default triggers over `obligations` contracts (0 = none), with histograms
 * unless `histograms` is false. */
export function createAccumulator(
  n: number,
  quarters: number,
  startQuarterOfYear = 0,
  obligations = 0,
  histograms = true,
): Accumulator {
  if (!Number.isInteger(startQuarterOfYear) || startQuarterOfYear < 0 || startQuarterOfYear > 3)
    throw new RangeError(`invalid startQuarterOfYear: ${startQuarterOfYear}`);
  const s = seriesCount(n);
  const years = Math.ceil((startQuarterOfYear + quarters) / 4);
  return {
    n,
    quarters,
    years,
    startQuarterOfYear,
    paths: 0,
    histograms,
    hist: new Int32Array(histograms ? s * quarters * BINS : 0),
    sum: new Float64Array(s * quarters),
    deadBy: new Int32Array(n * quarters),
    lossSum: new Float64Array(LOSS_KINDS.length * LOSS_PARTS.length * quarters),
    lossTotalHist: new Int32Array(histograms ? LOSS_KINDS.length * BINS : 0),
    annualHist: new Int32Array(histograms ? ANNUAL_SERIES.length * n * years * BINS : 0),
    holderLossSum: new Float64Array(n * LOSS_PARTS.length),
    holderLossTotalHist: new Int32Array(histograms ? n * BINS : 0),
    acquired: new Int32Array(n),
    renegotiated: new Int32Array(n),
    obligations,
    defaultTrigger: new Int32Array(obligations > 0 ? n * (obligations + 2) : 0),
    defaultCause: new Int32Array(n * DEFAULT_CAUSES.length),
    summaries: [],
    pendingPaths: 0,
    pending: new Float64Array(0),
  };
}

/** Cells of the quarterly series of `acc` (S): the first part of a path's row in `pending`. Plain numbers, not an
 * object, as `record` asks for them with every value. */
function seriesCells(acc: Accumulator): number {
  return seriesCount(acc.n) * acc.quarters;
}

/** Cells of the annual series of `acc` (A): the rest of a path's row. */
function annualCells(acc: Accumulator): number {
  return ANNUAL_SERIES.length * acc.n * acc.years;
}

/** The slot of the current path's values in `acc.pending`, allocating the buffer at first use. */
function pendingBase(acc: Accumulator): number {
  const stride = seriesCells(acc) + annualCells(acc);
  if (acc.pending.length === 0) acc.pending = new Float64Array(PENDING_PATHS * stride);
  return acc.pendingPaths * stride;
}

/** Offset of the histogram of annual series `name` of entity `i` in year `y` (0 = the first) in `annualHist`. */
export function annualCell(acc: Accumulator, name: AnnualSeries, i: number, y: number): number {
  return ((ANNUAL_SERIES.indexOf(name) * acc.n + i) * acc.years + y) * BINS;
}

/** Records entity `i`'s value of annual series number `k` (ANNUAL_SERIES order) in year `y` (0 = the first);
 * zeros as in `record`. Every path records every (series, entity, year) once, before `endPath`. Annual values have
 * histograms only: without them nothing is kept. */
export function recordAnnual(acc: Accumulator, k: number, i: number, y: number, value: number): void {
  // Annual values feed histograms only.
  if (!acc.histograms) return;
  // The base first: it may allocate `acc.pending`.
  const base = pendingBase(acc) + seriesCells(acc);
  acc.pending[base + (k * acc.n + i) * acc.years + y] = value;
}

/**
 * Records `value` of series `s` in quarter `t`; every path records every (series, quarter) once, before
 * `endPath`. An exact zero is not written to the histogram: many series are zero for most entities (revenue of
 * a lender, capex of a lab); `histogramQuantile` is told the number of paths and counts the missing ones as zeros.
 * Without histograms the value goes straight to its sum (a design point then allocates no batch of megabytes);
 * either way each cell adds its paths in path order, so the sums have the same bits.
 */
export function record(acc: Accumulator, s: number, t: number, value: number): void {
  if (!acc.histograms) {
    acc.sum[s * acc.quarters + t] += value;
    return;
  }
  // The base first: it may allocate `acc.pending`.
  const base = pendingBase(acc);
  acc.pending[base + s * acc.quarters + t] = value;
}

/** Records series `first + i` in quarter `t` as `values[i]` for every entity i (`values` has one number per
 * entity): `record` for a whole entity series, the row's offset found once rather than once per value. */
export function recordEntities(acc: Accumulator, first: number, t: number, values: Float64Array): void {
  const { quarters } = acc;
  if (!acc.histograms) {
    const { sum } = acc;
    for (let i = 0, cell = first * quarters + t; i < values.length; i++, cell += quarters)
      sum[cell] += values[i];
    return;
  }
  // The base first: it may allocate `acc.pending`.
  const base = pendingBase(acc) + first * quarters + t;
  const { pending } = acc;
  for (let i = 0; i < values.length; i++) pending[base + i * quarters] = values[i];
}

/** Records annual series number `k` of every entity i in year `y` as `values[i]`: `recordAnnual` for a whole
 * series. */
export function recordAnnualEntities(acc: Accumulator, k: number, y: number, values: Float64Array): void {
  if (!acc.histograms) return;
  const base = pendingBase(acc) + seriesCells(acc) + k * acc.n * acc.years + y;
  const { pending, years } = acc;
  for (let i = 0; i < values.length; i++) pending[base + i * years] = values[i];
}

/** Ends a path's records: they join the batch, which is binned once it is full. */
export function endPath(acc: Accumulator): void {
  if (acc.pending.length === 0) return;
  acc.pendingPaths++;
  if (acc.pendingPaths === PENDING_PATHS) binPending(acc);
}

/** Bins the waiting paths' values into the histograms and sums, in path order (so the sums are those of
 * recording path by path), and releases the buffer: call before reading `acc` or sending it elsewhere. */
export function settle(acc: Accumulator): void {
  binPending(acc);
  acc.pending = new Float64Array(0);
}

function binPending(acc: Accumulator): void {
  const paths = acc.pendingPaths;
  if (paths === 0) return;
  const S = seriesCells(acc);
  const A = annualCells(acc);
  const stride = S + A;
  const { pending, hist, sum, annualHist } = acc;
  // Cells in blocks, each block path by path: every path's values of the block are read in a run, and the block's
  // histograms (a few hundred kilobytes) stay in cache. Each cell still sums its paths in path order.
  for (let first = 0; first < stride; first += BIN_BLOCK) {
    const end = Math.min(stride, first + BIN_BLOCK);
    for (let p = 0, row = 0; p < paths; p++, row += stride) {
      for (let cell = first; cell < end && cell < S; cell++) {
        const value = pending[row + cell];
        if (value !== 0) hist[cell * BINS + binOf(value)]++;
        sum[cell] += value;
      }
      for (let cell = Math.max(first, S); cell < end; cell++) {
        const value = pending[row + cell];
        if (value !== 0) annualHist[(cell - S) * BINS + binOf(value)]++;
      }
    }
  }
  // Cleared, so that a cell a path does not record reads as an exact zero: nothing binned, nothing summed.
  pending.fill(0, 0, paths * stride);
  acc.pendingPaths = 0;
}

/** Adds `b` into `a` (same shape): its counts, then its sums. */
export function mergeInto(a: Accumulator, b: Accumulator): void {
  mergeCounts(a, b);
  mergeSums(a, b);
}

/**
 * The floating-point sums of one chunk of paths, and its path summaries: the part of an accumulator whose bits
 * depend on the order of addition. A run's result adds its chunks' sums in chunk order, whoever ran them.
 */
export interface ChunkSums {
  sum: Float64Array;
  lossSum: Float64Array;
  holderLossSum: Float64Array;
  summaries: PathSummary[];
}

/**
 * Takes the sums and path summaries out of `acc` (settled first), leaving zeros and its counts. Chunks run one
 * after another into one accumulator so share its counts, which are integers and add in any order, and keep
 * their sums apart for `mergeSums`: a worker then sends one accumulator for all its chunks, not one each (the
 * histograms are megabytes).
 */
export function takeSums(acc: Accumulator): ChunkSums {
  settle(acc);
  const taken = {
    sum: acc.sum.slice(),
    lossSum: acc.lossSum.slice(),
    holderLossSum: acc.holderLossSum.slice(),
    summaries: acc.summaries,
  };
  acc.sum.fill(0);
  acc.lossSum.fill(0);
  acc.holderLossSum.fill(0);
  acc.summaries = [];
  return taken;
}

/** Adds the counts of `b` (paths, histograms, defaults) into `a`, which has the same shape: exact in any order. */
export function mergeCounts(a: Accumulator, b: Accumulator): void {
  settle(a);
  settle(b);
  if (
    a.n !== b.n ||
    a.quarters !== b.quarters ||
    a.startQuarterOfYear !== b.startQuarterOfYear ||
    a.obligations !== b.obligations ||
    a.histograms !== b.histograms
  )
    throw new RangeError("invalid accumulator: shapes differ");
  a.paths += b.paths;
  addCounts(a.hist, b.hist);
  addCounts(a.deadBy, b.deadBy);
  addCounts(a.lossTotalHist, b.lossTotalHist);
  addCounts(a.annualHist, b.annualHist);
  addCounts(a.holderLossTotalHist, b.holderLossTotalHist);
  addCounts(a.defaultTrigger, b.defaultTrigger);
  addCounts(a.defaultCause, b.defaultCause);
  addCounts(a.acquired, b.acquired);
  addCounts(a.renegotiated, b.renegotiated);
}

/** Adds one chunk's sums and path summaries into `a` (settled first): call in chunk order. */
export function mergeSums(a: Accumulator, b: ChunkSums): void {
  settle(a);
  if (
    a.sum.length !== b.sum.length ||
    a.lossSum.length !== b.lossSum.length ||
    a.holderLossSum.length !== b.holderLossSum.length
  )
    throw new RangeError("invalid accumulator: shapes differ");
  addSums(a.sum, b.sum);
  addSums(a.lossSum, b.lossSum);
  addSums(a.holderLossSum, b.holderLossSum);
  for (const s of b.summaries) a.summaries.push(s);
}

// One function per array type: a loop that sees both is polymorphic, and the histograms are millions of cells.
function addCounts(a: Int32Array, b: Int32Array): void {
  for (let k = 0; k < a.length; k++) a[k] += b[k];
}

function addSums(a: Float64Array, b: Float64Array): void {
  for (let k = 0; k < a.length; k++) a[k] += b[k];
}
