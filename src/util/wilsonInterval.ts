/**
 * Wilson's 95% score interval of a probability estimated as the share `p` of `paths` independent paths: unlike
 * p ± 1.96·√(p(1 − p)/paths) it stays inside [0, 1] and is not empty at p = 0 or 1. RangeError for fewer than one
 * path.
 */
export function wilsonInterval(p: number, paths: number): [low: number, high: number] {
  if (!(paths >= 1)) throw new RangeError(`invalid paths: ${paths}`);
  const z2 = 1.96 * 1.96;
  const scale = 1 + z2 / paths;
  const centre = (p + z2 / (2 * paths)) / scale;
  const half = (1.96 * Math.sqrt((p * (1 - p)) / paths + z2 / (4 * paths * paths))) / scale;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
