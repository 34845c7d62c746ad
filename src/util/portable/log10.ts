import { log } from "./log.js";

const LOG10_E = 0.4342944819032518;

/** The base-10 logarithm of x (within an ulp or two), the same bits on every engine. */
export function log10(x: number): number {
  return log(x) * LOG10_E;
}
