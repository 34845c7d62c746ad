/**
 * Quantile functions of the scenario distributions, so that every draw is `F⁻¹(Φ(z))` of a standard normal z:
 * the Gaussian copula then only has to correlate the z's.
 */

import { incompleteBeta, normalQuantile } from "../forecast/distributions.js";
import { exp } from "../util/portable/index.js";
import type { Distribution } from "./schema.js";

/** Standard normal CDF Φ(z) via erfc (Numerical Recipes' Chebyshev fit; relative error < 1.2e-7). */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const erfc =
    t *
    exp(
      -x * x -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return z >= 0 ? 1 - 0.5 * erfc : 0.5 * erfc;
}

/** Quantile of Beta(a, b) on [0, 1] by bisection on the regularised incomplete beta (monotone, robust). */
export function betaQuantile(p: number, a: number, b: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`invalid p: ${p}`);
  if (p === 0) return 0;
  if (p === 1) return 1;
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = 0.5 * (lo + hi);
    if (incompleteBeta(mid, a, b) < p) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** The draw of `dist` for a standard normal `z` (so that correlated z's give correlated draws). */
export function drawFromNormal(dist: Distribution, z: number): number {
  switch (dist.kind) {
    case "normal":
      return dist.mean + dist.sd * z;
    case "lognormal":
      return dist.median * exp(dist.sigma * z);
    case "uniform":
      return dist.lo + (dist.hi - dist.lo) * normalCdf(z);
    case "triangular": {
      const u = normalCdf(z);
      const { lo, mode, hi } = dist;
      const cut = (mode - lo) / (hi - lo);
      return u < cut
        ? lo + Math.sqrt(u * (hi - lo) * (mode - lo))
        : hi - Math.sqrt((1 - u) * (hi - lo) * (hi - mode));
    }
    case "beta": {
      const lo = dist.lo ?? 0;
      const hi = dist.hi ?? 1;
      return lo + (hi - lo) * betaQuantile(normalCdf(z), dist.alpha, dist.beta);
    }
  }
}

/** The median of `dist` (used as the central value, e.g. in `withParameter` and deterministic runs). */
export function distributionMedian(dist: Distribution): number {
  return drawFromNormal(dist, 0);
}

export { normalQuantile };
