/**
 * Credit and funding at the start of a quarter (docs/economy.md §credit), issuer by issuer. Each indebted
 * entity's one-year expected default frequency is read from its equity value and debt in the manner of Merton
 * and Moody's KMV: assets A = E + D with volatility σ_A, distance to default (ln(A/D) − σ_A²/2)/σ_A, EDF =
 * Φ(−distance). E is the market value where the entity is valued, its book equity otherwise. The credit spread
 * is the risk-neutral expected loss, −ln(1 − min(0.99, premium·EDF)·LGD) a year; a maturing bond is refinanced
 * while the EDF stays under the market's limit and an operating company's operating cash flow covers its interest
 * `credit.minInterestCover` times, on the trailing year or, for a cloud, on the contracted backlog of the coming year
 * (take-or-pay payments from buyers whose own EDF is within the limit, less their operating cost), as lenders to
 * Oracle and the neoclouds look at contracted revenue that has not yet started. A funding round closes with a probability that falls from 1 at
 * the start's valuation to 0 at `market.roundValuationFloor` of it (linear in log valuation); capex plans scale
 * with the valuation of compute (valuation × compute intensity) to the power `market.capexElasticity`. Lenders
 * whose losses have reached `credit.lendingCutLoss` of their capital stop lending, and an institution that has lost
 * its whole capital fails (a second round: the borrowers relying on it cannot draw).
 */

import { erf } from "../../util/erf.js";
import { log, pow } from "../../util/portable/index.js";
import { DEFAULT_CAUSES, ROLE } from "../kinds.js";
import { DOMAINS, type ParameterSpecs } from "../parameters.js";
import { NPARTS } from "../state.js";
import { scheduledPayment } from "./obligations.js";
import { otherCashFlowQ } from "./operations.js";
import type { PathContext, Rule } from "./rule.js";

export class Credit implements Rule {
  readonly name = "credit";
  static readonly world = {
    "credit.maxRefinancingEdf": {
      domain: DOMAINS.fraction,
      unit: "probability/year",
      doc: "Largest one-year EDF at which an issuer can still refinance a maturing bond.",
      default: 0.1,
    },
    "credit.riskPremium": {
      domain: { lo: 1, hi: 10 },
      unit: "×",
      doc: "Ratio of risk-neutral to real-world default probability in credit spreads.",
      default: 2,
    },
    "credit.lossGivenDefault": {
      domain: DOMAINS.fraction,
      unit: "fraction",
      doc: "Loss given default priced into spreads.",
      default: 0.6,
    },
    "credit.minInterestCover": {
      domain: DOMAINS.nonNegative,
      unit: "×",
      doc: "Least operating cash flow ÷ interest (trailing year, or a cloud's contracted backlog of the coming year) at which an operating company can refinance a bond or issue new ones (0 = no test; holding companies are judged on their EDF alone).",
      default: 0,
    },
    "credit.lendingCutLoss": {
      domain: DOMAINS.positive,
      unit: "× capital",
      doc: "Losses, as a share of a lender's capital, at which it stops new lending; a holder whose losses reach its whole capital fails.",
      default: Number.POSITIVE_INFINITY,
    },
    "market.roundValuationFloor": {
      domain: { lo: Number.MIN_VALUE, hi: 0.999 },
      unit: "× start valuation",
      doc: "Valuation, relative to the start's, below which no funding round closes.",
      default: 0.3,
    },
    "market.capexElasticity": {
      domain: DOMAINS.nonNegative,
      unit: "elasticity",
      doc: "Elasticity of planned cloud capex to the market's valuation of compute.",
      default: 0,
    },
  } as const satisfies ParameterSpecs;
  static readonly entity = {
    assetVolatility: {
      domain: DOMAINS.positive,
      unit: "1/√year",
      doc: "Annual volatility of the entity's asset value, equity plus debt (Merton/KMV distance to default).",
      default: 0.3,
    },
  } as const satisfies ParameterSpecs;
  private maxEdf = 0;
  private premium = 1;
  private lgd = 0;
  private logFloor = 0;
  private capexElasticity = 0;
  private lendingCutLoss = Number.POSITIVE_INFINITY;
  private minCover = 0;

  begin(ctx: PathContext): void {
    this.minCover = ctx.world("credit.minInterestCover");
    ctx.state.operatingFlow.fill(Number.NaN);
    ctx.state.edf.fill(0);
    this.lendingCutLoss = ctx.world("credit.lendingCutLoss");
    this.maxEdf = ctx.world("credit.maxRefinancingEdf");
    this.premium = ctx.world("credit.riskPremium");
    this.lgd = ctx.world("credit.lossGivenDefault");
    this.logFloor = log(ctx.world("market.roundValuationFloor"));
    this.capexElasticity = ctx.world("market.capexElasticity");
  }

