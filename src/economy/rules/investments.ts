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
    vestingGw: {
      domain: DOMAINS.positive,
      unit: "GW",
      doc: "Warrant: capacity deployed at which it has fully vested (equal tranches per whole GW).",
    },
  } as const satisfies ParameterSpecs;
  private rentPerGwQ = 1;

  begin(ctx: PathContext): void {
    this.rentPerGwQ = (ctx.world("gpu.costPerGwUsdB") * ctx.world("gpu.rentalYieldPerYear")) / 4;
    ctx.state.trancheGw.fill(0);
    ctx.state.tranchePaid.fill(0);
    ctx.state.warrantVested.fill(0);
  }

  quarter(ctx: PathContext, t: number): void {
    this.tranches(ctx, t);
    this.warrants(ctx, t);
  }

  /**
   * Warrants vesting with capacity (AMD's to OpenAI): for each whole GW the holder's contracts pay for (times
   * `capacityShare`), `fraction`/`vestingGw` of the issuer vests as new shares at next to no cost, diluting the
   * other holders; once the capacity stops growing, nothing more vests.
   */
  private warrants(ctx: PathContext, t: number): void {
    const { model, theta, state: s } = ctx;
    const w = model.warrants;
    for (let m = 0; m < w.holder.length; m++) {
      const holder = w.holder[m];
      const issuer = w.issuer[m];
      if (t < w.start[m] || !s.alive[holder] || !s.alive[issuer]) continue;
      const gw = this.deployedGw(ctx, holder) * (w.shareSlot[m] < 0 ? 1 : theta[w.shareSlot[m]]);
      const full = theta[w.vestingSlot[m]];
      const target = theta[w.fractionSlot[m]] * Math.min(1, Math.floor(gw) / full);
      const vest = target - s.warrantVested[m];
      if (!(vest > 0)) continue;
      s.warrantVested[m] = target;
      // New shares for `vest` of the issuer after issue: every other holder keeps (1 − vest) of its fraction.
      const stakes = model.stakes;
      for (let k = 0; k < stakes.holder.length; k++)
        if (stakes.issuer[k] === issuer) s.stakeFraction[k] *= 1 - vest;
      s.stakeFraction[w.stake[m]] += vest;
    }
  }

  /** GW of compute entity `i`'s take-or-pay contracts pay for this quarter. */
  private deployedGw(ctx: PathContext, i: number): number {
    const { model, state: s } = ctx;
    const top = model.takeOrPay;
    let dues = 0;
    for (let c = 0; c < top.ids.length; c++) if (top.buyer[c] === i) dues += s.topDue[c];
    return dues / this.rentPerGwQ;
  }

  private tranches(ctx: PathContext, t: number): void {
    const { model, theta, state: s } = ctx;
    const tr = model.tranches;
    for (let m = 0; m < tr.investor.length; m++) {
      const investor = tr.investor[m];
      const issuer = tr.issuer[m];
      if (t < tr.start[m] || !s.alive[investor] || !s.alive[issuer]) continue;
      const gw = this.deployedGw(ctx, issuer) * (tr.shareSlot[m] < 0 ? 1 : theta[tr.shareSlot[m]]);
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
