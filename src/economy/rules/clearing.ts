/**
 * Clearing of the quarter's obligations: everyone pays in full when that is feasible; otherwise the finance
 * engine clears them by seniority with Rogers–Veraart default costs, each entity's equity stakes counting at their
 * market value less a block-sale discount, worth nothing in an issuer that defaults (`clearQuarter`).
 */
import { valueNetwork } from "../../finance/clearing/index.js";
import { compileNetwork, type LiabilitySpec, type NodeSpec } from "../../finance/network.js";
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
  const liabilities: LiabilitySpec[] = [];
  for (let c = 0; c < top.ids.length; c++)
    if (s.topDue[c] > 0)
      liabilities.push({
        from: ids[top.buyer[c]],
        to: ids[s.topSeller[c]],
        amount: s.topDue[c],
        layer: TOP_LAYER,
      });
  for (let c = 0; c < debt.ids.length; c++)
    if (s.debtDue[c] > 0)
      liabilities.push({
        from: ids[debt.borrower[c]],
        to: ids[debt.lender[c]],
        amount: s.debtDue[c],
        layer: debt.layer[c],
      });
  const { layerDue, layerPaid, received, extAssets } = s;
  layerDue.fill(0);
  for (let i = 0; i < n; i++) layerDue[i * L + EXTERNAL_LAYER - 1] += s.extLiab[i];
  for (let c = 0; c < top.ids.length; c++) layerDue[top.buyer[c] * L + TOP_LAYER - 1] += s.topDue[c];
  for (let c = 0; c < debt.ids.length; c++)
    layerDue[debt.borrower[c] * L + debt.layer[c] - 1] += s.debtDue[c];

  const firstRound = new Int32Array(n);
  const costed = new Uint8Array(n);
  const stakeCash = new Float64Array(n);
  received.set(s.owed);
  for (let pass = 0; pass < MAX_COST_PASSES; pass++) {
    sellableStakes(model, s, costed, discount, stakeCash);
    const nodes: NodeSpec[] = [];
    for (let i = 0; i < n; i++)
      nodes.push({
        id: ids[i],
        kind: model.entities.kinds[i],
        // Clamped at zero: a node whose costs exceed its external assets keeps β·r plus a little.
        externalAssets:
          (costed[i]
            ? Math.max(0, alpha * extAssets[i] - (1 - beta) * received[i])
            : roundedUp(extAssets[i])) + stakeCash[i],
        externalLiabilities: s.extLiab[i],
        externalLayer: EXTERNAL_LAYER,
      });
    const result = valueNetwork(compileNetwork({ nodes, liabilities }), { layered: true });
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
    const previous = Float64Array.from(received);
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
