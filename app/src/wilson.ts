/** The 95% Wilson score interval of a probability estimated as a share of `n` paths. */
export function wilsonInterval(p: number, n: number): [low: number, high: number] {
  const z2 = 1.96 * 1.96;
  const scale = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / scale;
  const half = (1.96 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / scale;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
