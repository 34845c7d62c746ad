/**
 * Technology this quarter: algorithmic efficiency of the frontier labs (on its trend; a rival's efficiency shock
 * lowers prices and the compute bought, not the frontier: docs/economy.md §1) and hardware price-performance (FLOP
 * per dollar on its own trend).
 */
import { pow } from "../../util/portable/index.js";
import { DOMAINS, type ParameterSpecs } from "../parameters.js";
import type { PathContext, Rule } from "./rule.js";

export class Technology implements Rule {
  readonly name = "technology";
  static readonly world = {
    "efficiency.growthPerYear": {
      domain: DOMAINS.positive,
      unit: "×/year",
      doc: "Algorithmic efficiency multiplier per year (≈3 per Ho et al. 2024).",
    },
    "compute.flopPerUsd": {
      domain: DOMAINS.positive,
      unit: "FLOP/USD",
      doc: "Physical FLOP per dollar of compute spend at the start.",
    },
    "compute.flopPerUsdGrowthPerYear": {
      domain: DOMAINS.positive,
      unit: "×/year",
      doc: "Multiplier per year of FLOP per dollar (hardware price-performance).",
    },
  } as const satisfies ParameterSpecs;
  private efficiencyGrowth = 1;
  private flopPerUsd0 = 0;
  private flopGrowth = 1;

  begin(ctx: PathContext): void {
    this.efficiencyGrowth = ctx.world("efficiency.growthPerYear");
    this.flopPerUsd0 = ctx.world("compute.flopPerUsd");
    this.flopGrowth = ctx.world("compute.flopPerUsdGrowthPerYear");
  }

  quarter(ctx: PathContext, t: number): void {
    const s = ctx.state;
    const years = t / 4;
    s.efficiency = pow(this.efficiencyGrowth, years);
    s.flopPerUsd = this.flopPerUsd0 * pow(this.flopGrowth, years);
  }
}
