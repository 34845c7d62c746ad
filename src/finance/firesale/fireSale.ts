/**
 * Fire-sale equilibria of leverage-targeting holders of one marketable asset (Greenwood, Landier and Thesmar
 * 2015; Cont and Schaanning 2017). Holder i enters with equity E_i, marketable M_i and illiquid I_i after the
 * shock, at pre-sale prices. At discount d it marks M_i at 1 − d, so its equity is E_i − d·M_i and its assets
 * I_i + (1 − d)·M_i, and sells the share s_i(d) of M_i that brings assets/equity down to the threshold λ
 * (everything when its equity is gone). The total sold q(d) = Σ s_i(d)·M_i sets the discount f(q(d)).
 * G = f∘q is non-decreasing for λ ≥ 1, so its fixed points form a lattice with a least and a greatest element.
 */

import { compensatedSum } from "../debtrank/debtRank.js";
import type { Network, PriceImpact } from "../network.js";
import {
  checkFinite,
  type DiscountIteration,
  iterateDiscount,
  resolveIterationOptions,
  saleShareFor,
  sameDiscount,
} from "./fixedPoint.js";
import { checkPriceImpact, discountFor } from "./priceImpact.js";

/** Options of `fireSaleEquilibria`; threshold and price impact default to the network's own. */
export interface FireSaleOptions {
  /** Accuracy of each equilibrium discount (absolute, in price units); default 1e-14. */
  tolerance?: number;
  /** Cap on map evaluations per equilibrium; default 10 000. */
  maxIterations?: number;
  /** Leverage threshold λ ≥ 1 (assets/equity); default `net.leverageThreshold`. */
  leverageThreshold?: number;
  /** Price-impact function; default `net.priceImpact`. */
  priceImpact?: PriceImpact;
}

/** One fire-sale equilibrium: the discount (fraction of the pre-sale price) and who sold how much at it. */
export interface FireSaleEquilibrium extends DiscountIteration {
  /** Share of each node's marketable holding sold, in [0, 1] (0 for nodes that hold none). */
  saleShare: Float64Array;
  /** Quantity sold at pre-sale prices, Σ s_i·M_i. */
  quantitySold: number;
}

/** The least and greatest fire-sale equilibria of `fireSaleEquilibria`, and whether they coincide. */
export interface FireSaleResult {
  /** The least equilibrium (least discount), reached from no sales. */
  lower: FireSaleEquilibrium;
  /** The greatest equilibrium (greatest discount), reached from full sales. */
  upper: FireSaleEquilibrium;
  /** Whether the two agree (to 1e-10 or 100 × tolerance). */
  unique: boolean;
  /** Indices of the holders: nodes with an `equity` figure. */
  holders: number[];
}

/**
 * Checks the fire-sale fields of `net` (leverage threshold, price impact, each holder's equity and assets),
 * throwing the RangeError a fire-sale solver would; callers that fan the work out to worker threads check first,
 * on their own thread, so the error keeps its type.
 */
export function checkFireSaleInputs(net: Network, options: FireSaleOptions = {}): void {
  resolveThreshold(options.leverageThreshold ?? net.leverageThreshold);
  resolveImpact(options.priceImpact ?? net.priceImpact);
  fireSaleHolders(net);
}

/** The least and greatest fire-sale equilibria of the holders in `net`. */
export function fireSaleEquilibria(net: Network, options: FireSaleOptions = {}): FireSaleResult {
  const { tolerance, maxIterations } = resolveIterationOptions(options);
  const threshold = resolveThreshold(options.leverageThreshold ?? net.leverageThreshold);
  const impact = resolveImpact(options.priceImpact ?? net.priceImpact);
  const holders = fireSaleHolders(net);
  const share = new Float64Array(net.n);
  const sharesAt = (d: number): number => {
    for (const i of holders) share[i] = holderSaleShare(net, i, d, threshold);
    return compensatedSum(holders.length, (t) => share[holders[t]] * net.marketable[holders[t]]);
  };
  const map = (d: number) => discountFor(impact, sharesAt(d));
  const equilibrium = (start: number): FireSaleEquilibrium => {
    const run = iterateDiscount(map, start, tolerance, maxIterations);
    const quantitySold = sharesAt(run.discount);
    return { ...checkFinite(run, quantitySold), saleShare: Float64Array.from(share), quantitySold };
  };
  const total = compensatedSum(holders.length, (t) => net.marketable[holders[t]]);
  const lower = equilibrium(0);
  const upper = equilibrium(discountFor(impact, total));
  return { lower, upper, unique: sameDiscount(lower.discount, upper.discount, tolerance), holders };
}

/** The share of node i's marketable holding it sells at discount d to reach leverage λ. */
export function holderSaleShare(net: Network, i: number, discount: number, threshold: number): number {
  const m = net.marketable[i];
  if (!(m > 0)) return 0;
  const price = 1 - discount;
  return saleShareFor(net.illiquid[i] + m * price, net.equity[i] - m * discount, m * price, threshold);
}

/** Nodes with an equity figure; a node holding marketable assets without one is an error. */
export function fireSaleHolders(net: Network): number[] {
  const holders: number[] = [];
  for (let i = 0; i < net.n; i++) {
    const equity = net.equity[i];
    if (Number.isNaN(equity)) {
      if (net.marketable[i] > 0)
        throw new RangeError(`invalid nodes[${i}].equity: missing (${net.ids[i]} holds marketable assets)`);
      continue;
    }
    if (!Number.isFinite(equity)) throw new RangeError(`invalid nodes[${i}].equity: ${equity}`);
    for (const name of ["marketable", "illiquid"] as const) {
      const v = net[name][i];
      if (!(v >= 0) || !Number.isFinite(v)) throw new RangeError(`invalid nodes[${i}].${name}: ${v}`);
    }
    holders.push(i);
  }
  return holders;
}

export function resolveThreshold(threshold: number | undefined): number {
  if (threshold === undefined)
    throw new RangeError("invalid leverageThreshold: missing (needed for fire sales)");
  if (!(threshold >= 1) || !Number.isFinite(threshold))
    throw new RangeError(`invalid leverageThreshold: ${threshold} (must be ≥ 1)`);
  return threshold;
}

export function resolveImpact(impact: PriceImpact | undefined): PriceImpact {
  if (impact === undefined) throw new RangeError("invalid priceImpact: missing (needed for fire sales)");
  checkPriceImpact(impact);
  return impact;
}
