/**
 * Levels of the order statistics that bound a median's 95% Monte Carlo interval over `paths` independent paths:
 * ½ ∓ 1.96·√(¼ / paths). The number of paths below the true median is binomial(paths, ½), so these quantiles of
 * the simulated values cover it whatever the distribution (the binomial interval for a quantile, in its normal
 * approximation). RangeError for fewer than one path.
 */
export function medianIntervalLevels(paths: number): [number, number] {
  if (!(paths >= 1)) throw new RangeError(`invalid paths: ${paths}`);
  const half = Math.min(0.5, 1.96 * Math.sqrt(0.25 / paths));
  return [0.5 - half, 0.5 + half];
}
