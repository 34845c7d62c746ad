import { allFinite, NON_FINITE } from "../finite.js";
import type { Network } from "../network.js";
import { resolveSolverLimits, settled } from "./options.js";
import type { ClearingResult } from "./types.js";
import { ValuationWorkspace } from "./valuationWorkspace.js";
import { SOLVENCY_TOLERANCE } from "./workspace.js";

/** Options of the cross-holding valuation (Elsinger seniority, Suzuki XOS). */
export interface ValuationOptions {
  /** Honour seniority layers (Elsinger); false treats all debt as one class (XOS); default true. */
  layered?: boolean;
  /** "greatest" (from full payment down, with default rounds) or "least" (from zero up); default "greatest". */
  bound?: "greatest" | "least";
  /** Relative accuracy (estimated error / obligations); default 1e-14. */
  tolerance?: number;
  /** Cap on Gauss–Seidel sweeps; default 100 000. */
  maxIterations?: number;
}

/**
 * Values of a network with seniority layers and equity and debt cross-holdings. `payments` is each node's total
 * payment on all its debt (for XOS: the value of its debt); `defaultRound` is set by the greatest bound only.
 */
export interface ValuationResult extends ClearingResult {
  /** `paymentsByLayer[l][i]`: what node i pays on layer l + 1 (interbank and external). */
  paymentsByLayer: Float64Array[];
  /** Total assets: external + receipts + held debt + held equity (positive parts). */
  value: Float64Array;
}

/**
 * Values a network in which node i's assets are
 *   V_i = e_i + Σ_j Σ_l (L_jil / pbar_jl)·P_jl + Σ_j δ_ij·(el_j / pbar_j,ext)·P_j,ext + Σ_j θ_ij·max(V_j − pbar_j, 0),
 * (receipts on interbank claims by layer, on held external debt δ, and on held equity θ) and node i pays
 * P_i = min(pbar_i, max(0, V_i)), layer by layer, senior first, pro rata within a layer (Elsinger 2009). With one
 * layer and no interbank liabilities this is the XOS model of equity and debt cross-holdings (Suzuki 2002;
 * Fischer 2014): debt value min(d_i, V_i), equity value max(V_i − d_i, 0). The map is monotone: "greatest" runs
 * fictitious-default rounds downward from full payment, "least" iterates upward from zero payments. With a
 * `workspace` it allocates nothing once the workspace has the network's size, and the result's arrays are the
 * workspace's (valid until its next valuation); without, they are the caller's.
 */
export function valueNetwork(
  net: Network,
  options: ValuationOptions = {},
  workspace: ValuationWorkspace = new ValuationWorkspace(),
): ValuationResult {
  const layered = options.layered ?? true;
  const bound = options.bound ?? "greatest";
  if (bound !== "greatest" && bound !== "least") throw new RangeError(`invalid bound: ${bound}`);
  const { tolerance, maxIterations } = resolveSolverLimits(options);
  const { n } = net;
  const layers = layered ? net.layers : 1;
  const ws = workspace;
  ws.size(n, layers);
  structure(net, layers, ws);
  const { pbarL, pbar, inStart, inSlot, inShare, eqStart, eqIssuer, eqFraction } = ws;
  const e = net.externalAssets;
  const { paid, value, defaulted, defaultRound, payments, paymentsByLayer, equity } = ws;
  value.fill(0);
  defaulted.fill(0);
  defaultRound.fill(0);
  payments.fill(0);
  const greatest = bound === "greatest";
  if (greatest) paid.set(pbarL);
  else paid.fill(0);

  // One Gauss–Seidel sweep; nodes not (yet) in default pay in full. Returns the largest relative change of a
  // value or a payment.
  const sweep = (): number => {
    let delta = 0;
    for (let i = 0; i < n; i++) {
      let v = e[i];
      for (let k = inStart[i]; k < inStart[i + 1]; k++) v += inShare[k] * paid[inSlot[k]];
      for (let k = eqStart[i]; k < eqStart[i + 1]; k++) {
        const j = eqIssuer[k];
        const surplus = value[j] - pbar[j];
        if (surplus > 0) v += eqFraction[k] * surplus;
      }
      const change = Math.abs(v - value[i]) / Math.max(pbar[i], Math.abs(v), Number.MIN_VALUE);
      if (change > delta) delta = change;
      value[i] = v;
      if (greatest && !defaulted[i]) continue;
      let rest = Math.min(pbar[i], Math.max(0, v));
      for (let l = 0; l < layers; l++) {
        const slot = i * layers + l;
        const pay = Math.min(pbarL[slot], rest);
        const payChange = Math.abs(pay - paid[slot]) / pbar[i];
        if (payChange > delta) delta = payChange;
        paid[slot] = pay;
        rest -= pay;
      }
    }
    return delta;
  };
  let iterations = 0;
  let converged = true;
  const iterate = (): void => {
    let previous = Number.POSITIVE_INFINITY;
    for (;;) {
      if (iterations >= maxIterations) {
        converged = false;
        return;
      }
      iterations++;
      const delta = sweep();
      if (settled(delta, previous, tolerance)) return;
      previous = delta;
    }
  };

  let rounds = 0;
  iterate();
  while (greatest && converged) {
    let added = 0;
    for (let i = 0; i < n; i++) {
      if (defaulted[i] || pbar[i] === 0) continue;
      if (value[i] < pbar[i] * (1 - SOLVENCY_TOLERANCE)) {
        defaulted[i] = 1;
        defaultRound[i] = rounds + 1;
        added++;
      }
    }
    if (added === 0) break;
    rounds++;
    iterate();
  }
  for (let i = 0; i < n; i++) {
    for (let l = 0; l < layers; l++) {
      paymentsByLayer[l][i] = paid[i * layers + l];
      payments[i] += paid[i * layers + l];
    }
    equity[i] = value[i] - pbar[i];
    if (!greatest) {
      defaulted[i] = pbar[i] > 0 && equity[i] < -pbar[i] * SOLVENCY_TOLERANCE ? 1 : 0;
      defaultRound[i] = defaulted[i];
    }
  }
  if (!greatest) rounds = defaulted.includes(1) ? 1 : 0;
  const finite = allFinite(value) && allFinite(payments);
  return {
    payments,
    paymentsByLayer,
    value,
    equity,
    defaulted,
    defaultRound,
    rounds,
    iterations,
    converged: converged && finite,
    reason: !finite ? NON_FINITE : converged ? "converged" : "iteration limit",
  };
}

