/**
 * Loss accounting after a shock to external assets: each node's loss of asset value against face values
 * (everyone paying in full, the marketable asset at its pre-sale price), split in the order the channels act:
 *
 * - direct: the shock itself, e⁰_i − e¹_i;
 * - clearing: the shortfall on interbank claims under Eisenberg–Noe, Σ_j Π_ji (p̄_j − p^EN_j);
 * - defaultCost: the further shortfall caused by Rogers–Veraart default costs, Σ_j Π_ji (p^EN_j − p^RV_j)
 *   (zero for the EN model);
 * - fireSale: the mark-to-market loss d·M_i at the joint clearing/price equilibrium plus the further shortfall
 *   it causes, Σ_j Π_ji (p^RV_j − p^joint_j) (zero unless fire sales are on).
 *
 * The parts telescope, so they sum to the total loss e⁰_i − x_i + Σ_j Π_ji (p̄_j − p_j) at the final state.
 * A loss a defaulter passes on shows up twice (at the defaulter and at its creditors): these are balance-sheet
 * hits. `systemLoss` counts value destroyed instead — shareholders' equity lost, max(E⁰_i, 0) − max(E_i, 0),
 * plus the shortfall to creditors outside the network — which under plain EN equals the direct shock (money
 * is conserved; Glasserman and Young 2015) and grows only through default costs and fire sales.
 */
import { type ClearingResult, clearNetwork, createClearingWorkspace } from "../clearing/index.js";
import { compensatedSum } from "../debtrank/debtRank.js";
import { allFinite } from "../finite.js";
import { jointFireSaleEquilibria } from "../firesale/joint.js";
import { type Network, totalObligations } from "../network.js";

/** Options of `accountLosses`: the clearing model, its recovery rates and whether fire sales are on. */
export interface LossOptions {
  /** Clearing model: "en" (default; no default costs) or "rv". */
  model?: "en" | "rv";
  /** RV recovery on a defaulter's external assets, in [0, 1]; default 1. */
  alpha?: number;
  /** RV recovery on a defaulter's interbank claims, in [0, 1]; default 1. */
  beta?: number;
  /** Add the joint clearing + fire-sale equilibrium (least discount); needs leverageThreshold and priceImpact
   * on the network; default false. */
  fireSale?: boolean;
  /** Accuracy of the fire-sale discount; default 1e-14. */
  tolerance?: number;
}

/** Loss parts, same units as the balance sheets. */
export interface LossParts {
  direct: number;
  clearing: number;
  defaultCost: number;
  fireSale: number;
  /** direct + clearing + defaultCost + fireSale. */
  total: number;
  /** total / direct (NaN when direct is 0). */
  amplification: number;
}

/** What `accountLosses` finds: losses by channel, per node, per kind and in total, in balance-sheet units. */
export interface LossAccount {
  /** Per-node parts (arrays of length n). */
  byNode: {
    direct: Float64Array;
    clearing: Float64Array;
    defaultCost: Float64Array;
    fireSale: Float64Array;
    total: Float64Array;
  };
  /** Sums per node kind, in order of first appearance. */
  byKind: Map<string, LossParts>;
  /** Sums over the network's nodes. */
  network: LossParts;
  /** Shortfall to creditors outside the network (external liabilities), by channel. */
  outside: { clearing: number; defaultCost: number; fireSale: number; total: number };
  /** Value destroyed: equity lost by shareholders plus the outside creditors' shortfall. */
  systemLoss: number;
  /** systemLoss / Σ direct (NaN when there is no direct loss). */
  systemAmplification: number;
  /** Final payments, equity (undiscounted) and defaults. */
  payments: Float64Array;
  equity: Float64Array;
  defaulted: Uint8Array;
  /** Fire-sale discount at the final state (0 without fire sales). */
  discount: number;
  /** Whether every solver converged and every figure is a finite number (the amplifications aside). */
  converged: boolean;
}

/**
 * Losses when the external assets of `net` (the pre-shock values) become `shockedExternalAssets`. With fire
 * sales, a node's marketable holding is part of its external assets and shrinks with them (min(M_i, e¹_i)).
 */
