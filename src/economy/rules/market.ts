/**
 * The story as market value (docs/economy.md §market). At the start the market prices in a path of lab revenue:
 * today's run-rate growing at the expected rate for `market.pricedGrowthYears`, then flat — the path the listed
 * market values and private valuations of the start imply (their levels are the scenario's `marketValueUsdB`).
 * Each quarter the realised revenue is compared with what that path priced for the quarter, in levels: the
 * valuation factor V (priced-in revenue relative to the start's) closes a constant fraction of the log gap
 * (constant-gain learning), plus valuation noise. The market also learns the growth rate itself (the quarter's log
 * growth of lab revenue, with its own gain) and re-rates by the change in a discounted-cash-flow multiple: growth
 * at the learned rate fading each year to a terminal rate, discounted at the risk-free rate plus the equity risk
 * premium — so a run of fast growth lifts valuations beyond the revenue it has delivered, and a slowdown deflates
 * them before revenue falls. Chip vendors are priced on their own sales, as a multiple of sales does: their
 * factor is the quarter's data-centre sales relative to the first quarter's, times the same re-rating on growth and
 * valuation noise, and an efficiency shock lowers it in the quarter it strikes by the compute the shocked segment
 * will no longer buy (the sales show it from the next quarter). Each valued entity's market value is its start
 * value with the AI part (`aiValueShare`) scaled by its factor and the rest growing at `market.nonAiGrowthPerYear`
 * with its own volatility (one market factor and a company-specific part), plus the equity it has raised since
 * (a holding company: its start value plus the change in its stakes' marks, cash and debt — look-through);
 * equity stakes are marked at these values (book equity for unvalued issuers) and the fall of a holder's stakes
 * below their start value is its mark-to-market loss.
 */

import { exp, log, log1p, pow } from "../../util/portable/index.js";
import type { Random } from "../../util/random.js";
import { dcfMultiple } from "../dcfMultiple.js";
import { ROLE } from "../kinds.js";
import { DOMAINS, type ParameterSpecs } from "../parameters.js";
import { NPARTS, PART } from "../state.js";
import { openBooks } from "./equity.js";
import { NO_STREAM, type PathContext, type Rule } from "./rule.js";

/** Lowest revenue ratio the log gap reads (a market with no revenue at all is priced at e^−14 of its path). */
const MIN_RATIO = 1e-6;

