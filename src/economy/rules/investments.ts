/**
 * Tranche investments (docs/economy.md §4): a vendor invests in its customer in tranches paid as capacity is
 * deployed — NVIDIA's letter of intent with OpenAI pays a tranche per gigawatt. The customer's deployed capacity is
 * the compute its take-or-pay contracts pay for this quarter, in GW at the rent a GW earns (`gpu.costPerGwUsdB` ×
 * `gpu.rentalYieldPerYear`), times the share of it that counts (`capacityShare`: the investor's systems). Each whole
 * GW above the most reached so far releases `amountPerGwUsdB`, up to `maxUsdB` in all, paid from the investor's free
 * cash for new shares at the customer's value (diluting every holder); when capacity stops growing, or either
 * side has defaulted, no tranche is paid.
 */
import { DOMAINS, type ParameterSpecs } from "../parameters.js";
import { freeCash, issueShares } from "./operations.js";
import type { PathContext, Rule } from "./rule.js";

export class Investments implements Rule {
  readonly name = "investments";
  /** Numbers of a tranche investment. */
  static readonly contract = {
    amountPerGwUsdB: {
      domain: DOMAINS.nonNegative,
      unit: "usdB/GW",
      doc: "Tranche investment: amount invested per gigawatt of the customer's capacity deployed.",
    },
    maxUsdB: {
      domain: DOMAINS.nonNegative,
      unit: "usdB",
      doc: "Tranche investment: most invested in all.",
    },
    capacityShare: {
      domain: DOMAINS.fraction,
      unit: "fraction",
      doc: "Tranche investment: share of the customer's contracted capacity that counts as deployed (the investor's systems).",
      default: 1,
    },
  } as const satisfies ParameterSpecs;
  private rentPerGwQ = 1;

  begin(ctx: PathContext): void {
    this.rentPerGwQ = (ctx.world("gpu.costPerGwUsdB") * ctx.world("gpu.rentalYieldPerYear")) / 4;
    ctx.state.trancheGw.fill(0);
    ctx.state.tranchePaid.fill(0);
  }

  quarter(ctx: PathContext, t: number): void {
    const { model, theta, state: s } = ctx;
    const tr = model.tranches;
    const top = model.takeOrPay;
    for (let m = 0; m < tr.investor.length; m++) {
      const investor = tr.investor[m];
      const issuer = tr.issuer[m];
      if (t < tr.start[m] || !s.alive[investor] || !s.alive[issuer]) continue;
      let dues = 0;
      for (let c = 0; c < top.ids.length; c++) if (top.buyer[c] === issuer) dues += s.topDue[c];
      const gw = (dues / this.rentPerGwQ) * (tr.shareSlot[m] < 0 ? 1 : theta[tr.shareSlot[m]]);
      if (gw <= s.trancheGw[m]) continue;
      s.trancheGw[m] = gw;
      const due = Math.min(theta[tr.maxSlot[m]], Math.floor(gw) * theta[tr.perGwSlot[m]]) - s.tranchePaid[m];
      const pay = Math.min(due, freeCash(s, investor));
      if (!(pay > 0)) continue;
      s.extAssets[investor] -= pay;
      s.tranchePaid[m] += pay;
      const k = tr.stake[m];
      // Issue first: the dilution also applies to the stake the investor already holds.
      const dilution = issueShares(model, s, issuer, pay);
      s.stakeFraction[k] += dilution;
      s.stakeBasis[k] += pay;
    }
  }
}
