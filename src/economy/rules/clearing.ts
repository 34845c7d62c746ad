/**
 * Clearing of the quarter's obligations: everyone pays in full when that is feasible; otherwise the finance
 * engine clears them by seniority with Rogers–Veraart default costs, each entity's equity stakes counting at their
 * market value less a block-sale discount, worth nothing in an issuer that defaults (`clearQuarter`).
 */
import { valueNetwork } from "../../finance/clearing/index.js";
import { balanceTotals, liabilityCsr, type Network } from "../../finance/network.js";
import type { EconomyModel } from "../model.js";
import type { Accumulator } from "../outputs.js";
import { DOMAINS, type ParameterSpecs } from "../parameters.js";
import { EXTERNAL_LAYER, NPARTS, PART, type PathState, TOP_LAYER } from "../state.js";
import type { PathContext, Rule } from "./rule.js";

/** How a stressed quarter may sell equity stakes: at their marks less `discount`, the discount booked in `acc` in
 * quarter `quarter`. */
export interface StakeSale {
  discount: number;
  acc: Accumulator;
  quarter: number;
}

/** Cap on the default-cost passes of a stressed quarter (they stop when the defaulters and receipts settle). */
const MAX_COST_PASSES = 20;

export class Clearing implements Rule {
  readonly name = "clearing";
  static readonly world = {
    "clearing.alpha": {
      domain: DOMAINS.fraction,
      unit: "fraction",
      doc: "Rogers–Veraart: fraction of its external assets a defaulter realises.",
    },
    "clearing.beta": {
      domain: DOMAINS.fraction,
      unit: "fraction",
      doc: "Rogers–Veraart: fraction of its claims on others a defaulter realises.",
    },
    "clearing.stakeSaleDiscount": {
      domain: DOMAINS.fraction,
      unit: "fraction",
      doc: "Discount to market value at which an entity short of cash sells equity stakes (1 = stakes cannot be sold).",
      default: 1,
    },
  } as const satisfies ParameterSpecs;
  private alpha = 1;
  private beta = 1;
  private discount = 1;

  begin(ctx: PathContext): void {
    this.alpha = ctx.world("clearing.alpha");
    this.beta = ctx.world("clearing.beta");
    this.discount = ctx.world("clearing.stakeSaleDiscount");
  }

  quarter(ctx: PathContext, t: number): void {
    const s = ctx.state;
    const { n, extAssets, extLiab, owes, owed, paidFraction, received } = s;
    let feasible = true;
    for (let i = 0; i < n; i++) {
      if (extAssets[i] + owed[i] < owes[i] + extLiab[i] * (1 - 1e-12) - 1e-12) {
        feasible = false;
        break;
      }
    }
    if (feasible) {
      for (let i = 0; i < n; i++) {
        paidFraction[i] = 1;
        received[i] = owed[i];
      }
      s.layerPaid.fill(1);
    } else {
      clearQuarter(ctx.model, s, this.alpha, this.beta, {
        discount: this.discount,
        acc: ctx.acc,
        quarter: t,
      });
    }
  }
}

/**
 * Clears a quarter in which someone cannot pay in full, by seniority: the layered valuation of the finance
 * engine (Elsinger 2009: layer 1 — GPU-secured loans, senior site loans — paid first, pro rata within a layer)
 * from its greatest solution. Rogers–Veraart default costs are added by passes: a defaulter realises only
 * α·(external assets) + β·(receipts), so its external assets are lowered by (1 − α)·e + (1 − β)·r with r its
 * receipts of the previous pass (clamped at zero), until the defaulters and receipts settle. Equity
 * cross-holdings count at market inside the same passes: each entity may sell its stakes in valued issuers at
 * their mark less `discount`, and a stake in an issuer found in default is worth nothing, so a holder that needed
 * it is pushed into default (contagion through the equity network). Entities that pay from stakes sell what they
 * need, pro rata (the discount booked as a fire-sale loss in `sale.acc`); without `sale` no stake is sold. Sets
 * paidFraction, layerPaid, received, newDefault and round.
 */
