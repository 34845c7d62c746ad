/**
 * Market sentiment (docs/economy.md §sentiment): persistent, moved by capability and revenue surprises against
 * what the market has learned to expect (constant-gain adaptive expectations), plus noise. The market knows the
 * size of its market, so the slowdown that saturation brings is no surprise: growth is measured before saturation.
 */
import type { PathContext, Rule } from "./rule.js";

export class Sentiment implements Rule {
  readonly name = "sentiment";
  private persistence = 0;
  private learningGain = 0;
  private capabilityWeight = 0;
  private revenueWeight = 0;
  private noise = 0;

  begin(ctx: PathContext): void {
    this.persistence = ctx.world("sentiment.persistence");
    // Constant-gain learning: the weight of the latest observed growth in the market's expectation.
    this.learningGain = 1 - 0.5 ** (1 / ctx.world("sentiment.expectationHalfLifeQuarters", 6));
    this.capabilityWeight = ctx.world("sentiment.capabilityWeight");
    this.revenueWeight = ctx.world("sentiment.revenueWeight");
    this.noise = ctx.world("sentiment.noise", 0);
    const s = ctx.state;
    s.sentiment = ctx.world("sentiment.initial", 0);
    s.expectedRevenueGrowthQ = Math.log(ctx.world("revenue.expectedGrowthPerYear")) / 4;
    s.expectedCapStep = (ctx.world("capability.slopePerOom") * ctx.world("capability.trendOomPerYear")) / 4;
  }

  quarter(ctx: PathContext, t: number): void {
    const s = ctx.state;
    const zSent = ctx.rng.normal();
    // At t = 0 there is no past quarter to compare with.
    const revenueGrowth =
      s.labRevenue > 0 && s.previousRevenue > 0
        ? Math.log(s.labRevenue / s.previousRevenue) - Math.log(s.saturation / s.previousSaturation)
        : -1;
    const capabilityStep = s.capability - s.previousCapability;
    if (t > 0) {
      s.sentiment =
        this.persistence * s.sentiment +
        this.capabilityWeight * (capabilityStep - s.expectedCapStep) +
        this.revenueWeight * (revenueGrowth - s.expectedRevenueGrowthQ) +
        this.noise * zSent;
      s.expectedCapStep += this.learningGain * (capabilityStep - s.expectedCapStep);
      s.expectedRevenueGrowthQ += this.learningGain * (revenueGrowth - s.expectedRevenueGrowthQ);
    } else s.sentiment = this.persistence * s.sentiment + this.noise * zSent;
    s.previousRevenue = s.labRevenue;
    s.previousSaturation = s.saturation;
  }
}
