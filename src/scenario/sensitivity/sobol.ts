import { quantileSorted } from "../../util/quantile.js";
import { randomStream } from "../../util/random.js";

/** Options of the Saltelli design for Sobol indices. */
export interface SobolOptions {
  /** Base samples N, ≥ 2; the design costs N·(k + 2) evaluations. Default 256. */
  samples?: number;
  /** Seed of the design's random stream (and of the bootstrap). Default 0. */
  seed?: number;
  /** Group of each factor, 0…G−1 (grouped indices, Jacques et al. 2006: a group's columns are swapped together);
   * default: each factor its own group. */
  groups?: ArrayLike<number>;
}

/** A Saltelli (2010) design: for each base row n, the points A_n, B_n, then A_n with the columns of group g from
 * B_n (a group per factor unless grouped). */
export interface SobolDesign {
  /** Number of factors k (the points' length). */
  factors: number;
  /** Number of groups G the indices are for (k when ungrouped). */
  blocks: number;
  /** Base samples N. */
  samples: number;
  /** Points in [0, 1]^k, row by row: `points[n·(G+2)]` = A_n, `+1` = B_n, `+2+g` = A_B^(g)_n. */
  points: Float64Array[];
  /** Seed the design was drawn with (the bootstrap reuses it). */
  seed: number;
}

/** Sobol indices of one factor, with 95% percentile-bootstrap intervals. */
export interface SobolIndex {
  /** First-order index S_i (Saltelli 2010 estimator): the share of variance due to the factor alone. */
  first: number;
  /** Total index S_Ti (Jansen 1999 estimator): the share including all its interactions. */
  total: number;
  /** 95% bootstrap interval of `first`. */
  firstInterval: [number, number];
  /** 95% bootstrap interval of `total`. */
  totalInterval: [number, number];
}

/** The result of a Sobol analysis. */
export interface SobolResult {
  /** Per group (per factor when ungrouped), in design order. */
  indices: SobolIndex[];
  /** Variance of the output over the A and B samples. */
  variance: number;
  /** Rows used (those with every output finite). */
  rows: number;
}

/** The Saltelli sampling scheme with seeded uniform (Monte Carlo, not quasi-random) base matrices A and B. */
export function sobolDesign(factors: number, options: SobolOptions = {}): SobolDesign {
  const n = options.samples ?? 256;
  const seed = options.seed ?? 0;
  if (!Number.isInteger(factors) || factors < 1) throw new RangeError(`invalid factors: ${factors}`);
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`invalid samples: ${n}`);
  const group =
    options.groups === undefined
      ? Int32Array.from({ length: factors }, (_, i) => i)
      : Int32Array.from(options.groups);
  if (group.length !== factors) throw new RangeError(`invalid groups: length ${group.length}`);
  let blocks = 0;
  for (const g of group) {
    if (!Number.isInteger(g) || g < 0) throw new RangeError(`invalid groups: ${g}`);
    blocks = Math.max(blocks, g + 1);
  }
  for (let g = 0; g < blocks; g++)
    if (!group.includes(g)) throw new RangeError(`invalid groups: ${g} is empty`);
  const rng = randomStream(seed, 0x736f62);
  const points: Float64Array[] = [];
  for (let row = 0; row < n; row++) {
    const a = new Float64Array(factors);
    const b = new Float64Array(factors);
    for (let i = 0; i < factors; i++) a[i] = rng.uniform();
    for (let i = 0; i < factors; i++) b[i] = rng.uniform();
    points.push(a, b);
    for (let g = 0; g < blocks; g++) {
      const ab = a.slice();
      for (let i = 0; i < factors; i++) if (group[i] === g) ab[i] = b[i];
      points.push(ab);
    }
  }
  return { factors, blocks, samples: n, points, seed };
}

