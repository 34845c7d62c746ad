/**
 * Resolution of the quarter's defaulters: the defaulter's fleet is sold at once — its GPUs at the fire-sale price
 * (which lowers the GPU price index), its buildings and power at their depreciated value; the proceeds repay its GPU-secured lenders pro rata up to their remaining
 * principal, then its other lenders pro rata; a lender against a pledged stake takes the stake at its mark. A
 * cloud with named `acquirers` is instead sold as a going concern when one of them has the cash: it pays the
 * fleet's market value (no fire-sale impact) and takes over the fleet and the contracts it sells under; what is not recovered is lost (the part due to the sale's price
 * impact counted as fire-sale loss); equity stakes in it are lost at their last mark; its take-or-pay
 * contracts end; it leaves the model (its market share goes to the other labs).
 */
import { pow } from "../../util/portable/index.js";
import { DEBT_CODES } from "../model.js";
import { DOMAINS, type ParameterSpecs } from "../parameters.js";
import { NPARTS, PART } from "../state.js";
import type { PathContext, Rule } from "./rule.js";

/** GPU loans and project loans are secured on the borrower's fleet and site. */
function isSecured(type: number): boolean {
  return type === DEBT_CODES["gpu-loan"] || type === DEBT_CODES["project-loan"];
}

export class Resolution implements Rule {
  readonly name = "resolution";
  static readonly world = {
    "gpu.fireSaleImpactPerUsdB": {
      domain: DOMAINS.nonNegative,
      unit: "1/usdB",
      doc: "Fractional GPU price drop per usdB of GPUs sold in distress.",
    },
  } as const satisfies ParameterSpecs;
  private decayQ = 1;
  private siteDecayQ = 1;
  private impactPerUsdB = 0;

  begin(ctx: PathContext): void {
    this.siteDecayQ = pow(1 - ctx.world("gpu.siteDepreciationPerYear"), 0.25);
    this.decayQ = pow(1 - ctx.world("gpu.economicDepreciationPerYear"), 0.25);
    this.impactPerUsdB = ctx.world("gpu.fireSaleImpactPerUsdB");
  }

  quarter(ctx: PathContext, t: number): void {
    const s = ctx.state;
    for (let i = 0; i < s.n; i++) if (s.newDefault[i]) this.resolve(ctx, i, t);
  }

