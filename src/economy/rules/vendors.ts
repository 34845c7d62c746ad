/** Chip vendors: data-centre sales (their share of the quarter's AI capex, net of export-control cuts, and the
 * sales to buyers outside the model that move with it) and the gross profit on them. */
import { ROLE } from "../kinds.js";
import { DOMAINS, type ParameterSpecs } from "../parameters.js";
import type { PathContext, Rule } from "./rule.js";

export class Vendors implements Rule {
  readonly name = "vendors";
  static readonly entity = {
    marketShare: {
      domain: DOMAINS.fraction,
      unit: "fraction",
      doc: "Chip vendor: share of the clouds' AI capex (GPUs and sites) it sells.",
      default: 0,
    },
    modelledBuyersShare: {
      domain: { lo: Number.MIN_VALUE, hi: 1 },
      unit: "fraction",
      doc: "Chip vendor: share of its data-centre sales that go to the clouds in the model; sales to buyers outside it (other clouds, consumer-internet firms, enterprises, governments) follow theirs.",
      default: 1,
    },
    grossMargin: {
      domain: { lo: -1, hi: 1 },
      unit: "fraction",
      doc: "Chip vendor: gross margin on GPU sales.",
      default: 0,
    },
  } as const satisfies ParameterSpecs;

  begin(): void {}

  quarter(ctx: PathContext): void {
    const s = ctx.state;
    const role = ctx.model.entities.role;
    for (let i = 0; i < s.n; i++) {
      if (role[i] !== ROLE.vendor || !s.alive[i]) continue;
      // Data-centre sales: its share of the quarter's AI capex, less what export controls cut, grossed up by the
      // buyers outside the model, whose purchases move with the modelled clouds'.
      s.revenue[i] =
        (s.capexTotal * ctx.entityAt(i, ctx.columns.marketShare) * (1 - s.vendorCut)) /
        ctx.entityAt(i, ctx.columns.modelledBuyersShare);
      s.cash[i] += s.revenue[i] * ctx.entityAt(i, ctx.columns.grossMargin);
    }
  }
}
