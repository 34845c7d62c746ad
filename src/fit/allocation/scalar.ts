/**
 * One-dimensional solvers for the allocation problems: Brent's minimiser on an interval and a safeguarded
 * Newton/bisection root finder on a bracket. Both report how they stopped instead of returning a bare number.
 */

/** What a scalar solve returns. */
export interface ScalarResult {
  /** The argument found. */
  x: number;
  /** f(x): the objective (minimiser) or the residual (root finder). */
  f: number;
  converged: boolean;
  /** Why it stopped: "tolerance", "exact", "max-iterations", "non-finite". */
  reason: string;
  iterations: number;
}

/** Stopping rule of the one-dimensional solvers and of the allocations that call them. */
export interface ScalarOptions {
  /** Absolute tolerance on x; default 1e-12. */
  tolerance?: number;
  /** Maximum iterations; default 200. */
  maxIterations?: number;
}

export interface RootOptions extends ScalarOptions {
  /** First Newton point, inside the bracket; default its midpoint. */
  start?: number;
}

const GOLDEN = 0.5 * (3 - Math.sqrt(5));

/**
 * Minimises f on [lo, hi] with Brent's method (golden section with parabolic steps). Finds a local minimum;
 * callers that need the global one bracket it first (see `minimizeOnGrid`).
 */
export function minimizeBrent(
  f: (x: number) => number,
  lo: number,
  hi: number,
  options: ScalarOptions = {},
): ScalarResult {
  const tolerance = options.tolerance ?? 1e-12;
  const maxIterations = options.maxIterations ?? 200;
  if (!(lo < hi)) throw new RangeError(`invalid interval: [${lo}, ${hi}]`);
  let a = lo;
  let b = hi;
  let x = a + GOLDEN * (b - a);
  let w = x;
  let v = x;
  let fx = f(x);
  let fw = fx;
  let fv = fx;
  let d = 0;
  let e = 0;
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    if (!Number.isFinite(fx))
      return { x, f: fx, converged: false, reason: "non-finite", iterations: iteration };
    const middle = 0.5 * (a + b);
    const tol1 = tolerance + 1e-15 * Math.abs(x);
    const tol2 = 2 * tol1;
    if (Math.abs(x - middle) <= tol2 - 0.5 * (b - a)) {
      return { x, f: fx, converged: true, reason: "tolerance", iterations: iteration };
    }
    let useGolden = true;
    if (Math.abs(e) > tol1) {
      const r = (x - w) * (fx - fv);
      let q = (x - v) * (fx - fw);
      let p = (x - v) * q - (x - w) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p;
      q = Math.abs(q);
      const previous = e;
      e = d;
      if (Math.abs(p) < Math.abs(0.5 * q * previous) && p > q * (a - x) && p < q * (b - x)) {
        d = p / q;
        const u = x + d;
        if (u - a < tol2 || b - u < tol2) d = middle >= x ? tol1 : -tol1;
        useGolden = false;
      }
    }
    if (useGolden) {
      e = x >= middle ? a - x : b - x;
      d = GOLDEN * e;
    }
    const u = Math.abs(d) >= tol1 ? x + d : x + (d > 0 ? tol1 : -tol1);
    const fu = f(u);
    if (fu <= fx) {
      if (u >= x) a = x;
      else b = x;
      v = w;
      fv = fw;
      w = x;
      fw = fx;
      x = u;
      fx = fu;
    } else {
      if (u < x) a = u;
      else b = u;
      if (fu <= fw || w === x) {
        v = w;
        fv = fw;
        w = u;
        fw = fu;
      } else if (fu <= fv || v === x || v === w) {
        v = u;
        fv = fu;
      }
    }
  }
  return { x, f: fx, converged: false, reason: "max-iterations", iterations: maxIterations };
}

/**
 * Global minimum of f on [lo, hi] for functions with a few kinks: scans `points` evenly spaced values, then
 * polishes the best with Brent's method between its neighbours. A minimum on the interval's edge is reported
 * as not converged (reason "boundary"): the true optimum lies outside the searched range.
 */
export function minimizeOnGrid(
  f: (x: number) => number,
  lo: number,
  hi: number,
  points = 241,
  options: ScalarOptions = {},
): ScalarResult {
  if (!(lo < hi)) throw new RangeError(`invalid interval: [${lo}, ${hi}]`);
  const step = (hi - lo) / (points - 1);
  let best = 0;
  let bestValue = Number.POSITIVE_INFINITY;
  for (let i = 0; i < points; i++) {
    const value = f(lo + i * step);
    if (value < bestValue) {
      bestValue = value;
      best = i;
    }
  }
  if (!Number.isFinite(bestValue)) {
    return { x: lo + best * step, f: bestValue, converged: false, reason: "non-finite", iterations: 0 };
  }
  if (best === 0 || best === points - 1) {
    return { x: lo + best * step, f: bestValue, converged: false, reason: "boundary", iterations: 0 };
  }
  const polished = minimizeBrent(f, lo + (best - 1) * step, lo + (best + 1) * step, options);
  // Brent only ever accepts improvements, but keep the grid point if rounding made it worse.
  return polished.f <= bestValue ? polished : { ...polished, x: lo + best * step, f: bestValue };
}

/**
 * Root of a continuous, strictly monotone g on [lo, hi] where g(lo) and g(hi) have opposite signs: Newton steps
 * with the analytic derivative `dg`, falling back to bisection whenever a step leaves the shrinking bracket.
 */
export function findRootBracketed(
  g: (x: number) => number,
  dg: (x: number) => number,
  lo: number,
  hi: number,
  options: RootOptions = {},
): ScalarResult {
  const tolerance = options.tolerance ?? 1e-12;
  const maxIterations = options.maxIterations ?? 200;
  let glo = g(lo);
  const ghi = g(hi);
  if (!(glo * ghi <= 0)) throw new RangeError(`invalid bracket: g(${lo}) = ${glo}, g(${hi}) = ${ghi}`);
  if (glo === 0) return { x: lo, f: 0, converged: true, reason: "exact", iterations: 0 };
  if (ghi === 0) return { x: hi, f: 0, converged: true, reason: "exact", iterations: 0 };
  let x =
    options.start !== undefined && options.start > lo && options.start < hi ? options.start : 0.5 * (lo + hi);
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const gx = g(x);
    if (!Number.isFinite(gx))
      return { x, f: gx, converged: false, reason: "non-finite", iterations: iteration };
    if (gx === 0) return { x, f: 0, converged: true, reason: "exact", iterations: iteration };
    if (Math.sign(gx) === Math.sign(glo)) {
      lo = x;
      glo = gx;
    } else {
      hi = x;
    }
    const newton = x - gx / dg(x);
    const scale = tolerance * (1 + Math.abs(x));
    // A Newton step below the tolerance means x is the root to that accuracy, even if rounding puts the step
    // on the bracket's edge.
    if (Math.abs(newton - x) <= scale)
      return { x, f: gx, converged: true, reason: "tolerance", iterations: iteration };
    const next = newton > lo && newton < hi ? newton : 0.5 * (lo + hi);
    if (hi - lo <= scale)
      return { x: next, f: g(next), converged: true, reason: "tolerance", iterations: iteration };
    x = next;
  }
  return { x, f: g(x), converged: false, reason: "max-iterations", iterations: maxIterations };
}
