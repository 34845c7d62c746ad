/**
 * Operating flows of the quarter (docs/economy.md §operations). Labs: revenue, serving compute (contracted
 * capacity first, the rest bought spot), training compute from the rest of their contracts, other costs, an
 * equity round when runway is short, with the odds the market gives it, and a step-down of their contracts when
 * still short (renegotiation.ts). Clouds: operating costs of the compute they
 * sell, a treasury reserve for bonds maturing within a year, and equity when short of it or when last quarter's
 * capex could not be funded. Chip vendors: other
 * costs. Every entity: cash flow from business outside the model.
 */

import { pow } from "../../util/portable/index.js";
import type { Random } from "../../util/random.js";
import { ROLE } from "../kinds.js";
import { DEBT_CODES, type EconomyModel } from "../model.js";
import { DOMAINS, type ParameterSpecs } from "../parameters.js";
import { FLOP_PER_USDB, type PathState } from "../state.js";
import { indexSales } from "./obligations.js";
import { stepDown } from "./renegotiation.js";
import { marketPortion } from "./revenue.js";
import { drawRevolvers } from "./revolvers.js";
import { NO_STREAM, type PathContext, type Rule } from "./rule.js";

export class Operations implements Rule {
  readonly name = "operations";
  private rng: Random = NO_STREAM;
  static readonly entity = {
    trainingShare: {
      domain: DOMAINS.fraction,
      unit: "fraction",
      doc: "Lab: target fraction of contracted compute used for training.",
      default: 0.5,
    },
    servingGrossMargin: {
      domain: { lo: -5, hi: 0.99 },
      unit: "fraction",
      doc: "Lab: serving gross margin; serving compute cost = revenue × (1 − margin).",
      default: 0,
    },
    otherCostUsdBPerYear: {
      domain: DOMAINS.nonNegative,
      unit: "usdB/year",
      doc: "Lab or chip vendor: other costs (staff, R&D not on compute) at the start.",
      default: 0,
    },
    otherCostGrowthPerYear: {
      domain: DOMAINS.positive,
      unit: "×/year",
      doc: "Lab: growth multiplier per year of other costs.",
      default: 1,
    },
    fundingRoundUsdB: {
      domain: DOMAINS.nonNegative,
      unit: "usdB",
      doc: "Lab or cloud: size of one equity round at the start's valuation, raised when runway falls below a year or capex goes unfunded (0 = no rounds).",
      default: 0,
    },
    operatingCostShare: {
      domain: DOMAINS.fraction,
      unit: "fraction",
      doc: "Cloud: fraction of AI contract revenue spent on power, staff and sites.",
      default: 0,
    },
    otherCashFlowUsdBPerYear: {
      domain: DOMAINS.any,
      unit: "usdB/year",
      doc: "Any: cash flow from business outside the model (e.g. a hyperscaler's non-AI profit).",
      default: 0,
    },
    otherCashFlowGrowthPerYear: {
      domain: DOMAINS.positive,
      unit: "×/year",
      doc: "Any: growth multiplier per year of that cash flow.",
      default: 1,
    },
  } as const satisfies ParameterSpecs;

  static readonly world = {
    "credit.maxStepDown": {
      domain: { lo: 0, hi: 0.99 },
      unit: "fraction",
      doc: "Largest cut of a distressed lab's remaining take-or-pay payments its sellers accept instead of its default (one amendment per contract; 0 = never).",
      default: 0,
    },
  } as const satisfies ParameterSpecs;
  private maxStepDown = 0;

  begin(ctx: PathContext): void {
    this.rng = ctx.stream(this.name);
    this.maxStepDown = ctx.world("credit.maxStepDown");
    ctx.state.topScale.fill(1);
    ctx.state.topAmended.fill(0);
    ctx.state.renegotiated.fill(0);
  }

