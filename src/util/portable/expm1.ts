import { exp } from "./exp.js";
import { log } from "./log.js";

/** e^x − 1, accurate for small x (to a few ulps, by Kahan's (u − 1)·x/log(u) with u = e^x), the same bits on
 * every engine. */
export function expm1(x: number): number {
  const u = exp(x);
  if (u === 1) return x;
  const um1 = u - 1;
  if (um1 === -1 || u === Number.POSITIVE_INFINITY) return um1;
  return (um1 * x) / log(u);
}
