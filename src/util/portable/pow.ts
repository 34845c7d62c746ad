import { exp } from "./exp.js";
import { log } from "./log.js";

/** Largest whole exponent raised by repeated squaring (exact to a few ulps); beyond it, e^(y·log x). */
const MAX_SQUARING = 64;

/** x^y for the engine's growth factors, discounts and elasticities, the same bits on every engine: by repeated
 * squaring for whole y up to 64 in size, else e^(y·log x) (relative error about |y·log x| ulps). A negative x
 * takes only a whole y (else NaN), as Math.pow. */
export function pow(x: number, y: number): number {
  if (y === 0) return 1;
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.NaN;
  if (Number.isInteger(y) && Math.abs(y) <= MAX_SQUARING) {
    let base = x;
    let n = Math.abs(y);
    let result = 1;
    while (n > 0) {
      if (n & 1) result *= base;
      base *= base;
      n >>= 1;
    }
    return y < 0 ? 1 / result : result;
  }
  if (x === 1) return 1;
  if (x < 0) {
    if (!Number.isInteger(y)) return Number.NaN;
    const magnitude = pow(-x, y);
    return y % 2 === 0 ? magnitude : -magnitude;
  }
  if (x === 0) return y > 0 ? 0 : Number.POSITIVE_INFINITY;
  return exp(y * log(x));
}