export class Market implements Rule {
  readonly name = "market";
  private rng: Random = NO_STREAM;
  static readonly world = {
    "market.expectationHalfLifeQuarters": {
      domain: DOMAINS.positive,
      unit: "quarters",
      doc: "Half-life of the gap between realised and priced-in revenue: the market closes 1 − ½^(1/h) of the log gap a quarter.",
      default: 6,
    },
    "market.pricedGrowthYears": {
      domain: DOMAINS.nonNegative,
      unit: "years",
      doc: "Years over which the market prices in `revenue.expectedGrowthPerYear`; flat after.",
      default: 5,
    },
    "market.noise": {
      domain: DOMAINS.nonNegative,
      unit: "log/quarter",
      doc: "sd of the valuation factor's log per quarter beyond what revenue explains.",
      default: 0,
    },
    "market.growthHalfLifeQuarters": {
      domain: DOMAINS.positive,
      unit: "quarters",
      doc: "Half-life with which the market revises the growth it prices towards lab revenue's observed growth over the last four quarters, per quarter (∞ = it never does: no re-rating on growth).",
      default: Number.POSITIVE_INFINITY,
    },
    "market.growthFadePerYear": {
      domain: { lo: Number.MIN_VALUE, hi: 1 },
      unit: "fraction/year",
      doc: "Share of the excess of priced growth over terminal growth that fades each year in the DCF multiple.",
      default: 0.3,
    },
    "market.equityRiskPremium": {
      domain: DOMAINS.nonNegative,
      unit: "fraction/year",
      doc: "Equity risk premium over `credit.riskFreeRate`: the DCF multiple's discount rate is their sum.",
      default: 0.05,
    },
    "market.terminalGrowthPerYear": {
      domain: { lo: -0.5, hi: 0.5 },
      unit: "fraction/year",
      doc: "Growth of lab revenue after the fade, for ever (held at least a point below the discount rate).",
      default: 0.03,
    },
    "market.nonAiVolatility": {
      domain: DOMAINS.nonNegative,
      unit: "1/√year",
      doc: "Annual volatility of the log of the part of a valued entity's market value that does not rest on AI (a random walk; 0 = it grows smoothly).",
      default: 0,
    },
    "market.nonAiCorrelation": {
      domain: DOMAINS.fraction,
      unit: "correlation",
      doc: "Correlation of two entities' non-AI value moves (a one-factor market model: the share of variance from the common factor).",
      default: 0.5,
    },
    "market.nonAiGrowthPerYear": {
      domain: { lo: -0.5, hi: 1 },
      unit: "fraction/year",
      doc: "Growth of the part of a valued entity's market value that does not rest on AI (1 − aiValueShare).",
      default: 0,
    },
    "revenue.expectedGrowthPerYear": {
      domain: DOMAINS.positive,
      unit: "×/year",
      doc: "Growth of lab revenue the market prices in at the start.",
    },
  } as const satisfies ParameterSpecs;
  static readonly entity = {
    marketValueUsdB: {
      domain: DOMAINS.nonNegative,
      unit: "usdB",
      doc: "Market capitalisation (listed) or last round's post-money valuation (private) at the start (default: not valued; stakes in it are marked at book).",
      optional: true,
    },
    aiValueShare: {
      domain: DOMAINS.fraction,
      unit: "fraction",
      doc: "Part of the market value that rests on the AI revenue the market prices in.",
      default: 1,
    },
  } as const satisfies ParameterSpecs;
  private gain = 0;
  private noise = 0;
  private growthQ = 0;
  private growthQuarters = 0;
  private revenue0 = 0;
  private growthGain = 0;
  /** Lab revenue of the last four quarters, by quarter mod 4 (before the start: on the priced path). */
  private revenueYearAgo = new Float64Array(4);
  private fade = 0;
  private discountLog = 0;
  private terminalLog = 0;
  private multiple0 = 1;
  private nonAiGrowthQ = 0;
  private nonAiSdQ = 0;
  private nonAiCommon = 0;
  /** Log of each entity's non-AI value relative to its smooth growth path (a random walk). */
  private nonAiLog = new Float64Array(0);
  /** The valuation noise as it persists in the level factor: N ← (1 − gain)·N + noise·z. */
  private noiseLog = 0;
  /** Each chip vendor's data-centre sales in the first quarter, usdB (0 until seen). */
  private vendorSales0 = new Float64Array(0);
  private previousIntensity = 1;
  /** Lab share of lab revenue at the start, per entity (0 until the first quarter is seen). */
  private share0 = new Float64Array(0);
  /** Net assets at the start (stakes at their marks + cash − debt), per entity, usdB. */
  private netAssets0 = new Float64Array(0);

  begin(ctx: PathContext): void {
    this.rng = ctx.stream(this.name);
    this.gain = 1 - pow(0.5, 1 / ctx.world("market.expectationHalfLifeQuarters"));
    this.noise = ctx.world("market.noise");
    this.growthQ = log(ctx.world("revenue.expectedGrowthPerYear")) / 4;
    this.growthQuarters = 4 * ctx.world("market.pricedGrowthYears");
    this.revenue0 = ctx.world("revenue.initialUsdBPerYear") / 4;
    this.growthGain = 1 - pow(0.5, 1 / ctx.world("market.growthHalfLifeQuarters"));
    ctx.state.expectedGrowthQ = this.growthQ;
    for (let k = 1; k <= 4; k++) this.revenueYearAgo[(4 - k) % 4] = this.revenue0 * exp(-this.growthQ * k);
    this.fade = ctx.world("market.growthFadePerYear");
    this.discountLog = log1p(ctx.world("credit.riskFreeRate") + ctx.world("market.equityRiskPremium"));
    // A draw at or above the discount rate would make the multiple infinite: hold it a point below.
    this.terminalLog = Math.min(log1p(ctx.world("market.terminalGrowthPerYear")), this.discountLog - 0.01);
    this.multiple0 = dcfMultiple(4 * this.growthQ, this.fade, this.discountLog, this.terminalLog);
    this.nonAiGrowthQ = log1p(ctx.world("market.nonAiGrowthPerYear")) / 4;
    this.nonAiSdQ = ctx.world("market.nonAiVolatility") / 2;
    this.nonAiCommon = ctx.world("market.nonAiCorrelation");
    this.noiseLog = 0;
    this.previousIntensity = 1;
    const s = ctx.state;
    if (this.share0.length !== s.n) {
      this.share0 = new Float64Array(s.n);
      this.nonAiLog = new Float64Array(s.n);
      this.vendorSales0 = new Float64Array(s.n);
    }
    this.share0.fill(0);
    this.nonAiLog.fill(0);
    this.vendorSales0.fill(0);
    s.valuation = 1;
    s.valuationLevel = 1;
    s.computeIntensity = 1;
    for (let i = 0; i < s.n; i++) {
      const mv = ctx.entity(i, "marketValueUsdB");
      s.valued[i] = Number.isNaN(mv) ? 0 : 1;
      s.marketValue0[i] = s.valued[i] ? mv : 0;
      s.marketValue[i] = s.marketValue0[i];
      s.raised[i] = 0;
    }
    s.stakeRemoved.fill(0);
    s.mtmLoss.fill(0);
    openBooks(ctx);
    s.stakeBasis.set(s.stakeValue);
    if (this.netAssets0.length !== s.n) this.netAssets0 = new Float64Array(s.n);
    for (let i = 0; i < s.n; i++) this.netAssets0[i] = s.valued[i] ? netAssets(ctx, i, -1) : 0;
  }

