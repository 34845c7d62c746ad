/**
 * Price impact of fire sales: the discount d ∈ [0, 1] on the marketable asset (price 1 − d, pre-sale price 1)
 * when a total quantity q (at pre-sale prices) is sold.
 *
 * - `sqrt`: d = min(1, √(k·q)), the square-root impact law (Tóth et al. 2011, "Anomalous price impact and the
 *   critical nature of liquidity in financial markets", PRX 1, 021006: impact ∝ σ√(Q/V), so k = (Yσ)²/V).
 *   Concave, so it can have several equilibria. With k = 0.000022 a sale of 100 costs √0.0022 ≈ 4.7%.
 * - `linear`: d = min(1, k·q) (Greenwood, Landier and Thesmar 2015, "Vulnerable banks", JFE 115).
 * - `exponential`: d = 1 − e^(−k·q), the price e^(−k·q) (Caccioli, Shrestha, Moore and Farmer 2014, "Stability
 *   analysis of financial contagion due to overlapping portfolios", JBF 46; Cont and Schaanning 2017).
 */
import type { PriceImpact } from "../network.js";

export const PRICE_IMPACT_KINDS: readonly PriceImpact["kind"][] = ["sqrt", "linear", "exponential"];

/** Throws RangeError unless `impact` is a known kind with a finite k ≥ 0. */
export function checkPriceImpact(impact: PriceImpact): void {
  if (!PRICE_IMPACT_KINDS.includes(impact.kind))
    throw new RangeError(`invalid priceImpact.kind: ${impact.kind}`);
  if (!(impact.k >= 0) || !Number.isFinite(impact.k))
    throw new RangeError(`invalid priceImpact.k: ${impact.k}`);
}

/** The discount in [0, 1] after selling `quantity` ≥ 0 (pre-sale value) of the marketable asset. */
export function discountFor(impact: PriceImpact, quantity: number): number {
  const x = impact.k * quantity;
  if (!(x > 0)) return 0;
  switch (impact.kind) {
    case "sqrt":
      return Math.min(1, Math.sqrt(x));
    case "linear":
      return Math.min(1, x);
    case "exponential":
      return -Math.expm1(-x);
  }
}
