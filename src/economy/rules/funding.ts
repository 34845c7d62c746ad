/**
 * The funding window at the start of a quarter: from the market's sentiment, the probability that a funding
 * round or a bond refinancing is available (a logistic in sentiment), the spread added to a refinanced bond, and
 * the sentiment multiplier of planned capex.
 */
import { DOMAINS, type ParameterSpecs } from "../parameters.js";
import type { PathContext, Rule } from "./rule.js";

/**
 * The logistic 1/(1 + e^(−x)) ∈ [0, 1], kept apart from src/util/logistic.ts on purpose: for x < 0 that one
 * computes e^x/(1 + e^x), which differs in the last bit for about half of all negative x and would change the
 * pinned `simulate --json` output (test/economy/golden.test.ts).
 */
function plainLogistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

export class FundingWindow implements Rule {
  readonly name = "funding-window";
  static readonly world = {
    "sentiment.fundingMidpoint": {
      domain: DOMAINS.any,
      unit: "sentiment",
      doc: "Sentiment at which a funding round or a refinancing succeeds with probability ½.",
    },
    "sentiment.fundingSlope": {
      domain: DOMAINS.nonNegative,
      unit: "1/sentiment",
      doc: "Logistic slope of the funding probability in sentiment.",
    },
    "sentiment.spreadPerUnit": {
      domain: DOMAINS.nonNegative,
      unit: "1/year per unit",
      doc: "Credit spread added to a refinanced bond per unit of negative sentiment (0.02 = 200 bp).",
    },
    "sentiment.capexSensitivity": {
      domain: DOMAINS.nonNegative,
      unit: "1/sentiment",
      doc: "Elasticity of cloud capex to sentiment: planned capex × e^(k·sentiment).",
    },
  } as const satisfies ParameterSpecs;
  private midpoint = 0;
  private slope = 0;
  private spreadPerUnit = 0;
  private capexSensitivity = 0;

  begin(ctx: PathContext): void {
    this.midpoint = ctx.world("sentiment.fundingMidpoint");
    this.slope = ctx.world("sentiment.fundingSlope");
    this.spreadPerUnit = ctx.world("sentiment.spreadPerUnit");
    this.capexSensitivity = ctx.world("sentiment.capexSensitivity");
  }

  quarter(ctx: PathContext): void {
    const s = ctx.state;
    s.fundingProbability = plainLogistic(this.slope * (s.sentiment - this.midpoint));
    s.refinancingSpread = this.spreadPerUnit * Math.max(0, -s.sentiment);
    s.capexSentimentMultiplier = Math.exp(this.capexSensitivity * s.sentiment);
  }
}