/** Creditor-side lists into `ws` (sized for the network): every claim a node holds on a (debtor, layer) payment,
 * and its equity holdings; with each node's face obligations, by layer and in all. */
function structure(net: Network, layers: number, ws: ValuationWorkspace): void {
  const { n } = net;
  const { start, creditor, amount, layer } = net.liabilities;
  const layerOf = (l: number) => (layers === 1 ? 0 : l - 1);
  const { pbarL, pbar, inStart, eqStart, cursor } = ws;
  pbarL.fill(0);
  pbar.fill(0);
  for (let i = 0; i < n; i++) {
    pbarL[i * layers + layerOf(net.externalLayer[i])] += net.externalLiabilities[i];
    for (let k = start[i]; k < start[i + 1]; k++) pbarL[i * layers + layerOf(layer[k])] += amount[k];
    for (let l = 0; l < layers; l++) pbar[i] += pbarL[i * layers + l];
  }
  // Claims grouped by holder, each holder's in the order listed (liabilities by debtor, then debt holdings): a
  // counting sort into typed arrays, as the finance engine values a network in every stressed quarter.
  const debt = net.debtHoldings;
  const held = (k: number) => net.externalLiabilities[debt.issuer[k]] > 0;
  inStart.fill(0);
  for (let i = 0; i < n; i++) for (let k = start[i]; k < start[i + 1]; k++) inStart[creditor[k] + 1]++;
  for (let k = 0; k < debt.holder.length; k++) if (held(k)) inStart[debt.holder[k] + 1]++;
  for (let i = 0; i < n; i++) inStart[i + 1] += inStart[i];
  const eq = net.equityHoldings;
  ws.reserve(inStart[n], eq.holder.length);
  const { inSlot, inShare, eqIssuer, eqFraction } = ws;
  for (let i = 0; i < n; i++) cursor[i] = inStart[i];
  for (let i = 0; i < n; i++)
    for (let k = start[i]; k < start[i + 1]; k++) {
      const slot = i * layers + layerOf(layer[k]);
      const at = cursor[creditor[k]]++;
      inSlot[at] = slot;
      inShare[at] = amount[k] / pbarL[slot];
    }
  for (let k = 0; k < debt.holder.length; k++) {
    if (!held(k)) continue;
    const j = debt.issuer[k];
    const slot = j * layers + layerOf(net.externalLayer[j]);
    const at = cursor[debt.holder[k]]++;
    inSlot[at] = slot;
    inShare[at] = (debt.fraction[k] * net.externalLiabilities[j]) / pbarL[slot];
  }
  eqStart.fill(0);
  for (let k = 0; k < eq.holder.length; k++) eqStart[eq.holder[k] + 1]++;
  for (let i = 0; i < n; i++) eqStart[i + 1] += eqStart[i];
  for (let i = 0; i < n; i++) cursor[i] = eqStart[i];
  for (let k = 0; k < eq.holder.length; k++) {
    const at = cursor[eq.holder[k]]++;
    eqIssuer[at] = eq.issuer[k];
    eqFraction[at] = eq.fraction[k];
  }
}
