import { normalQuantile } from "./distributions.js";
import { leastSquares } from "./leastSquares.js";
import { fitLine, type LinearFit, tCritical } from "./linearTrend.js";

/** Options of a piecewise-linear trend with break dates found by profile least squares over a grid. */
export interface PiecewiseOptions {
  /** Number of breaks, 1 or 2. Default 1. */
  breaks?: number;
  /**
   * true: one continuous line whose slope changes at each break (hinge terms); false: independent lines per
   * segment, which may jump at a break (as in Epoch's "three eras" analysis). Default false.
   */
  continuous?: boolean;
  /** Spacing of the candidate break grid, in x units. Default 1/12 (a twelfth of a year). */
  gridStep?: number;
  /** Explicit candidate breaks (e.g. the first day of each calendar month); replaces `gridStep`. */
  grid?: readonly number[];
  /** Fewest points a segment may hold. Default 5 (never below 3). */
  minSegmentPoints?: number;
  /** Interval level for slopes and the break date. Default 0.9. */
  level?: number;
}

/** One segment of a piecewise trend, between two breaks (or the data's ends). */
export interface TrendSegment {
  /** Segment start (a break, or the first x) and end (the next break, or the last x), in x units. */
  from: number;
  to: number;
  /** Points in the segment (x ≥ from, x < to; the last segment includes its end). */
  n: number;
  slope: number;
  slopeStdError: number;
  /** Two-sided t interval for the slope at `level`, conditional on the break dates. */
  slopeCi: [number, number];
  /** Residual degrees of freedom behind slopeCi (segment's own for discontinuous, pooled for continuous). */
  df: number;
}

/** A fitted piecewise trend. */
export interface PiecewiseFit {
  continuous: boolean;
  /** Break positions (x units, ascending). */
  breaks: number[];
  /**
   * For one break: approximate interval of the break from the likelihood ratio over the grid,
   * {τ : n·ln(SSE(τ)/SSE_min) ≤ χ²₁(level)} (its hull). Undefined for two breaks.
   */
  breakCi?: [number, number];
  segments: TrendSegment[];
  /** Residual sum of squares at the best breaks. */
  sse: number;
  n: number;
  /** Parameters counted for the information criteria, break dates included. */
  parameters: number;
  /** BIC = n·ln(SSE/n) + k·ln n of this fit and of the single line on the same points. */
  bic: number;
  bicNoBreak: number;
  /** SSE at each candidate break (one break only), for plotting the profile. */
  profile?: Array<{ x: number; sse: number }>;
  /** Candidate break sets tried. */
  candidates: number;
  /** Evaluates the fitted piecewise line at x. */
  at: (x: number) => number;
}

interface SortedData {
  x: Float64Array;
  y: Float64Array;
}

function sortByX(x: ArrayLike<number>, y: ArrayLike<number>): SortedData {
  const order = Array.from({ length: x.length }, (_, i) => i).sort((a, b) => x[a] - x[b]);
  return { x: Float64Array.from(order, (i) => x[i]), y: Float64Array.from(order, (i) => y[i]) };
}

// Index of the first sorted x that is ≥ tau.
function lowerBound(x: Float64Array, tau: number): number {
  let lo = 0;
  let hi = x.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x[mid] < tau) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// Prefix sums of centred x, y and their products, for O(1) segment SSE in the discontinuous search.
interface PrefixSums {
  sx: Float64Array;
  sy: Float64Array;
  sxx: Float64Array;
  sxy: Float64Array;
  syy: Float64Array;
}

function prefixSums(data: SortedData): PrefixSums {
  const n = data.x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += data.x[i];
    my += data.y[i];
  }
  mx /= n;
  my /= n;
  const sums: PrefixSums = {
    sx: new Float64Array(n + 1),
    sy: new Float64Array(n + 1),
    sxx: new Float64Array(n + 1),
    sxy: new Float64Array(n + 1),
    syy: new Float64Array(n + 1),
  };
  for (let i = 0; i < n; i++) {
    const dx = data.x[i] - mx;
    const dy = data.y[i] - my;
    sums.sx[i + 1] = sums.sx[i] + dx;
    sums.sy[i + 1] = sums.sy[i] + dy;
    sums.sxx[i + 1] = sums.sxx[i] + dx * dx;
    sums.sxy[i + 1] = sums.sxy[i] + dx * dy;
    sums.syy[i + 1] = sums.syy[i] + dy * dy;
  }
  return sums;
}