export function clearQuarter(
  model: EconomyModel,
  s: PathState,
  alpha: number,
  beta: number,
  sale?: StakeSale,
): void {
  const { n, layers: L } = s;
  const discount = sale?.discount ?? 1;
  const ids = model.entities.ids;
  const top = model.takeOrPay;
  const debt = model.debt;
  s.stressedQuarters++;
  const net = quarterNetwork(model, s);
  const { layerDue, layerPaid, received, extAssets } = s;
  layerDue.fill(0);
  for (let i = 0; i < n; i++) layerDue[i * L + EXTERNAL_LAYER - 1] += s.extLiab[i];
  for (let c = 0; c < top.ids.length; c++) layerDue[top.buyer[c] * L + TOP_LAYER - 1] += s.topDue[c];
  for (let c = 0; c < debt.ids.length; c++)
    layerDue[debt.borrower[c] * L + debt.layer[c] - 1] += s.debtDue[c];

  const buffers = s.clearingBuffers;
  const { firstRound, costed, stakeCash, previousReceived: previous } = buffers;
  firstRound.fill(0);
  costed.fill(0);
  received.set(s.owed);
  for (let pass = 0; pass < MAX_COST_PASSES; pass++) {
    sellableStakes(model, s, costed, discount, stakeCash);
    for (let i = 0; i < n; i++) {
      // Clamped at zero: a node whose costs exceed its external assets keeps β·r plus a little.
      const assets =
        (costed[i] ? Math.max(0, alpha * extAssets[i] - (1 - beta) * received[i]) : roundedUp(extAssets[i])) +
        stakeCash[i];
      if (!(assets >= 0) || !Number.isFinite(assets))
        throw new RangeError(`invalid external assets of ${ids[i]}: ${assets}`);
      net.externalAssets[i] = assets;
    }
    // The result lives in the buffers' workspace until the next pass's valuation.
    const result = valueNetwork(net, { layered: true }, buffers.valuation);
    if (!result.converged) throw new Error(`clearing did not converge: ${result.reason}`);
    let changed = false;
    for (let i = 0; i < n; i++) {
      for (let l = 0; l < L; l++) {
        const due = layerDue[i * L + l];
        layerPaid[i * L + l] =
          due > 0 && l < result.paymentsByLayer.length ? Math.min(1, result.paymentsByLayer[l][i] / due) : 1;
      }
      if (result.defaulted[i] && !costed[i]) {
        costed[i] = 1;
        // Defaulters of the first pass keep its round; those pushed over by default costs are contagion.
        firstRound[i] = pass === 0 ? result.defaultRound[i] : 2;
        changed = true;
      }
    }
    let moved = 0;
    previous.set(received);
    receiptsFromLayers(model, s);
    for (let i = 0; i < n; i++)
      moved = Math.max(moved, Math.abs(received[i] - previous[i]) / Math.max(1, s.owed[i]));
    if (!changed && moved < 1e-12) break;
  }
  for (let i = 0; i < n; i++) {
    let paid = 0;
    let pbar = 0;
    for (let l = 0; l < L; l++) {
      paid += layerPaid[i * L + l] * layerDue[i * L + l];
      pbar += layerDue[i * L + l];
    }
    s.paidFraction[i] = pbar > 0 ? paid / pbar : 1;
    if (costed[i] && s.alive[i] && s.paidFraction[i] < 1) {
      s.newDefault[i] = 1;
      s.round[i] = firstRound[i];
    }
    // What it paid beyond its cash and receipts came from selling stakes.
    const short = paid - (extAssets[i] + received[i]);
    if (sale && short > 1e-12 && stakeCash[i] > 0)
      sellStakes(model, s, sale, i, Math.min(short, stakeCash[i]), stakeCash[i]);
  }
}

/** Entity id → index, per model (the network carries it; the clearing reads indices only). */
const INDEX = new WeakMap<EconomyModel, Map<string, number>>();
function entityIndex(model: EconomyModel): Map<string, number> {
  let index = INDEX.get(model);
  if (!index) {
    index = new Map(model.entities.ids.map((id, i) => [id, i]));
    INDEX.set(model, index);
  }
  return index;
}

/** Holdings of none: the quarter's network leaves the equity stakes to the default-cost passes. */
const NO_HOLDINGS = { holder: new Int32Array(0), issuer: new Int32Array(0), fraction: new Float64Array(0) };

/**
 * The quarter's network for the finance engine, built once for all its default-cost passes (only the external
 * assets change between them) in the path state's clearing buffers: nodes in entity order, their external
 * liabilities in layer EXTERNAL_LAYER, and the take-or-pay payments due (layer TOP_LAYER) and debt service due
 * (each loan's layer) as liabilities, in contract order — the network `compileNetwork` makes of the same specs.
 */
