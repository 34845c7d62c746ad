import { log } from "./log.js";

/** log(1 + x), accurate for small x (to a few ulps, by the HP-15C identity log(u)·x/(u − 1) with u = 1 + x), the
 * same bits on every engine. */
export function log1p(x: number): number {
  if (x === Number.POSITIVE_INFINITY) return x;
  const u = 1 + x;
  if (u === 1) return x;
  return (log(u) * x) / (u - 1);
}
