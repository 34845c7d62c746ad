/**
 * Market revenue of the labs (docs/economy.md §revenue): Bass adoption × value of capability (the capability users
 * have taken up, which follows the frontier with a diffusion lag) × price per unit of capability, with a lognormal
 * shock, saturating at the value of the work AI can do: the share of tasks automated at the frontier's effective
 * compute (GATE's ramp, linear in log compute) × the world wage bill × the share of it firms pay for AI work; then
 * each living lab's share of it, net of export controls. A lab that grew faster than the market at the start
 * (`shareGrowthPerYear`) keeps doing so, the lead fading as fast growth does; what it adds is new business (the
 * segment it leads), not taken from the other labs. A conditional run (`givenRevenue`, `backcast --given-revenue`)
 * scales the market each quarter so that one lab, at its share, earns a given figure.
 */

import { exp, expm1, log, log1p, pow } from "../../util/portable/index.js";
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
    "revenue.wageBillUsdBPerYear": {
      domain: DOMAINS.positive,
      unit: "usdB/year",
      doc: "World labour income at the start (∞ = no bound on revenue).",
      default: Number.POSITIVE_INFINITY,
    },
    "revenue.wageBillGrowthPerYear": {
      domain: { lo: -0.5, hi: 1 },
      unit: "1/year",
      doc: "Nominal growth of the wage bill.",
      default: 0,
    },
    "revenue.valueCaptureShare": {
      domain: { lo: Number.MIN_VALUE, hi: 1 },
      unit: "fraction",
      doc: "Most that firms pay the labs for automated work, as a share of the wages it replaces.",
      default: 1,
    },
    "revenue.initialAutomatedShare": {
      domain: DOMAINS.fraction,
      unit: "fraction",
      doc: "Share of tasks AI can do at the reference compute (GATE's initial automation).",
      default: 0.1,
    },
    "revenue.referenceLog10Flop": {
      domain: DOMAINS.positive,
      unit: "log10 FLOP",
      doc: "Frontier effective training compute at the reference year (GATE's initial largest run).",
      default: 25.7,
    },
    "revenue.referenceYear": {
      domain: { lo: 1900, hi: 2200 },
      unit: "year",
      doc: "Decimal year of the reference compute; the start's frontier is on `capability.trendOomPerYear` from it.",
      default: 2025,
    },
    "revenue.fullAutomationLog10Flop": {
      domain: DOMAINS.positive,
      unit: "log10 FLOP",
      doc: "Effective training compute at which AI can do every task (GATE's AGI training requirement).",
      default: 36.5,
    },
    "revenue.flopGapFraction": {
      domain: { lo: Number.MIN_VALUE, hi: 1 },
      unit: "fraction",
      doc: "Width of the automation ramp, as a share of the OOMs from the reference compute to full automation (GATE).",
      default: 0.55,
    },
    "revenue.shareGrowthFadePerYear": {
      domain: { lo: Number.MIN_VALUE, hi: 1 },
      unit: "fraction/year",
      doc: "Share of the log of a lab's share growth (`shareGrowthPerYear`) that fades each year.",
      default: 0.3,
    },
  } as const satisfies ParameterSpecs;
  static readonly entity = {
    shareGrowthPerYear: {
      domain: DOMAINS.positive,
      unit: "×/year",
      doc: "Lab: growth per year of its share of the labs' revenue at the start (its revenue's growth over the market's), fading at `revenue.shareGrowthFadePerYear` (1 = a fixed share).",
      default: 1,
    },
  } as const satisfies ParameterSpecs;
  private revenue0 = 0;
  private unsaturated0 = 0;
  private adoption0 = 0;
  private bassP = 0;
  private bassQ = 0;
  private elasticity = 0;
  private passThrough = 0;
  private lag = 1;
  private floor = 0;
  private volatility = 0;
  private wageBillQ = Number.POSITIVE_INFINITY;
  private wageGrowthQ = 0;
  private capture = 1;
  private automated0 = 0;
  private rampStartOom = 0;
  private rampOom = 1;
  private slope = 1;
  private diffusionGain = 1;
  private diffused0 = 0;
  private expectedCapStep0 = 0;
  private leadRef = 0;
  /** Log share growth per quarter by lab at the start (0 for the rest), what is left of it each quarter after, and
   * each lab's drift so far (a multiplier of its share weight). */
  private shareDriftQ = new Float64Array(0);
  private shareDriftKeptQ = 1;
  private shareDrift = new Float64Array(0);
  private anyShareDrift = false;

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
    this.wageBillQ = ctx.world("revenue.wageBillUsdBPerYear") / 4;
    this.wageGrowthQ = log1p(ctx.world("revenue.wageBillGrowthPerYear")) / 4;
    this.capture = ctx.world("revenue.valueCaptureShare");
    this.automated0 = ctx.world("revenue.initialAutomatedShare");
    // GATE's ramp in OOMs above the start's frontier: it spans flopGapFraction of the OOMs from the reference
    // compute to full automation and ends there; the start's frontier is the reference moved on the trend.
    const reference = ctx.world("revenue.referenceLog10Flop");
    const full = ctx.world("revenue.fullAutomationLog10Flop");
    const startLog10Flop =
      reference + (ctx.model.startDecimalYear - ctx.world("revenue.referenceYear")) * trend;
    this.rampOom = ctx.world("revenue.flopGapFraction") * Math.max(Number.MIN_VALUE, full - reference);
    this.rampStartOom = full - this.rampOom - startLog10Flop;
    this.slope = slope;
    const lagYears = ctx.world("revenue.diffusionLagYears");
    this.diffusionGain = lagYears > 0 ? -expm1(-0.25 / lagYears) : 1;
    this.expectedCapStep0 = (slope * trend) / 4;
    this.leadRef = (slope * trend * this.lag) / 4;
    const s = ctx.state;
    if (this.shareDriftQ.length !== s.n) {
      this.shareDriftQ = new Float64Array(s.n);
      this.shareDrift = new Float64Array(s.n);
    }
    this.shareDrift.fill(1);
    this.anyShareDrift = false;
    for (let i = 0; i < s.n; i++) {
      this.shareDriftQ[i] =
        ctx.model.entities.role[i] === ROLE.lab ? log(ctx.entity(i, "shareGrowthPerYear")) / 4 : 0;
      if (this.shareDriftQ[i] !== 0) this.anyShareDrift = true;
    }
    this.shareDriftKeptQ = pow(1 - ctx.world("revenue.shareGrowthFadePerYear"), 0.25);
    s.adoption = this.adoption0;
    // Users trail the frontier: on the trend before the start, smoothing with gain g leaves the diffused capability
    // x = step·(1 − g)/g behind it (≈ slope·trend·L, the steady state), and it keeps pace with the trend from the
    // first quarter. The value before the first update is set so that the update lands on −x.
    const step = this.expectedCapStep0;
    const g = this.diffusionGain;
    this.diffused0 = lagYears > 0 ? (-step * (1 - g)) / g : 0;
    s.diffusedCapability = lagYears > 0 ? -step / g : 0;
    s.logRevenueShock = 0;
    s.previousRevenue = this.revenue0;
    // The start's revenue is observed after saturation: the unsaturated base R₀ solves M₀(1 − e^(−R₀/M₀)) = revenue0
    // (held just under the bound if the bound is below it).
    const bound0 = this.valueOfWork(0, this.automatedShare(0));
    this.unsaturated0 =
      bound0 < Number.POSITIVE_INFINITY
        ? -bound0 * log1p(-Math.min(0.99, this.revenue0 / bound0))
        : this.revenue0;
  }

  /** Share of tasks AI can do at frontier capability `capability` (index points above the start). */
  private automatedShare(capability: number): number {
    const ramp = Math.min(1, Math.max(0, (capability / this.slope - this.rampStartOom) / this.rampOom));
    return this.automated0 + (1 - this.automated0) * ramp;
  }

  /** What firms would pay for the work AI can do in quarter `t` with `automated` of tasks (usdB/quarter). */
  private valueOfWork(t: number, automated: number): number {
    return this.capture * automated * this.wageBillQ * exp(this.wageGrowthQ * t);
  }

  quarter(ctx: PathContext, t: number): void {
    const s = ctx.state;
    const { floor, volatility, lag } = this;
    if (t > 0) s.adoption += 0.25 * (this.bassP + this.bassQ * s.adoption) * (1 - s.adoption);
    // Lead of last quarter's frontier over the open models, which trail it by `lag` quarters; before the start
    // the frontier rose on the trend, so an on-trend path keeps the premium at 1 from the first quarter.
    const past = t - 1 - lag >= 0 ? s.capHistory[t - 1 - lag] : this.expectedCapStep0 * (t - 1 - lag);
    const lead = s.capability - past;
    const premium = floor + (1 - floor) * Math.min(1, Math.max(0, lead / this.leadRef));
    const price = pow(s.efficiency, -this.passThrough) * premium;
    // Users take up what the frontier can do with a lag (the "two exponentials" out of sync).
    s.diffusedCapability += this.diffusionGain * (s.capability - s.diffusedCapability);
    const expansion = this.shareQuarter(ctx, t);
    const zRevenue = this.rng.normal();
    s.logRevenueShock += volatility * zRevenue - 0.5 * volatility * volatility;
    const unsaturated =
      this.unsaturated0 *
      (s.adoption / this.adoption0) *
      exp(this.elasticity * (s.diffusedCapability - this.diffused0) + s.logRevenueShock) *
      (price / (floor + (1 - floor))) *
      expansion;
    // Saturation at the value of work M: M·(1 − e^(−R/M)) ≈ R while R ≪ M, and never above M.
    s.automatedShare = this.automatedShare(s.capability);
    const bound = this.valueOfWork(t, s.automatedShare);
    const saturation =
      bound < Number.POSITIVE_INFINITY && unsaturated > 0
        ? (-bound * expm1(-unsaturated / bound)) / unsaturated
        : 1;
    s.saturation = saturation;
    s.marketRevenue = unsaturated * saturation * ctx.revenueMultiplier;
    const given = ctx.givenRevenue;
    if (given !== undefined && t < given.usdBPerQuarter.length && s.alive[given.lab]) {
      // A conditional run: the market the given lab's published revenue implies at its modelled share.
      const portion = marketPortion(ctx, given.lab);
      const usdB = given.usdBPerQuarter[t];
      if (portion > 0 && !Number.isNaN(usdB)) s.marketRevenue = usdB / portion;
    }
  }

  /**
   * Lab shares among the living, cut by export controls; from the second quarter on, each drifting lab's weight grows
   * by its share growth, faded. Returns the market's expansion by that drift: total weight over what it would be
   * without it, so that the drift adds to a lab's revenue without taking from the others.
   */
  private shareQuarter(ctx: PathContext, t: number): number {
    const s = ctx.state;
    const role = ctx.model.entities.role;
    const bloc = ctx.model.entities.bloc;
    if (this.anyShareDrift && t > 0) {
      const kept = pow(this.shareDriftKeptQ, t - 1);
      for (let i = 0; i < s.n; i++) {
        if (this.shareDriftQ[i] === 0) continue;
        const step = exp(this.shareDriftQ[i] * kept);
        s.shareWeight[i] *= step;
        this.shareDrift[i] *= step;
      }
    }
    let shareTotal = 0;
    let undrifted = 0;
    for (let i = 0; i < s.n; i++) {
      if (role[i] !== ROLE.lab || !s.alive[i]) continue;
      const weight = s.shareWeight[i] * (1 - s.blocCut[bloc[i]]);
      shareTotal += weight;
      undrifted += weight / this.shareDrift[i];
    }
    s.shareTotal = shareTotal;
    return this.anyShareDrift && undrifted > 0 ? shareTotal / undrifted : 1;
  }
}

/** The portion of the labs' market revenue lab `i` earns this quarter: its share among the living, cut by export
 * controls, of what the competitors' entry left the incumbents, plus what it gained from them (events). */
export function marketPortion(ctx: PathContext, i: number): number {
  const s = ctx.state;
  const cut = s.blocCut[ctx.model.entities.bloc[i]];
  const share = s.shareTotal > 0 ? (s.shareWeight[i] * (1 - cut)) / s.shareTotal : 0;
  return s.retained * share + s.revenueGain[i];
}
