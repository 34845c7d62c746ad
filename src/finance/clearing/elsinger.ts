import type { Network } from "../network.js";
import { type ValuationOptions, type ValuationResult, valueNetwork } from "./valuation.js";

/**
 * Elsinger (2009) clearing: seniority layers (layer 1 paid first, pro rata within a layer) and equity
 * cross-holdings (a holder receives its share of the issuer's positive equity). Greatest clearing vector unless
 * `bound: "least"`.
 */
export function elsingerClearing(
  net: Network,
  options: Omit<ValuationOptions, "layered"> = {},
): ValuationResult {
  return valueNetwork(net, { ...options, layered: true });
}
