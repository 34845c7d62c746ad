/**
 * Quantile q ∈ [0, 1] of ascending `sorted` values, interpolating linearly between order statistics at
 * (n − 1)·q (Hyndman & Fan type 7, NumPy's and R's default); NaN for no values.
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`invalid q: ${q}`);
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
