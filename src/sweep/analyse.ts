/**
 * A sweep's analysis from its merged outputs: Sobol indices with bootstrap intervals (sobol), Morris μ*, μ, σ
 * (morris), or the response table's summary and each number's rank correlation with the output (lhs, grid).
 */
import {
  type MorrisIndex,
  morrisIndices,
  type SobolIndex,
  sobolIndices,
} from "../scenario/sensitivity/index.js";
import type { SweepDesign } from "./design.js";

/** Sobol indices of one group (or one number) for one output. */
export interface SweepSobolRow extends SobolIndex {
  /** The group: an `--over` item or a FACTOR_GROUPS name. */
  group: string;
}

/** Morris indices of one number for one output. */
export interface SweepMorrisRow extends MorrisIndex {
  /** Parameter path. */
  factor: string;
}

/** Spearman's rank correlation of one number with one output over the design's points. */
export interface SweepCorrelation {
  /** Parameter path. */
  factor: string;
  /** ρ in [−1, 1]; NaN when the number or the output does not vary. */
  spearman: number;
}

/** The analysis of one output: its spread over the points and the design's indices. */
export interface SweepOutputAnalysis {
  /** The output spec, e.g. `pDefault:openai:2030`. */
  output: string;
  /** Mean, standard deviation, minimum and maximum over the design's points (finite values). */
  mean: number;
  sd: number;
  min: number;
  max: number;
  /** sobol: the output's variance, the rows used, and the groups by total index, largest first. */
  sobol?: { variance: number; rows: number; indices: SweepSobolRow[] };
  /** morris: the numbers by μ*, largest first (output per full range of the number). */
  morris?: SweepMorrisRow[];
  /** lhs and grid: the numbers by |ρ|, largest first. */
  correlations?: SweepCorrelation[];
}

const key = (x: number): number => (Number.isNaN(x) ? -1 : x);

/** Average ranks (ties share their mean rank). */
function ranks(values: ArrayLike<number>): Float64Array {
  const order = Array.from({ length: values.length }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  const out = new Float64Array(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && values[order[j + 1]] === values[order[i]]) j++;
    for (let k = i; k <= j; k++) out[order[k]] = (i + j) / 2;
    i = j + 1;
  }
  return out;
}

/** Spearman's ρ: Pearson's correlation of the ranks; NaN for a constant series. */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) throw new RangeError(`invalid series: lengths ${x.length} and ${y.length}`);
  const rx = ranks(x);
  const ry = ranks(y);
  const n = rx.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += rx[i];
    my += ry[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (rx[i] - mx) * (ry[i] - my);
    sxx += (rx[i] - mx) ** 2;
    syy += (ry[i] - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Number.NaN;
}

function spread(values: readonly number[]): { mean: number; sd: number; min: number; max: number } {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return { mean: Number.NaN, sd: Number.NaN, min: Number.NaN, max: Number.NaN };
  let mean = 0;
  for (const v of finite) mean += v;
  mean /= finite.length;
  let ss = 0;
  for (const v of finite) ss += (v - mean) ** 2;
  return {
    mean,
    sd: finite.length > 1 ? Math.sqrt(ss / (finite.length - 1)) : 0,
    min: Math.min(...finite),
    max: Math.max(...finite),
  };
}

/** The analysis of every output from `values[point][output]` at the design's points. */
export function analyseSweep(
  design: SweepDesign,
  outputs: readonly string[],
  values: readonly number[][],
): SweepOutputAnalysis[] {
  if (values.length !== design.points.length)
    throw new RangeError(`invalid values: ${values.length} points, expected ${design.points.length}`);
  return outputs.map((output, j) => {
    const column = Float64Array.from(values, (row) => row[j]);
    const result: SweepOutputAnalysis = { output, ...spread(Array.from(column)) };
    if (design.sobol) {
      const s = sobolIndices(design.sobol, column);
      const indices = s.indices.map((index, g) => ({ group: design.groups[g], ...index }));
      indices.sort((a, b) => key(b.total) - key(a.total));
      result.sobol = { variance: s.variance, rows: s.rows, indices };
    } else if (design.morris) {
      const rows = morrisIndices(design.morris, column).map((index, i) => ({
        factor: design.factors[i].name,
        ...index,
      }));
      rows.sort((a, b) => key(b.muStar) - key(a.muStar));
      result.morris = rows;
    } else {
      const rows = design.factors.map((f, i) => ({
        factor: f.name,
        spearman: spearman(
          design.points.map((p) => p[i]),
          column,
        ),
      }));
      rows.sort((a, b) => key(Math.abs(b.spearman)) - key(Math.abs(a.spearman)));
      result.correlations = rows;
    }
    return result;
  });
}
