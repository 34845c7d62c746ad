/** The GPU price index: pushed down by fire sales, it recovers towards 1 by a fixed fraction each quarter. */
import type { PathContext, Rule } from "./rule.js";

export class GpuMarket implements Rule {
  readonly name = "gpu-market";
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
