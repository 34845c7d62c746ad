/**
 * The state of one Monte Carlo path, quarter by quarter: every quantity the rules read and write, as typed
 * arrays (per entity, per contract) and numbers (the world). Allocated once per compiled model and reset by the
 * rules at the start of each path, so the hot loop allocates nothing, in a quarter where someone cannot pay in full
 * (the finance engine then clears it) as in any other.
 */
import { FAILING_KINDS, LOSS_KINDS, LOSS_PARTS, type LossKind, RENTAL_CLOUD_KINDS } from "./kinds.js";
import type { EconomyModel } from "./model.js";
import { ClearingBuffers } from "./rules/clearingBuffers.js";

/** Seniority layer of take-or-pay payments and of external (operating) liabilities: pari passu with bonds. */
export const TOP_LAYER = 2;
export const EXTERNAL_LAYER = 2;
/** Index of the `external` loss kind (suppliers outside the model). */
export const EXTERNAL = LOSS_KINDS.indexOf("external");
/** Loss parts, as columns of `pathLoss`. */
export const PART = { direct: 0, clearing: 1, defaultCost: 2, fireSale: 3, markToMarket: 4 } as const;
export const NPARTS = LOSS_PARTS.length;
/** Why a debt contract's principal is due in a quarter (`debtCall`). */
export const DEBT_CALL = { scheduled: 0, maturity: 1, marginCall: 2 } as const;
/** Quarters of run-off an offtake pool's decay table covers (`poolDecay`): beyond, `pow` is asked. */
export const POOL_DECAY_SPAN = 64;
/** Compute bought per billion dollars at 1 FLOP per dollar. */
export const FLOP_PER_USDB = 1e9;

export class PathState {
  /** Entities. */
  readonly n: number;
  /** Quarters. */
  readonly T: number;

  // Entities: balance sheet and status.
  /** Cash, usdB. */
  readonly cash: Float64Array;
  /** 1 while the entity has not defaulted. */
  readonly alive: Uint8Array;
  /** Quarter of default (−1 = none). */
  readonly defaultQuarter: Int32Array;
  /** Lab: weight of its market share (renormalised over living labs). */
  readonly shareWeight: Float64Array;
  /** Book equity, usdB, this quarter and the last. */
  readonly equity: Float64Array;
  readonly lastEquity: Float64Array;
  /** Revenue this quarter, usdB: a lab's AI revenue, a cloud's receipts for AI compute, a chip vendor's
   * data-centre sales. */
  readonly revenue: Float64Array;
  /** Revenue and capex of the calendar year so far, usdB. */
  readonly yearRevenue: Float64Array;
  readonly yearCapex: Float64Array;
  /** Cash consumed this calendar year before financing (cash spent less equity raised and net borrowing), usdB. */
  readonly yearBurn: Float64Array;
  /** Lab: compute bought this calendar year so far (take-or-pay due, spot and roll-over purchases), usdB. */
  readonly yearCompute: Float64Array;
  /** Lab: compute bought since the start, usdB. */
  readonly computeToDate: Float64Array;
  /** Lab: compute bought this quarter (take-or-pay due, spot serving, roll-over purchases), usdB. */
  readonly computeBought: Float64Array;
  /** Losses of this path by (entity as creditor or holder, part), usdB. */
  readonly holderLoss: Float64Array;
  /** Lab: take-or-pay payments due this quarter, usdB. */
  readonly contractDue: Float64Array;
  /** Lab: effective training compute of the last four quarters, FLOP (ring buffer, n × 4). */
  readonly training: Float64Array;
  /** Cloud: GPU capex by vintage, usdB at cost (n × (T + 1); vintage 0 is the fleet at the start). */
  readonly vintage: Float64Array;
  /** Cloud: capex done this quarter, usdB. */
  readonly capexDone: Float64Array;
  /** Age of the initial fleet at the start, quarters. */
  readonly age0: Float64Array;
  /** Accounting life, quarters. */
  readonly lifeQ: Float64Array;
  /** Loss kind index of each entity (into LOSS_KINDS). */
  readonly lossKind: Int32Array;
  /** 1 for clouds whose whole demand is in the model (RENTAL_CLOUD_KINDS). */
  readonly rental: Uint8Array;
  /** 1 for institutions that fail when their losses exhaust their capital (FAILING_KINDS). */
  readonly canFail: Uint8Array;
  /** Share of market revenue a lab wins from efficiency shocks, on top of its share of the rest. */
  readonly revenueGain: Float64Array;
  /** Rent a cloud could still earn from its idle fleet, usdB a quarter, as of the end of the last quarter. */
  readonly idleRent: Float64Array;
  /** What labs paid a cloud this quarter for new compute under the roll-over rule, usdB. */
  readonly renewalReceipts: Float64Array;
  /** New compute a lab wants to buy this quarter under the roll-over rule, usdB. */
  readonly renewalSpend: Float64Array;
  /** Cash a cloud holds back from capex for its bonds maturing within four quarters, usdB. */
  readonly reserve: Float64Array;
  /** Lab: serving compute bought on the spot market this quarter (beyond its contracts), usdB. */
  readonly spotSpend: Float64Array;