  quarter(ctx: PathContext, t: number): void {
    const s = ctx.state;
    const z = this.rng.normal();
    const pricedNow = this.revenue0 * exp(this.growthQ * Math.min(t, this.growthQuarters));
    const ratio = Math.max(MIN_RATIO, s.labRevenue / (s.valuationLevel * pricedNow));
    s.valuationLevel *= exp(this.gain * log(ratio) + this.noise * z);
    this.noiseLog = (1 - this.gain) * this.noiseLog + this.noise * z;
    let rerating = 1;
    if (this.growthGain > 0) {
      // Growth as analysts read it, year on year (a quarter's own swing is noise), per quarter. None is seen
      // against a year-ago quarter in which no lab earned anything (every lab gone): expectations hold.
      const yearAgo = this.revenueYearAgo[t % 4];
      if (yearAgo > 0) {
        const observed = log(Math.max(MIN_RATIO, s.labRevenue / yearAgo)) / 4;
        s.expectedGrowthQ += this.growthGain * (observed - s.expectedGrowthQ);
      }
      this.revenueYearAgo[t % 4] = s.labRevenue;
      rerating =
        dcfMultiple(4 * s.expectedGrowthQ, this.fade, this.discountLog, this.terminalLog) / this.multiple0;
    }
    s.valuation = s.valuationLevel * rerating;
    s.computeIntensity = s.computeRetained;
    // The news of an efficiency shock, before the vendors' sales show it.
    const intensityNews = s.computeIntensity / this.previousIntensity;
    this.previousIntensity = s.computeIntensity;
    const role = ctx.model.entities.role;
    if (this.nonAiSdQ > 0) this.stepNonAiValues(ctx);
    const smoothNonAi = exp(this.nonAiGrowthQ * (t + 1));
    for (let i = 0; i < s.n; i++) {
      if (t === 0 && role[i] === ROLE.lab && s.labRevenue > 0) this.share0[i] = s.revenue[i] / s.labRevenue;
      if (t === 0 && role[i] === ROLE.vendor) this.vendorSales0[i] = s.revenue[i];
      if (!s.valued[i]) continue;
      if (!s.alive[i]) {
        s.marketValue[i] = 0;
        continue;
      }
      if (role[i] === ROLE.holder) continue;
      let factor = s.valuation;
      if (role[i] === ROLE.vendor)
        factor =
          this.vendorSales0[i] > 0
            ? (s.revenue[i] / this.vendorSales0[i]) * rerating * exp(this.noiseLog) * intensityNews
            : // A vendor with no data-centre sales at the start is priced like the clouds, on lab revenue.
              factor * s.computeIntensity;
      else if (role[i] === ROLE.lab && this.share0[i] > 0 && s.labRevenue > 0)
        factor *= s.revenue[i] / s.labRevenue / this.share0[i];
      const a = ctx.entityAt(i, ctx.columns.aiValueShare);
      // Without the random walk every log is 0, and the growth factor is the same for all: taken once.
      const nonAi =
        (1 - a) * (this.nonAiSdQ > 0 ? exp(this.nonAiGrowthQ * (t + 1) + this.nonAiLog[i]) : smoothNonAi);
      s.marketValue[i] = s.marketValue0[i] * (nonAi + a * factor) + s.raised[i];
    }
    markStakes(ctx);
    // Holding companies are priced on look-through: their start value plus the change in the marks of their
    // stakes, their cash and their debt since the start.
    let holdings = false;
    for (let i = 0; i < s.n; i++)
      if (s.valued[i] && role[i] === ROLE.holder && s.alive[i]) {
        s.marketValue[i] = Math.max(0, s.marketValue0[i] + netAssets(ctx, i, t) - this.netAssets0[i]);
        holdings = true;
      }
    if (holdings) markStakes(ctx);
    bookMarkToMarket(ctx, t);
    s.previousRevenue = s.labRevenue;
  }

