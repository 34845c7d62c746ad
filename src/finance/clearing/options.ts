import type { ClearingOptions } from "./types.js";

/** Options with defaults applied and checked. */
export interface ResolvedClearingOptions {
  alpha: number;
  beta: number;
  tolerance: number;
  maxIterations: number;
}

/** Applies defaults; EN ignores α and β (both 1). Throws RangeError on a bad value. */
export function resolveClearingOptions(options: ClearingOptions): ResolvedClearingOptions {
  if (options.model !== "en" && options.model !== "rv")
    throw new RangeError(`invalid model: ${options.model}`);
  const rv = options.model === "rv";
  const alpha = rv ? (options.alpha ?? 1) : 1;
  const beta = rv ? (options.beta ?? 1) : 1;
  if (!(alpha >= 0 && alpha <= 1)) throw new RangeError(`invalid alpha: ${alpha}`);
  if (!(beta >= 0 && beta <= 1)) throw new RangeError(`invalid beta: ${beta}`);
  return { alpha, beta, ...resolveSolverLimits(options) };
}

/** Applies the defaults of every clearing solver's accuracy (1e-14) and sweep cap (100 000) and checks them. */
export function resolveSolverLimits(options: {
  tolerance?: number;
  maxIterations?: number;
}): Pick<ResolvedClearingOptions, "tolerance" | "maxIterations"> {
  const tolerance = options.tolerance ?? 1e-14;
  const maxIterations = options.maxIterations ?? 100_000;
  if (!(tolerance > 0 && tolerance < 1)) throw new RangeError(`invalid tolerance: ${tolerance}`);
  if (!(Number.isInteger(maxIterations) && maxIterations >= 1))
    throw new RangeError(`invalid maxIterations: ${maxIterations}`);
  return { tolerance, maxIterations };
}

/**
 * Stopping rule of a linear fixed-point iteration from the size of the last two updates: the error left is
 * about delta·ρ/(1−ρ) with ρ = delta/previous. Stops at rounding level whatever ρ looks like.
 */
export function settled(delta: number, previous: number, tolerance: number): boolean {
  if (delta <= tolerance * 1e-2) return true;
  if (!(previous > 0 && previous < Number.POSITIVE_INFINITY)) return false;
  const rho = delta / previous;
  return rho < 1 && (delta * rho) / (1 - rho) <= tolerance;
}