// SSE of the OLS line through sorted points [a, b).
function segmentSse(s: PrefixSums, a: number, b: number): number {
  const m = b - a;
  const sx = s.sx[b] - s.sx[a];
  const sy = s.sy[b] - s.sy[a];
  const sxx = s.sxx[b] - s.sxx[a] - (sx * sx) / m;
  const sxy = s.sxy[b] - s.sxy[a] - (sx * sy) / m;
  const syy = s.syy[b] - s.syy[a] - (sy * sy) / m;
  if (!(sxx > 0)) return Number.POSITIVE_INFINITY;
  return Math.max(0, syy - (sxy * sxy) / sxx);
}

function hingeDesign(x: Float64Array, breaks: readonly number[], center: number): Float64Array {
  const p = 2 + breaks.length;
  const design = new Float64Array(x.length * p);
  for (let i = 0; i < x.length; i++) {
    design[i * p] = 1;
    design[i * p + 1] = x[i] - center;
    for (let k = 0; k < breaks.length; k++) design[i * p + 2 + k] = Math.max(0, x[i] - breaks[k]);
  }
  return design;
}

function continuousSse(data: SortedData, breaks: readonly number[], center: number): number {
  const solved = leastSquares(hingeDesign(data.x, breaks, center), 2 + breaks.length, data.y);
  return solved.fullRank ? solved.sse : Number.POSITIVE_INFINITY;
}

function bic(n: number, sse: number, k: number): number {
  return n * Math.log(sse / n) + k * Math.log(n);
}

/**
 * Fits a piecewise-linear trend with 1 or 2 breaks. The break dates minimise the total SSE over a grid of
 * candidate positions (profile least squares); slopes and intervals are then those of the least-squares fit
 * at the best breaks, so they do not include the break-date uncertainty.
 */
