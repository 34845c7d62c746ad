/**
 * Contracts signed during the run (docs/economy.md §offtake): a buyer short of capacity signs take-or-pay with the
 * rental clouds, who then build for it. A cloud whose power cannot hold its AI plan leases what it could not build
 * (`compute.leaseShortfallShare` of it, at the rent that capacity earns) and what its own AI services will lack
 * (`ownAiServicesComputeRatio`); a lab whose roll-over purchase the idle
 * fleets could not supply contracts the rest for delivery, net of what its contracts already pay then. Each quarter's
 * signings join the (buyer, rental cloud) offtake pool for delivery `compute.offtakeDeliveryQuarters` ahead (by
 * default `gpu.buildLeadQuarters`), shared among the
 * rental clouds in proportion to the capacity their power can still hold; a pool pays 1/term of itself a quarter.
 */
import { ROLE } from "../kinds.js";
import { DOMAINS, type ParameterSpecs } from "../parameters.js";
import { scheduledPayment } from "./obligations.js";
import type { PathContext, Rule } from "./rule.js";

export class Offtake implements Rule {
  readonly name = "offtake";
  static readonly world = {
    "compute.offtakeTermQuarters": {
      domain: DOMAINS.nonNegativeInt,
      unit: "quarters",
      doc: "Term of the take-or-pay contracts signed during the run (offtake pools); 0 = none are signed. Giving it makes the pools.",
      default: 0,
    },
    "compute.offtakeDeliveryQuarters": {
      domain: DOMAINS.positiveInt,
      unit: "quarters",
      doc: "Quarters from signing a contract during the run to its first payment: how soon the rental clouds serve it (default: `gpu.buildLeadQuarters`, at least 1).",
      optional: true,
    },
    "compute.leaseShortfallShare": {
      domain: DOMAINS.fraction,
      unit: "fraction",
      doc: "Share of the AI capex a cloud's power cannot hold that it leases from the rental clouds instead.",
      default: 1,
    },
  } as const satisfies ParameterSpecs;
  private term = 0;
  private leaseShare = 1;
  /** Quarters from signing to delivery. */
  private lead = 1;
  private rentQ = 0;
  /** Whether the model has offtake pools at all. */
  private pools = false;

  begin(ctx: PathContext): void {
    const { model, state: s } = ctx;
    this.pools = model.takeOrPay.pool.some((p) => p === 1);
    this.term = ctx.world("compute.offtakeTermQuarters");
    this.leaseShare = ctx.world("compute.leaseShortfallShare");
    this.lead = offtakeDelivery(ctx);
    this.rentQ = ctx.world("gpu.rentalYieldPerYear") / 4;
    // Signings are held until delivery, up to the delivery lead past the horizon.
    const quarters = s.T + 1 + this.lead;
    if (s.poolQuarters < quarters) {
      s.poolQuarters = quarters;
      s.poolPending = new Float64Array(model.takeOrPay.ids.length * quarters);
    }
    s.poolOut.fill(0);
    s.poolFrom.fill(0);
    s.poolPending.fill(0);
    s.poolPendingTotal.fill(0);
    s.poolSigned.fill(0);
  }

  quarter(ctx: PathContext, t: number): void {
    if (!this.pools || !(this.term > 0)) return;
    const { model, state: s } = ctx;
    const top = model.takeOrPay;
    const role = model.entities.role;
    const delivery = t + this.lead;
    for (let b = 0; b < s.n; b++) {
      if (!s.alive[b]) continue;
      const want =
        role[b] === ROLE.lab
          ? this.labWant(ctx, b, delivery)
          : this.leaseShare * s.aiShortfall[b] * this.rentQ * s.gpuPrice + s.servicesShortfall[b];
      if (!(want > 0)) continue;
      // Shares follow the sellers' headroom; sellers without a power limit, when there are any, take it all evenly.
      let headroom = 0;
      let unlimited = 0;
      for (let c = 0; c < top.ids.length; c++) {
        if (!this.open(ctx, c, b)) continue;
        const h = s.powerHeadroom[s.topSeller[c]];
        if (h === Number.POSITIVE_INFINITY) unlimited++;
        else headroom += h;
      }
      if (!(headroom > 0) && unlimited === 0) continue;
      // No more than the rental clouds can build for: the rent their headroom would earn.
      const payment = unlimited > 0 ? want : Math.min(want, headroom * this.rentQ * s.gpuPrice);
      for (let c = 0; c < top.ids.length; c++) {
        if (!this.open(ctx, c, b)) continue;
        const h = s.powerHeadroom[s.topSeller[c]];
        const share = unlimited > 0 ? (h === Number.POSITIVE_INFINITY ? 1 / unlimited : 0) : h / headroom;
        const signed = payment * this.term * share;
        s.poolPending[c * s.poolQuarters + delivery] += signed;
        s.poolPendingTotal[c] += signed;
        if (signed !== 0) s.poolSigned[c] = 1;
      }
    }
  }

  /** Whether pool `c` is buyer `b`'s and open for signing: running, its seller alive. */
  private open(ctx: PathContext, c: number, b: number): boolean {
    const { model, state: s } = ctx;
    return (
      model.takeOrPay.pool[c] === 1 &&
      model.takeOrPay.buyer[c] === b &&
      s.topActive[c] === 1 &&
      s.alive[s.topSeller[c]] === 1
    );
  }

  /** Lab `b`'s quarterly payment to contract for `delivery`: what the idle fleets could not sell it this quarter, at
   * most its compute target (contracts due plus roll-over spend) less what its contracts pay at delivery. */
  private labWant(ctx: PathContext, b: number, delivery: number): number {
    const { model, state: s } = ctx;
    const unmet = s.renewalUnmet[b];
    if (!(unmet > 0)) return 0;
    const top = model.takeOrPay;
    let contracted = 0;
    for (let c = 0; c < top.ids.length; c++)
      if (top.buyer[c] === b) contracted += scheduledPayment(ctx, c, delivery);
    return Math.min(unmet, s.contractDue[b] + s.renewalSpend[b] - contracted);
  }
}

/** Quarters from signing a contract during the run to its first payment (`compute.offtakeDeliveryQuarters`). */
export function offtakeDelivery(ctx: PathContext): number {
  const buildLead = Math.max(1, ctx.world("gpu.buildLeadQuarters"));
  return ctx.world("compute.offtakeDeliveryQuarters", buildLead);
}
