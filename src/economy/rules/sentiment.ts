/**
 * Market sentiment (docs/economy.md §sentiment): persistent, moved by capability and revenue surprises against
 * what the market has learned to expect (constant-gain adaptive expectations), plus noise. The market knows the
 * size of its market, so the slowdown that saturation brings is no surprise: growth is measured before saturation.
 */

import type { Random } from "../../util/random.js";
import { DOMAINS, type ParameterSpecs } from "../parameters.js";
import { NO_STREAM, type PathContext, type Rule } from "./rule.js";

export class Sentiment implements Rule {
  readonly name = "sentiment";
  private rng: Random = NO_STREAM;
  static readonly world = {
    "sentiment.initial": {
      domain: DOMAINS.any,
      unit: "sentiment",
      doc: "Sentiment at the start (0 = neutral).",
      default: 0,
    },
    "sentiment.persistence": {
      domain: DOMAINS.fraction,
      unit: "fraction",
      doc: "Weight of last quarter's sentiment.",
    },
    "sentiment.expectationHalfLifeQuarters": {
      domain: DOMAINS.positive,
      unit: "quarters",
      doc: "Half-life of the market's adaptive growth expectations (revenue and capability).",
      default: 6,
    },
    "sentiment.capabilityWeight": {
      domain: DOMAINS.nonNegative,
      unit: "1/index point",
      doc: "Sentiment change per capability index point above expectation.",
    },
    "sentiment.revenueWeight": {
      domain: DOMAINS.nonNegative,
      unit: "1/log revenue",
      doc: "Sentiment change per unit of log revenue growth above expectation.",
    },
    "sentiment.noise": {
      domain: DOMAINS.nonNegative,
      unit: "sentiment",
      doc: "sd of sentiment noise per quarter.",
      default: 0,
    },
    "revenue.expectedGrowthPerYear": {
      domain: DOMAINS.positive,
      unit: "×/year",
      doc: "Revenue growth the market expects at the start (sentiment's yardstick).",
    },
  } as const satisfies ParameterSpecs;
  private persistence = 0;
  private learningGain = 0;
  private capabilityWeight = 0;
  private revenueWeight = 0;
  private noise = 0;

  begin(ctx: PathContext): void {
    this.rng = ctx.stream(this.name);
    this.persistence = ctx.world("sentiment.persistence");
    // Constant-gain learning: the weight of the latest observed growth in the market's expectation.
    this.learningGain = 1 - 0.5 ** (1 / ctx.world("sentiment.expectationHalfLifeQuarters"));
    this.capabilityWeight = ctx.world("sentiment.capabilityWeight");
    this.revenueWeight = ctx.world("sentiment.revenueWeight");
    this.noise = ctx.world("sentiment.noise");
    const s = ctx.state;
    s.sentiment = ctx.world("sentiment.initial");
    s.expectedRevenueGrowthQ = Math.log(ctx.world("revenue.expectedGrowthPerYear")) / 4;
    s.expectedCapStep = (ctx.world("capability.slopePerOom") * ctx.world("capability.trendOomPerYear")) / 4;
  }

  quarter(ctx: PathContext, t: number): void {
    const s = ctx.state;
    const zSent = this.rng.normal();
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
