/**
 * Joint clearing and price equilibrium (Cifuentes, Ferrucci and Shin 2005, "Liquidity risk and contagion",
 * JEEA 3(2–3)): nodes owe each other, hold the marketable asset inside their external assets and must keep
 * assets/equity ≤ λ (CFS state it as a minimum capital ratio r = 1/λ). At discount d node i's external assets
 * are e_i − d·M_i; the network clears (Eisenberg–Noe or Rogers–Veraart, greatest clearing vector); each node
 * sells the share of M_i that restores its leverage (all of it when its equity is gone); the total sold sets the
 * discount. Lower prices lower every clearing payment and every equity, so the joint map on d is non-decreasing
 * and has a least and a greatest fixed point, reached from no sales and from full sales.
 */
import { type ClearingOptions, clearNetwork, createClearingWorkspace } from "../clearing/index.js";
import { compensatedSum } from "../debtrank/debtRank.js";
import { type Network, totalObligations, withExternalAssets } from "../network.js";
import {
  type FireSaleEquilibrium,
  type FireSaleOptions,
  resolveImpact,
  resolveThreshold,
} from "./fireSale.js";
import {
  checkFinite,
  iterateDiscount,
  resolveIterationOptions,
  saleShareFor,
  sameDiscount,
} from "./fixedPoint.js";
import { discountFor } from "./priceImpact.js";

/** Options of `jointFireSaleEquilibria`: the fire-sale options plus the clearing model and recoveries. */
export interface JointFireSaleOptions extends FireSaleOptions {
  /** Clearing model: "en" (default) or "rv" with default costs. */
  model?: ClearingOptions["model"];
  /** RV recovery on a defaulter's external assets, in [0, 1]; default 1. */
  alpha?: number;
  /** RV recovery on a defaulter's interbank claims, in [0, 1]; default 1. */
  beta?: number;
}

/** One joint equilibrium: the fire-sale equilibrium plus how the network clears at its price. */
export interface JointEquilibrium extends FireSaleEquilibrium {
  /** External assets at the equilibrium price, e_i − d·M_i. */
  externalAssets: Float64Array;
  /** Clearing payments at the equilibrium price. */
  payments: Float64Array;
  /** Equity at the equilibrium price (undiscounted; negative = shortfall). */
  equity: Float64Array;
  /** 1 where the node defaults at the equilibrium price. */
  defaulted: Uint8Array;
  /** Whether every clearing solve converged. */
  clearingConverged: boolean;
}

/** The least and greatest joint equilibria of `jointFireSaleEquilibria`, and whether they coincide. */
export interface JointFireSaleResult {
  /** Least discount: reached from no sales. */
  lower: JointEquilibrium;
  /** Greatest discount: reached from full sales. */
  upper: JointEquilibrium;
  unique: boolean;
  /** Nodes holding the marketable asset (M_i > 0). */
  holders: number[];
}

/**
 * Least and greatest joint equilibria. `net.marketable` is the part of each node's external assets that is
 * marketable (so M_i ≤ e_i); `equity` and `illiquid` are not used: equity comes from clearing.
 */
export function jointFireSaleEquilibria(
  net: Network,
  options: JointFireSaleOptions = {},
): JointFireSaleResult {
  const { tolerance, maxIterations } = resolveIterationOptions(options);
  const threshold = resolveThreshold(options.leverageThreshold ?? net.leverageThreshold);
  const impact = resolveImpact(options.priceImpact ?? net.priceImpact);
  const clearing: ClearingOptions = {
    model: options.model ?? "en",
    alpha: options.alpha,
    beta: options.beta,
  };
  const holders: number[] = [];
  for (let i = 0; i < net.n; i++) {
    const m = net.marketable[i];
    if (!(m >= 0) || !Number.isFinite(m)) throw new RangeError(`invalid nodes[${i}].marketable: ${m}`);
    if (m > net.externalAssets[i])
      throw new RangeError(
        `invalid nodes[${i}].marketable: ${m} (more than its externalAssets ${net.externalAssets[i]}, which include it)`,
      );
    if (m > 0) holders.push(i);
  }
  const pbar = totalObligations(net);
  const workspace = createClearingWorkspace(net.n);
  const external = new Float64Array(net.n);
  const share = new Float64Array(net.n);
  let clearingConverged = true;

  const clearAt = (d: number) => {
    for (let i = 0; i < net.n; i++) external[i] = net.externalAssets[i] - d * net.marketable[i];
    const result = clearNetwork(withExternalAssets(net, external), clearing, workspace);
    clearingConverged &&= result.converged;
    const price = 1 - d;
    for (const i of holders) {
      const m = net.marketable[i];
      share[i] = saleShareFor(result.equity[i] + pbar[i], result.equity[i], m * price, threshold);
    }
    const quantity = compensatedSum(holders.length, (t) => share[holders[t]] * net.marketable[holders[t]]);
    return { result, quantity };
  };
  const equilibrium = (start: number): JointEquilibrium => {
    clearingConverged = true;
    const run = iterateDiscount(
      (d) => discountFor(impact, clearAt(d).quantity),
      start,
      tolerance,
      maxIterations,
    );
    const { result, quantity } = clearAt(run.discount);
    return {
      ...checkFinite(run, quantity),
      saleShare: Float64Array.from(share),
      quantitySold: quantity,
      externalAssets: Float64Array.from(external),
      payments: Float64Array.from(result.payments),
      equity: Float64Array.from(result.equity),
      defaulted: Uint8Array.from(result.defaulted),
      clearingConverged,
    };
  };
  const total = compensatedSum(holders.length, (t) => net.marketable[holders[t]]);
  const lower = equilibrium(0);
  const upper = equilibrium(discountFor(impact, total));
  return { lower, upper, unique: sameDiscount(lower.discount, upper.discount, tolerance), holders };
}
