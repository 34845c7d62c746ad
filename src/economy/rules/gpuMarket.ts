/** The GPU price index: pushed down by fire sales, it recovers towards 1 by a fixed fraction each quarter. */
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
  } as const satisfies ParameterSpecs;
  private recovery = 0;

  begin(ctx: PathContext): void {
    this.recovery = ctx.world("gpu.priceRecoveryPerQuarter");
    ctx.state.gpuPrice = 1;
  }

  quarter(ctx: PathContext): void {
    const s = ctx.state;
    s.gpuPrice += this.recovery * (1 - s.gpuPrice);
  }
}
