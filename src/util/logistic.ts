/** The logistic function σ(z) = 1/(1 + e^(−z)) ∈ [0, 1], as e^z/(1 + e^z) for z < 0 so it never overflows. */
import { exp } from "./portable/index.js";
export function logistic(z: number): number {
  if (z >= 0) return 1 / (1 + exp(-z));
  const e = exp(z);
  return e / (1 + e);
}
