/** Ordinary least squares on a small dense design, by Householder QR (no normal equations). */
export interface LeastSquaresResult {
  /** Fitted coefficients, one per design column. */
  coefficients: Float64Array;
  /** Residual sum of squares. */
  sse: number;
  /** (XᵀX)⁻¹, row-major p×p: multiply by σ² for the coefficients' covariance. */
  unscaledCovariance: Float64Array;
  /** False when a column is (numerically) a combination of the others; then coefficients are NaN. */
  fullRank: boolean;
}

/**
 * Solves min ‖Xb − y‖² for X given row-major (n rows × p columns). Needs n ≥ p. Rank deficiency (a column
 * whose Householder diagonal is below 1e-12 of the largest column norm) is reported, not thrown.
 */
export function leastSquares(design: ArrayLike<number>, p: number, y: ArrayLike<number>): LeastSquaresResult {
  const n = y.length;
  if (!(Number.isInteger(p) && p >= 1)) throw new RangeError(`invalid p: ${p}`);
  if (design.length !== n * p) throw new RangeError(`invalid design length: ${design.length}`);
  if (n < p) throw new RangeError(`invalid n: ${n}`);
  // Column-major copy so each Householder reflection walks contiguous memory.
  const a = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) a[j * n + i] = design[i * p + j];
  const b = Float64Array.from(y);
  const diag = new Float64Array(p);
  let scale = 0;
  for (let j = 0; j < p; j++) {
    let norm = 0;
    for (let i = 0; i < n; i++) norm = Math.hypot(norm, a[j * n + i]);
    scale = Math.max(scale, norm);
  }
  let fullRank = scale > 0;
  for (let k = 0; k < p; k++) {
    let norm = 0;
    for (let i = k; i < n; i++) norm = Math.hypot(norm, a[k * n + i]);
    if (!(norm > 1e-12 * scale)) {
      fullRank = false;
      break;
    }
    const alpha = a[k * n + k] > 0 ? -norm : norm;
    // v = x − αe₁ stored in place of column k below the diagonal.
    a[k * n + k] -= alpha;
    let vv = 0;
    for (let i = k; i < n; i++) vv += a[k * n + i] * a[k * n + i];
    for (let j = k + 1; j < p; j++) {
      let dot = 0;
      for (let i = k; i < n; i++) dot += a[k * n + i] * a[j * n + i];
      const f = (2 * dot) / vv;
      for (let i = k; i < n; i++) a[j * n + i] -= f * a[k * n + i];
    }
    let dot = 0;
    for (let i = k; i < n; i++) dot += a[k * n + i] * b[i];
    const f = (2 * dot) / vv;
    for (let i = k; i < n; i++) b[i] -= f * a[k * n + i];
    diag[k] = alpha;
  }
  const coefficients = new Float64Array(p);
  const unscaledCovariance = new Float64Array(p * p);
  if (!fullRank) {
    coefficients.fill(Number.NaN);
    unscaledCovariance.fill(Number.NaN);
    return { coefficients, sse: Number.NaN, unscaledCovariance, fullRank };
  }
  const r = (i: number, j: number): number => (i === j ? diag[i] : a[j * n + i]);
  for (let i = p - 1; i >= 0; i--) {
    let s = b[i];
    for (let j = i + 1; j < p; j++) s -= r(i, j) * coefficients[j];
    coefficients[i] = s / diag[i];
  }
  let sse = 0;
  for (let i = p; i < n; i++) sse += b[i] * b[i];
  // R⁻¹ (upper triangular), then (XᵀX)⁻¹ = R⁻¹ R⁻ᵀ.
  const rInv = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    rInv[j * p + j] = 1 / diag[j];
    for (let i = j - 1; i >= 0; i--) {
      let s = 0;
      for (let k = i + 1; k <= j; k++) s += r(i, k) * rInv[k * p + j];
      rInv[i * p + j] = -s / diag[i];
    }
  }
  for (let i = 0; i < p; i++) {
    for (let j = i; j < p; j++) {
      let s = 0;
      for (let k = j; k < p; k++) s += rInv[i * p + k] * rInv[j * p + k];
      unscaledCovariance[i * p + j] = s;
      unscaledCovariance[j * p + i] = s;
    }
  }
  return { coefficients, sse, unscaledCovariance, fullRank };
}
