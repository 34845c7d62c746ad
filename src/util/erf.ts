/**
 * The error function to about 1e-15 relative: Maclaurin series for |x| < 2.5, the continued fraction of
 * erfc beyond (Abramowitz & Stegun 7.1.5 and 7.1.14).
 */
import { exp } from "./portable/index.js";
export function erf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const a = Math.abs(x);
  if (a < 2.5) {
    // erf(x) = 2/√π Σ (−1)^k x^(2k+1) / (k! (2k+1))
    let term = a;
    let sum = a;
    const x2 = a * a;
    for (let k = 1; k < 100; k++) {
      term *= -x2 / k;
      const add = term / (2 * k + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return Math.sign(x) * (2 / Math.sqrt(Math.PI)) * sum;
  }
  // From 6 on, erfc(a) < e^(−36)/√π/6 ≈ 2.2e-17 < 2⁻⁵⁴, so 1 − erfc rounds to 1: the continued fraction below
  // would give exactly ±1, at 60 divisions (the economy's credit rule asks for it every quarter).
  if (a >= 6) return Math.sign(x);
  // erfc(a) = e^(−a²)/√π · 1/(a + 1/2/(a + 1/(a + 3/2/(a + 2/(a + …))))), evaluated bottom-up.
  let frac = a;
  for (let k = 60; k >= 1; k--) frac = a + k / 2 / frac;
  const erfc = exp(-a * a) / Math.sqrt(Math.PI) / frac;
  return Math.sign(x) * (1 - erfc);
}
