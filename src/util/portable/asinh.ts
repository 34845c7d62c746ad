import { log } from "./log.js";
import { log1p } from "./log1p.js";

/** Above this, x² + 1 rounds to x² and asinh(x) = log(2x) = log(x) + ln 2. */
const LARGE = 2 ** 28;
const LN2 = 0.6931471805599453;

/** The inverse hyperbolic sine, odd in x (within a few ulps), the same bits on every engine. */
export function asinh(x: number): number {
  const a = Math.abs(x);
  if (!(a > 0) || a === Number.POSITIVE_INFINITY) return x;
  const value = a > LARGE ? log(a) + LN2 : log1p(a + (a * a) / (1 + Math.sqrt(1 + a * a)));
  return x < 0 ? -value : value;
}
