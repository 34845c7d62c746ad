import { wilsonInterval } from "./wilsonInterval.js";

/**
 * 95% interval of p₁ − p₂, two probabilities estimated on the same paths (each path an event under both, as two
 * scenarios run on common random numbers are): Newcombe's (1998) method 10, which combines the Wilson intervals of
 * p₁ and p₂ with the correlation φ of the paired outcomes — it stays inside [−1, 1], is not empty when no path
 * disagrees, and narrows as the outcomes agree. `both`, `onlyFirst`, `onlySecond` and `neither` count the paths
 * by whether the event happened under the first and the second. RangeError for a negative or fractional count, or
 * no path.
 */
export function pairedDifferenceInterval(
  both: number,
  onlyFirst: number,
  onlySecond: number,
  neither: number,
): [low: number, high: number] {
  for (const count of [both, onlyFirst, onlySecond, neither])
    if (!(Number.isInteger(count) && count >= 0)) throw new RangeError(`invalid count: ${count}`);
  const n = both + onlyFirst + onlySecond + neither;
  if (n < 1) throw new RangeError("invalid counts: no path");
  const p1 = (both + onlyFirst) / n;
  const p2 = (both + onlySecond) / n;
  // φ of the 2×2 table, its positive part shrunk by n/2 as Newcombe corrects it (0 when a margin is empty).
  const margins = (both + onlyFirst) * (onlySecond + neither) * (both + onlySecond) * (onlyFirst + neither);
  const cross = both * neither - onlyFirst * onlySecond;
  const corrected = cross > n / 2 ? cross - n / 2 : Math.min(cross, 0);
  const phi = margins > 0 ? corrected / Math.sqrt(margins) : 0;
  return squareAndAdd(p1, p2, n, phi);
}

/**
 * 95% interval of p₁ − p₂ estimated on `paths` independent paths each (Newcombe's 1998 hybrid score interval, his
 * method 10 for unpaired samples): what two independent runs of that many paths would give. RangeError for fewer
 * than one path.
 */
export function independentDifferenceInterval(
  p1: number,
  p2: number,
  paths: number,
): [low: number, high: number] {
  return squareAndAdd(p1, p2, paths, 0);
}

// The Wilson intervals of p₁ and p₂ combined with the correlation φ of their estimates.
function squareAndAdd(p1: number, p2: number, n: number, phi: number): [low: number, high: number] {
  const [l1, u1] = wilsonInterval(p1, n);
  const [l2, u2] = wilsonInterval(p2, n);
  const d = p1 - p2;
  const below = Math.sqrt(Math.max(0, (p1 - l1) ** 2 - 2 * phi * (p1 - l1) * (u2 - p2) + (u2 - p2) ** 2));
  const above = Math.sqrt(Math.max(0, (u1 - p1) ** 2 - 2 * phi * (u1 - p1) * (p2 - l2) + (p2 - l2) ** 2));
  return [d - below, d + above];
}
