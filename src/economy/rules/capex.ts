/**
 * Cloud capex and the fleet (docs/economy.md §capex): each living cloud's fleet by vintage (retired at its
 * accounting life), what it could rent that fleet for, its utilisation (rental clouds), and capex — planned
 * capex growing on its trend, its AI part (`aiCapexShare`) scaled by the market's valuation of compute and by a
 * demand gate on utilisation and capped by power, paid from half of the cash above its treasury reserve and then
 * from its financing facilities (GPU-secured delayed-draw loans, bond programmes) in the scenario's order. What stays
 * unfunded is the capex gap that an equity round may fill next quarter. A cloud that owns its sites builds them
 * ahead of the GPUs they will hold, for the growth the market expects (`siteBuildFactor`); its capex outside AI may
 * take a yearly shock around its trend (`market.nonAiCapexVolatility`). Also the power in use, stranded capacity,
 * the training its internal labs do on its fleet (`trainsOn`), and the idle capacity offered to next quarter's
 * roll-over purchases.
 */
import { exp, log, pow } from "../../util/portable/index.js";
import type { Random } from "../../util/random.js";
import { ROLE } from "../kinds.js";
import { DEBT_CODES } from "../model.js";
import { DOMAINS, type ParameterSpecs } from "../parameters.js";
import { FLOP_PER_USDB, TOP_LAYER } from "../state.js";
import { indexSales, scheduledPayment } from "./obligations.js";
import { offtakeDelivery } from "./offtake.js";
import { NO_STREAM, type PathContext, type Rule } from "./rule.js";

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
    "gpu.siteDepreciationPerYear": {
      domain: DOMAINS.fraction,
      unit: "fraction/year",
      doc: "Economic depreciation per year of data-centre buildings and power equipment.",
      default: 0.04,
    },
    "gpu.buildLeadQuarters": {
      domain: DOMAINS.nonNegativeInt,
      unit: "quarters",
      doc: "Quarters from ordering capacity to serving a contract with it: the demand gate also counts contract payments due this far ahead, and a cloud that owns its sites spends on them evenly over this lead before their GPUs arrive.",
      default: 0,
    },
    "gpu.powerLeadQuarters": {
      domain: DOMAINS.nonNegativeInt,
      unit: "quarters",
      doc: "Quarters from ordering power to having it: each cloud orders the power its AI plan will need this far ahead beyond what it has and has ordered (default: none is ordered; power grows by `powerBuildGwPerYear` only).",
      optional: true,
    },
    "market.nonAiCapexVolatility": {
      domain: DOMAINS.nonNegative,
      unit: "1/√year",
      doc: "Sd of the log shock to each year's capex outside AI of a cloud (years from the start), around its trend: a random walk in annual steps, as budgets are set, whose median is the trend (0 = on its trend).",
      default: 0,
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
      doc: "Cloud: planned capex at the start, as reported (total; see aiCapexShare).",
      default: 0,
    },
    aiCapexShare: {
      domain: DOMAINS.fraction,
      unit: "fraction",
      doc: "Cloud: share of its capex (as reported) that buys AI capacity — GPUs and AI data centres; the rest is outside the model.",
      default: 1,
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
    siteShare: {
      domain: DOMAINS.fraction,
      unit: "fraction",
      doc: "Cloud: share of its AI capacity's cost in buildings and power, which lose value slowly; the rest is GPUs and networking.",
      default: 0.45,
    },
    fleetShare: {
      domain: DOMAINS.fraction,
      unit: "fraction",
      doc: "Lab with `trainsOn`: share of that cloud's AI fleet capacity it trains on each quarter, on top of its contracts.",
      default: 0,
    },
    ownAiUseShare: {
      domain: DOMAINS.fraction,
      unit: "fraction",
      doc: "Cloud: share of its AI fleet's capacity its own AI products and its customers outside the model use (assistants, search, ads ranking, enterprise inference); not offered to the labs' roll-over purchases.",
      default: 0,
    },
    powerBuildGwPerYear: {
      domain: DOMAINS.nonNegative,
      unit: "GW/year",
      doc: "Cloud: power added per year.",
      default: 0,
    },
    ownAiServicesComputeRatio: {
      domain: DOMAINS.nonNegative,
      unit: "usdB per usdB",
      doc: "Cloud: compute its own generative-AI services (assistants, copilots, AI features of its products) use each quarter, at rent, per dollar of the labs' AI revenue that quarter. Served from the fleet's capacity left after `ownAiUseShare`, its contracts and its labs' training, then from the compute it leases; what that leaves short at delivery (`compute.offtakeDeliveryQuarters`) it leases from the rental clouds. The services earn the rent of what they use (0 = none).",
      default: 0,
    },
  } as const satisfies ParameterSpecs;
  /** Numbers of a financing facility. */
  static readonly contract = {
    commitmentUsdB: {
      domain: DOMAINS.nonNegative,
      unit: "usdB",
      doc: "Facility: most the borrower can draw over the horizon.",
    },
    advanceRate: {
      domain: DOMAINS.fraction,
      unit: "fraction",
      doc: "Facility: largest share of a quarter's planned capex it finances (a loan-to-cost limit).",
    },
  } as const satisfies ParameterSpecs;
  private rng: Random = NO_STREAM;
  /** Sd of the yearly log shock to capex outside AI (`market.nonAiCapexVolatility`); 0 = on its trend. */
  private nonAiCapexSd = 0;
  /** Per cloud: the log of its capex outside AI relative to its trend (a random walk). */
  private nonAiCapexLog = new Float64Array(0);
  private decayQ = 1;
  private rentQ = 0;
  private costPerGw = 1;
  private targetUtilisation = 0;
  private riskFree = 0;
  private lead = 0;
  /** Quarters from signing a lease to its first payment (the offtake rule's). */
  private deliveryLead = 1;
  /** What economic depreciation leaves of a GPU's value over the build lead: decayQ^lead. */
  private decayOverLead = 1;
  private siteDecayQ = 1;
  /** Mean of e^{g·k} over the build lead's quarters k = 1…lead at the start's expected growth g (1 without a lead). */
  private siteLeadMean0 = 1;
  /** Power ordering (off at 0): its lead, quarters; GW arriving by (cloud, quarter); GW arrived and GW on order. */
  private powerLead = 0;
  private powerArriving = new Float64Array(0);
  private powerArrived = new Float64Array(0);
  private powerOnOrder = new Float64Array(0);
  /** Whether any lab trains on a cloud's own fleet (most scenarios: none, and the quarter skips the search). */
  private anyTrainsOn = false;
  /** decayQ^age and siteDecayQ^age for whole ages in quarters (read every quarter for every vintage). */
  private gpuDecayByAge = new Float64Array(0);
  private siteDecayByAge = new Float64Array(0);

  begin(ctx: PathContext): void {
    this.rng = ctx.stream(this.name);
    this.nonAiCapexSd = ctx.world("market.nonAiCapexVolatility");
    if (this.nonAiCapexLog.length !== ctx.state.n) this.nonAiCapexLog = new Float64Array(ctx.state.n);
    this.nonAiCapexLog.fill(0);
    this.siteDecayQ = pow(1 - ctx.world("gpu.siteDepreciationPerYear"), 0.25);
    this.anyTrainsOn = ctx.model.entities.trainsOn.some((cloud) => cloud >= 0);
    this.lead = ctx.world("gpu.buildLeadQuarters");
    this.deliveryLead = offtakeDelivery(ctx);
    this.riskFree = ctx.world("credit.riskFreeRate");
    this.decayQ = pow(1 - ctx.world("gpu.economicDepreciationPerYear"), 0.25);
    this.decayOverLead = pow(this.decayQ, this.lead);
    this.siteLeadMean0 = leadMean(log(ctx.world("revenue.expectedGrowthPerYear")) / 4, this.lead);
    this.rentQ = ctx.world("gpu.rentalYieldPerYear") / 4;
    this.costPerGw = ctx.world("gpu.costPerGwUsdB");
    this.targetUtilisation = ctx.world("gpu.targetUtilisation", 0);
    const s = ctx.state;
    this.powerLead = ctx.world("gpu.powerLeadQuarters", 0);
    const arrivals = s.n * (s.T + 1 + this.powerLead);
    if (this.powerArriving.length < arrivals) this.powerArriving = new Float64Array(arrivals);
    else this.powerArriving.fill(0);
    if (this.powerArrived.length !== s.n) {
      this.powerArrived = new Float64Array(s.n);
      this.powerOnOrder = new Float64Array(s.n);
    }
    this.powerArrived.fill(0);
    this.powerOnOrder.fill(0);
    const role = ctx.model.entities.role;
    for (let i = 0; i < s.n; i++) {
      s.age0[i] = ctx.entity(i, "gpuAgeYears") * 4;
      s.lifeQ[i] = ctx.entity(i, "accountingLifeYears") * 4;
      for (let v = 0; v <= s.T; v++) s.vintage[i * (s.T + 1) + v] = 0;
      if (role[i] === ROLE.cloud) s.vintage[i * (s.T + 1)] = ctx.entity(i, "gpuUsdB");
      // The opening fleet at market, for the first quarter's loan-to-value tests.
      const site = ctx.entity(i, "siteShare");
      const cost = s.vintage[i * (s.T + 1)];
      s.fleetValue[i] =
        cost * ((1 - site) * pow(this.decayQ, s.age0[i]) + site * pow(this.siteDecayQ, s.age0[i]));
    }
    let oldest = 0;
    for (let i = 0; i < s.n; i++) oldest = Math.max(oldest, s.age0[i]);
    const ages = Math.ceil(oldest) + s.T + 2;
    if (this.gpuDecayByAge.length < ages) {
      this.gpuDecayByAge = new Float64Array(ages);
      this.siteDecayByAge = new Float64Array(ages);
    }
    for (let a = 0; a < ages; a++) {
      this.gpuDecayByAge[a] = pow(this.decayQ, a);
      this.siteDecayByAge[a] = pow(this.siteDecayQ, a);
    }
    s.idleRent.fill(0);
    s.drawnTotal.fill(0);
    s.capexGap.fill(0);
    s.aiShortfall.fill(0);
    s.powerHeadroom.fill(0);
    s.servicesShortfall.fill(0);
    s.sitesAhead.fill(0);
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
    let marketReceipts = 0;
    let marketCapacity = 0;
    const siteLeadMean = leadMean(s.expectedGrowthQ, this.lead);
    indexSales(s);
    // Each year's budget outside AI is the trend's with a shock (the first year's too: the start's capex is the last
    // year's, or a guidance that is itself revised); every cloud draws, living or not, so the stream's pattern is fixed.
    if (this.nonAiCapexSd > 0 && t % 4 === 0)
      for (let i = 0; i < n; i++)
        if (role[i] === ROLE.cloud) this.nonAiCapexLog[i] += this.nonAiCapexSd * this.rng.normal();
    for (let i = 0; i < n; i++) {
      if (role[i] !== ROLE.cloud || !alive[i]) continue;
      const lifeQ = s.lifeQ[i];
      const age0 = s.age0[i];
      let fleetUsdB = 0;
      let gpuValue = 0;
      let siteValue = 0;
      const row = i * (T + 1);
      const { gpuDecayByAge, siteDecayByAge } = this;
      // The opening fleet (vintage 0) may have a fractional age; a later vintage v is t − v + 1 whole quarters old.
      const opening = vintage[row];
      if (opening !== 0) {
        const age = age0 + t;
        const whole = Number.isInteger(age);
        siteValue += opening * (whole ? siteDecayByAge[age] : pow(this.siteDecayQ, age));
        if (!(age >= lifeQ)) {
          fleetUsdB += opening;
          gpuValue += opening * (whole ? gpuDecayByAge[age] : pow(decayQ, age));
        }
      }
      for (let v = 1; v <= t; v++) {
        const cost = vintage[row + v];
        if (cost === 0) continue;
        const age = t - v + 1;
        siteValue += cost * siteDecayByAge[age];
        if (age >= lifeQ) continue;
        fleetUsdB += cost;
        gpuValue += cost * gpuDecayByAge[age];
      }
      // Rent capacity: the fleet's economic value (all of its cost, as `gpu.rentalYieldPerYear` is calibrated) at
      // the rental yield and the GPU price.
      const siteShare = ctx.entityAt(i, ctx.columns.siteShare);
      const rentCapacity = gpuValue * rentQ * s.gpuPrice;
      s.fleetValue[i] = (1 - siteShare) * gpuValue * s.gpuPrice + siteShare * siteValue + s.sitesAhead[i];
      const ownTraining = this.trainOwnLabs(ctx, i, t, gpuValue * rentQ);
      const fleetGw = fleetUsdB / costPerGw;
      const arriving = this.powerLead > 0 ? this.powerArriving[i * (T + 1 + this.powerLead) + t] : 0;
      this.powerArrived[i] += arriving;
      this.powerOnOrder[i] -= arriving;
      const powerCap =
        ctx.entityAt(i, ctx.columns.powerGw) +
        ctx.entityAt(i, ctx.columns.powerBuildGwPerYear) * years +
        this.powerArrived[i];
      let sells = s.renewalReceipts[i] > 0;
      let receipts = s.renewalReceipts[i];
      // Take-or-pay receipts of the contracts that still run next quarter: the capacity they hold is not idle.
      let continuing = 0;
      // Contract payments due `lead` quarters ahead (buyers alive now): the backlog the cloud builds for.
      let ahead = 0;
      for (let c = s.soldFirst[i]; c >= 0; c = s.soldNext[c]) {
        sells = true;
        const paid = s.topDue[c] * s.layerPaid[top.buyer[c] * s.layers + TOP_LAYER - 1];
        receipts += paid;
        if (s.topActive[c] && (top.pool[c] || t + 1 - top.start[c] < s.topTerm[c])) continuing += paid;
        if (this.lead > 0 && s.alive[top.buyer[c]]) ahead += scheduledPayment(ctx, c, t + this.lead);
      }
      // Demand gate: a rental cloud that sells compute builds less while its fleet earns under the target share
      // of what it could rent for, counting what its contracts will pay once the capacity ordered now serves.
      s.revenue[i] = receipts;
      const utilisation = s.rental[i] && sells && rentCapacity > 0 ? receipts / rentCapacity : 1;
      if (s.rental[i] && sells) {
        marketReceipts += receipts;
        marketCapacity += rentCapacity;
      }
      const contracted = s.rental[i] && sells && rentCapacity > 0 ? ahead / rentCapacity : 1;
      const demandGate =
        targetUtilisation > 0 ? Math.min(1, Math.max(utilisation, contracted) / targetUtilisation) : 1;
      // Only the AI part of the plan follows the market's valuation of compute (Tobin's q) and the demand gate; the
      // rest (general cloud, databases, logistics) stays on its trend.
      const aiShare = ctx.entityAt(i, ctx.columns.aiCapexShare);
      const aiPlanned = aiShare * s.capexValuationMultiplier * demandGate;
      const trend =
        (ctx.entityAt(i, ctx.columns.capexUsdBPerYear) / 4) *
        pow(ctx.entityAt(i, ctx.columns.capexGrowthPerYear), years);
      // A rental cloud that builds out also builds what its contracts need: the fleet whose rent covers the payments
      // due `lead` quarters ahead, less what its fleet will be worth then, ordered evenly over the lead. (A landlord
      // with no capex plan serves its leases from the sites it has.)
      const contractBuild =
        s.rental[i] && this.lead > 0 && ctx.entityAt(i, ctx.columns.capexUsdBPerYear) > 0
          ? Math.max(0, ahead / (rentQ * s.gpuPrice) - gpuValue * this.decayOverLead) / this.lead
          : 0;
      const aiWanted = Math.max(trend * aiPlanned, contractBuild);
      // Power caps the AI part only: what the power not yet in use can hold.
      const aiTarget = Math.max(0, Math.min(aiWanted, (powerCap - fleetGw) * costPerGw));
      s.aiShortfall[i] = s.rental[i] ? 0 : aiWanted - aiTarget;
      // A cloud that owns its sites (not a rental cloud, which leases its data centres) builds them ahead of the
      // GPUs: more than its plan when the market expects faster growth than at the start, whose pipeline the
      // reported capex already holds; less, from the sites it built ahead, when slower.
      const siteBuild = s.rental[i]
        ? 0
        : Math.max(
            -s.sitesAhead[i],
            aiTarget * (siteBuildFactor(siteShare, siteLeadMean, this.siteLeadMean0) - 1),
          );
      const nonAi = trend * (1 - aiShare) * (this.nonAiCapexSd > 0 ? exp(this.nonAiCapexLog[i]) : 1);
      const target = nonAi + aiTarget + siteBuild;
      const internal = Math.max(0, Math.min(target, 0.5 * (cash[i] - s.reserve[i])));
      const capex = internal + this.drawFacilities(ctx, i, target - internal, target);
      s.capexGap[i] = target - capex;
      cash[i] -= capex;
      // Only the AI part of a cloud's capex (as reported, total) buys AI capacity: GPUs and their sites; the sites
      // built ahead wait for their GPUs. What goes unfunded is cut pro rata.
      const funded = capex > 0 ? capex / target : 0;
      const aiCapex = funded * aiTarget;
      s.sitesAhead[i] += funded * siteBuild;
      // `+=`: a fleet acquired this quarter (resolution) may already sit in this vintage.
      vintage[row + t + 1] += aiCapex;
      s.capexDone[i] = capex;
      capexTotal += aiCapex;
      const totalGw = fleetGw + aiCapex / costPerGw;
      if (this.powerLead > 0) this.orderPower(ctx, i, t, fleetGw + (this.powerLead * aiWanted) / costPerGw);
      const powerAtLead =
        powerCap + (ctx.entityAt(i, ctx.columns.powerBuildGwPerYear) * this.lead) / 4 + this.powerOnOrder[i];
      s.powerHeadroom[i] = s.rental[i] ? Math.max(0, (powerAtLead - totalGw) * costPerGw) : 0;
      powerGw += totalGw;
      strandedGw += fleetGw * Math.max(0, 1 - utilisation);
      // Capacity free to rent next quarter (new GPUs included, contracts ending now released), for clouds that
      // are building out, less what the cloud's own AI services take of it.
      const free =
        (1 - ctx.entityAt(i, ctx.columns.ownAiUseShare)) *
          (rentCapacity + aiCapex * decayQ * rentQ * s.gpuPrice) -
        continuing -
        ownTraining;
      const servicesRatio = ctx.entityAt(i, ctx.columns.ownAiServicesComputeRatio);
      const servicesOnFleet =
        servicesRatio > 0 ? this.serveOwnServices(ctx, i, t, servicesRatio * s.marketRevenue, free) : 0;
      s.idleRent[i] =
        ctx.entityAt(i, ctx.columns.capexUsdBPerYear) > 0 ? Math.max(0, free - servicesOnFleet) : 0;
    }
    s.capexTotal = capexTotal;
    s.marketUtilisation = marketCapacity > 0 ? marketReceipts / marketCapacity : 0;
    s.powerGw = powerGw;
    s.strandedGw = strandedGw;
  }

  /**
   * Cloud `i`'s own AI services want `demand` of compute this quarter (rent, usdB): served from its fleet's `free`
   * capacity, then from the compute it leases (its take-or-pay purchases due now); they earn the rent of what they
   * use, less the cloud's operating cost on its own fleet. What its free capacity and the leases paying at delivery
   * leave short is its `servicesShortfall`, which the offtake rule leases. Returns what the fleet serves.
   */
  private serveOwnServices(ctx: PathContext, i: number, t: number, demand: number, free: number): number {
    const s = ctx.state;
    const top = ctx.model.takeOrPay;
    const delivery = t + this.deliveryLead;
    let leasedNow = 0;
    let leasedAtDelivery = 0;
    for (let c = 0; c < top.ids.length; c++) {
      if (top.buyer[c] !== i || !s.topActive[c]) continue;
      leasedNow += s.topDue[c];
      leasedAtDelivery += scheduledPayment(ctx, c, delivery);
    }
    const onFleet = Math.min(demand, Math.max(0, free));
    const served = onFleet + Math.min(demand - onFleet, leasedNow);
    s.servicesShortfall[i] = Math.max(0, demand - Math.max(0, free) - leasedAtDelivery);
    s.cash[i] += served - ctx.entityAt(i, ctx.columns.operatingCostShare) * onFleet;
    s.revenue[i] += served;
    return onFleet;
  }

  /**
   * Cloud `i` orders, for delivery `gpu.powerLeadQuarters` after quarter `t`, the power its fleet will need then
   * (`neededGw`: today's fleet plus its AI plan built every quarter of the lead) beyond what it will have — its
   * power, the build-out by then, what has arrived and what is on order.
   */
  private orderPower(ctx: PathContext, i: number, t: number, neededGw: number): void {
    const s = ctx.state;
    const base =
      ctx.entityAt(i, ctx.columns.powerGw) +
      (ctx.entityAt(i, ctx.columns.powerBuildGwPerYear) * (t + this.powerLead)) / 4;
    const order = neededGw - base - this.powerArrived[i] - this.powerOnOrder[i];
    if (!(order > 0)) return;
    this.powerArriving[i * (s.T + 1 + this.powerLead) + t + this.powerLead] += order;
    this.powerOnOrder[i] += order;
  }

  /**
   * The labs that train on cloud `i`'s own fleet (`trainsOn`) get their `fleetShare` of its capacity this quarter
   * (`capacity`: the fleet's economic value at the rental yield, at cost) as training compute at this quarter's
   * FLOP per dollar. Returns that capacity at the rental price, which the cloud cannot rent out.
   */
  private trainOwnLabs(ctx: PathContext, i: number, t: number, capacity: number): number {
    if (!this.anyTrainsOn) return 0;
    const { model, state: s } = ctx;
    const trainsOn = model.entities.trainsOn;
    let used = 0;
    for (let j = 0; j < s.n; j++) {
      if (trainsOn[j] !== i || !s.alive[j]) continue;
      const share = capacity * ctx.entityAt(j, ctx.columns.fleetShare);
      s.training[j * 4 + (t % 4)] +=
        share * FLOP_PER_USDB * s.flopPerUsd * s.efficiency * (1 - s.blocCut[model.entities.bloc[j]]);
      used += share * s.gpuPrice;
    }
    return used;
  }

  /**
   * Draws up to `need` from entity `i`'s facilities, in the scenario's order, each within its commitment, its
   * advance rate × the quarter's planned capex `target` and its lender's cash; a bond programme only while the
   * borrower can refinance. The drawn debt joins the facility's pool at its rate (the risk-free rate plus the
   * borrower's spread when the facility gives none). Returns what was drawn, usdB; the borrower's cash receives it.
   */
  private drawFacilities(ctx: PathContext, i: number, need: number, target: number): number {
    const { model, theta, state: s } = ctx;
    const debt = model.debt;
    let drawn = 0;
    for (let c = 0; c < debt.ids.length && need - drawn > 1e-12; c++) {
      if (!debt.facility[c] || debt.borrower[c] !== i || debt.type[c] === DEBT_CODES.revolver) continue;
      const lender = debt.lender[c];
      if (!s.lends[lender] || (debt.type[c] === DEBT_CODES.bond && !s.refinanceOpen[i])) continue;
      const draw = Math.min(
        need - drawn,
        theta[debt.advanceSlot[c]] * target,
        theta[debt.commitmentSlot[c]] - s.drawnTotal[c],
        Math.max(0, s.cash[lender]),
      );
      if (!(draw > 0)) continue;
      const rate = debt.rateSlot[c] < 0 ? this.riskFree + s.creditSpread[i] : theta[debt.rateSlot[c]];
      const out = s.debtOut[c];
      s.debtRate[c] = (s.debtRate[c] * out + rate * draw) / (out + draw);
      s.debtOut[c] = out + draw;
      s.drawnTotal[c] += draw;
      s.cash[lender] -= draw;
      s.cash[i] += draw;
      drawn += draw;
    }
    return drawn;
  }
}

/** Mean of e^{g·k} over k = 1…lead quarters (`g`: growth per quarter, log); 1 when there is no lead. */
export function leadMean(g: number, lead: number): number {
  if (!(lead > 0)) return 1;
  let sum = 0;
  for (let k = 1; k <= lead; k++) sum += exp(g * k);
  return sum / lead;
}

/**
 * Capex on AI capacity relative to its plan for a cloud that builds its sites (`siteShare` of the capacity's cost)
 * evenly over the build lead before their GPUs arrive: ((1 − s) + s·m) ÷ ((1 − s) + s·m₀), where m is the mean of
 * e^{g·k} over the lead at the growth the market now expects and m₀ at the start's (both from `leadMean`).
 */
export function siteBuildFactor(siteShare: number, leadMeanNow: number, leadMeanStart: number): number {
  return (1 - siteShare + siteShare * leadMeanNow) / (1 - siteShare + siteShare * leadMeanStart);
}