  /** One quarter of each valued entity's non-AI random walk: a common market draw and a company-specific one,
   * each entity's variance `nonAiSdQ²`, drift-corrected so the mean follows the smooth growth path. */
  private stepNonAiValues(ctx: PathContext): void {
    const s = ctx.state;
    const sd = this.nonAiSdQ;
    const common = Math.sqrt(this.nonAiCommon) * this.rng.normal();
    const own = Math.sqrt(1 - this.nonAiCommon);
    for (let i = 0; i < s.n; i++)
      if (s.valued[i]) this.nonAiLog[i] += sd * (common + own * this.rng.normal()) - 0.5 * sd * sd;
  }
}

/** Entity `i`'s stakes at their marks plus its cash less its debt running after quarter `t` (−1: the start), usdB. */
function netAssets(ctx: PathContext, i: number, t: number): number {
  const { model, state: s } = ctx;
  let value = s.cash[i];
  const stakes = model.stakes;
  for (let k = 0; k < stakes.holder.length; k++) if (stakes.holder[k] === i) value += s.stakeValue[k];
  const debt = model.debt;
  for (let c = 0; c < debt.ids.length; c++)
    if (debt.borrower[c] === i && s.debtActive[c] && (t < 0 ? !debt.drawnAtStart[c] : t >= debt.start[c]))
      value -= s.debtOut[c];
  return value;
}

/** Value of each equity stake: its fraction of the issuer's market value, or of its book equity when unvalued. */
export function markStakes(ctx: PathContext): void {
  const s = ctx.state;
  const stakes = ctx.model.stakes;
  for (let k = 0; k < stakes.holder.length; k++) {
    const j = stakes.issuer[k];
    const value = !s.alive[j] ? 0 : s.valued[j] ? s.marketValue[j] : Math.max(0, s.equity[j]);
    s.stakeValue[k] = s.stakeFraction[k] * value;
  }
}

/**
 * Mark-to-market loss of each holder so far: the fall of its stakes below their cost basis, net of gains on
 * other stakes, of what it sold and of what was lost in an issuer's default (booked then as a default loss),
 * floored at zero. The quarter's change is booked, so a recovery gives back an earlier loss.
 */
function bookMarkToMarket(ctx: PathContext, t: number): void {
  const { model, state: s, acc } = ctx;
  const stakes = model.stakes;
  s.mtmScratch.fill(0);
  for (let k = 0; k < stakes.holder.length; k++)
    s.mtmScratch[stakes.holder[k]] += s.stakeBasis[k] - s.stakeValue[k] - s.stakeRemoved[k];
  for (let h = 0; h < s.n; h++) {
    const loss = Math.max(0, s.mtmScratch[h]);
    const change = loss - s.mtmLoss[h];
    if (change === 0) continue;
    s.mtmLoss[h] = loss;
    acc.lossSum[(s.lossKind[h] * NPARTS + PART.markToMarket) * s.T + t] += change;
    s.holderLoss[h * NPARTS + PART.markToMarket] = loss;
  }
  // The path's totals by kind are set, not accumulated, so a loss given back sums to exactly zero.
  for (let kind = 0; kind * NPARTS < s.pathLoss.length; kind++)
    s.pathLoss[kind * NPARTS + PART.markToMarket] = 0;
  for (let h = 0; h < s.n; h++) s.pathLoss[s.lossKind[h] * NPARTS + PART.markToMarket] += s.mtmLoss[h];
}
