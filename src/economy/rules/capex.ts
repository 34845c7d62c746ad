/**
 * Cloud capex and the fleet (docs/economy.md §capex): each living cloud's fleet by vintage (retired at its
 * accounting life), what it could rent that fleet for, its utilisation (rental clouds), and capex — planned
 * capex growing on its trend, scaled by sentiment and by a demand gate on utilisation, capped by power and by
 * half of the cash above its treasury reserve. Also the power in use, stranded capacity, and the idle capacity
 * offered to next quarter's roll-over purchases.
 */
import { ROLE } from "../kinds.js";
import { DOMAINS, type ParameterSpecs } from "../parameters.js";
import { TOP_LAYER } from "../state.js";
import type { PathContext, Rule } from "./rule.js";

export class Capex implements Rule {
  readonly name = "capex";
  static readonly world = {
    "gpu.economicDepreciationPerYear": {
      domain: DOMAINS.fraction,
      unit: "fraction/year",
      doc: "Economic depreciation of a GPU's value per year (from rental prices).",
    },
    "gpu.rentalYieldPerYear": {
      domain: DOMAINS.positive,
      unit: "fraction/year",
      doc: "Annual rent a new GPU earns as a fraction of its cost (e.g. $2/h × 8,760 h ÷ $32k ≈ 0.55).",
    },
    "gpu.costPerGwUsdB": {
      domain: DOMAINS.positive,
      unit: "usdB/GW",
      doc: "All-in cost of 1 GW of AI data centre (GPUs and site).",
    },
    "gpu.targetUtilisation": {
      domain: { lo: Number.MIN_VALUE, hi: 1 },
      unit: "fraction",
      doc: "Utilisation (rent received ÷ rent capacity) below which a rental cloud cuts capex in proportion (default: none).",
      optional: true,
    },
  } as const satisfies ParameterSpecs;
  static readonly entity = {
    gpuUsdB: {
      domain: DOMAINS.nonNegative,
      unit: "usdB",
      doc: "Cloud: GPU fleet at cost at the start.",
      default: 0,
    },
    gpuAgeYears: {
      domain: DOMAINS.nonNegative,
      unit: "years",
      doc: "Cloud: average age of that fleet at the start.",
      default: 0,
    },
    accountingLifeYears: {
      domain: DOMAINS.positive,
      unit: "years",
      doc: "Cloud: accounting (book) depreciation life of GPUs.",
      default: 6,
    },
    capexUsdBPerYear: {
      domain: DOMAINS.nonNegative,
      unit: "usdB/year",
      doc: "Cloud: planned GPU capex at the start.",
      default: 0,
    },
    capexGrowthPerYear: {
      domain: DOMAINS.positive,
      unit: "×/year",
      doc: "Cloud: growth multiplier per year of planned capex.",
      default: 1,
    },
    powerGw: {
      domain: DOMAINS.nonNegative,
      unit: "GW",
      doc: "Cloud: power available at the start.",
      default: Number.POSITIVE_INFINITY,
    },
    powerBuildGwPerYear: {
      domain: DOMAINS.nonNegative,
      unit: "GW/year",
      doc: "Cloud: power added per year.",
      default: 0,
    },
  } as const satisfies ParameterSpecs;
  private decayQ = 1;
  private rentQ = 0;
  private costPerGw = 1;
  private targetUtilisation = 0;

  begin(ctx: PathContext): void {
    this.decayQ = (1 - ctx.world("gpu.economicDepreciationPerYear")) ** 0.25;
    this.rentQ = ctx.world("gpu.rentalYieldPerYear") / 4;
    this.costPerGw = ctx.world("gpu.costPerGwUsdB");
    this.targetUtilisation = ctx.world("gpu.targetUtilisation", 0);
    const s = ctx.state;
    const role = ctx.model.entities.role;
    for (let i = 0; i < s.n; i++) {
      s.age0[i] = ctx.entity(i, "gpuAgeYears") * 4;
      s.lifeQ[i] = ctx.entity(i, "accountingLifeYears") * 4;
      for (let v = 0; v <= s.T; v++) s.vintage[i * (s.T + 1) + v] = 0;
      if (role[i] === ROLE.cloud) s.vintage[i * (s.T + 1)] = ctx.entity(i, "gpuUsdB");
    }
    s.idleRent.fill(0);
  }

  quarter(ctx: PathContext, t: number): void {
    const { model, state: s } = ctx;
    const { n, T, alive, vintage, cash } = s;
    const { decayQ, rentQ, costPerGw, targetUtilisation } = this;
    const role = model.entities.role;
    const top = model.takeOrPay;
    const years = t / 4;
    let capexTotal = 0;
    let powerGw = 0;
    let strandedGw = 0;
    for (let i = 0; i < n; i++) {
      if (role[i] !== ROLE.cloud || !alive[i]) continue;
      const lifeQ = s.lifeQ[i];
      const age0 = s.age0[i];
      let fleetUsdB = 0;
      let rentCapacity = 0;
      const row = i * (T + 1);
      for (let v = 0; v <= t; v++) {
        const cost = vintage[row + v];
        if (cost === 0) continue;
        const age = v === 0 ? age0 + t : t - v + 1;
        if (age >= lifeQ) continue;
        fleetUsdB += cost;
        rentCapacity += cost * decayQ ** age * rentQ * s.gpuPrice;
      }
      const fleetGw = fleetUsdB / costPerGw;
      const powerCap = ctx.entity(i, "powerGw") + ctx.entity(i, "powerBuildGwPerYear") * years;
      let sells = s.renewalReceipts[i] > 0;
      let receipts = s.renewalReceipts[i];
      // Take-or-pay receipts of the contracts that still run next quarter: the capacity they hold is not idle.
      let continuing = 0;
      for (let c = 0; c < top.ids.length; c++) {
        if (top.seller[c] !== i) continue;
        sells = true;
        const paid = s.topDue[c] * s.layerPaid[top.buyer[c] * s.layers + TOP_LAYER - 1];
        receipts += paid;
        if (s.topActive[c] && t + 1 - top.start[c] < s.topTerm[c]) continuing += paid;
      }
      // Demand gate: a rental cloud that sells compute builds less while its fleet earns under the target share
      // of what it could rent for.
      s.revenue[i] = receipts;
      const utilisation = s.rental[i] && sells && rentCapacity > 0 ? receipts / rentCapacity : 1;
      const demandGate = targetUtilisation > 0 ? Math.min(1, utilisation / targetUtilisation) : 1;
      const planned =
        (ctx.entity(i, "capexUsdBPerYear") / 4) *
        ctx.entity(i, "capexGrowthPerYear") ** years *
        s.capexValuationMultiplier *
        demandGate;
      const capex = Math.max(
        0,
        Math.min(planned, (powerCap - fleetGw) * costPerGw, 0.5 * (cash[i] - s.reserve[i])),
      );
      cash[i] -= capex;
      vintage[row + t + 1] = capex;
      s.capexDone[i] = capex;
      capexTotal += capex;
      const totalGw = fleetGw + capex / costPerGw;
      powerGw += totalGw;
      strandedGw += fleetGw * Math.max(0, 1 - utilisation);
      // Capacity free to rent next quarter (new GPUs included, contracts ending now released), for clouds that
      // are building out.
      s.idleRent[i] =
        ctx.entity(i, "capexUsdBPerYear") > 0
          ? Math.max(0, rentCapacity + capex * decayQ * rentQ * s.gpuPrice - continuing)
          : 0;
    }
    s.capexTotal = capexTotal;
    s.powerGw = powerGw;
    s.strandedGw = strandedGw;
  }
}
