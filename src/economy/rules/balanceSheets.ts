/** Balance sheets at the start of a path: every entity alive with its starting cash, labs with their share weight. */
import { ROLE } from "../kinds.js";
import { DOMAINS, type ParameterSpecs } from "../parameters.js";
import type { PathContext, Rule } from "./rule.js";

export class BalanceSheets implements Rule {
  readonly name = "balance-sheets";
  static readonly entity = {
    cash: { domain: DOMAINS.nonNegative, unit: "usdB", doc: "Cash and liquid assets at the start." },
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
    }
    s.pathLoss.fill(0);
    s.holderLoss.fill(0);
  }

  quarter(): void {}
}