export function fitPiecewise(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  options: PiecewiseOptions = {},
): PiecewiseFit {
  const breakCount = options.breaks ?? 1;
  const continuous = options.continuous ?? false;
  const gridStep = options.gridStep ?? 1 / 12;
  const minPoints = Math.max(3, options.minSegmentPoints ?? 5);
  const level = options.level ?? 0.9;
  if (!(breakCount === 1 || breakCount === 2)) throw new RangeError(`invalid breaks: ${breakCount}`);
  if (!(gridStep > 0 && Number.isFinite(gridStep))) throw new RangeError(`invalid gridStep: ${gridStep}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`invalid level: ${level}`);
  if (y.length !== x.length) throw new RangeError(`invalid y length: ${y.length}`);
  const n = x.length;
  if (n < minPoints * (breakCount + 1)) throw new RangeError(`invalid n: ${n}`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i])) throw new RangeError(`invalid x[${i}]: ${x[i]}`);
    if (!Number.isFinite(y[i])) throw new RangeError(`invalid y[${i}]: ${y[i]}`);
  }
  const data = sortByX(x, y);
  const sums = prefixSums(data);
  const center = data.x.reduce((a, b) => a + b, 0) / n;
  let grid: number[] = [];
  if (options.grid) {
    grid = options.grid.filter((g) => Number.isFinite(g)).sort((a, b) => a - b);
  } else {
    for (let k = Math.ceil(data.x[0] / gridStep); k * gridStep <= data.x[n - 1]; k++) grid.push(k * gridStep);
  }
  // A candidate is admissible when every segment keeps minPoints points with at least two distinct x.
  const admissible = (cuts: number[]): boolean => {
    for (let s = 0; s + 1 < cuts.length; s++) {
      const a = cuts[s];
      const b = cuts[s + 1];
      if (b - a < minPoints || !(data.x[b - 1] > data.x[a])) return false;
    }
    return true;
  };
  const sseOf = (breaks: number[], cuts: number[]): number => {
    if (continuous) return continuousSse(data, breaks, center);
    let total = 0;
    for (let s = 0; s + 1 < cuts.length; s++) total += segmentSse(sums, cuts[s], cuts[s + 1]);
    return total;
  };
  let best = Number.POSITIVE_INFINITY;
  let bestBreaks: number[] = [];
  let candidates = 0;
  const profile: Array<{ x: number; sse: number }> = [];
  if (breakCount === 1) {
    for (const tau of grid) {
      const cuts = [0, lowerBound(data.x, tau), n];
      if (!admissible(cuts)) continue;
      candidates++;
      const sse = sseOf([tau], cuts);
      profile.push({ x: tau, sse });
      if (sse < best) {
        best = sse;
        bestBreaks = [tau];
      }
    }
  } else {
    for (let i = 0; i < grid.length; i++) {
      const c1 = lowerBound(data.x, grid[i]);
      if (c1 < minPoints) continue;
      for (let j = i + 1; j < grid.length; j++) {
        const cuts = [0, c1, lowerBound(data.x, grid[j]), n];
        if (!admissible(cuts)) continue;
        candidates++;
        const sse = sseOf([grid[i], grid[j]], cuts);
        if (sse < best) {
          best = sse;
          bestBreaks = [grid[i], grid[j]];
        }
      }
    }
  }
  if (candidates === 0 || !Number.isFinite(best)) {
    throw new RangeError(`invalid data: no admissible break with ${minPoints} points per segment`);
  }
  const single = fitLine(data.x, data.y);
  const cuts = [0, ...bestBreaks.map((b) => lowerBound(data.x, b)), n];
  const bounds = [data.x[0], ...bestBreaks, data.x[n - 1]];
  let segments: TrendSegment[];
  let at: (x: number) => number;
  let sse: number;
  let parameters: number;
  if (continuous) {
    ({ segments, at, sse } = continuousSegments(data, bestBreaks, center, cuts, bounds, level));
    parameters = 2 + 2 * breakCount;
  } else {
    const lines: LinearFit[] = [];
    segments = [];
    sse = 0;
    for (let s = 0; s + 1 < cuts.length; s++) {
      const fit = fitLine(data.x.subarray(cuts[s], cuts[s + 1]), data.y.subarray(cuts[s], cuts[s + 1]));
      lines.push(fit);
      sse += fit.sse;
      const t = tCritical(level, fit.df);
      segments.push({
        from: bounds[s],
        to: bounds[s + 1],
        n: fit.n,
        slope: fit.slope,
        slopeStdError: fit.slopeStdError,
        slopeCi: [fit.slope - t * fit.slopeStdError, fit.slope + t * fit.slopeStdError],
        df: fit.df,
      });
    }
    at = (v: number) => {
      let s = 0;
      while (s < bestBreaks.length && v >= bestBreaks[s]) s++;
      const fit = lines[s];
      return fit.interceptAtCenter + fit.slope * (v - fit.xCenter);
    };
    parameters = 3 * breakCount + 2;
  }
  let breakCi: [number, number] | undefined;
  if (breakCount === 1) {
    const z = normalQuantile(0.5 + level / 2);
    // An exact fit (SSE 0) leaves only the breaks that reproduce it.
    const inside = profile
      .filter((p) => (best > 0 ? n * Math.log(p.sse / best) <= z * z : p.sse <= 0))
      .map((p) => p.x);
    breakCi = [Math.min(...inside), Math.max(...inside)];
  }
  return {
    continuous,
    breaks: bestBreaks,
    breakCi,
    segments,
    sse,
    n,
    parameters,
    bic: bic(n, sse, parameters),
    bicNoBreak: bic(n, single.sse, 2),
    profile: breakCount === 1 ? profile : undefined,
    candidates,
    at,
  };
}

function continuousSegments(
  data: SortedData,
  breaks: number[],
  center: number,
  cuts: number[],
  bounds: number[],
  level: number,
): { segments: TrendSegment[]; at: (x: number) => number; sse: number } {
  const n = data.x.length;
  const p = 2 + breaks.length;
  const solved = leastSquares(hingeDesign(data.x, breaks, center), p, data.y);
  const coef = solved.coefficients;
  const df = n - p;
  const variance = solved.sse / df;
  const t = tCritical(level, df);
  const segments: TrendSegment[] = [];
  for (let s = 0; s <= breaks.length; s++) {
    // Slope of segment s = b + c_1 + … + c_s; its variance is vᵀ Cov v with v selecting those coefficients.
    let slope = coef[1];
    for (let k = 0; k < s; k++) slope += coef[2 + k];
    const chosen = [1, ...Array.from({ length: s }, (_, k) => 2 + k)];
    let v = 0;
    for (const i of chosen) for (const j of chosen) v += solved.unscaledCovariance[i * p + j];
    const se = Math.sqrt(variance * v);
    segments.push({
      from: bounds[s],
      to: bounds[s + 1],
      n: cuts[s + 1] - cuts[s],
      slope,
      slopeStdError: se,
      slopeCi: [slope - t * se, slope + t * se],
      df,
    });
  }
  const at = (v: number): number => {
    let value = coef[0] + coef[1] * (v - center);
    for (let k = 0; k < breaks.length; k++) value += coef[2 + k] * Math.max(0, v - breaks[k]);
    return value;
  };
  return { segments, at, sse: solved.sse };
}
