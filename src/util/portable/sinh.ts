import { exp } from "./exp.js";
import { expm1 } from "./expm1.js";

/** The hyperbolic sine, odd in x (within a few ulps), the same bits on every engine. */
export function sinh(x: number): number {
  const a = Math.abs(x);
  // (e^a − e^−a)/2 = (t + t/(t + 1))/2 with t = e^a − 1: no cancellation for small a.
  const t = expm1(a);
  const value = a < 22 ? 0.5 * (t + t / (t + 1)) : 0.5 * exp(a);
  return x < 0 ? -value : value;
}
