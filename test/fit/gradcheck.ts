import type { ObjectiveWithGradient } from "../../src/fit/optimizer.js";

export interface GradCheck {
  /** Largest |analytic − numeric| / max(1, |numeric|) over coordinates. */
  maxError: number;
  analytic: Float64Array;
  numeric: Float64Array;
}

/**
 * Compares the analytic gradient of `f` at `x` with central differences (step h·max(1, |x_i|)), using a
 * Richardson extrapolation of two step sizes to push the truncation error to O(h⁴).
 */
export function gradCheck(f: ObjectiveWithGradient, x: ArrayLike<number>, h = 1e-4): GradCheck {
  const n = x.length;
  const point = Float64Array.from(x);
  const analytic = new Float64Array(n);
  const scratch = new Float64Array(n);
  f(point, analytic);
  const numeric = new Float64Array(n);
  const central = (i: number, step: number): number => {
    const saved = point[i];
    point[i] = saved + step;
    const up = f(point, scratch);
    point[i] = saved - step;
    const down = f(point, scratch);
    point[i] = saved;
    return (up - down) / (2 * step);
  };
  let maxError = 0;
  for (let i = 0; i < n; i++) {
    const step = h * Math.max(1, Math.abs(point[i]));
    numeric[i] = (4 * central(i, step / 2) - central(i, step)) / 3;
    const error = Math.abs(analytic[i] - numeric[i]) / Math.max(1, Math.abs(numeric[i]));
    if (error > maxError) maxError = error;
  }
  return { maxError, analytic, numeric };
}
