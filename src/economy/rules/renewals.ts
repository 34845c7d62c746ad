/**
 * The roll-over rule (docs/economy.md §roll-over): as contracts run out, each lab buys new compute until its
 * spend reaches `compute.renewalSpendToRevenue` × the revenue it expects `compute.renewalLeadQuarters` ahead at
 * the market's expected growth — the part that rests on new funding scaled by the
 * odds of a round — from at most a share of the cash it has left this quarter. The clouds sell it from their idle
 * capacity at the prevailing rental price, and it goes to training.
 */
import { exp } from "../../util/portable/index.js";
import { ROLE } from "../kinds.js";
import type { EconomyModel } from "../model.js";
import { DOMAINS, type ParameterSpecs } from "../parameters.js";
import { FLOP_PER_USDB, type PathState } from "../state.js";
import type { PathContext, Rule } from "./rule.js";

export class Renewals implements Rule {
  readonly name = "renewals";
  static readonly world = {
    "compute.renewalSpendToRevenue": {
      domain: DOMAINS.nonNegative,
      unit: "× revenue",
      doc: "Labs buy new compute until their spend reaches this multiple of revenue (0 = only the listed contracts).",
      default: 0,
    },
    "compute.renewalLeadQuarters": {
      domain: DOMAINS.nonNegative,
      unit: "quarters",
      doc: "Labs size new compute for the revenue they expect this many quarters ahead, at the growth the market expects (0 = this quarter's revenue).",
      default: 0,
    },
    "compute.renewalCashShare": {
      domain: DOMAINS.fraction,
      unit: "fraction",
      doc: "Largest fraction of a lab's free cash spent on new compute in a quarter.",
      default: 0.5,
    },
    "compute.renewalSentimentWeight": {
      domain: DOMAINS.fraction,
      unit: "fraction",
      doc: "Fraction of the roll-over target that rests on new funding, scaled by the odds of a round (the rest is bought regardless).",
      default: 1,
    },
  } as const satisfies ParameterSpecs;
  private multiple = 0;
  private leadQuarters = 0;
  private cashShare = 0.5;
  private sentimentWeight = 1;

  begin(ctx: PathContext): void {
    this.multiple = ctx.world("compute.renewalSpendToRevenue");
    this.leadQuarters = ctx.world("compute.renewalLeadQuarters");
    this.cashShare = ctx.world("compute.renewalCashShare");
    this.sentimentWeight = ctx.world("compute.renewalSentimentWeight");
  }

  quarter(ctx: PathContext, t: number): void {
    const { model, state: s } = ctx;
    const role = model.entities.role;
    const ahead = exp(s.expectedGrowthQ * this.leadQuarters);
    for (let i = 0; i < s.n; i++) {
      s.renewalSpend[i] = 0;
      s.renewalReceipts[i] = 0;
      s.renewalUnmet[i] = 0;
      if (this.multiple > 0 && s.alive[i] && role[i] === ROLE.lab) {
        const free = s.extAssets[i] - s.owes[i] - s.extLiab[i];
        const appetite = 1 - this.sentimentWeight + this.sentimentWeight * s.roundProbability[i];
        s.renewalSpend[i] = Math.min(
          Math.max(0, this.multiple * appetite * ahead * s.revenue[i] - s.contractDue[i] - s.spotSpend[i]),
          this.cashShare * Math.max(0, free),
        );
      }
    }
    if (this.multiple > 0)
      s.computeSpend += buyRenewals(
        model,
        s,
        t,
        (FLOP_PER_USDB * s.flopPerUsd * s.efficiency) / s.gpuPrice,
        (i) => ctx.entityAt(i, ctx.columns.operatingCostShare),
      );
  }
}

/**
 * Roll-over purchases of the quarter: each lab's `renewalSpend`, scaled down pro rata if the clouds' idle
 * capacity (`idleRent`) cannot supply it all, is paid to the clouds in proportion to their idle capacity at
 * the prevailing rental price (`flopPerUsdB` already divided by the GPU price index) and goes to training.
 * The lab pays from this quarter's free cash, so it can always pay; the cloud bears its operating cost share.
 * Returns the total bought, usdB.
 */
export function buyRenewals(
  model: EconomyModel,
  s: PathState,
  t: number,
  flopPerUsdB: number,
  operatingCostShare: (i: number) => number,
): number {
  const { n } = s;
  const role = model.entities.role;
  let demand = 0;
  let idle = 0;
  for (let i = 0; i < n; i++) {
    if (!s.alive[i]) continue;
    if (role[i] === ROLE.lab) demand += s.renewalSpend[i];
    else if (role[i] === ROLE.cloud) idle += s.idleRent[i];
  }
  if (demand <= 0) return 0;
  if (idle <= 0) {
    for (let i = 0; i < n; i++) if (s.alive[i] && role[i] === ROLE.lab) s.renewalUnmet[i] = s.renewalSpend[i];
    return 0;
  }
  const bought = Math.min(demand, idle);
  const scale = bought / demand;
  for (let i = 0; i < n; i++) {
    if (!s.alive[i]) continue;
    if (role[i] === ROLE.lab && s.renewalSpend[i] > 0) {
      const spend = s.renewalSpend[i] * scale;
      s.renewalUnmet[i] = s.renewalSpend[i] - spend;
      s.extAssets[i] -= spend;
      s.computeBought[i] += spend;
      s.training[i * 4 + (t % 4)] += spend * flopPerUsdB * (1 - s.blocCut[model.entities.bloc[i]]);
    } else if (role[i] === ROLE.cloud && s.idleRent[i] > 0) {
      const pay = (bought * s.idleRent[i]) / idle;
      s.renewalReceipts[i] = pay;
      s.extAssets[i] += pay;
      s.extLiab[i] += operatingCostShare(i) * pay;
    }
  }
  return bought;
}
