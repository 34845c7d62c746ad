/**
 * Balance sheets at the start of a path: every entity alive with its starting cash, labs with their share weight,
 * equity stakes at their fractions (0 for a stake a funding round will create).
 */
import { ROLE } from "../kinds.js";
import { DOMAINS, type ParameterSpecs } from "../parameters.js";
import type { PathContext, Rule } from "./rule.js";

export class BalanceSheets implements Rule {
  readonly name = "balance-sheets";
  static readonly entity = {
    cash: { domain: DOMAINS.nonNegative, unit: "usdB", doc: "Cash and liquid assets at the start." },
    capitalUsdB: {
      domain: DOMAINS.positive,
      unit: "usdB",
      doc: "Capital that absorbs the entity's losses (CET1 of a bank, net assets of a fund or pension), the denominator of `shareOfCapital` (default: its market value at the start, else its cash).",
      optional: true,
    },
    share: {
      domain: DOMAINS.fraction,
      unit: "fraction",
      doc: "Lab: share of the AI-services market (renormalised over labs).",
      default: 0,
    },
  } as const satisfies ParameterSpecs;

  begin(ctx: PathContext): void {
    const s = ctx.state;
    const role = ctx.model.entities.role;
    for (let i = 0; i < s.n; i++) {
      s.cash[i] = ctx.entity(i, "cash");
      s.alive[i] = 1;
      s.defaultQuarter[i] = -1;
      s.shareWeight[i] = role[i] === ROLE.lab ? ctx.entity(i, "share") : 0;
      const capital = ctx.entity(i, "capitalUsdB");
      const marketValue = ctx.entity(i, "marketValueUsdB");
      s.capital[i] = Number.isNaN(capital) ? (Number.isNaN(marketValue) ? s.cash[i] : marketValue) : capital;
      s.lends[i] = 1;
    }
    const stakes = ctx.model.stakes;
    for (let k = 0; k < stakes.holder.length; k++) {
      const slot = stakes.fractionSlot[k];
      s.stakeFraction[k] = slot < 0 ? 0 : ctx.theta[slot];
    }
    s.pathLoss.fill(0);
    s.holderLoss.fill(0);
  }

  quarter(): void {}
}