function estimate(
  fa: Float64Array,
  fb: Float64Array,
  fab: Float64Array[],
  rows: Int32Array,
): { first: Float64Array; total: Float64Array; variance: number } {
  const k = fab.length;
  const m = rows.length;
  let mean = 0;
  for (let j = 0; j < m; j++) mean += fa[rows[j]] + fb[rows[j]];
  mean /= 2 * m;
  let variance = 0;
  for (let j = 0; j < m; j++) {
    const da = fa[rows[j]] - mean;
    const db = fb[rows[j]] - mean;
    variance += da * da + db * db;
  }
  variance /= 2 * m - 1;
  const first = new Float64Array(k);
  const total = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let s = 0;
    let t = 0;
    for (let j = 0; j < m; j++) {
      const r = rows[j];
      const d = fab[i][r] - fa[r];
      s += fb[r] * d;
      t += d * d;
    }
    first[i] = s / m / variance;
    total[i] = t / (2 * m) / variance;
  }
  return { first, total, variance };
}

/**
 * First-order and total Sobol indices, per group of the design, from the outputs at `design.points` (same
 * order). Rows with a non-finite output are left out. A zero-variance output gives NaN indices (nothing to
 * apportion).
 */
export function sobolIndices(design: SobolDesign, outputs: ArrayLike<number>, bootstrap = 200): SobolResult {
  const { blocks: k, samples: n } = design;
  if (outputs.length !== design.points.length)
    throw new RangeError(`invalid outputs: length ${outputs.length}, expected ${design.points.length}`);
  if (!Number.isInteger(bootstrap) || bootstrap < 0) throw new RangeError(`invalid bootstrap: ${bootstrap}`);
  const fa = new Float64Array(n);
  const fb = new Float64Array(n);
  const fab = Array.from({ length: k }, () => new Float64Array(n));
  const kept: number[] = [];
  for (let row = 0; row < n; row++) {
    const base = row * (k + 2);
    let finite = true;
    for (let j = 0; j < k + 2; j++) if (!Number.isFinite(outputs[base + j])) finite = false;
    fa[row] = outputs[base];
    fb[row] = outputs[base + 1];
    for (let i = 0; i < k; i++) fab[i][row] = outputs[base + 2 + i];
    if (finite) kept.push(row);
  }
  const rows = Int32Array.from(kept);
  if (rows.length < 2) {
    const nan: SobolIndex = {
      first: Number.NaN,
      total: Number.NaN,
      firstInterval: [Number.NaN, Number.NaN],
      totalInterval: [Number.NaN, Number.NaN],
    };
    return { indices: Array.from({ length: k }, () => nan), variance: Number.NaN, rows: rows.length };
  }
  const point = estimate(fa, fb, fab, rows);
  const bootFirst = Array.from({ length: k }, () => new Float64Array(bootstrap));
  const bootTotal = Array.from({ length: k }, () => new Float64Array(bootstrap));
  const rng = randomStream(design.seed, 0x626f6f);
  const resample = new Int32Array(rows.length);
  for (let b = 0; b < bootstrap; b++) {
    for (let j = 0; j < rows.length; j++) resample[j] = rows[rng.int(rows.length)];
    const e = estimate(fa, fb, fab, resample);
    for (let i = 0; i < k; i++) {
      bootFirst[i][b] = e.first[i];
      bootTotal[i][b] = e.total[i];
    }
  }
  const interval = (values: Float64Array): [number, number] => {
    if (values.length === 0) return [Number.NaN, Number.NaN];
    const sorted = values.slice().sort();
    return [quantileSorted(sorted, 0.025), quantileSorted(sorted, 0.975)];
  };
  const indices = Array.from({ length: k }, (_, i) => ({
    first: point.first[i],
    total: point.total[i],
    firstInterval: interval(bootFirst[i]),
    totalInterval: interval(bootTotal[i]),
  }));
  return { indices, variance: point.variance, rows: rows.length };
}

/** Whether the first of `indices` (ranked by total index) leads the second beyond sampling error: its total index's
 * bootstrap interval lies wholly above the second's. True with nothing to compare it with. */
export function leadIsClear(indices: readonly { totalInterval?: readonly [number, number] }[]): boolean {
  const [first, second] = indices;
  if (first?.totalInterval === undefined || second?.totalInterval === undefined) return true;
  return first.totalInterval[0] > second.totalInterval[1];
}
