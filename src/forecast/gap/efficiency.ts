/**
 * The falling cost of capability: how much training compute (or cost) a given index level takes over time.
 * A regression log10(compute) = a + b·index + c·year over models with known compute gives the yearly fall at
 * fixed capability (c < 0); its residuals flag efficiency outliers (a model trained with far less compute
 * than its index and date predict, as DeepSeek's were reported to be).
 */
import { leastSquares } from "../leastSquares.js";

/** A model with its index, release date and training compute (or cost). */
export interface CostPoint {
  name: string;
  year: number;
  index: number;
  /** Training compute in FLOP or cost in USD: the log10 of it is regressed. */
  amount: number;
}

export interface EfficiencyResult {
  n: number;
  /** log10 amount per index point at fixed date. */
  perIndexPoint: number;
  /** log10 amount per year at fixed index (negative when capability gets cheaper). */
  oomPerYear: number;
  /** The factor by which the amount needed for a fixed index falls each year: 10^(−oomPerYear). */
  fallPerYear: number;
  /** Residual standard deviation, log10 units. */
  residualSd: number;
  /** Every point with its residual (log10) and standardised residual, most efficient first. */
  residuals: { name: string; year: number; index: number; amount: number; residual: number; z: number }[];
}

/** Fits log10(amount) on index and date; needs at least 4 points with positive amounts. */
export function capabilityCostTrend(points: readonly CostPoint[]): EfficiencyResult {
  const usable = points.filter(
    (p) => Number.isFinite(p.year) && Number.isFinite(p.index) && p.amount > 0 && Number.isFinite(p.amount),
  );
  const n = usable.length;
  if (n < 4) throw new RangeError(`invalid points: ${n} usable, need at least 4`);
  const meanYear = usable.reduce((s, p) => s + p.year, 0) / n;
  const design = new Float64Array(n * 3);
  const y = new Float64Array(n);
  usable.forEach((p, i) => {
    design[3 * i] = 1;
    design[3 * i + 1] = p.index;
    design[3 * i + 2] = p.year - meanYear;
    y[i] = Math.log10(p.amount);
  });
  const fit = leastSquares(design, 3, y);
  if (!fit.fullRank) throw new RangeError("invalid points: index and date are collinear");
  const [a, b, c] = fit.coefficients;
  const residualSd = Math.sqrt(fit.sse / Math.max(1, n - 3));
  const residuals = usable
    .map((p, i) => {
      const residual = y[i] - (a + b * p.index + c * (p.year - meanYear));
      return {
        name: p.name,
        year: p.year,
        index: p.index,
        amount: p.amount,
        residual,
        z: residual / residualSd,
      };
    })
    .sort((u, v) => u.residual - v.residual);
  return { n, perIndexPoint: b, oomPerYear: c, fallPerYear: 10 ** -c, residualSd, residuals };
}

/** The cheapest-so-far models reaching `level`: each reaches it with less than every earlier model that did. */
export function cheapestToReach(
  points: readonly CostPoint[],
  level: number,
): { name: string; year: number; index: number; amount: number }[] {
  const reaching = points
    .filter((p) => p.index >= level && p.amount > 0 && Number.isFinite(p.year))
    .sort((u, v) => u.year - v.year || u.amount - v.amount);
  const out: { name: string; year: number; index: number; amount: number }[] = [];
  let cheapest = Number.POSITIVE_INFINITY;
  for (const p of reaching) {
    if (p.amount < cheapest) {
      cheapest = p.amount;
      out.push({ name: p.name, year: p.year, index: p.index, amount: p.amount });
    }
  }
  return out;
}