export function accountLosses(
  net: Network,
  shockedExternalAssets: Float64Array,
  options: LossOptions = {},
): LossAccount {
  const { n } = net;
  if (shockedExternalAssets.length !== n)
    throw new RangeError(`invalid shockedExternalAssets length: ${shockedExternalAssets.length}`);
  shockedExternalAssets.forEach((v, i) => {
    if (!(v >= 0) || !Number.isFinite(v))
      throw new RangeError(`invalid shocked externalAssets[${net.ids[i]}]: ${v}`);
  });
  const model = options.model ?? "en";
  const pbar = totalObligations(net);
  const shocked: Network = { ...net, externalAssets: shockedExternalAssets };
  const workspace = createClearingWorkspace(n);
  const copy = (r: ClearingResult) => ({
    payments: Float64Array.from(r.payments),
    equity: Float64Array.from(r.equity),
    defaulted: Uint8Array.from(r.defaulted),
    converged: r.converged,
  });
  const en = copy(clearNetwork(shocked, { model: "en" }, workspace));
  const withCosts =
    model === "en"
      ? en
      : copy(clearNetwork(shocked, { model, alpha: options.alpha, beta: options.beta }, workspace));

  let final: { payments: Float64Array; equity: Float64Array; defaulted: Uint8Array } = withCosts;
  let discount = 0;
  let marketable = new Float64Array(n);
  let converged = en.converged && withCosts.converged;
  if (options.fireSale) {
    marketable = Float64Array.from(net.marketable, (m, i) => Math.min(m, shockedExternalAssets[i]));
    const joint = jointFireSaleEquilibria(
      { ...shocked, marketable },
      { model, alpha: options.alpha, beta: options.beta, tolerance: options.tolerance },
    ).lower;
    final = joint;
    discount = joint.discount;
    converged &&= joint.converged && joint.clearingConverged;
  }

  // Per-node shortfall received from each debtor, by channel, pushed along the debtor-major CSR.
  const direct = Float64Array.from(net.externalAssets, (e0, i) => e0 - shockedExternalAssets[i]);
  const clearing = new Float64Array(n);
  const defaultCost = new Float64Array(n);
  const fireSale = Float64Array.from(marketable, (m) => discount * m);
  const outside = { clearing: 0, defaultCost: 0, fireSale: 0, total: 0 };
  const { start, creditor, amount } = net.liabilities;
  for (let j = 0; j < n; j++) {
    if (pbar[j] === 0) continue;
    const a = pbar[j] - en.payments[j];
    const b = en.payments[j] - withCosts.payments[j];
    const c = withCosts.payments[j] - final.payments[j];
    if (a === 0 && b === 0 && c === 0) continue;
    for (let k = start[j]; k < start[j + 1]; k++) {
      const share = amount[k] / pbar[j];
      clearing[creditor[k]] += share * a;
      defaultCost[creditor[k]] += share * b;
      fireSale[creditor[k]] += share * c;
    }
    const share = net.externalLiabilities[j] / pbar[j];
    outside.clearing += share * a;
    outside.defaultCost += share * b;
    outside.fireSale += share * c;
  }
  outside.total = outside.clearing + outside.defaultCost + outside.fireSale;
  const total = Float64Array.from(direct, (d, i) => d + clearing[i] + defaultCost[i] + fireSale[i]);

  const parts = (nodes: number[]): LossParts => {
    const sum = (values: Float64Array) => compensatedSum(nodes.length, (t) => values[nodes[t]]);
    const p = {
      direct: sum(direct),
      clearing: sum(clearing),
      defaultCost: sum(defaultCost),
      fireSale: sum(fireSale),
    };
    const t = sum(total);
    return { ...p, total: t, amplification: ratio(t, p.direct) };
  };
  const kinds = new Map<string, number[]>();
  net.kinds.forEach((kind, i) => {
    const list = kinds.get(kind);
    if (list) list.push(i);
    else kinds.set(kind, [i]);
  });
  const byKind = new Map([...kinds].map(([kind, nodes]) => [kind, parts(nodes)]));
  const network = parts(Array.from({ length: n }, (_, i) => i));

  const faceEquity = faceValueEquity(net, pbar);
  const shareholders = compensatedSum(n, (i) => Math.max(faceEquity[i], 0) - Math.max(final.equity[i], 0));
  const systemLoss = shareholders + outside.total;
  converged &&=
    allFinite(total) &&
    allFinite(final.payments) &&
    allFinite(final.equity) &&
    Number.isFinite(network.total) &&
    Number.isFinite(systemLoss);
  return {
    byNode: { direct, clearing, defaultCost, fireSale, total },
    byKind,
    network,
    outside,
    systemLoss,
    systemAmplification: ratio(systemLoss, network.direct),
    payments: final.payments,
    equity: final.equity,
    defaulted: final.defaulted,
    discount,
    converged,
  };
}

/** Equity when everyone pays in full: e_i + Σ_j L_ji − p̄_i. */
function faceValueEquity(net: Network, pbar: Float64Array): Float64Array {
  const equity = Float64Array.from(net.externalAssets, (e, i) => e - pbar[i]);
  const { start, creditor, amount } = net.liabilities;
  for (let j = 0; j < net.n; j++)
    for (let k = start[j]; k < start[j + 1]; k++) equity[creditor[k]] += amount[k];
  return equity;
}

function ratio(total: number, direct: number): number {
  return direct === 0 ? Number.NaN : total / direct;
}