  /** This path's entity numbers, laid out like `model.entities.slots` (filled by createPathContext). */
  readonly entityValues: Float64Array;

  // Entities: market value and credit.
  /** 1 for entities with a market value (listed) or a private valuation. */
  readonly valued: Uint8Array;
  /** Market value at the start and this quarter, usdB (0 when not valued or after default). */
  readonly marketValue0: Float64Array;
  readonly marketValue: Float64Array;
  /** Equity raised in funding rounds since the start, usdB. */
  readonly raised: Float64Array;
  /** One-year expected default frequency, credit spread per year, and whether a maturing bond can be refinanced. */
  readonly edf: Float64Array;
  readonly creditSpread: Float64Array;
  readonly refinanceOpen: Uint8Array;
  /** Probability this quarter that a funding round closes. */
  readonly roundProbability: Float64Array;
  /** Mark-to-market loss booked so far, usdB, and scratch for its computation. */
  readonly mtmLoss: Float64Array;
  readonly mtmScratch: Float64Array;
  /** Debt outstanding and this quarter's interest per entity (scratch). */
  readonly debtScratch: Float64Array;
  readonly interestScratch: Float64Array;
  /** Operating cash flow per quarter, smoothed over the trailing year (NaN before the first quarter), usdB. */
  readonly operatingFlow: Float64Array;
  /** Contracted operating cash flow of the coming year per quarter, from creditworthy buyers (usdB/quarter). */
  readonly contractedFlow: Float64Array;
  /** 1 once the entity's contracts have been stepped down on this path. */
  readonly renegotiated: Uint8Array;
  /** Capital that absorbs the entity's losses, usdB (`capitalUsdB`, else its market value, else its cash). */
  readonly capital: Float64Array;
  /** 1 while the entity lends: its losses so far are under `credit.lendingCutLoss` of its capital. */
  readonly lends: Uint8Array;
  /** Cloud: market value of its fleet (GPUs at their economic value and the GPU price, sites at theirs), usdB. */
  readonly fleetValue: Float64Array;
  /** Cloud: sites and power built ahead of the GPUs they will hold (construction in progress), usdB at cost. */
  readonly sitesAhead: Float64Array;
  /** Cloud: planned capex of the quarter its cash and facilities could not fund, usdB. */
  readonly capexGap: Float64Array;

  // Entities: this quarter's obligations and their clearing.
  /** External assets (cash + inflows) before payments, usdB. */
  readonly extAssets: Float64Array;
  /** Liabilities to suppliers outside the model, usdB. */
  readonly extLiab: Float64Array;
  /** Owed to other entities, and owed by them, usdB. */
  readonly owes: Float64Array;
  readonly owed: Float64Array;
  /** Fraction of its obligations each entity paid. */
  readonly paidFraction: Float64Array;
  /** Received from other entities, usdB. */
  readonly received: Float64Array;
  /** 1 for entities that defaulted this quarter. */
  readonly newDefault: Uint8Array;
  /** Clearing round in which each defaulted (1 = fundamental; later = contagion). */
  readonly round: Int32Array;
  /** Seniority layers in use (≥ 2). */
  readonly layers: number;
  /** Fraction paid of each (entity, layer) obligation this quarter, n × layers. */
  readonly layerPaid: Float64Array;
  /** Obligations per (entity, layer) this quarter, n × layers. */
  readonly layerDue: Float64Array;
  /** Quarters cleared through the layered valuation (someone could not pay), over the state's life. */
  stressedQuarters = 0;
  /** Buffers of those clearings, reused. */
  readonly clearingBuffers: ClearingBuffers;