function quarterNetwork(model: EconomyModel, s: PathState): Network {
  const { n } = s;
  const top = model.takeOrPay;
  const debt = model.debt;
  const buffers = s.clearingBuffers;
  let m = 0;
  for (let c = 0; c < top.ids.length; c++) if (s.topDue[c] > 0) m++;
  for (let c = 0; c < debt.ids.length; c++) if (s.debtDue[c] > 0) m++;
  buffers.reserve(m);
  const { from, to, amount, level } = buffers;
  let k = 0;
  for (let c = 0; c < top.ids.length; c++)
    if (s.topDue[c] > 0) {
      from[k] = top.buyer[c];
      to[k] = s.topSeller[c];
      amount[k] = s.topDue[c];
      level[k++] = TOP_LAYER;
    }
  for (let c = 0; c < debt.ids.length; c++)
    if (s.debtDue[c] > 0) {
      from[k] = debt.borrower[c];
      to[k] = debt.lender[c];
      amount[k] = s.debtDue[c];
      level[k++] = debt.layer[c];
    }
  for (let x = 0; x < m; x++)
    if (from[x] === to[x] || !Number.isFinite(amount[x]))
      throw new RangeError(`invalid liability of ${model.entities.ids[from[x]]}: ${amount[x]}`);
  const { layers, ...liabilities } = liabilityCsr(
    from.subarray(0, m),
    to.subarray(0, m),
    amount.subarray(0, m),
    level.subarray(0, m),
    n,
    buffers.csr,
  );
  const externalLiabilities = buffers.externalLiabilities;
  externalLiabilities.set(s.extLiab);
  for (let i = 0; i < n; i++)
    if (!(externalLiabilities[i] >= 0) || !Number.isFinite(externalLiabilities[i]))
      throw new RangeError(
        `invalid external liabilities of ${model.entities.ids[i]}: ${externalLiabilities[i]}`,
      );
  return {
    n,
    ids: model.entities.ids,
    kinds: model.entities.kinds,
    index: entityIndex(model),
    externalAssets: buffers.externalAssets.fill(0),
    externalLiabilities,
    externalLayer: buffers.externalLayer,
    buffer: buffers.absent,
    weight: buffers.absent,
    equity: buffers.absent,
    marketable: buffers.zero,
    illiquid: buffers.zero,
    liabilities,
    ...balanceTotals(liabilities, externalLiabilities, buffers),
    layers: Math.max(layers, EXTERNAL_LAYER),
    equityHoldings: NO_HOLDINGS,
    debtHoldings: NO_HOLDINGS,
  };
}

/**
 * What each living entity could raise this quarter by selling its stakes in valued issuers that have not
 * defaulted (`defaulted`: found in default by the clearing so far), at their marks less `discount`.
 */
function sellableStakes(
  model: EconomyModel,
  s: PathState,
  defaulted: Uint8Array,
  discount: number,
  out: Float64Array,
): void {
  const stakes = model.stakes;
  out.fill(0);
  if (discount >= 1) return;
  for (let k = 0; k < stakes.holder.length; k++) {
    const j = stakes.issuer[k];
    if (s.alive[stakes.holder[k]] && s.alive[j] && s.valued[j] && !defaulted[j])
      out[stakes.holder[k]] += s.stakeValue[k] * (1 - discount);
  }
}

/**
 * Entity `i` sells `proceeds` worth of its sellable stakes (worth `sellable` in all after the discount), pro rata:
 * the cash joins its external assets, each stake shrinks by the same share, and the discount is its fire-sale loss.
 */
function sellStakes(
  model: EconomyModel,
  s: PathState,
  sale: StakeSale,
  i: number,
  proceeds: number,
  sellable: number,
): void {
  const { acc, quarter, discount } = sale;
  const stakes = model.stakes;
  const share = proceeds / sellable;
  for (let k = 0; k < stakes.holder.length; k++) {
    const j = stakes.issuer[k];
    if (stakes.holder[k] !== i || !s.alive[j] || !s.valued[j] || s.newDefault[j]) continue;
    const sold = s.stakeValue[k] * share;
    s.stakeFraction[k] *= 1 - share;
    s.stakeValue[k] -= sold;
    s.stakeRemoved[k] += sold;
    const cost = sold * discount;
    const kind = s.lossKind[i];
    s.pathLoss[kind * NPARTS + PART.fireSale] += cost;
    acc.lossSum[(kind * NPARTS + PART.fireSale) * s.T + quarter] += cost;
    s.holderLoss[i * NPARTS + PART.fireSale] += cost;
  }
  s.extAssets[i] += proceeds;
}

/** Receipts of every entity from the fractions paid by layer. */
function receiptsFromLayers(model: EconomyModel, s: PathState): void {
  const { layers: L, received, layerPaid } = s;
  const top = model.takeOrPay;
  const debt = model.debt;
  received.fill(0);
  for (let c = 0; c < top.ids.length; c++)
    received[s.topSeller[c]] += s.topDue[c] * layerPaid[top.buyer[c] * L + TOP_LAYER - 1];
  for (let c = 0; c < debt.ids.length; c++)
    received[debt.lender[c]] += s.debtDue[c] * layerPaid[debt.borrower[c] * L + debt.layer[c] - 1];
}

/** A quarter's external assets are spent down to exactly 0 at most (a lab's roll-over purchases, an investor's
 * round): the sums leave rounding residue of a few ulps below it, read as 0; anything further below stays an error. */
function roundedUp(assets: number): number {
  return assets < 0 && assets > -1e-9 ? 0 : assets;
}
