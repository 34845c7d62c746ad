/**
 * The GPU rental market (docs/economy.md §9): the price of a GPU-hour, as an index (1 at the start), is the rental
 * price set by utilisation times a fire-sale discount. Each quarter the rental price is (u/u₀)^ε, where u is the
 * rental clouds' utilisation (what labs paid them ÷ what their fleets could rent for), u₀ its value in the first
 * quarter (the start's price clears the start's market) and ε `gpu.priceUtilisationElasticity`; it stays within
 * [`gpu.priceFloor`, `gpu.priceCeiling`]. A start whose rental clouds sell nothing in the first quarter has no
 * market for the price to clear, and the price stays the start's (taking the first quarter with any sale instead,
 * a first trickle of receipts sent the price to its ceiling). Fire sales push the discount down (resolution) and it
 * recovers by a fixed fraction each quarter. The index prices rent capacity, new compute bought under the roll-over rule, and GPU
 * collateral.
 */
import { pow } from "../../util/portable/index.js";
import { DOMAINS, type ParameterSpecs } from "../parameters.js";
import type { PathContext, Rule } from "./rule.js";

export class GpuMarket implements Rule {
  readonly name = "gpu-market";
  static readonly world = {
    "gpu.priceRecoveryPerQuarter": {
      domain: DOMAINS.fraction,
      unit: "fraction/quarter",
      doc: "Fraction of the fire-sale discount of the GPU price recovered each quarter.",
    },
    "gpu.priceUtilisationElasticity": {
      domain: DOMAINS.nonNegative,
      unit: "elasticity",
      doc: "ε: the rental price is (utilisation ÷ the first quarter's)^ε times the start's (0 = a fixed price).",
      default: 0,
    },
    "gpu.priceFloor": {
      domain: { lo: Number.MIN_VALUE, hi: 1 },
      unit: "× start price",
      doc: "Lowest rental price, relative to the start's (cash operating cost of a GPU-hour).",
      default: 0.3,
    },
    "gpu.priceCeiling": {
      domain: { lo: 1, hi: Number.POSITIVE_INFINITY },
      unit: "× start price",
      doc: "Highest rental price, relative to the start's (scarcity).",
      default: 3,
    },
  } as const satisfies ParameterSpecs;
  private recovery = 0;
  private elasticity = 0;
  private start = 0;
  private floor = 0.3;
  private ceiling = 3;

  begin(ctx: PathContext): void {
    this.recovery = ctx.world("gpu.priceRecoveryPerQuarter");
    this.elasticity = ctx.world("gpu.priceUtilisationElasticity");
    this.start = 0;
    this.floor = ctx.world("gpu.priceFloor");
    this.ceiling = ctx.world("gpu.priceCeiling");
    const s = ctx.state;
    s.rentalPrice = 1;
    s.saleDiscount = 1;
    s.gpuPrice = 1;
  }

  quarter(ctx: PathContext, t: number): void {
    const s = ctx.state;
    if (t === 0) this.start = s.marketUtilisation;
    else if (this.elasticity > 0 && this.start > 0 && s.marketUtilisation > 0) {
      const moved = pow(s.marketUtilisation / this.start, this.elasticity);
      s.rentalPrice = Math.min(this.ceiling, Math.max(this.floor, moved));
    }
    s.saleDiscount += this.recovery * (1 - s.saleDiscount);
    s.gpuPrice = s.rentalPrice * s.saleDiscount;
  }
}
