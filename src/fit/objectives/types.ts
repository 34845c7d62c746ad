/**
 * An objective scores log predictions against observations. It writes ∂f/∂(log ŷ_i) so that the engine can
 * chain it with any form's Jacobian, and may add parameters of its own (a noise scale).
 */

/** Loss names the CLI accepts. */
export type LossName = "huber" | "log-mse" | "msle" | "huber-mle";

export interface Loss {
  name: LossName;
  /** Huber threshold δ (huber and huber-mle). */
  delta?: number;
  /** Names of the objective's own parameters, fitted after the form's (huber-mle: `logScale`). */
  extraParams: readonly string[];
  /** What the observations become before `evaluate` compares them: log y, or log(1 + y). */
  target(y: Float64Array): Float64Array;
  /**
   * f(log ŷ; target, extra), writing ∂f/∂(log ŷ_i) into `dLogPred` and ∂f/∂extra_j into `dExtra`. Must not
   * allocate.
   */
  evaluate(
    logPred: Float64Array,
    target: Float64Array,
    extra: Float64Array,
    dLogPred: Float64Array,
    dExtra: Float64Array,
  ): number;
  /** Residuals in the loss's own log space, written into `out` (for RSS-based AIC/BIC). */
  residuals(logPred: Float64Array, target: Float64Array, out: Float64Array): void;
  /** A reasonable start for the extra parameters given residuals at a start point. */
  extraStart(residuals: Float64Array): number[];
}

/** Huber's ρ_δ(r): r²/2 for |r| ≤ δ, δ(|r| − δ/2) beyond. */
export function huber(r: number, delta: number): number {
  const a = Math.abs(r);
  return a <= delta ? 0.5 * r * r : delta * (a - 0.5 * delta);
}

/** ρ_δ'(r): r clipped to [−δ, δ]. */
export function huberSlope(r: number, delta: number): number {
  return Math.min(delta, Math.max(-delta, r));
}

export function logResiduals(logPred: Float64Array, target: Float64Array, out: Float64Array): void {
  for (let i = 0; i < out.length; i++) out[i] = logPred[i] - target[i];
}
