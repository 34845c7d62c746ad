/**
 * Settlement after clearing: each living entity's cash after what it received and paid; creditors' losses on the
 * quarter's defaulters by seniority layer (split into Rogers–Veraart default costs and the rest, on fundamental or
 * contagious defaulters); each default's trigger (the obligation it left most unpaid) and cause (DEFAULT_CAUSES);
 * debt principal repaid.
 */
import { DEFAULT_CAUSES, type DefaultCause } from "../kinds.js";
import { DEBT_CALL, EXTERNAL, EXTERNAL_LAYER, NPARTS, PART, TOP_LAYER } from "../state.js";
import type { PathContext, Rule } from "./rule.js";

export class Settlement implements Rule {
  readonly name = "settlement";

  begin(): void {}

  /** Why entity `i` defaulted on obligation `trigger` (an index as in the accumulator's triggers). */
  private cause(ctx: PathContext, i: number, trigger: number): DefaultCause {
    const { model, state: s } = ctx;
    // Defaulted only in a later round of the clearing: it could pay until a counterparty did not pay it.
    if (s.round[i] > 1) return "counterpartyLoss";
    const c = trigger - model.takeOrPay.ids.length;
    if (c >= 0 && c < model.debt.ids.length) {
      if (s.debtCall[c] === DEBT_CALL.maturity) return "refinancingRefused";
      if (s.debtCall[c] === DEBT_CALL.marginCall) return "marginCall";
    }
    return s.equity[i] > 0 ? "illiquid" : "insolvent";
  }

  quarter(ctx: PathContext, t: number): void {
    const { model, state: s } = ctx;
    const { n, alive, extAssets, extLiab, owes, received, paidFraction, cash } = s;
    const debt = model.debt;
    for (let i = 0; i < n; i++) {
      if (!alive[i]) continue;
      const pbar = owes[i] + extLiab[i];
      cash[i] = extAssets[i] + received[i] - paidFraction[i] * pbar;
      if (s.newDefault[i]) this.settleDefault(ctx, i, t, pbar);
    }
    for (let c = 0; c < debt.ids.length; c++) {
      if (!s.debtActive[c] || s.debtDue[c] === 0) continue;
      s.debtOut[c] -= s.debtPrincipalDue[c] * s.layerPaid[debt.borrower[c] * s.layers + debt.layer[c] - 1];
      s.debtLeft[c]--;
      if (s.debtOut[c] <= 1e-12) s.debtActive[c] = 0;
    }
  }

  /** Books the losses of entity `i`'s creditors on its default in quarter `t` (obligations `pbar`, usdB) and counts
   * its trigger and cause. Apart from `quarter`, whose loop then holds no closure: a closure over the loop's entity
   * made V8 allocate a context for every entity of every quarter (75 kB a path). */
  private settleDefault(ctx: PathContext, i: number, t: number, pbar: number): void {
    const { model, state: s, acc } = ctx;
    const { T, extAssets, extLiab, received, paidFraction } = s;
    const top = model.takeOrPay;
    const debt = model.debt;
    const shortfall = pbar * (1 - paidFraction[i]);
    const available = extAssets[i] + received[i];
    const cost = Math.max(0, Math.min(pbar, available) - paidFraction[i] * pbar);
    const costShare = shortfall > 0 ? Math.min(1, cost / shortfall) : 0;
    const part = s.round[i] > 1 ? PART.clearing : PART.direct;
    // `creditor` is an entity index, or −1 for suppliers outside the model.
    const lose = (creditor: number, amount: number) => {
      const kind = creditor < 0 ? EXTERNAL : s.lossKind[creditor];
      s.pathLoss[kind * NPARTS + PART.defaultCost] += amount * costShare;
      s.pathLoss[kind * NPARTS + part] += amount * (1 - costShare);
      acc.lossSum[(kind * NPARTS + PART.defaultCost) * T + t] += amount * costShare;
      acc.lossSum[(kind * NPARTS + part) * T + t] += amount * (1 - costShare);
      if (creditor >= 0) {
        s.holderLoss[creditor * NPARTS + PART.defaultCost] += amount * costShare;
        s.holderLoss[creditor * NPARTS + part] += amount * (1 - costShare);
      }
    };
    const L = s.layers;
    const miss = (layer: number) => 1 - s.layerPaid[i * L + layer - 1];
    // The trigger: the obligation it left most unpaid (contracts, then debt, then operating costs).
    let trigger = top.ids.length + debt.ids.length;
    let largest = extLiab[i] * miss(EXTERNAL_LAYER);
    for (let c = 0; c < top.ids.length; c++) {
      if (top.buyer[c] !== i) continue;
      const unpaid = s.topDue[c] * miss(TOP_LAYER);
      lose(s.topSeller[c], unpaid);
      if (unpaid > largest) [largest, trigger] = [unpaid, c];
    }
    for (let c = 0; c < debt.ids.length; c++) {
      if (debt.borrower[c] !== i) continue;
      const unpaid = s.debtDue[c] * miss(debt.layer[c]);
      // Only the unpaid interest is lost here: the unpaid principal stays in the claim that the resolution
      // recovers from the defaulter's assets and books once, net of what it recovers.
      lose(debt.lender[c], unpaid - s.debtPrincipalDue[c] * miss(debt.layer[c]));
      if (unpaid > largest) [largest, trigger] = [unpaid, top.ids.length + c];
    }
    lose(-1, extLiab[i] * miss(EXTERNAL_LAYER));
    if (acc.obligations === top.ids.length + debt.ids.length && acc.obligations > 0)
      acc.defaultTrigger[i * (acc.obligations + 2) + trigger]++;
    acc.defaultCause[i * DEFAULT_CAUSES.length + DEFAULT_CAUSES.indexOf(this.cause(ctx, i, trigger))]++;
  }
}
