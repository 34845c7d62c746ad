/** Chip vendors: gross profit on their share of the quarter's GPU capex, net of export-control sales cuts. */
import { ROLE } from "../kinds.js";
import type { PathContext, Rule } from "./rule.js";

export class Vendors implements Rule {
  readonly name = "vendors";

  begin(): void {}

  quarter(ctx: PathContext): void {
    const s = ctx.state;
    const role = ctx.model.entities.role;
    for (let i = 0; i < s.n; i++)
      if (role[i] === ROLE.vendor && s.alive[i])
        s.cash[i] +=
          s.capexTotal *
          ctx.entity(i, "marketShare", 0) *
          (1 - s.vendorCut) *
          ctx.entity(i, "grossMargin", 0);
  }
}