  quarter(ctx: PathContext, t: number): void {
    const { model, state: s } = ctx;
    const { alive, extAssets, extLiab, owes, owed, contractDue, cash, training } = s;
    const role = model.entities.role;
    const bloc = model.entities.bloc;
    const debt = model.debt;
    const years = t / 4;
    s.computeSpend = 0;
    s.labRevenue = 0;
    indexSales(s);
    // Treasury rule: principal of bonds maturing in the next four quarters (after this one) is held back from
    // capex, and a cloud short of it raises equity when it can.
    s.reserve.fill(0);
    for (let c = 0; c < debt.ids.length; c++)
      if (s.debtActive[c] && debt.type[c] === DEBT_CODES.bond && s.debtLeft[c] >= 2 && s.debtLeft[c] <= 5)
        s.reserve[debt.borrower[c]] += s.debtOut[c];
    for (let i = 0; i < s.n; i++) {
      const uFund = role[i] === ROLE.lab || role[i] === ROLE.cloud ? this.rng.uniform() : 0;
      s.spotSpend[i] = 0;
      s.computeBought[i] = 0;
      if (!alive[i]) continue;
      const otherFlow = otherCashFlowQ(ctx, i, t);
      if (otherFlow >= 0) extAssets[i] += otherFlow;
      else extLiab[i] -= otherFlow;
      if (role[i] === ROLE.lab) {
        const rev = s.marketRevenue * marketPortion(ctx, i);
        s.revenue[i] = rev;
        s.labRevenue += rev;
        extAssets[i] += rev;
        const ts = ctx.entityAt(i, ctx.columns.trainingShare);
        const need = rev * (1 - ctx.entityAt(i, ctx.columns.servingGrossMargin));
        const servingCapacity = (1 - ts) * contractDue[i];
        const spot = Math.max(0, need - servingCapacity);
        s.spotSpend[i] = spot;
        const other =
          (ctx.entityAt(i, ctx.columns.otherCostUsdBPerYear) / 4) *
          pow(ctx.entityAt(i, ctx.columns.otherCostGrowthPerYear), years);
        extLiab[i] += spot + other;
        const round = ctx.entityAt(i, ctx.columns.fundingRoundUsdB);
        const burn = owes[i] + spot + other - rev - Math.max(0, otherFlow);
        if (round > 0 && burn > 0 && cash[i] < 4 * burn && uFund < s.roundProbability[i])
          raiseRound(ctx, i, round);
        // Still short: its sellers may step its contracts down; the cut comes out of training, serving is kept.
        stepDown(ctx, i, this.maxStepDown);
        const trainingUsdB = Math.max(0, contractDue[i] - Math.min(need, servingCapacity));
        s.computeSpend += contractDue[i] + spot;
        s.computeBought[i] = contractDue[i] + spot;
        training[i * 4 + (t % 4)] =
          trainingUsdB * FLOP_PER_USDB * s.flopPerUsd * s.efficiency * (1 - s.blocCut[bloc[i]]);
      } else if (role[i] === ROLE.cloud) {
        let toP = 0;
        for (let c = s.soldFirst[i]; c >= 0; c = s.soldNext[c]) toP += s.topDue[c];
        extLiab[i] += ctx.entityAt(i, ctx.columns.operatingCostShare) * toP;
        const round = ctx.entityAt(i, ctx.columns.fundingRoundUsdB);
        const burn = owes[i] + extLiab[i] - owed[i] - Math.max(0, otherFlow);
        const short = cash[i] < s.reserve[i] + 4 * Math.max(0, burn) || s.capexGap[i] > 0;
        if (round > 0 && short && uFund < s.roundProbability[i]) raiseRound(ctx, i, round);
      } else if (role[i] === ROLE.vendor) {
        extLiab[i] += ctx.entityAt(i, ctx.columns.otherCostUsdBPerYear) / 4;
      }
      // Short of cash for the quarter even with what it is owed: a revolving facility fills the gap.
      const shortfall = owes[i] + extLiab[i] - extAssets[i] - owed[i];
      if (shortfall > 0) drawRevolvers(ctx, i, shortfall);
    }
  }
}

/**
 * A funding round of entity `i`: `dilutionUsdB` (the round's size at the start's valuation) scaled by the
 * valuation now, paid by its named investors pro rata to their free cash this quarter (what is left after their
 * obligations and bond reserve), at most all of it; by outside investors when none is named. Every stake in `i` is
 * diluted by the round's share of the post-money value and each investor's stake grows by its part, at a cost
 * basis of what it paid.
 */
export function raiseRound(ctx: PathContext, i: number, dilutionUsdB: number): void {
  const { model, state: s } = ctx;
  const { investorStart, investor, investorStake } = model.entities;
  const a = ctx.entityAt(i, ctx.columns.aiValueShare);
  const priceRatio = s.valued[i]
    ? (s.marketValue[i] - s.raised[i]) / s.marketValue0[i]
    : 1 - a + a * s.valuation;
  let size = dilutionUsdB * Math.max(0, priceRatio);
  const first = investorStart[i];
  const last = investorStart[i + 1];
  let free = 0;
  for (let m = first; m < last; m++) free += freeCash(s, investor[m]);
  if (last > first) size = Math.min(size, free);
  if (!(size > 0)) return;
  const dilution = issueShares(model, s, i, size);
  for (let m = first; m < last; m++) {
    const part = freeCash(s, investor[m]) / free;
    s.extAssets[investor[m]] -= size * part;
    s.stakeFraction[investorStake[m]] += dilution * part;
    s.stakeBasis[investorStake[m]] += size * part;
  }
}

/**
 * Entity `i` issues new shares for `size` usdB at its value (market value, else book equity): the cash joins its
 * external assets and its market value, and every stake in it is diluted by size/(value + size), which is
 * returned (the share of `i` the buyers get).
 */
export function issueShares(model: EconomyModel, s: PathState, i: number, size: number): number {
  const pre = s.valued[i] ? s.marketValue[i] : Math.max(0, s.equity[i]);
  const dilution = size / (pre + size);
  const stakes = model.stakes;
  for (let k = 0; k < stakes.holder.length; k++)
    if (stakes.issuer[k] === i) s.stakeFraction[k] *= 1 - dilution;
  s.extAssets[i] += size;
  s.raised[i] += size;
  if (s.valued[i]) s.marketValue[i] += size;
  return dilution;
}

/** Cash an investor can put into a round this quarter: what is left after its obligations and bond reserve. */
export function freeCash(s: PathState, h: number): number {
  return s.alive[h] ? Math.max(0, s.extAssets[h] - s.owes[h] - s.extLiab[h] - s.reserve[h]) : 0;
}

/** Entity `i`'s cash flow from business outside the model in quarter `t`, usdB/quarter. */
export function otherCashFlowQ(ctx: PathContext, i: number, t: number): number {
  const perYear = ctx.entityAt(i, ctx.columns.otherCashFlowUsdBPerYear);
  // Most entities have none: 0 times the (positive) growth factor, without computing it.
  if (perYear === 0) return 0;
  return (perYear / 4) * pow(ctx.entityAt(i, ctx.columns.otherCashFlowGrowthPerYear), t / 4);
}