  // Contracts.
  /** Take-or-pay: 1 while running; this quarter's payment, usdB; term on this path, quarters (≥ 1). */
  readonly topActive: Uint8Array;
  readonly topDue: Float64Array;
  readonly topTerm: Int32Array;
  /** Factor on a take-or-pay contract's remaining payments after a step-down (1 = as written). */
  readonly topScale: Float64Array;
  /** 1 once the contract has been amended (stepped down). */
  readonly topAmended: Uint8Array;
  /** Take-or-pay: the seller on this path (an acquirer takes over a defaulter's contracts). */
  readonly topSeller: Int32Array;
  /** Each entity's first take-or-pay contract as seller (−1: none), and after contract c the next, in contract
   * order: as `indexSales` last made them. */
  readonly soldFirst: Int32Array;
  readonly soldNext: Int32Array;
  /** Offtake pools (take-or-pay signed during the run): outstanding commitment whose payments have started, usdB;
   * the quarter of its next payment; commitments signed for delivery in quarter q (ntop × `poolQuarters`, sized by
   * the offtake rule to reach the build lead past the horizon), usdB; and all signed but not yet delivered, usdB. */
  readonly poolOut: Float64Array;
  readonly poolFrom: Int32Array;
  poolQuarters: number;
  poolPending: Float64Array;
  readonly poolPendingTotal: Float64Array;
  /** 1 once anything has been signed into the offtake pool on this path: until then it holds and pays nothing,
   * which most pools do on most paths (80% of the payments asked of the default's 55 pools). */
  readonly poolSigned: Uint8Array;
  /** Offtake pools: (1 − 1/term)^k for k = 0 … `POOL_DECAY_SPAN` − 1 (ntop × span), the share of a commitment
   * still held k quarters on, and the term each row was computed for (0 = not yet). A pool's payments are asked
   * ~10⁴ times a path, and a table of the same `pow` values gives the same sums. */
  readonly poolDecay: Float64Array;
  readonly poolDecayTerm: Int32Array;
  /** Cloud without rental demand: AI capex of the quarter its power could not hold, usdB. Rental cloud: capex its
   * power can still hold by the build lead, usdB. */
  readonly aiShortfall: Float64Array;
  readonly powerHeadroom: Float64Array;
  /** Cloud with own AI services: the rent a quarter they will lack at delivery of a lease signed now — their demand
   * less the fleet's free capacity and the leases paying by then — usdB; the offtake rule leases it. */
  readonly servicesShortfall: Float64Array;
  /** Lab: roll-over purchase of the quarter the clouds' idle capacity could not supply, usdB. */
  readonly renewalUnmet: Float64Array;
  /** Debt: principal outstanding, usdB; rate per year; quarters left; original term, quarters. */
  readonly debtOut: Float64Array;
  readonly debtRate: Float64Array;
  readonly debtLeft: Int32Array;
  readonly debtTerm: Int32Array;
  /** Facilities: drawn so far, usdB. */
  readonly drawnTotal: Float64Array;
  /** Project loans: interest-only quarters left before conversion to an amortising term loan. */
  readonly debtConstruction: Int32Array;
  readonly debtActive: Uint8Array;
  /** Debt service due this quarter, usdB, and its principal part. */
  readonly debtDue: Float64Array;
  readonly debtPrincipalDue: Float64Array;
  /** Why principal is due this quarter: 0 scheduled, 1 a maturity not refinanced, 2 a margin call. */
  readonly debtCall: Uint8Array;
  /** Claims of each debt contract on a defaulter being resolved, usdB. */
  readonly claim: Float64Array;
  /** Equity stakes: fraction held on this path; mark this quarter and cost basis (start mark plus what was paid
   * in rounds), usdB; the mark taken out of the stake — sold (for cash) or lost in the issuer's default (booked
   * as a default loss). */
  readonly stakeFraction: Float64Array;
  readonly stakeValue: Float64Array;
  readonly stakeBasis: Float64Array;
  readonly stakeRemoved: Float64Array;
  /** Tranche investments: most capacity deployed so far, GW, and paid so far, usdB. */
  readonly trancheGw: Float64Array;
  readonly tranchePaid: Float64Array;
  /** Warrants: fraction of the issuer vested so far. */
  readonly warrantVested: Float64Array;
  /** Events: 1 if the event happens on this path. */
  readonly eventOn: Uint8Array;
  /** Export controls: compute cut of each bloc. */
  readonly blocCut: Float64Array;

