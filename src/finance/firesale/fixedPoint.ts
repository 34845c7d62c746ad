/**
 * Fixed points of a non-decreasing map G on discounts [0, 1] by Picard iteration. From 0 (no sales) the iterates
 * rise to the least fixed point, from G(1)-or-below (full sales) they fall to the greatest (Tarski; both
 * sequences are monotone, so neither overshoots).
 */

import { NON_FINITE } from "../finite.js";

export interface DiscountIteration {
  discount: number;
  iterations: number;
  converged: boolean;
  reason: "converged" | "iteration limit" | typeof NON_FINITE;
}

/** `run` flagged as not converged when its discount or the quantity sold at it is not a finite number. */
export function checkFinite<T extends DiscountIteration>(run: T, quantity: number): T {
  if (Number.isFinite(run.discount) && Number.isFinite(quantity)) return run;
  return { ...run, converged: false, reason: NON_FINITE };
}

/**
 * Iterates d ← G(d) from `start` until the step is negligible: below `tolerance`/100, or the error left, about
 * step·ρ/(1−ρ) for a step ratio ρ < 1, is below `tolerance`.
 */
export function iterateDiscount(
  map: (discount: number) => number,
  start: number,
  tolerance: number,
  maxIterations: number,
): DiscountIteration {
  let d = start;
  let previous = Number.POSITIVE_INFINITY;
  for (let iterations = 1; iterations <= maxIterations; iterations++) {
    const next = map(d);
    const step = Math.abs(next - d);
    d = next;
    if (step <= tolerance * 1e-2) return { discount: d, iterations, converged: true, reason: "converged" };
    if (previous > 0 && previous < Number.POSITIVE_INFINITY) {
      const rho = step / previous;
      if (rho < 1 && (step * rho) / (1 - rho) <= tolerance)
        return { discount: d, iterations, converged: true, reason: "converged" };
    }
    previous = step;
  }
  return { discount: d, iterations: maxIterations, converged: false, reason: "iteration limit" };
}

/** Checks the shared iteration options; returns them with defaults applied. */
export function resolveIterationOptions(options: { tolerance?: number; maxIterations?: number }): {
  tolerance: number;
  maxIterations: number;
} {
  const tolerance = options.tolerance ?? 1e-14;
  const maxIterations = options.maxIterations ?? 10_000;
  if (!(tolerance > 0 && tolerance < 1)) throw new RangeError(`invalid tolerance: ${tolerance}`);
  if (!Number.isSafeInteger(maxIterations) || maxIterations < 1)
    throw new RangeError(`invalid maxIterations: ${maxIterations}`);
  return { tolerance, maxIterations };
}

/** Least and greatest discounts agree when they differ by less than this (or 100 × the tolerance). */
export function sameDiscount(a: number, b: number, tolerance: number): boolean {
  return Math.abs(a - b) <= Math.max(1e-10, 100 * tolerance);
}

/**
 * Share of its marketable holding a holder sells at discount d so that assets/equity ≤ λ, with every asset
 * marked at the post-sale price and the proceeds paying down debt (Greenwood–Landier–Thesmar leverage
 * targeting). A holder with no equity left sells everything; one that cannot reach λ even so sells everything.
 * Non-decreasing in d when λ ≥ 1.
 * @param assets total assets marked at the discount (marketable included at price 1 − d)
 * @param equity equity marked at the discount
 * @param marketableValue marketable holding at price 1 − d
 */
export function saleShareFor(
  assets: number,
  equity: number,
  marketableValue: number,
  threshold: number,
): number {
  if (equity <= 0) return 1;
  const excess = assets - threshold * equity;
  if (excess <= 0) return 0;
  if (!(marketableValue > 0)) return 1;
  return Math.min(1, excess / marketableValue);
}