  quarter(ctx: PathContext, t: number): void {
    const { model, state: s } = ctx;
    const debt = model.debt;
    s.debtScratch.fill(0);
    s.interestScratch.fill(0);
    for (let c = 0; c < debt.ids.length; c++)
      if (s.debtActive[c] && t >= debt.start[c]) {
        s.debtScratch[debt.borrower[c]] += s.debtOut[c];
        s.interestScratch[debt.borrower[c]] += (s.debtOut[c] * s.debtRate[c]) / 4;
      }
    const role = model.entities.role;
    // The same for every unvalued entity: taken once a quarter.
    const logMarketValuation = log(s.valuation);
    this.contractedFlow(ctx, t);
    for (let i = 0; i < s.n; i++) {
      // A lender's losses so far (all parts) against its capital: it stops lending past the cut, and an institution
      // (bank, fund, pension, insurer) whose capital is gone fails.
      let losses = 0;
      for (let p = 0; p < NPARTS; p++) losses += s.holderLoss[i * NPARTS + p];
      s.lends[i] = s.alive[i] && losses < this.lendingCutLoss * s.capital[i] ? 1 : 0;
      if (s.alive[i] && s.canFail[i] && losses >= s.capital[i] && s.capital[i] > 0) {
        s.alive[i] = 0;
        s.defaultQuarter[i] = t;
        const { acc } = ctx;
        if (acc.obligations > 0) acc.defaultTrigger[i * (acc.obligations + 2) + acc.obligations + 1]++;
        acc.defaultCause[i * DEFAULT_CAUSES.length + DEFAULT_CAUSES.indexOf("lossesOverCapital")]++;
      }
      if (!s.alive[i]) {
        s.edf[i] = 1;
        s.creditSpread[i] = 0;
        s.refinanceOpen[i] = 0;
        s.roundProbability[i] = 0;
        continue;
      }
      const equity = s.valued[i] ? s.marketValue[i] : Math.max(0, s.equity[i]);
      const edf = expectedDefaultFrequency(
        equity,
        s.debtScratch[i],
        ctx.entityAt(i, ctx.columns.assetVolatility),
      );
      s.edf[i] = edf;
      // Without default risk the spread is −log 1 = −0 (taken without the logarithm: most lenders owe nothing).
      const expectedLoss = Math.min(0.99, this.premium * edf) * this.lgd;
      s.creditSpread[i] = expectedLoss === 0 ? -0 : -log(1 - expectedLoss);
      // Interest cover on the trailing year's operating cash flow (last quarter's revenue, or a chip vendor's
      // gross profit, plus other business, less operating costs), smoothed over four quarters.
      if (t > 0) {
        const gross =
          role[i] === ROLE.vendor ? s.revenue[i] * ctx.entityAt(i, ctx.columns.grossMargin) : s.revenue[i];
        const flow = gross + Math.max(0, otherCashFlowQ(ctx, i, t)) - s.extLiab[i];
        s.operatingFlow[i] = Number.isNaN(s.operatingFlow[i])
          ? flow
          : 0.75 * s.operatingFlow[i] + 0.25 * flow;
      }
      const interest = s.interestScratch[i];
      const covered =
        this.minCover <= 0 ||
        role[i] === ROLE.holder ||
        interest <= 0 ||
        !(Math.max(s.operatingFlow[i], s.contractedFlow[i]) < this.minCover * interest);
      s.refinanceOpen[i] = edf <= this.maxEdf && covered ? 1 : 0;
      const a = ctx.entityAt(i, ctx.columns.aiValueShare);
      const logValuation = s.valued[i] ? log(1 - a + a * s.valuation) : logMarketValuation;
      s.roundProbability[i] = Math.min(1, Math.max(0, 1 - logValuation / this.logFloor));
    }
    s.capexValuationMultiplier = pow(s.valuation * s.computeIntensity, this.capexElasticity);
  }

  /** Each seller's contracted operating cash flow per quarter over the coming year, from buyers alive and within the
   * refinancing limit at last quarter's EDF, net of the seller's operating cost share (usdB/quarter). */
  private contractedFlow(ctx: PathContext, t: number): void {
    const { model, state: s } = ctx;
    const top = model.takeOrPay;
    s.contractedFlow.fill(0);
    if (this.minCover <= 0) return;
    for (let c = 0; c < top.ids.length; c++) {
      const b = top.buyer[c];
      const seller = s.topSeller[c];
      if (!s.topActive[c] || !s.alive[b] || !s.alive[seller] || s.edf[b] > this.maxEdf) continue;
      let payments = 0;
      for (let k = 0; k < 4; k++) payments += scheduledPayment(ctx, c, t + k);
      s.contractedFlow[seller] += (payments / 4) * (1 - ctx.entityAt(seller, ctx.columns.operatingCostShare));
    }
  }
}

/**
 * One-year expected default frequency of an issuer with equity value `equity` and debt `debt` (usdB) whose assets
 * have annual volatility `sigmaAssets` (Merton 1974, as in Moody's KMV, zero drift): 0 without debt, Φ(σ_A/2) ≈ ½
 * as the equity goes to zero, 1 when it is worth nothing.
 */
export function expectedDefaultFrequency(equity: number, debt: number, sigmaAssets: number): number {
  if (!(debt > 0)) return 0;
  if (!(equity > 0)) return 1;
  const distance = (log((equity + debt) / debt) - 0.5 * sigmaAssets * sigmaAssets) / sigmaAssets;
  return 0.5 * (1 - erf(distance / Math.SQRT2));
}