  // The world.
  /** Capability index by quarter. */
  readonly capHistory: Float64Array;
  /** Losses of this path by (loss kind, part), usdB. */
  readonly pathLoss: Float64Array;
  /** Algorithmic efficiency of the frontier labs this quarter (1 at the start). */
  efficiency = 1;
  /** Hardware price-performance this quarter, FLOP per dollar. */
  flopPerUsd = 0;
  /** Share of the market's revenue the labs keep after efficiency shocks. */
  retained = 1;
  /** Cut of chip vendors' sales by export controls. */
  vendorCut = 0;
  /** GPU price index (1 at the start): the rental price set by utilisation times the fire-sale discount. */
  gpuPrice = 1;
  rentalPrice = 1;
  saleDiscount = 1;
  /** Rental clouds' utilisation this quarter: receipts ÷ rent capacity (0 = none sells compute). */
  marketUtilisation = 0;
  /** Bass adoption (share of potential users). */
  adoption = 0;
  /** Accumulated log revenue shock. */
  logRevenueShock = 0;
  /** Capability users have taken up: the frontier's, followed with the diffusion lag. */
  diffusedCapability = 0;
  /** Frontier capability index, and its value last quarter. */
  capability = 0;
  previousCapability = 0;
  /** log10 of frontier effective training compute at the start, and the best reached so far, FLOP. */
  frontierRef = Number.NaN;
  frontierMax = 0;
  /** Market revenue this quarter after saturation, usdB, and the saturation factor (≤ 1). */
  marketRevenue = 0;
  saturation = 1;
  /** Share of tasks AI can do at the frontier's capability (GATE's automation ramp). */
  automatedShare = 0;
  /** Sum of living labs' share weights net of export controls. */
  shareTotal = 0;
  /** Valuation factor: lab revenue the market prices in, relative to what it priced at the start. */
  valuation = 1;
  /** The valuation factor on the revenue level alone, before the re-rating on growth (market.ts). */
  valuationLevel = 1;
  /** The lab-revenue growth the market expects, log per quarter (its priced growth until it learns otherwise;
   * market.ts learns it, renewals.ts buys ahead on it). */
  expectedGrowthQ = 0;
  /** Compute bought per unit of lab revenue relative to the start, as the market prices chip vendors (1 until an
   * efficiency shock), and its value after this path's shocks so far. */
  computeIntensity = 1;
  computeRetained = 1;
  /** Lab revenue last quarter, usdB. */
  previousRevenue = 0;
  /** Multiplier of planned capex from the valuation of compute this quarter. */
  capexValuationMultiplier = 1;
  /** This quarter's totals: lab revenue, compute spend, AI capex of the clouds, usdB; power and stranded capacity, GW. */
  labRevenue = 0;
  computeSpend = 0;
  capexTotal = 0;
  powerGw = 0;
  strandedGw = 0;

