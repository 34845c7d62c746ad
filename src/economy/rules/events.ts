/**
 * Scenario events (docs/economy.md §events): whether each happens on the path is drawn at the start; in its
 * quarter an efficiency shock (a rival reaching the frontier for a fraction of the cost) cuts the competed segment's
 * price, moves part of its revenue
 * to the low-cost rival and lowers the compute the segment buys, an export control cuts a bloc's compute and the chip vendors' sales, a share loss moves
 * one lab's market share to the others.
 */

import { pow } from "../../util/portable/index.js";
import type { Random } from "../../util/random.js";
import { ROLE } from "../kinds.js";
import { EVENT_CODES, param } from "../model.js";
import { DOMAINS, type ParameterSpecs } from "../parameters.js";
import { NO_STREAM, type PathContext, type Rule } from "./rule.js";

export class Events implements Rule {
  readonly name = "events";
  private rng: Random = NO_STREAM;
  /** Numbers of an event. */
  static readonly event = {
    probability: {
      domain: DOMAINS.fraction,
      unit: "probability",
      doc: "Probability that the event happens on a path.",
      default: 1,
    },
    multiplier: {
      domain: { lo: 1, hi: Number.POSITIVE_INFINITY },
      unit: "×",
      doc: "Efficiency shock: algorithmic efficiency multiplies by this.",
    },
    priceCut: {
      domain: { lo: 0, hi: 0.999 },
      unit: "fraction",
      doc: "Efficiency shock: permanent cut of the price per unit of capability in the competed segment.",
    },
    competedShare: {
      domain: DOMAINS.fraction,
      unit: "fraction",
      doc: "Efficiency shock: fraction of lab revenue in the competed (price-sensitive) segment.",
      default: 1,
    },
    priceElasticity: {
      domain: { lo: 0, hi: 5 },
      unit: "elasticity",
      doc: "Efficiency shock: price elasticity ε; the segment's revenue × (1 − priceCut)^(1 − ε).",
      default: 0,
    },
    shareShift: {
      domain: DOMAINS.fraction,
      unit: "fraction",
      doc: "Efficiency shock: fraction of the competed segment's revenue won by the low-cost rival.",
      default: 0,
    },
    computeCut: {
      domain: DOMAINS.fraction,
      unit: "fraction",
      doc: "Export control: fraction of the bloc's labs' compute lost.",
    },
    vendorSalesCut: {
      domain: DOMAINS.fraction,
      unit: "fraction",
      doc: "Export control: fraction of chip vendors' sales lost.",
      default: 0,
    },
    fraction: {
      domain: DOMAINS.fraction,
      unit: "fraction",
      doc: "Share loss: fraction of the lab's market share lost (moved to the other labs pro rata).",
    },
  } as const satisfies ParameterSpecs;

  begin(ctx: PathContext): void {
    this.rng = ctx.stream(this.name);
    const { model, theta, state: s } = ctx;
    const ev = model.events;
    for (let k = 0; k < ev.type.length; k++) {
      const u = this.rng.uniform();
      s.eventOn[k] = u < param(theta, ev.probabilitySlot[k], 1) ? 1 : 0;
    }
    s.blocCut.fill(0);
    s.revenueGain.fill(0);
    s.retained = 1;
    s.computeRetained = 1;
    s.vendorCut = 0;
  }

  quarter(ctx: PathContext, t: number): void {
    const { model, theta, state: s } = ctx;
    const ev = model.events;
    const role = model.entities.role;
    const { alive, shareWeight } = s;
    const n = s.n;
    for (let k = 0; k < ev.type.length; k++) {
      if (ev.quarter[k] !== t || !s.eventOn[k]) continue;
      const a = theta[ev.aSlot[k]];
      if (ev.type[k] === EVENT_CODES["efficiency-shock"]) {
        // The price cut hits the competed segment; demand answers with elasticity ε (Jevons when ε > 1);
        // a share of the segment moves to the low-cost rival (or to free open models when there is none).
        const competed = param(theta, ev.competedSlot[k], 1);
        const elasticity = param(theta, ev.elasticitySlot[k], 0);
        const segment = competed * pow(1 - param(theta, ev.bSlot[k], 0), 1 - elasticity);
        // The segment needs 1/a of the compute for the same work and buys more of it with elasticity ε: the
        // compute bought per unit of revenue, as the market prices chip vendors, falls to a^(ε − 1) there.
        s.computeRetained *= 1 - competed + competed * pow(a, elasticity - 1);
        const shift = param(theta, ev.shiftSlot[k], 0);
        if (ev.target[k] >= 0) s.revenueGain[ev.target[k]] += s.retained * segment * shift;
        s.retained *= 1 - competed + segment * (1 - shift);
      } else if (ev.type[k] === EVENT_CODES["export-control"]) {
        s.blocCut[ev.target[k]] = Math.max(s.blocCut[ev.target[k]], a);
        s.vendorCut = Math.max(s.vendorCut, param(theta, ev.bSlot[k], 0));
      } else {
        const lab = ev.target[k];
        let others = 0;
        for (let i = 0; i < n; i++)
          if (i !== lab && role[i] === ROLE.lab && alive[i]) others += shareWeight[i];
        const moved = shareWeight[lab] * a;
        if (others > 0) {
          shareWeight[lab] -= moved;
          for (let i = 0; i < n; i++)
            if (i !== lab && role[i] === ROLE.lab && alive[i])
              shareWeight[i] += (moved * shareWeight[i]) / others;
        }
      }
    }
  }
}
