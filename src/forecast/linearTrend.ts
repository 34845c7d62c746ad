import { studentTQuantile } from "./distributions.js";
import { leastSquares } from "./leastSquares.js";

/** Ordinary least squares of y on x with t-based intervals: the straight line every trend starts from. */
export interface LinearFit {
  /** Points used. */
  n: number;
  /** Degrees of freedom of the residual variance, n − 2. */
  df: number;
  /** Intercept at x = `xCenter` (the fit is parametrised about the mean of x for numerical stability). */
  interceptAtCenter: number;
  /** Mean of x; the line is y = interceptAtCenter + slope·(x − xCenter). */
  xCenter: number;
  slope: number;
  /** Standard error of the slope. */
  slopeStdError: number;
  /** Standard error of the intercept at xCenter (= residualSd/√n). */
  interceptStdError: number;
  /** Residual standard deviation √(SSE/df). */
  residualSd: number;
  /** Residual sum of squares. */
  sse: number;
  /** Coefficient of determination 1 − SSE/SST (NaN when y is constant). */
  r2: number;
  /** Σ(x − x̄)², needed for intervals at new x. */
  sxx: number;
}

/**
 * Fits y = a + b·x by Householder QR on the centred design. Needs n ≥ 3 points (one residual degree of
 * freedom) and x not all equal; otherwise throws a RangeError.
 */
export function fitLine(x: ArrayLike<number>, y: ArrayLike<number>): LinearFit {
  const n = x.length;
  if (y.length !== n) throw new RangeError(`invalid y length: ${y.length}`);
  if (n < 3) throw new RangeError(`invalid n: ${n}`);
  let xCenter = 0;
  let yMean = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i])) throw new RangeError(`invalid x[${i}]: ${x[i]}`);
    if (!Number.isFinite(y[i])) throw new RangeError(`invalid y[${i}]: ${y[i]}`);
    xCenter += x[i];
    yMean += y[i];
  }
  xCenter /= n;
  yMean /= n;
  const design = new Float64Array(2 * n);
  let sxx = 0;
  let sst = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - xCenter;
    design[2 * i] = 1;
    design[2 * i + 1] = dx;
    sxx += dx * dx;
    sst += (y[i] - yMean) * (y[i] - yMean);
  }
  if (!(sxx > 0)) throw new RangeError("invalid x: all values equal");
  const solved = leastSquares(design, 2, y);
  if (!solved.fullRank) throw new RangeError("invalid x: all values equal");
  const df = n - 2;
  const sse = solved.sse;
  const residualSd = Math.sqrt(sse / df);
  return {
    n,
    df,
    interceptAtCenter: solved.coefficients[0],
    xCenter,
    slope: solved.coefficients[1],
    slopeStdError: residualSd / Math.sqrt(sxx),
    interceptStdError: residualSd / Math.sqrt(n),
    residualSd,
    sse,
    r2: sst > 0 ? 1 - sse / sst : Number.NaN,
    sxx,
  };
}

/** The fitted line's value at x. */
export function lineAt(fit: LinearFit, x: number): number {
  return fit.interceptAtCenter + fit.slope * (x - fit.xCenter);
}

/** Two-sided t interval [lo, hi] for the slope at `level` (default 0.9). */
export function slopeInterval(fit: LinearFit, level = 0.9): [number, number] {
  const t = tCritical(level, fit.df);
  return [fit.slope - t * fit.slopeStdError, fit.slope + t * fit.slopeStdError];
}

/** The two-sided critical value t_{(1+level)/2, df}. */
export function tCritical(level: number, df: number): number {
  if (!(level > 0 && level < 1)) throw new RangeError(`invalid level: ${level}`);
  return studentTQuantile(0.5 + level / 2, df);
}

/** The fitted value at one x with its confidence interval (for the line) and prediction interval (for a point). */
export interface LinePrediction {
  x: number;
  fit: number;
  /** Confidence band for the mean at x. */
  lo: number;
  hi: number;
  /** Prediction band for a new observation at x. */
  predLo: number;
  predHi: number;
}

/** Fitted value with t-based confidence and prediction intervals at `level` (default 0.9). */
export function predictLine(fit: LinearFit, x: number, level = 0.9): LinePrediction {
  const t = tCritical(level, fit.df);
  const center = lineAt(fit, x);
  const dx = x - fit.xCenter;
  const meanVar = fit.residualSd * fit.residualSd * (1 / fit.n + (dx * dx) / fit.sxx);
  const meanHalf = t * Math.sqrt(meanVar);
  const predHalf = t * Math.sqrt(meanVar + fit.residualSd * fit.residualSd);
  return {
    x,
    fit: center,
    lo: center - meanHalf,
    hi: center + meanHalf,
    predLo: center - predHalf,
    predHi: center + predHalf,
  };
}

/** `count` evenly spaced points from `from` to `to` inclusive (count ≥ 2). */
export function linspace(from: number, to: number, count: number): number[] {
  if (!(Number.isInteger(count) && count >= 2)) throw new RangeError(`invalid count: ${count}`);
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(i === count - 1 ? to : from + ((to - from) * i) / (count - 1));
  return out;
}