  constructor(model: EconomyModel) {
    const n = model.entities.ids.length;
    const T = model.quarters;
    const nd = model.debt.ids.length;
    const ntop = model.takeOrPay.ids.length;
    this.n = n;
    this.T = T;
    this.cash = new Float64Array(n);
    this.alive = new Uint8Array(n);
    this.defaultQuarter = new Int32Array(n);
    this.shareWeight = new Float64Array(n);
    this.equity = new Float64Array(n);
    this.lastEquity = new Float64Array(n);
    this.revenue = new Float64Array(n);
    this.yearRevenue = new Float64Array(n);
    this.yearCapex = new Float64Array(n);
    this.yearBurn = new Float64Array(n);
    this.yearCompute = new Float64Array(n);
    this.computeToDate = new Float64Array(n);
    this.computeBought = new Float64Array(n);
    this.holderLoss = new Float64Array(n * NPARTS);
    this.contractDue = new Float64Array(n);
    this.training = new Float64Array(n * 4);
    this.vintage = new Float64Array(n * (T + 1));
    this.capexDone = new Float64Array(n);
    this.age0 = new Float64Array(n);
    this.lifeQ = new Float64Array(n);
    this.lossKind = Int32Array.from(model.entities.kinds, (k) => LOSS_KINDS.indexOf(k as LossKind));
    this.rental = Uint8Array.from(model.entities.kinds, (k) => (RENTAL_CLOUD_KINDS.includes(k) ? 1 : 0));
    this.canFail = Uint8Array.from(model.entities.kinds, (k) => (FAILING_KINDS.includes(k) ? 1 : 0));
    this.revenueGain = new Float64Array(n);
    this.idleRent = new Float64Array(n);
    this.renewalReceipts = new Float64Array(n);
    this.renewalSpend = new Float64Array(n);
    this.reserve = new Float64Array(n);
    this.spotSpend = new Float64Array(n);
    this.entityValues = new Float64Array(model.entities.slots.length);
    this.valued = new Uint8Array(n);
    this.marketValue0 = new Float64Array(n);
    this.marketValue = new Float64Array(n);
    this.raised = new Float64Array(n);
    this.edf = new Float64Array(n);
    this.creditSpread = new Float64Array(n);
    this.refinanceOpen = new Uint8Array(n);
    this.roundProbability = new Float64Array(n);
    this.mtmLoss = new Float64Array(n);
    this.mtmScratch = new Float64Array(n);
    this.debtScratch = new Float64Array(n);
    this.interestScratch = new Float64Array(n);
    this.operatingFlow = new Float64Array(n);
    this.contractedFlow = new Float64Array(n);
    this.renegotiated = new Uint8Array(n);
    this.capexGap = new Float64Array(n);
    this.sitesAhead = new Float64Array(n);
    this.fleetValue = new Float64Array(n);
    this.capital = new Float64Array(n);
    this.lends = new Uint8Array(n);
    this.extAssets = new Float64Array(n);
    this.extLiab = new Float64Array(n);
    this.owes = new Float64Array(n);
    this.owed = new Float64Array(n);
    this.paidFraction = new Float64Array(n);
    this.received = new Float64Array(n);
    this.newDefault = new Uint8Array(n);
    this.round = new Int32Array(n);
    let layers = Math.max(TOP_LAYER, EXTERNAL_LAYER);
    for (const l of model.debt.layer) layers = Math.max(layers, l);
    this.layers = layers;
    this.layerPaid = new Float64Array(n * layers);
    this.layerDue = new Float64Array(n * layers);
    this.clearingBuffers = new ClearingBuffers(n, EXTERNAL_LAYER);
    this.topActive = new Uint8Array(ntop);
    this.topDue = new Float64Array(ntop);
    this.topTerm = new Int32Array(ntop);
    this.topScale = new Float64Array(ntop);
    this.topAmended = new Uint8Array(ntop);
    this.topSeller = new Int32Array(ntop);
    this.soldFirst = new Int32Array(n);
    this.soldNext = new Int32Array(ntop);
    this.poolOut = new Float64Array(ntop);
    this.poolFrom = new Int32Array(ntop);
    this.poolQuarters = T + 1;
    this.poolPending = new Float64Array(ntop * this.poolQuarters);
    this.poolPendingTotal = new Float64Array(ntop);
    this.poolSigned = new Uint8Array(ntop);
    this.poolDecay = new Float64Array(ntop * POOL_DECAY_SPAN);
    this.poolDecayTerm = new Int32Array(ntop);
    this.aiShortfall = new Float64Array(n);
    this.powerHeadroom = new Float64Array(n);
    this.servicesShortfall = new Float64Array(n);
    this.renewalUnmet = new Float64Array(n);
    this.debtOut = new Float64Array(nd);
    this.debtRate = new Float64Array(nd);
    this.debtLeft = new Int32Array(nd);
    this.debtTerm = new Int32Array(nd);
    this.debtConstruction = new Int32Array(nd);
    this.drawnTotal = new Float64Array(nd);
    this.debtActive = new Uint8Array(nd);
    this.debtDue = new Float64Array(nd);
    this.debtPrincipalDue = new Float64Array(nd);
    this.debtCall = new Uint8Array(nd);
    this.claim = new Float64Array(nd);
    const nk = model.stakes.holder.length;
    this.stakeFraction = new Float64Array(nk);
    this.stakeValue = new Float64Array(nk);
    this.stakeBasis = new Float64Array(nk);
    this.stakeRemoved = new Float64Array(nk);
    this.trancheGw = new Float64Array(model.tranches.investor.length);
    this.warrantVested = new Float64Array(model.warrants.holder.length);
    this.tranchePaid = new Float64Array(model.tranches.investor.length);
    this.eventOn = new Uint8Array(model.events.type.length);
    this.blocCut = new Float64Array(model.blocs.length);
    this.capHistory = new Float64Array(T);
    this.pathLoss = new Float64Array(LOSS_KINDS.length * NPARTS);
  }
}
