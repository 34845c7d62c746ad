/**
 * Market revenue of the labs (docs/economy.md §revenue): Bass adoption × value of capability (the capability users
 * have taken up, which follows the frontier with a diffusion lag) × price per unit of capability, with a lognormal
 * shock, saturating at the addressable market; then each living lab's share of it, net of export controls.
 */

import type { Random } from "../../util/random.js";
import { ROLE } from "../kinds.js";
import { DOMAINS, type ParameterSpecs } from "../parameters.js";
import { NO_STREAM, type PathContext, type Rule } from "./rule.js";

export class Revenue implements Rule {
  readonly name = "revenue";
  private rng: Random = NO_STREAM;
  static readonly world = {
    "revenue.initialUsdBPerYear": {
      domain: DOMAINS.positive,
      unit: "usdB/year",
      doc: "Total revenue of the labs at the start (annualised).",
    },
    "revenue.initialAdoption": {
      domain: { lo: 1e-9, hi: 0.999 },
      unit: "fraction",
      doc: "Bass adoption at the start: share of potential users.",
    },
    "revenue.bassP": { domain: DOMAINS.nonNegative, unit: "1/year", doc: "Bass innovation coefficient p." },
    "revenue.bassQ": { domain: DOMAINS.nonNegative, unit: "1/year", doc: "Bass imitation coefficient q." },
    "revenue.capabilityElasticity": {
      domain: DOMAINS.nonNegative,
      unit: "log value/index point",
      doc: "Log of value per user gained per capability index point.",
    },
    "revenue.efficiencyPassThrough": {
      domain: DOMAINS.fraction,
      unit: "fraction",
      doc: "Fraction of algorithmic-efficiency gains passed on as lower prices.",
    },
    "revenue.openModelLagQuarters": {
      domain: DOMAINS.positiveInt,
      unit: "quarters",
      doc: "Quarters by which open models trail the frontier.",
    },
    "revenue.commodityPriceFloor": {
      domain: DOMAINS.fraction,
      unit: "fraction",
      doc: "Price multiplier once the frontier no longer leads open models (commodity floor).",
    },
    "revenue.volatility": {
      domain: DOMAINS.nonNegative,
      unit: "log/quarter",
      doc: "sd of log revenue surprises per quarter.",
      default: 0,
    },
    "revenue.diffusionLagYears": {
      domain: DOMAINS.nonNegative,
      unit: "years",
      doc: "Mean lag with which revenue follows capability: the value per user rises with capability diffused by exponential smoothing over this many years (0 = at once).",
      default: 0,
    },
    "revenue.addressableUsdBPerYear": {
      domain: DOMAINS.positive,
      unit: "usdB/year",
      doc: "Most the labs can earn: revenue saturates as M·(1 − e^(−R/M)) of its unsaturated value R.",
      default: Number.POSITIVE_INFINITY,
    },
  } as const satisfies ParameterSpecs;
  private revenue0 = 0;
  private adoption0 = 0;
  private bassP = 0;
  private bassQ = 0;
  private elasticity = 0;
  private passThrough = 0;
  private lag = 1;
  private floor = 0;
  private volatility = 0;
  private addressableQ = Number.POSITIVE_INFINITY;
  private diffusionGain = 1;
  private expectedCapStep0 = 0;
  private leadRef = 0;

  begin(ctx: PathContext): void {
    this.rng = ctx.stream(this.name);
    const slope = ctx.world("capability.slopePerOom");
    const trend = ctx.world("capability.trendOomPerYear");
    this.revenue0 = ctx.world("revenue.initialUsdBPerYear") / 4;
    this.adoption0 = ctx.world("revenue.initialAdoption");
    this.bassP = ctx.world("revenue.bassP");
    this.bassQ = ctx.world("revenue.bassQ");
    this.elasticity = ctx.world("revenue.capabilityElasticity");
    this.passThrough = ctx.world("revenue.efficiencyPassThrough");
    this.lag = Math.max(1, Math.round(ctx.world("revenue.openModelLagQuarters")));
    this.floor = ctx.world("revenue.commodityPriceFloor");
    this.volatility = ctx.world("revenue.volatility");
    this.addressableQ = ctx.world("revenue.addressableUsdBPerYear") / 4;
    const lagYears = ctx.world("revenue.diffusionLagYears");
    this.diffusionGain = lagYears > 0 ? -Math.expm1(-0.25 / lagYears) : 1;
    this.expectedCapStep0 = (slope * trend) / 4;
    this.leadRef = (slope * trend * this.lag) / 4;
    const s = ctx.state;
    s.adoption = this.adoption0;
    s.diffusedCapability = 0;
    s.logRevenueShock = 0;
    s.previousRevenue = this.revenue0;
  }

  quarter(ctx: PathContext, t: number): void {
    const s = ctx.state;
    const { floor, volatility, addressableQ, lag } = this;
    if (t > 0) s.adoption += 0.25 * (this.bassP + this.bassQ * s.adoption) * (1 - s.adoption);
    // Lead of last quarter's frontier over the open models, which trail it by `lag` quarters; before the start
    // the frontier rose on the trend, so an on-trend path keeps the premium at 1 from the first quarter.
    const past = t - 1 - lag >= 0 ? s.capHistory[t - 1 - lag] : this.expectedCapStep0 * (t - 1 - lag);
    const lead = s.capability - past;
    const premium = floor + (1 - floor) * Math.min(1, Math.max(0, lead / this.leadRef));
    const price = s.efficiency ** -this.passThrough * premium;
    // Users take up what the frontier can do with a lag (the "two exponentials" out of sync).
    s.diffusedCapability += this.diffusionGain * (s.capability - s.diffusedCapability);
    const zRevenue = this.rng.normal();
    s.logRevenueShock += volatility * zRevenue - 0.5 * volatility * volatility;
    const unsaturated =
      this.revenue0 *
      (s.adoption / this.adoption0) *
      Math.exp(this.elasticity * s.diffusedCapability + s.logRevenueShock) *
      (price / (floor + (1 - floor)));
    // Saturation at the addressable market M: M·(1 − e^(−R/M)) ≈ R while R ≪ M, and never above M.
    const saturation =
      addressableQ < Number.POSITIVE_INFINITY && unsaturated > 0
        ? (-addressableQ * Math.expm1(-unsaturated / addressableQ)) / unsaturated
        : 1;
    s.saturation = saturation;
    s.marketRevenue = unsaturated * saturation * ctx.revenueMultiplier;

    // Lab shares among the living, cut by export controls.
    const role = ctx.model.entities.role;
    const bloc = ctx.model.entities.bloc;
    let shareTotal = 0;
    for (let i = 0; i < s.n; i++)
      if (role[i] === ROLE.lab && s.alive[i]) shareTotal += s.shareWeight[i] * (1 - s.blocCut[bloc[i]]);
    s.shareTotal = shareTotal;
  }
}
