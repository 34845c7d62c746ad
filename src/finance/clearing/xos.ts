import type { Network } from "../network.js";
import { type ValuationOptions, type ValuationResult, valueNetwork } from "./valuation.js";

/**
 * The XOS model of equity and debt cross-holdings (Suzuki 2002; Fischer 2014): node i's assets are its external
 * assets plus the held fractions of other nodes' equity and debt values; its debt value is min(d_i, V_i) and its
 * equity value max(V_i − d_i, 0), with d_i its external liabilities (its nominal debt) plus any interbank
 * liabilities, which act as debt held pro rata. In the result `payments` are debt values and `equity` is the
 * equity value (never negative); all debt is one class.
 */
export function xosValuation(net: Network, options: Omit<ValuationOptions, "layered"> = {}): ValuationResult {
  const result = valueNetwork(net, { ...options, layered: false });
  for (let i = 0; i < net.n; i++) result.equity[i] = Math.max(0, result.equity[i]);
  return result;
}
