/**
 * Clearing of the quarter's obligations: everyone pays in full when that is feasible; otherwise the finance
 * engine clears them by seniority with Rogers–Veraart default costs (`clearQuarter`).
 */
import { valueNetwork } from "../../finance/clearing/index.js";
import { compileNetwork, type LiabilitySpec, type NodeSpec } from "../../finance/network.js";
import type { EconomyModel } from "../model.js";
import { DOMAINS, type ParameterSpecs } from "../parameters.js";
import { EXTERNAL_LAYER, type PathState, TOP_LAYER } from "../state.js";
import type { PathContext, Rule } from "./rule.js";

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
  } as const satisfies ParameterSpecs;
  private alpha = 1;
  private beta = 1;

  begin(ctx: PathContext): void {
    this.alpha = ctx.world("clearing.alpha");
    this.beta = ctx.world("clearing.beta");
  }

  quarter(ctx: PathContext): void {
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
      clearQuarter(ctx.model, s, this.alpha, this.beta);
    }
  }
}

/**
 * Clears a quarter in which someone cannot pay in full, by seniority: the layered valuation of the finance
 * engine (Elsinger 2009: layer 1 — GPU-secured loans, senior site loans — paid first, pro rata within a layer)
 * from its greatest solution. Rogers–Veraart default costs are added by passes: a defaulter realises only
 * α·(external assets) + β·(receipts), so its external assets are lowered by (1 − α)·e + (1 − β)·r with r its
 * receipts of the previous pass (clamped at zero), until the defaulters and receipts settle. Sets paidFraction,
 * layerPaid, received, newDefault and round. Equity stakes stay out of the clearing (valued one quarter behind).
 */
export function clearQuarter(model: EconomyModel, s: PathState, alpha: number, beta: number): void {
  const { n, layers: L } = s;
  const ids = model.entities.ids;
  const top = model.takeOrPay;
  const debt = model.debt;
  s.stressedQuarters++;
  const liabilities: LiabilitySpec[] = [];
  for (let c = 0; c < top.ids.length; c++)
    if (s.topDue[c] > 0)
      liabilities.push({
        from: ids[top.buyer[c]],
        to: ids[top.seller[c]],
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
  received.set(s.owed);
  for (let pass = 0; pass < MAX_COST_PASSES; pass++) {
    const nodes: NodeSpec[] = [];
    for (let i = 0; i < n; i++)
      nodes.push({
        id: ids[i],
        kind: model.entities.kinds[i],
        // Clamped at zero: a node whose costs exceed its external assets keeps β·r plus a little.
        externalAssets: costed[i]
          ? Math.max(0, alpha * extAssets[i] - (1 - beta) * received[i])
          : extAssets[i],
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
  }
}

/** Receipts of every entity from the fractions paid by layer. */
function receiptsFromLayers(model: EconomyModel, s: PathState): void {
  const { layers: L, received, layerPaid } = s;
  const top = model.takeOrPay;
  const debt = model.debt;
  received.fill(0);
  for (let c = 0; c < top.ids.length; c++)
    received[top.seller[c]] += s.topDue[c] * layerPaid[top.buyer[c] * L + TOP_LAYER - 1];
  for (let c = 0; c < debt.ids.length; c++)
    received[debt.lender[c]] += s.debtDue[c] * layerPaid[debt.borrower[c] * L + debt.layer[c] - 1];
}
