/**
 * The optimiser contract every fitting module uses. `minimizeLbfgs` (src/fit/lbfgs.ts) implements it.
 */

/** Objective with analytic gradient: returns f(x) and writes ∇f(x) into `grad` (same length as x). */
export type ObjectiveWithGradient = (x: Float64Array, grad: Float64Array) => number;

/** Stopping rules, memory and optional box bounds of a minimisation (`minimizeLbfgs`). */
export interface MinimizeOptions {
  /** Maximum iterations; default 1000. */
  maxIterations?: number;
  /** Stop when the (projected) gradient's infinity norm falls below this; default 1e-10. */
  gradientTolerance?: number;
  /** Stop when the relative decrease of f in one iteration falls below this; default 1e-15. */
  functionTolerance?: number;
  /** History pairs kept; default 10. */
  memory?: number;
  /**
   * Initial inverse Hessian, n × n row-major, symmetric positive definite (default: steepest descent first, then
   * the last curvature pair's scaling). A refit of a problem like one already solved converges in fewer steps
   * from that problem's inverse Hessian; it is dropped if a step along it fails.
   */
  inverseHessian?: ArrayLike<number>;
  /** Lower bounds per coordinate (−Infinity for none); enables the bounded (projected) variant. */
  lower?: ArrayLike<number>;
  /** Upper bounds per coordinate (+Infinity for none). */
  upper?: ArrayLike<number>;
}

/** What a minimisation returns: never a bare array. */
export interface MinimizeResult {
  x: Float64Array;
  f: number;
  /** Infinity norm of the (projected) gradient at x. */
  gradientNorm: number;
  converged: boolean;
  /** Why it stopped: "gradient", "function", "max-iterations", "line-search", "non-finite". */
  reason: string;
  iterations: number;
  evaluations: number;
}
