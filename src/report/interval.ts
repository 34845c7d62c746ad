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
  const z2 = 1.96 * 1.96;
  const scale = 1 + z2 / paths;
  const centre = (p + z2 / (2 * paths)) / scale;
  const half = (1.96 * Math.sqrt((p * (1 - p)) / paths + z2 / (4 * paths * paths))) / scale;
  return `${format(p)} (${format(Math.max(0, centre - half))}–${format(Math.min(1, centre + half))})`;
}
