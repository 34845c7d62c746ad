import { wilsonInterval } from "../util/wilsonInterval.js";
import { formatNumber } from "./html.js";

/**
 * A probability estimated on `paths` paths with its 95% Wilson score interval, e.g. "0.38 (0.35–0.41)", each
 * number written by `format`.
 */
export function withInterval(
  p: number,
  paths: number,
  format: (value: number) => string = formatNumber,
): string {
  const [low, high] = wilsonInterval(p, paths);
  return `${format(p)} (${format(low)}–${format(high)})`;
}