  private resolve(ctx: PathContext, i: number, t: number): void {
    const { model, state: s, acc } = ctx;
    const { T } = s;
    s.alive[i] = 0;
    s.defaultQuarter[i] = t;
    const part = s.round[i] > 1 ? PART.clearing : PART.direct;
    const book = (creditor: number, p: number, amount: number) => {
      if (amount <= 0) return;
      const kind = s.lossKind[creditor];
      s.pathLoss[kind * NPARTS + p] += amount;
      acc.lossSum[(kind * NPARTS + p) * T + t] += amount;
      s.holderLoss[creditor * NPARTS + p] += amount;
    };
    // Market value of the fleet before the sale — GPUs at their economic value and the GPU price, sites at theirs —
    // and the price impact of selling the GPUs.
    let gpuValue = 0;
    let siteValue = 0;
    const row = i * (T + 1);
    for (let v = 0; v <= t + 1 && v <= T; v++) {
      const cost = s.vintage[row + v];
      if (cost === 0) continue;
      const age = v === 0 ? s.age0[i] + t : t - v + 1;
      gpuValue += cost * pow(this.decayQ, age);
      siteValue += cost * pow(this.siteDecayQ, age);
      s.vintage[row + v] = 0;
    }
    const siteShare = ctx.entity(i, "siteShare");
    gpuValue *= (1 - siteShare) * s.gpuPrice;
    // Sites built ahead of their GPUs go at cost, with the fleet.
    siteValue = siteValue * siteShare + s.sitesAhead[i];
    s.sitesAhead[i] = 0;
    const marketValue = gpuValue + siteValue;
    let proceeds: number;
    const buyer = acquirerFor(ctx, i, marketValue);
    if (buyer >= 0) {
      // A going-concern sale: the acquirer pays the fleet's market value (no fire sale), takes the fleet as a
      // vintage bought this quarter, and steps in as the seller of its take-or-pay contracts.
      s.cash[buyer] -= marketValue;
      s.vintage[buyer * (T + 1) + t + 1] += marketValue;
      const top = model.takeOrPay;
      // A contract the acquirer itself bought from the defaulter becomes internal: it ends.
      for (let c = 0; c < top.ids.length; c++)
        if (s.topSeller[c] === i) {
          if (top.buyer[c] === buyer) s.topActive[c] = 0;
          else s.topSeller[c] = buyer;
        }
      acc.acquired[i]++;
      proceeds = marketValue;
    } else {
      const impact = Math.min(0.9, this.impactPerUsdB * gpuValue);
      s.saleDiscount *= 1 - impact;
      s.gpuPrice = s.rentalPrice * s.saleDiscount;
      proceeds = gpuValue * (1 - impact) + siteValue;
    }
    const debt = model.debt;
    let secured = 0;
    let unsecured = 0;
    for (let c = 0; c < debt.ids.length; c++) {
      s.claim[c] = 0;
      if (debt.borrower[c] !== i || !s.debtActive[c]) continue;
      const k = debt.collateral[c];
      if (k >= 0) {
        // A loan against a stake: the lender takes the pledged stake at its mark, and loses the rest.
        const recovered = Math.min(s.debtOut[c], s.stakeValue[k]);
        s.cash[debt.lender[c]] += recovered;
        book(debt.lender[c], part, s.debtOut[c] - recovered);
        s.stakeRemoved[k] += s.stakeValue[k];
        s.stakeFraction[k] = 0;
        s.stakeValue[k] = 0;
        s.debtOut[c] = 0;
        s.debtActive[c] = 0;
        continue;
      }
      s.claim[c] = s.debtOut[c];
      if (isSecured(debt.type[c])) secured += s.claim[c];
      else unsecured += s.claim[c];
    }
    const recover = (cash: number, c: number) => {
      const toSecured = Math.min(cash, secured);
      const rest = cash - toSecured;
      if (isSecured(debt.type[c])) return secured > 0 ? (toSecured * s.claim[c]) / secured : 0;
      return unsecured > 0 ? (Math.min(rest, unsecured) * s.claim[c]) / unsecured : 0;
    };
    for (let c = 0; c < debt.ids.length; c++) {
      if (s.claim[c] <= 0) continue;
      const withSale = recover(proceeds, c);
      const withoutImpact = recover(marketValue, c);
      book(debt.lender[c], PART.fireSale, withoutImpact - withSale);
      book(debt.lender[c], part, s.claim[c] - withoutImpact);
      s.debtOut[c] = 0;
      s.debtActive[c] = 0;
    }
    // Stakes in it are lost at their last mark (what the market valued them at last quarter).
    const stakes = model.stakes;
    for (let k = 0; k < stakes.holder.length; k++) {
      if (stakes.issuer[k] !== i) continue;
      book(stakes.holder[k], part, s.stakeValue[k]);
      s.stakeRemoved[k] += s.stakeValue[k];
    }
    const top = model.takeOrPay;
    for (let c = 0; c < top.ids.length; c++)
      if (top.buyer[c] === i || s.topSeller[c] === i) s.topActive[c] = 0;
    s.cash[i] = 0;
  }
}

/**
 * The first of entity `i`'s named acquirers that is alive and has `price` of free cash (above its bond reserve),
 * or −1 when none can buy it.
 */
function acquirerFor(ctx: PathContext, i: number, price: number): number {
  const { model, state: s } = ctx;
  const { acquirerStart, acquirer } = model.entities;
  for (let m = acquirerStart[i]; m < acquirerStart[i + 1]; m++) {
    const a = acquirer[m];
    if (s.alive[a] && !s.newDefault[a] && s.cash[a] - s.reserve[a] >= price) return a;
  }
  return -1;
}
