/** Options of `bisectThreshold`. */
export interface BisectOptions {
  /** Stop when the bracket is narrower than this, in the scalar's units; > 0. Default 1e-3. */
  tolerance?: number;
  /** At most this many predicate calls after the two end checks; ≥ 1. Default 60. */
  maxIterations?: number;
}

/** Where a monotone predicate switches from false to true, with the bracket that shows it. */
export interface ThresholdResult {
  /** Best estimate: the smallest scalar known to make the predicate true (the bracket's upper end). */
  value: number;
  /** Largest scalar known to keep it false (the bracket's lower end). */
  below: number;
  /** true when the bracket is narrower than the tolerance. */
  converged: boolean;
  /** Why the search stopped. */
  reason: "tolerance" | "max-iterations" | "true-at-low" | "false-at-high";
  /** Predicate calls made, including the two end checks. */
  iterations: number;
}

/**
 * The smallest x in [low, high] at which a monotone predicate (false below a threshold, true at and above it)
 * turns true, by bisection. If it is already true at `low`, returns low ("true-at-low"); if it is still false
 * at `high`, returns high with `value` = Infinity ("false-at-high"); neither is converged.
 */
export async function bisectThreshold(
  predicate: (x: number) => boolean | Promise<boolean>,
  low: number,
  high: number,
  options: BisectOptions = {},
): Promise<ThresholdResult> {
  const tolerance = options.tolerance ?? 1e-3;
  const maxIterations = options.maxIterations ?? 60;
  if (!(Number.isFinite(low) && Number.isFinite(high) && low < high))
    throw new RangeError(`invalid bracket: [${low}, ${high}]`);
  if (!(tolerance > 0)) throw new RangeError(`invalid tolerance: ${tolerance}`);
  if (!Number.isInteger(maxIterations) || maxIterations < 1)
    throw new RangeError(`invalid maxIterations: ${maxIterations}`);
  let iterations = 1;
  if (await predicate(low))
    return { value: low, below: Number.NaN, converged: false, reason: "true-at-low", iterations };
  iterations++;
  if (!(await predicate(high)))
    return {
      value: Number.POSITIVE_INFINITY,
      below: high,
      converged: false,
      reason: "false-at-high",
      iterations,
    };
  let lo = low;
  let hi = high;
  for (let i = 0; i < maxIterations; i++) {
    if (hi - lo <= tolerance)
      return { value: hi, below: lo, converged: true, reason: "tolerance", iterations };
    const mid = lo + (hi - lo) / 2;
    iterations++;
    if (await predicate(mid)) hi = mid;
    else lo = mid;
  }
  const converged = hi - lo <= tolerance;
  return { value: hi, below: lo, converged, reason: converged ? "tolerance" : "max-iterations", iterations };
}
