/**
 * The inverse Hessian of an objective at a point, from central differences of its analytic gradient: a
 * preconditioner for refits of similar problems (`MinimizeOptions.inverseHessian`), not a covariance estimate.
 */
import type { ObjectiveWithGradient } from "./optimizer.js";

/** Relative step of the central differences: about the cube root of machine epsilon, where their error is least. */
const STEP = 6e-6;

/** What `inverseHessian` returns: the n × n inverse (row-major) when the Hessian is positive definite. */
export interface InverseHessianResult {
  /** The inverse Hessian, n × n row-major; undefined when the Hessian is not positive definite or not finite. */
  values: Float64Array | undefined;
  /** Why: "positive-definite", "not-positive-definite" or "non-finite". */
  reason: string;
  /** Gradient evaluations spent (2n). */
  evaluations: number;
}

/**
 * The inverse of the Hessian of `f` at `x`, symmetrised, by Cholesky factorisation; `values` is undefined when it is
 * not positive definite (x is then no minimum, and its inverse would point uphill).
 */
export function inverseHessian(f: ObjectiveWithGradient, x: ArrayLike<number>): InverseHessianResult {
  const n = x.length;
  if (n === 0) throw new RangeError("invalid x: empty");
  const hessian = new Float64Array(n * n);
  const point = Float64Array.from(x);
  const up = new Float64Array(n);
  const down = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const h = STEP * Math.max(1, Math.abs(point[j]));
    const xj = point[j];
    point[j] = xj + h;
    f(point, up);
    point[j] = xj - h;
    f(point, down);
    point[j] = xj;
    for (let i = 0; i < n; i++) hessian[i * n + j] = (up[i] - down[i]) / (2 * h);
  }
  const evaluations = 2 * n;
  if (hessian.some((v) => !Number.isFinite(v)))
    return { values: undefined, reason: "non-finite", evaluations };
  // Cholesky H = L·Lᵀ of the symmetric part, in place below the diagonal.
  const lower = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = (hessian[i * n + j] + hessian[j * n + i]) / 2;
      for (let k = 0; k < j; k++) sum -= lower[i * n + k] * lower[j * n + k];
      if (i === j) {
        if (!(sum > 0)) return { values: undefined, reason: "not-positive-definite", evaluations };
        lower[i * n + i] = Math.sqrt(sum);
      } else lower[i * n + j] = sum / lower[j * n + j];
    }
  }
  // H⁻¹ = L⁻ᵀ·L⁻¹: invert L by forward substitution, then multiply.
  const lowerInverse = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    lowerInverse[j * n + j] = 1 / lower[j * n + j];
    for (let i = j + 1; i < n; i++) {
      let sum = 0;
      for (let k = j; k < i; k++) sum -= lower[i * n + k] * lowerInverse[k * n + j];
      lowerInverse[i * n + j] = sum / lower[i * n + i];
    }
  }
  const values = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = 0;
      for (let k = i; k < n; k++) sum += lowerInverse[k * n + i] * lowerInverse[k * n + j];
      values[i * n + j] = sum;
      values[j * n + i] = sum;
    }
  }
  return { values, reason: "positive-definite", evaluations };
}
