import { isoDateOfYear } from "./dates.js";
import { fitLine, linspace, predictLine, tCritical } from "./linearTrend.js";
import type { TrendPoint } from "./selection.js";
import { type GrowthSummary, growthSummary } from "./trend.js";

/** Options of a trend backtest. */
export interface BacktestOptions {
  /** Last date (decimal year, inclusive) of the data the trend is fitted on. */
  cutoff: number;
  /** Forecast the points up to cutoff + horizon years. Default: every point after the cutoff. */
  horizon?: number;
  /** Level of the prediction intervals whose coverage is scored. Default 0.9. */
  level?: number;
  /** Points on the drawn line. Default 50. */
  linePoints?: number;
}

/** One held-out point with its forecast. */
export interface BacktestPoint {
  label: string;
  date: string;
  t: number;
  /** Observed and forecast log10 of the metric. */
  log10: number;
  forecast: number;
  /** Prediction interval for a new model at t. */
  lo: number;
  hi: number;
  /** observed − forecast, in orders of magnitude. */
  error: number;
  inside: boolean;
}

/** Error and interval coverage of a trend fitted up to a cutoff and extrapolated past it. */
export interface BacktestResult {
  cutoff: number;
  cutoffDate: string;
  level: number;
  /** The trend on the training points. */
  train: GrowthSummary & { r2: number; residualSdOom: number };
  /** Held-out points scored. */
  testN: number;
  /** Root mean squared error of log10 forecasts (orders of magnitude); NaN with no held-out points. */
  rmseOom: number;
  /** Mean absolute error of log10 forecasts. */
  maeOom: number;
  /** Mean of observed − forecast (positive: the metric grew faster than the trend said). */
  biasOom: number;
  /** Share of held-out points inside their prediction interval (nominal: `level`). */
  coverage: number;
  /** Slope fitted on the held-out points alone (NaN with fewer than 3 or one date). */
  testSlopeOomPerYear: number;
  /** Training points (t, log10), held-out points with forecasts, and the extrapolated line with bands. */
  trainPoints: Array<{ t: number; log10: number; label: string; date: string }>;
  testPoints: BacktestPoint[];
  line: Array<{ t: number; fit: number; lo: number; hi: number; predLo: number; predHi: number }>;
}

/**
 * Fits log10(metric) on date to the points up to `cutoff`, forecasts the later ones (up to the horizon) and
 * scores the forecasts: RMSE, MAE and bias in orders of magnitude, and the coverage of the t prediction
 * intervals. Needs ≥ 3 training points (RangeError otherwise).
 */
export function backtestTrend(points: readonly TrendPoint[], options: BacktestOptions): BacktestResult {
  const level = options.level ?? 0.9;
  const { cutoff } = options;
  if (!Number.isFinite(cutoff)) throw new RangeError(`invalid cutoff: ${cutoff}`);
  const horizon = options.horizon ?? Number.POSITIVE_INFINITY;
  if (!(horizon > 0)) throw new RangeError(`invalid horizon: ${horizon}`);
  const train = points.filter((p) => p.year <= cutoff);
  const test = points.filter((p) => p.year > cutoff && p.year <= cutoff + horizon);
  const fit = fitLine(
    Float64Array.from(train, (p) => p.year),
    Float64Array.from(train, (p) => p.log10),
  );
  const scored: BacktestPoint[] = test.map((p) => {
    const pred = predictLine(fit, p.year, level);
    const error = p.log10 - pred.fit;
    return {
      label: p.model,
      date: p.date,
      t: p.year,
      log10: p.log10,
      forecast: pred.fit,
      lo: pred.predLo,
      hi: pred.predHi,
      error,
      inside: p.log10 >= pred.predLo && p.log10 <= pred.predHi,
    };
  });
  let sq = 0;
  let abs = 0;
  let sum = 0;
  let inside = 0;
  for (const s of scored) {
    sq += s.error * s.error;
    abs += Math.abs(s.error);
    sum += s.error;
    if (s.inside) inside++;
  }
  const m = scored.length;
  let testSlope = Number.NaN;
  if (m >= 3 && new Set(test.map((p) => p.year)).size > 1) {
    testSlope = fitLine(
      Float64Array.from(test, (p) => p.year),
      Float64Array.from(test, (p) => p.log10),
    ).slope;
  }
  const first = Math.min(...train.map((p) => p.year));
  const last = Math.max(cutoff, ...test.map((p) => p.year));
  const slopeHalf = fit.slopeStdError * tCritical(level, fit.df);
  return {
    cutoff,
    cutoffDate: isoDateOfYear(cutoff),
    level,
    train: {
      ...growthSummary(fit.n, fit.slope, [fit.slope - slopeHalf, fit.slope + slopeHalf]),
      r2: fit.r2,
      residualSdOom: fit.residualSd,
    },
    testN: m,
    rmseOom: m > 0 ? Math.sqrt(sq / m) : Number.NaN,
    maeOom: m > 0 ? abs / m : Number.NaN,
    biasOom: m > 0 ? sum / m : Number.NaN,
    coverage: m > 0 ? inside / m : Number.NaN,
    testSlopeOomPerYear: testSlope,
    trainPoints: train.map((p) => ({ t: p.year, log10: p.log10, label: p.model, date: p.date })),
    testPoints: scored,
    line: linspace(first, last, options.linePoints ?? 50).map((x) => {
      const p = predictLine(fit, x, level);
      return { t: x, fit: p.fit, lo: p.lo, hi: p.hi, predLo: p.predLo, predHi: p.predHi };
    }),
  };
}
