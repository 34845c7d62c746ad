/**
 * One Monte Carlo path of the economy, quarter by quarter (docs/economy.md has the equations). All state lives
 * in a `PathWorkspace` allocated once per model; the hot loop allocates nothing except in a quarter where
 * someone cannot pay in full, when the obligations are cleared through the finance engine.
 */
import { valueNetwork } from "../finance/clearing/index.js";
import { compileNetwork, type LiabilitySpec, type NodeSpec } from "../finance/network.js";
import type { Random } from "../util/random.js";
import { type CapabilityCurve, capabilityAt } from "./capability.js";
import { LOSS_KINDS, LOSS_PARTS, type LossKind, RENTAL_CLOUD_KINDS, ROLE } from "./kinds.js";
import {
  DEBT_CODES,
  type EconomyModel,
  ENTITY_FIELDS,
  type EntityField,
  EVENT_CODES,
  FIELD_COLUMN,
  param,
} from "./model.js";
import { type Accumulator, BINS, binOf, type PathSummary, record } from "./outputs.js";

/** Stress applied to a whole run (reverse stress tests, sensitivity): multipliers of the model's own paths. */
export interface PathStress {
  /** Multiplies lab revenue every quarter; default 1. */
  revenueMultiplier?: number;
  /** Multiplies the capability gain above the start; default 1. */
  capabilityMultiplier?: number;
}

const PART = { direct: 0, clearing: 1, defaultCost: 2, fireSale: 3 } as const;
const EXTERNAL = LOSS_KINDS.indexOf("external");
const NPARTS = LOSS_PARTS.length;
const FLOP_PER_USDB = 1e9;
/** Seniority layer of take-or-pay payments and of external (operating) liabilities: pari passu with bonds. */
const TOP_LAYER = 2;
const EXTERNAL_LAYER = 2;
/** Cap on the default-cost passes of a stressed quarter (they stop when the defaulters and receipts settle). */
const MAX_COST_PASSES = 20;

/** Reusable state of one path. */
export class PathWorkspace {
  readonly n: number;
  readonly T: number;
  readonly cash: Float64Array;
  readonly alive: Uint8Array;
  readonly defaultQuarter: Int32Array;
  readonly shareWeight: Float64Array;
  readonly extAssets: Float64Array;
  readonly extLiab: Float64Array;
  readonly owes: Float64Array;
  readonly owed: Float64Array;
  readonly paidFraction: Float64Array;
  readonly received: Float64Array;
  readonly equity: Float64Array;
  readonly revenue: Float64Array;
  readonly contractDue: Float64Array;
  readonly training: Float64Array;
  readonly vintage: Float64Array;
  readonly capexDone: Float64Array;
  readonly newDefault: Uint8Array;
  readonly round: Int32Array;
  readonly blocCut: Float64Array;
  readonly lossKind: Int32Array;
  readonly topActive: Uint8Array;
  readonly topDue: Float64Array;
  /** Term of each take-or-pay contract on this path, quarters (≥ 1). */
  readonly topTerm: Int32Array;
  readonly debtOut: Float64Array;
  readonly debtRate: Float64Array;
  readonly debtLeft: Int32Array;
  readonly debtTerm: Int32Array;
  /** Project loans: interest-only quarters left before conversion to an amortising term loan. */
  readonly debtConstruction: Int32Array;
  readonly debtActive: Uint8Array;
  readonly debtDue: Float64Array;
  readonly debtPrincipalDue: Float64Array;
  readonly eventOn: Uint8Array;
  readonly capHistory: Float64Array;
  readonly pathLoss: Float64Array;
  readonly claim: Float64Array;
  /** Age of the initial fleet at the start, quarters. */
  readonly age0: Float64Array;
  /** Accounting life, quarters. */
  readonly lifeQ: Float64Array;
  readonly lastEquity: Float64Array;
  readonly stakeFraction: Float64Array;
  /** Share of market revenue a lab wins from efficiency shocks, on top of its share of the rest. */
  readonly revenueGain: Float64Array;
  /** Rent a cloud could still earn from its idle fleet, usdB a quarter, as of the end of the last quarter. */
  readonly idleRent: Float64Array;
  /** What labs paid a cloud this quarter for new compute under the roll-over rule, usdB. */
  readonly renewalReceipts: Float64Array;
  /** New compute a lab wants to buy this quarter under the roll-over rule, usdB. */
  readonly renewalSpend: Float64Array;
  /** 1 for clouds whose whole demand is in the model (RENTAL_CLOUD_KINDS). */
  readonly rental: Uint8Array;
  /** Cash a cloud holds back from capex for its bonds maturing within four quarters, usdB. */
  readonly reserve: Float64Array;
  /** Seniority layers in use (≥ 2). */
  readonly layers: number;
  /** Fraction paid of each (entity, layer) obligation this quarter, n × layers. */
  readonly layerPaid: Float64Array;
  /** Obligations per (entity, layer) this quarter, n × layers. */
  readonly layerDue: Float64Array;
  /** Quarters cleared through the layered valuation (someone could not pay), over the workspace's life. */
  stressedQuarters = 0;

  constructor(model: EconomyModel) {
    const n = model.entities.ids.length;
    const T = model.quarters;
    const nd = model.debt.ids.length;
    this.n = n;
    this.T = T;
    this.cash = new Float64Array(n);
    this.alive = new Uint8Array(n);
    this.defaultQuarter = new Int32Array(n);
    this.shareWeight = new Float64Array(n);
    this.extAssets = new Float64Array(n);
    this.extLiab = new Float64Array(n);
    this.owes = new Float64Array(n);
    this.owed = new Float64Array(n);
    this.paidFraction = new Float64Array(n);
    this.received = new Float64Array(n);
    this.equity = new Float64Array(n);
    this.revenue = new Float64Array(n);
    this.contractDue = new Float64Array(n);
    this.training = new Float64Array(n * 4);
    this.vintage = new Float64Array(n * (T + 1));
    this.capexDone = new Float64Array(n);
    this.newDefault = new Uint8Array(n);
    this.round = new Int32Array(n);
    this.blocCut = new Float64Array(model.blocs.length);
    this.lossKind = Int32Array.from(model.entities.kinds, (k) => LOSS_KINDS.indexOf(k as LossKind));
    this.topActive = new Uint8Array(model.takeOrPay.ids.length);
    this.topDue = new Float64Array(model.takeOrPay.ids.length);
    this.topTerm = new Int32Array(model.takeOrPay.ids.length);
    this.debtOut = new Float64Array(nd);
    this.debtRate = new Float64Array(nd);
    this.debtLeft = new Int32Array(nd);
    this.debtTerm = new Int32Array(nd);
    this.debtConstruction = new Int32Array(nd);
    this.debtActive = new Uint8Array(nd);
    this.debtDue = new Float64Array(nd);
    this.debtPrincipalDue = new Float64Array(nd);
    this.eventOn = new Uint8Array(model.events.type.length);
    this.capHistory = new Float64Array(T);
    this.pathLoss = new Float64Array(LOSS_KINDS.length * NPARTS);
    this.claim = new Float64Array(nd);
    this.age0 = new Float64Array(n);
    this.lifeQ = new Float64Array(n);
    this.lastEquity = new Float64Array(n);
    this.stakeFraction = new Float64Array(model.stakes.holder.length);
    this.revenueGain = new Float64Array(n);
    this.idleRent = new Float64Array(n);
    this.renewalReceipts = new Float64Array(n);
    this.renewalSpend = new Float64Array(n);
    this.reserve = new Float64Array(n);
    this.rental = Uint8Array.from(model.entities.kinds, (k) => (RENTAL_CLOUD_KINDS.includes(k) ? 1 : 0));
    let layers = Math.max(TOP_LAYER, EXTERNAL_LAYER);
    for (const l of model.debt.layer) layers = Math.max(layers, l);
    this.layers = layers;
    this.layerPaid = new Float64Array(n * layers);
    this.layerDue = new Float64Array(n * layers);
  }
}

/** GPU loans and project loans are secured on the borrower's fleet and site. */
function isSecured(type: number): boolean {
  return type === DEBT_CODES["gpu-loan"] || type === DEBT_CODES["project-loan"];
}

function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/**
 * Simulates one path with parameters θ and stream `rng`, adding its results to `acc`. The stream is consumed
 * in a fixed pattern whatever happens on the path, so two runs that differ only in a parameter or a stress
 * see the same shocks (common random numbers).
 */
export function runPath(
  model: EconomyModel,
  theta: Float64Array,
  rng: Random,
  ws: PathWorkspace,
  acc: Accumulator,
  stress: PathStress = {},
  pathIndex = -1,
  keepSummary = false,
): void {
  const { n, T } = ws;
  const F = ENTITY_FIELDS.length;
  const slots = model.entities.slots;
  const role = model.entities.role;
  const w = model.world;
  const ef = (i: number, field: EntityField, fallback: number) =>
    param(theta, slots[i * F + FIELD_COLUMN[field]], fallback);
  const revenueMultiplier = stress.revenueMultiplier ?? 1;
  const capabilityMultiplier = stress.capabilityMultiplier ?? 1;
  if (!(revenueMultiplier >= 0) || !Number.isFinite(revenueMultiplier))
    throw new RangeError(`invalid revenueMultiplier: ${revenueMultiplier}`);
  if (!(capabilityMultiplier >= 0) || !Number.isFinite(capabilityMultiplier))
    throw new RangeError(`invalid capabilityMultiplier: ${capabilityMultiplier}`);

  // World parameters of this path.
  const effGrowth = theta[w["efficiency.growthPerYear"]];
  const flopPerUsd0 = theta[w["compute.flopPerUsd"]];
  const flopGrowth = theta[w["compute.flopPerUsdGrowthPerYear"]];
  const renewalMultiple = param(theta, w["compute.renewalSpendToRevenue"], 0);
  const renewalCashShare = param(theta, w["compute.renewalCashShare"], 0.5);
  const renewalSentimentWeight = param(theta, w["compute.renewalSentimentWeight"], 1);
  const slope = theta[w["capability.slopePerOom"]];
  const trend = theta[w["capability.trendOomPerYear"]];
  const curve: CapabilityCurve = {
    shape: model.shape,
    slope,
    ceiling: param(theta, w["capability.ceiling"], Number.POSITIVE_INFINITY),
    breakOom: param(theta, w["capability.breakOom"], Number.POSITIVE_INFINITY),
    slopeAfter: param(theta, w["capability.slopeAfterPerOom"], slope),
    topOom: trend * (param(theta, w["capability.topYear"], model.startYear + 10) - model.startYear),
  };
  const capNoise = param(theta, w["capability.noise"], 0);
  const revenue0 = theta[w["revenue.initialUsdBPerYear"]] / 4;
  const adoption0 = theta[w["revenue.initialAdoption"]];
  const bassP = theta[w["revenue.bassP"]];
  const bassQ = theta[w["revenue.bassQ"]];
  const elasticity = theta[w["revenue.capabilityElasticity"]];
  const passThrough = theta[w["revenue.efficiencyPassThrough"]];
  const lag = Math.max(1, Math.round(theta[w["revenue.openModelLagQuarters"]]));
  const floor = theta[w["revenue.commodityPriceFloor"]];
  const expectedGrowth0 = Math.log(theta[w["revenue.expectedGrowthPerYear"]]) / 4;
  const volatility = param(theta, w["revenue.volatility"], 0);
  const addressableQ = param(theta, w["revenue.addressableUsdBPerYear"], Number.POSITIVE_INFINITY) / 4;
  const targetUtilisation = param(theta, w["gpu.targetUtilisation"], 0);
  const persistence = theta[w["sentiment.persistence"]];
  // Constant-gain learning: the weight of the latest observed growth in the market's expectation.
  const learningGain = 1 - 0.5 ** (1 / param(theta, w["sentiment.expectationHalfLifeQuarters"], 6));
  const wCap = theta[w["sentiment.capabilityWeight"]];
  const wRev = theta[w["sentiment.revenueWeight"]];
  const sentNoise = param(theta, w["sentiment.noise"], 0);
  const fundMid = theta[w["sentiment.fundingMidpoint"]];
  const fundSlope = theta[w["sentiment.fundingSlope"]];
  const spreadPerUnit = theta[w["sentiment.spreadPerUnit"]];
  const capexSens = theta[w["sentiment.capexSensitivity"]];
  const decayQ = (1 - theta[w["gpu.economicDepreciationPerYear"]]) ** 0.25;
  const rentQ = theta[w["gpu.rentalYieldPerYear"]] / 4;
  const costPerGw = theta[w["gpu.costPerGwUsdB"]];
  const impactPerUsdB = theta[w["gpu.fireSaleImpactPerUsdB"]];
  const recovery = theta[w["gpu.priceRecoveryPerQuarter"]];
  const alpha = theta[w["clearing.alpha"]];
  const beta = theta[w["clearing.beta"]];
  const expectedCapStep0 = (slope * trend) / 4;
  const leadRef = (slope * trend * lag) / 4;
  // Frontier training compute before the start grew on the trend: 10^(trend/4) per quarter.
  const trendGrowthQ = 10 ** (trend / 4);

  // Initial state.
  const { cash, alive, shareWeight, vintage, training } = ws;
  for (let i = 0; i < n; i++) {
    cash[i] = ef(i, "cash", 0);
    alive[i] = 1;
    ws.defaultQuarter[i] = -1;
    shareWeight[i] = role[i] === ROLE.lab ? ef(i, "share", 0) : 0;
    ws.equity[i] = 0;
    ws.lastEquity[i] = 0;
    ws.age0[i] = ef(i, "gpuAgeYears", 0) * 4;
    ws.lifeQ[i] = ef(i, "accountingLifeYears", 6) * 4;
    for (let v = 0; v <= T; v++) vintage[i * (T + 1) + v] = 0;
    if (role[i] === ROLE.cloud) vintage[i * (T + 1)] = ef(i, "gpuUsdB", 0);
    for (let k = 0; k < 4; k++) training[i * 4 + k] = 0;
  }
  for (let s = 0; s < model.stakes.holder.length; s++)
    ws.stakeFraction[s] = theta[model.stakes.fractionSlot[s]];
  ws.blocCut.fill(0);
  ws.pathLoss.fill(0);
  const top = model.takeOrPay;
  for (let c = 0; c < top.ids.length; c++) {
    ws.topActive[c] = 1;
    ws.topTerm[c] = Math.max(1, Math.round(theta[top.termSlot[c]]));
  }
  const debt = model.debt;
  for (let c = 0; c < debt.ids.length; c++) {
    ws.debtOut[c] = theta[debt.principalSlot[c]];
    ws.debtRate[c] = theta[debt.rateSlot[c]];
    ws.debtTerm[c] = Math.max(1, Math.round(theta[debt.termSlot[c]]));
    ws.debtLeft[c] = ws.debtTerm[c];
    ws.debtConstruction[c] = Math.round(param(theta, debt.constructionSlot[c], 0));
    ws.debtActive[c] = 1;
  }
  ws.idleRent.fill(0);
  const ev = model.events;
  for (let k = 0; k < ev.type.length; k++) {
    const u = rng.uniform();
    ws.eventOn[k] = u < param(theta, ev.probabilitySlot[k], 1) ? 1 : 0;
  }

  let sentiment = param(theta, w["sentiment.initial"], 0);
  let adoption = adoption0;
  let effShock = 1;
  // Share of the market's revenue the labs keep after efficiency shocks, and what the shocks' gainers win.
  let retained = 1;
  let vendorCut = 0;
  let gpuPrice = 1;
  let logRevenueShock = 0;
  let capability = 0;
  let previousRevenue = revenue0;
  let previousSaturation = 1;
  let frontierRef = Number.NaN;
  let frontierMax = 0;
  let expectedRevenueGrowthQ = expectedGrowth0;
  let expectedCapStep = expectedCapStep0;
  ws.revenueGain.fill(0);

  for (let t = 0; t < T; t++) {
    const years = t / 4;
    // 1. Events of this quarter.
    for (let k = 0; k < ev.type.length; k++) {
      if (ev.quarter[k] !== t || !ws.eventOn[k]) continue;
      const a = theta[ev.aSlot[k]];
      if (ev.type[k] === EVENT_CODES["efficiency-shock"]) {
        effShock *= a;
        // The price cut hits the competed segment; demand answers with elasticity ε (Jevons when ε > 1);
        // a share of the segment moves to the low-cost rival (or to free open models when there is none).
        const competed = param(theta, ev.competedSlot[k], 1);
        const segment =
          competed * (1 - param(theta, ev.bSlot[k], 0)) ** (1 - param(theta, ev.elasticitySlot[k], 0));
        const shift = param(theta, ev.shiftSlot[k], 0);
        if (ev.target[k] >= 0) ws.revenueGain[ev.target[k]] += retained * segment * shift;
        retained *= 1 - competed + segment * (1 - shift);
      } else if (ev.type[k] === EVENT_CODES["export-control"]) {
        ws.blocCut[ev.target[k]] = Math.max(ws.blocCut[ev.target[k]], a);
        vendorCut = Math.max(vendorCut, param(theta, ev.bSlot[k], 0));
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
    const efficiency = effGrowth ** years * effShock;
    const flopPerUsd = flopPerUsd0 * flopGrowth ** years;

    // 2. Market revenue: Bass adoption × value of capability × price per unit of capability.
    if (t > 0) adoption += 0.25 * (bassP + bassQ * adoption) * (1 - adoption);
    // Lead of last quarter's frontier over the open models, which trail it by `lag` quarters; before the start
    // the frontier rose on the trend, so an on-trend path keeps the premium at 1 from the first quarter.
    const past = t - 1 - lag >= 0 ? ws.capHistory[t - 1 - lag] : expectedCapStep0 * (t - 1 - lag);
    const lead = capability - past;
    const premium = floor + (1 - floor) * Math.min(1, Math.max(0, lead / leadRef));
    const price = (effGrowth ** years * effShock) ** -passThrough * premium;
    const zRevenue = rng.normal();
    logRevenueShock += volatility * zRevenue - 0.5 * volatility * volatility;
    const unsaturated =
      revenue0 *
      (adoption / adoption0) *
      Math.exp(elasticity * capability + logRevenueShock) *
      (price / (floor + (1 - floor)));
    // Saturation at the addressable market M: M·(1 − e^(−R/M)) ≈ R while R ≪ M, and never above M.
    const saturation =
      addressableQ < Number.POSITIVE_INFINITY && unsaturated > 0
        ? (-addressableQ * Math.expm1(-unsaturated / addressableQ)) / unsaturated
        : 1;
    const marketRevenue = unsaturated * saturation * revenueMultiplier;

    // 3. Lab shares among the living, cut by export controls.
    let shareTotal = 0;
    for (let i = 0; i < n; i++)
      if (role[i] === ROLE.lab && alive[i])
        shareTotal += shareWeight[i] * (1 - ws.blocCut[model.entities.bloc[i]]);

    // 4. Obligations due this quarter.
    const { extAssets, extLiab, owes, owed, contractDue } = ws;
    for (let i = 0; i < n; i++) {
      extAssets[i] = alive[i] ? cash[i] : 0;
      extLiab[i] = 0;
      owes[i] = 0;
      owed[i] = 0;
      contractDue[i] = 0;
      ws.revenue[i] = 0;
      ws.newDefault[i] = 0;
      ws.round[i] = 0;
      ws.capexDone[i] = 0;
    }
    for (let c = 0; c < top.ids.length; c++) {
      const b = top.buyer[c];
      const s = top.seller[c];
      let due = 0;
      const k = t - top.start[c];
      const term = ws.topTerm[c];
      if (ws.topActive[c] && alive[b] && alive[s] && k >= 0 && k < term) {
        const total = theta[top.totalSlot[c]];
        due = top.ramp[c] ? (total * (k + 1)) / ((term * (term + 1)) / 2) : total / term;
      }
      ws.topDue[c] = due;
      contractDue[b] += due;
      owes[b] += due;
      owed[s] += due;
    }
    for (let c = 0; c < debt.ids.length; c++) {
      ws.debtDue[c] = 0;
      ws.debtPrincipalDue[c] = 0;
      const b = debt.borrower[c];
      const uRefi = rng.uniform();
      if (t === debt.start[c] && t > 0) drawLoan(ws, debt.lender[c], b, c);
      if (!ws.debtActive[c] || t < debt.start[c] || !alive[b] || ws.debtOut[c] <= 0) continue;
      const out = ws.debtOut[c];
      let principal: number;
      if (debt.type[c] === DEBT_CODES.bond) principal = ws.debtLeft[c] <= 1 ? out : 0;
      else if (debt.type[c] !== DEBT_CODES["project-loan"]) principal = out / Math.max(1, ws.debtLeft[c]);
      else if (ws.debtConstruction[c] > 0) {
        // Construction: interest only.
        principal = 0;
        ws.debtConstruction[c]--;
      } else {
        // Converted term loan: level payments (an annuity) that repay it over the quarters left.
        const left = Math.max(1, ws.debtLeft[c]);
        const rateQ = ws.debtRate[c] / 4;
        principal = rateQ > 0 ? (out * rateQ) / ((1 + rateQ) ** left - 1) : out / left;
      }
      if (
        debt.type[c] === DEBT_CODES.bond &&
        principal > 0 &&
        uRefi < logistic(fundSlope * (sentiment - fundMid))
      ) {
        // Refinanced: the bond rolls for its original term at a rate widened by bad sentiment.
        principal = 0;
        ws.debtLeft[c] = ws.debtTerm[c] + 1;
        ws.debtRate[c] += spreadPerUnit * Math.max(0, -sentiment);
      }
      ws.debtPrincipalDue[c] = principal;
      ws.debtDue[c] = principal + (out * ws.debtRate[c]) / 4;
      owes[b] += ws.debtDue[c];
      owed[debt.lender[c]] += ws.debtDue[c];
    }

    // 5. Operating flows: revenue, serving and training compute, other costs, funding rounds.
    let computeSpend = 0;
    let labRevenue = 0;
    const gate = logistic(fundSlope * (sentiment - fundMid));
    // Treasury rule: principal of bonds maturing in the next four quarters (after this one) is held back from
    // capex, and a cloud short of it raises equity when it can.
    ws.reserve.fill(0);
    for (let c = 0; c < debt.ids.length; c++)
      if (ws.debtActive[c] && debt.type[c] === DEBT_CODES.bond && ws.debtLeft[c] >= 2 && ws.debtLeft[c] <= 5)
        ws.reserve[debt.borrower[c]] += ws.debtOut[c];
    for (let i = 0; i < n; i++) {
      const uFund = role[i] === ROLE.lab || role[i] === ROLE.cloud ? rng.uniform() : 0;
      ws.renewalSpend[i] = 0;
      ws.renewalReceipts[i] = 0;
      if (!alive[i]) continue;
      const otherFlow = ef(i, "otherCashFlowUsdBPerYear", 0) / 4;
      if (otherFlow >= 0) extAssets[i] += otherFlow;
      else extLiab[i] -= otherFlow;
      if (role[i] === ROLE.lab) {
        const cut = ws.blocCut[model.entities.bloc[i]];
        const share = shareTotal > 0 ? (shareWeight[i] * (1 - cut)) / shareTotal : 0;
        const rev = marketRevenue * (retained * share + ws.revenueGain[i]);
        ws.revenue[i] = rev;
        labRevenue += rev;
        extAssets[i] += rev;
        const ts = ef(i, "trainingShare", 0.5);
        const need = rev * (1 - ef(i, "servingGrossMargin", 0));
        const servingCapacity = (1 - ts) * contractDue[i];
        const spot = Math.max(0, need - servingCapacity);
        const trainingUsdB = contractDue[i] - Math.min(need, servingCapacity);
        const other = (ef(i, "otherCostUsdBPerYear", 0) / 4) * ef(i, "otherCostGrowthPerYear", 1) ** years;
        extLiab[i] += spot + other;
        computeSpend += contractDue[i] + spot;
        training[i * 4 + (t % 4)] = trainingUsdB * FLOP_PER_USDB * flopPerUsd * efficiency * (1 - cut);
        const round = ef(i, "fundingRoundUsdB", 0);
        const burn = owes[i] + spot + other - rev - Math.max(0, otherFlow);
        if (round > 0 && burn > 0 && cash[i] < 4 * burn && uFund < gate) extAssets[i] += round;
        // Roll-over rule: as contracts run out, the lab buys new compute until its spend reaches
        // renewalMultiple × revenue, the gated part scaled by the funding gate, from at most a share of what it
        // has left this quarter.
        if (renewalMultiple > 0) {
          const free = extAssets[i] - owes[i] - extLiab[i];
          const appetite = 1 - renewalSentimentWeight + renewalSentimentWeight * gate;
          ws.renewalSpend[i] = Math.min(
            Math.max(0, renewalMultiple * appetite * rev - contractDue[i] - spot),
            renewalCashShare * Math.max(0, free),
          );
        }
      } else if (role[i] === ROLE.cloud) {
        let toP = 0;
        for (let c = 0; c < top.ids.length; c++) if (top.seller[c] === i) toP += ws.topDue[c];
        extLiab[i] += ef(i, "operatingCostShare", 0) * toP;
        const round = ef(i, "fundingRoundUsdB", 0);
        const burn = owes[i] + extLiab[i] - owed[i] - Math.max(0, otherFlow);
        if (round > 0 && cash[i] < ws.reserve[i] + 4 * Math.max(0, burn) && uFund < gate)
          extAssets[i] += round;
      } else if (role[i] === ROLE.vendor) {
        extLiab[i] += ef(i, "otherCostUsdBPerYear", 0) / 4;
      }
    }

    if (renewalMultiple > 0)
      computeSpend += buyRenewals(model, ws, t, (FLOP_PER_USDB * flopPerUsd * efficiency) / gpuPrice, (i) =>
        ef(i, "operatingCostShare", 0),
      );

    // 6. Clearing: everyone pays in full if that is feasible; otherwise the finance engine clears.
    let feasible = true;
    for (let i = 0; i < n; i++) {
      if (extAssets[i] + owed[i] < owes[i] + extLiab[i] * (1 - 1e-12) - 1e-12) {
        feasible = false;
        break;
      }
    }
    const { paidFraction, received } = ws;
    if (feasible) {
      for (let i = 0; i < n; i++) {
        paidFraction[i] = 1;
        received[i] = owed[i];
      }
      ws.layerPaid.fill(1);
    } else {
      clearQuarter(model, ws, alpha, beta);
    }

    // 7. Cash after payments; losses of creditors; new defaults.
    for (let i = 0; i < n; i++) {
      if (!alive[i]) continue;
      const pbar = owes[i] + extLiab[i];
      cash[i] = extAssets[i] + received[i] - paidFraction[i] * pbar;
      if (ws.newDefault[i]) {
        const shortfall = pbar * (1 - paidFraction[i]);
        const available = extAssets[i] + received[i];
        const cost = Math.max(0, Math.min(pbar, available) - paidFraction[i] * pbar);
        const costShare = shortfall > 0 ? Math.min(1, cost / shortfall) : 0;
        const part = ws.round[i] > 1 ? PART.clearing : PART.direct;
        const lose = (kind: number, amount: number) => {
          ws.pathLoss[kind * NPARTS + PART.defaultCost] += amount * costShare;
          ws.pathLoss[kind * NPARTS + part] += amount * (1 - costShare);
          acc.lossSum[(kind * NPARTS + PART.defaultCost) * T + t] += amount * costShare;
          acc.lossSum[(kind * NPARTS + part) * T + t] += amount * (1 - costShare);
        };
        const L = ws.layers;
        const miss = (layer: number) => 1 - ws.layerPaid[i * L + layer - 1];
        for (let c = 0; c < top.ids.length; c++)
          if (top.buyer[c] === i) lose(ws.lossKind[top.seller[c]], ws.topDue[c] * miss(TOP_LAYER));
        for (let c = 0; c < debt.ids.length; c++)
          if (debt.borrower[c] === i) lose(ws.lossKind[debt.lender[c]], ws.debtDue[c] * miss(debt.layer[c]));
        lose(EXTERNAL, extLiab[i] * miss(EXTERNAL_LAYER));
      }
    }
    for (let c = 0; c < debt.ids.length; c++) {
      if (!ws.debtActive[c] || ws.debtDue[c] === 0) continue;
      ws.debtOut[c] -=
        ws.debtPrincipalDue[c] * ws.layerPaid[debt.borrower[c] * ws.layers + debt.layer[c] - 1];
      ws.debtLeft[c]--;
      if (ws.debtOut[c] <= 1e-12) ws.debtActive[c] = 0;
    }

    // 8. Resolution of new defaulters: fire-sell GPUs, pay secured then unsecured creditors, terminate contracts.
    for (let i = 0; i < n; i++) {
      if (!ws.newDefault[i]) continue;
      resolveDefault(model, ws, acc, i, t, decayQ, impactPerUsdB, gpuPrice, (p) => {
        gpuPrice = p;
      });
    }

    // 9. Capex (sentiment- and demand-gated, power- and cash-limited), vendor sales, fleet and power.
    let capexTotal = 0;
    let powerGw = 0;
    let strandedGw = 0;
    for (let i = 0; i < n; i++) {
      if (role[i] !== ROLE.cloud || !alive[i]) continue;
      const lifeQ = ws.lifeQ[i];
      const age0 = ws.age0[i];
      let fleetUsdB = 0;
      let rentCapacity = 0;
      const row = i * (T + 1);
      for (let v = 0; v <= t; v++) {
        const cost = vintage[row + v];
        if (cost === 0) continue;
        const age = v === 0 ? age0 + t : t - v + 1;
        if (age >= lifeQ) continue;
        fleetUsdB += cost;
        rentCapacity += cost * decayQ ** age * rentQ * gpuPrice;
      }
      const fleetGw = fleetUsdB / costPerGw;
      const powerCap =
        param(theta, slots[i * F + FIELD_COLUMN.powerGw], Number.POSITIVE_INFINITY) +
        ef(i, "powerBuildGwPerYear", 0) * years;
      let sells = ws.renewalReceipts[i] > 0;
      let receipts = ws.renewalReceipts[i];
      // Take-or-pay receipts of the contracts that still run next quarter: the capacity they hold is not idle.
      let continuing = 0;
      for (let c = 0; c < top.ids.length; c++) {
        if (top.seller[c] !== i) continue;
        sells = true;
        const paid = ws.topDue[c] * ws.layerPaid[top.buyer[c] * ws.layers + TOP_LAYER - 1];
        receipts += paid;
        if (ws.topActive[c] && t + 1 - top.start[c] < ws.topTerm[c]) continuing += paid;
      }
      // Demand gate: a rental cloud that sells compute builds less while its fleet earns under the target share
      // of what it could rent for.
      const utilisation = ws.rental[i] && sells && rentCapacity > 0 ? receipts / rentCapacity : 1;
      const demandGate = targetUtilisation > 0 ? Math.min(1, utilisation / targetUtilisation) : 1;
      const planned =
        (ef(i, "capexUsdBPerYear", 0) / 4) *
        ef(i, "capexGrowthPerYear", 1) ** years *
        Math.exp(capexSens * sentiment) *
        demandGate;
      const capex = Math.max(
        0,
        Math.min(planned, (powerCap - fleetGw) * costPerGw, 0.5 * (cash[i] - ws.reserve[i])),
      );
      cash[i] -= capex;
      vintage[row + t + 1] = capex;
      ws.capexDone[i] = capex;
      capexTotal += capex;
      const totalGw = fleetGw + capex / costPerGw;
      powerGw += totalGw;
      strandedGw += fleetGw * Math.max(0, 1 - utilisation);
      // Capacity free to rent next quarter (new GPUs included, contracts ending now released), for clouds that
      // are building out.
      ws.idleRent[i] =
        ef(i, "capexUsdBPerYear", 0) > 0
          ? Math.max(0, rentCapacity + capex * decayQ * rentQ * gpuPrice - continuing)
          : 0;
    }
    for (let i = 0; i < n; i++)
      if (role[i] === ROLE.vendor && alive[i])
        cash[i] += capexTotal * ef(i, "marketShare", 0) * (1 - vendorCut) * ef(i, "grossMargin", 0);
    gpuPrice += recovery * (1 - gpuPrice);

    // 10. Capability from frontier effective training compute (trailing four quarters).
    // The quarters before the start are back-filled on the trend, so the window starts in its steady state.
    // The frontier is the best ever reached: a lab that stops training does not un-learn its models.
    for (let i = 0; i < n; i++) {
      if (role[i] !== ROLE.lab) continue;
      if (t === 0)
        for (let k = 1; k < 4; k++) training[i * 4 + k] = training[i * 4] * trendGrowthQ ** (k - 4);
      if (!alive[i]) continue;
      const sum = training[i * 4] + training[i * 4 + 1] + training[i * 4 + 2] + training[i * 4 + 3];
      if (sum > frontierMax) frontierMax = sum;
    }
    const previousCapability = capability;
    if (t === 0) frontierRef = frontierMax > 0 ? Math.log10(frontierMax) : 0;
    const zCap = rng.normal();
    if (frontierMax > 0)
      capability =
        capabilityMultiplier * capabilityAt(curve, Math.log10(frontierMax) - frontierRef) + capNoise * zCap;
    ws.capHistory[t] = capability;

    // 11. Sentiment: capability and revenue surprises against expectations.
    const zSent = rng.normal();
    // Surprises are measured against what the market has learned (constant-gain adaptive expectations); at
    // t = 0 there is no past quarter to compare with. The market knows the size of its market, so the slowdown
    // that saturation brings is no surprise: growth is measured before saturation.
    const revenueGrowth =
      labRevenue > 0 && previousRevenue > 0
        ? Math.log(labRevenue / previousRevenue) - Math.log(saturation / previousSaturation)
        : -1;
    const capabilityStep = capability - previousCapability;
    if (t > 0) {
      sentiment =
        persistence * sentiment +
        wCap * (capabilityStep - expectedCapStep) +
        wRev * (revenueGrowth - expectedRevenueGrowthQ) +
        sentNoise * zSent;
      expectedCapStep += learningGain * (capabilityStep - expectedCapStep);
      expectedRevenueGrowthQ += learningGain * (revenueGrowth - expectedRevenueGrowthQ);
    } else sentiment = persistence * sentiment + sentNoise * zSent;
    previousRevenue = labRevenue;
    previousSaturation = saturation;

    // 12. Equity (book): cash + GPUs at book + loans receivable − debt + stakes (last quarter's issuer equity).
    updateEquity(model, ws, t);

    // 13. Record.
    for (let i = 0; i < n; i++) {
      record(acc, i, t, alive[i] ? cash[i] : 0);
      record(acc, n + i, t, ws.equity[i]);
      if (!alive[i]) acc.deadBy[i * T + t]++;
    }
    const g = 2 * n;
    // In the order of GLOBAL_SERIES.
    record(acc, g, t, labRevenue);
    record(acc, g + 1, t, computeSpend);
    record(acc, g + 2, t, computeSpend - labRevenue);
    record(acc, g + 3, t, strandedGw);
    record(acc, g + 4, t, powerGw);
    record(acc, g + 5, t, capability);
    record(acc, g + 6, t, sentiment);
    record(acc, g + 7, t, gpuPrice);
  }

  for (let kind = 0; kind < LOSS_KINDS.length; kind++) {
    let total = 0;
    for (let p = 0; p < NPARTS; p++) total += ws.pathLoss[kind * NPARTS + p];
    acc.lossTotalHist[kind * BINS + binOf(total)]++;
  }
  acc.paths++;
  if (keepSummary) acc.summaries.push(summarise(model, ws, pathIndex, capability, previousRevenue));
}

function summarise(
  model: EconomyModel,
  ws: PathWorkspace,
  path: number,
  capability: number,
  revenue: number,
): PathSummary {
  const defaults: Record<string, string> = {};
  model.entities.ids.forEach((id, i) => {
    if (ws.defaultQuarter[i] >= 0) defaults[id] = model.quarterLabels[ws.defaultQuarter[i]];
  });
  const losses: Record<string, number> = {};
  LOSS_KINDS.forEach((kind, k) => {
    let total = 0;
    for (let p = 0; p < NPARTS; p++) total += ws.pathLoss[k * NPARTS + p];
    if (total > 0) losses[kind] = total;
  });
  return { path, defaults, capabilityEnd: capability, revenueEnd: revenue, losses };
}

/**
 * Clears a quarter in which someone cannot pay in full, by seniority: the layered valuation of the finance
 * engine (Elsinger 2009: layer 1 — GPU-secured loans, senior site loans — paid first, pro rata within a layer)
 * from its greatest solution. Rogers–Veraart default costs are added by passes: a defaulter realises only
 * α·(external assets) + β·(receipts), so its external assets are lowered by (1 − α)·e + (1 − β)·r with r its
 * receipts of the previous pass (clamped at zero), until the defaulters and receipts settle. Sets paidFraction, layerPaid,
 * received, newDefault and round. Equity stakes stay out of the clearing (valued one quarter behind).
 */
export function clearQuarter(model: EconomyModel, ws: PathWorkspace, alpha: number, beta: number): void {
  const { n, layers: L } = ws;
  const ids = model.entities.ids;
  const top = model.takeOrPay;
  const debt = model.debt;
  ws.stressedQuarters++;
  const liabilities: LiabilitySpec[] = [];
  for (let c = 0; c < top.ids.length; c++)
    if (ws.topDue[c] > 0)
      liabilities.push({
        from: ids[top.buyer[c]],
        to: ids[top.seller[c]],
        amount: ws.topDue[c],
        layer: TOP_LAYER,
      });
  for (let c = 0; c < debt.ids.length; c++)
    if (ws.debtDue[c] > 0)
      liabilities.push({
        from: ids[debt.borrower[c]],
        to: ids[debt.lender[c]],
        amount: ws.debtDue[c],
        layer: debt.layer[c],
      });
  const { layerDue, layerPaid, received, extAssets } = ws;
  layerDue.fill(0);
  for (let i = 0; i < n; i++) layerDue[i * L + EXTERNAL_LAYER - 1] += ws.extLiab[i];
  for (let c = 0; c < top.ids.length; c++) layerDue[top.buyer[c] * L + TOP_LAYER - 1] += ws.topDue[c];
  for (let c = 0; c < debt.ids.length; c++)
    layerDue[debt.borrower[c] * L + debt.layer[c] - 1] += ws.debtDue[c];

  const firstRound = new Int32Array(n);
  const costed = new Uint8Array(n);
  received.set(ws.owed);
  for (let pass = 0; pass < MAX_COST_PASSES; pass++) {
    const nodes: NodeSpec[] = [];
    for (let i = 0; i < n; i++)
      nodes.push({
        id: ids[i],
        kind: model.entities.kinds[i],
        // Clamped at zero: a node whose costs exceed its external assets keeps β·r plus a little.
        externalAssets: costed[i]
          ? Math.max(0, alpha * extAssets[i] - (1 - beta) * received[i])
          : extAssets[i],
        externalLiabilities: ws.extLiab[i],
        externalLayer: EXTERNAL_LAYER,
      });
    const result = valueNetwork(compileNetwork({ nodes, liabilities }), { layered: true });
    if (!result.converged) throw new Error(`clearing did not converge: ${result.reason}`);
    let changed = false;
    for (let i = 0; i < n; i++) {
      for (let l = 0; l < L; l++) {
        const due = layerDue[i * L + l];
        layerPaid[i * L + l] =
          due > 0 && l < result.paymentsByLayer.length ? Math.min(1, result.paymentsByLayer[l][i] / due) : 1;
      }
      if (result.defaulted[i] && !costed[i]) {
        costed[i] = 1;
        // Defaulters of the first pass keep its round; those pushed over by default costs are contagion.
        firstRound[i] = pass === 0 ? result.defaultRound[i] : 2;
        changed = true;
      }
    }
    let moved = 0;
    const previous = Float64Array.from(received);
    receiptsFromLayers(model, ws);
    for (let i = 0; i < n; i++)
      moved = Math.max(moved, Math.abs(received[i] - previous[i]) / Math.max(1, ws.owed[i]));
    if (!changed && moved < 1e-12) break;
  }
  for (let i = 0; i < n; i++) {
    let paid = 0;
    let pbar = 0;
    for (let l = 0; l < L; l++) {
      paid += layerPaid[i * L + l] * layerDue[i * L + l];
      pbar += layerDue[i * L + l];
    }
    ws.paidFraction[i] = pbar > 0 ? paid / pbar : 1;
    if (costed[i] && ws.alive[i] && ws.paidFraction[i] < 1) {
      ws.newDefault[i] = 1;
      ws.round[i] = firstRound[i];
    }
  }
}

/** Receipts of every entity from the fractions paid by layer. */
function receiptsFromLayers(model: EconomyModel, ws: PathWorkspace): void {
  const { layers: L, received, layerPaid } = ws;
  const top = model.takeOrPay;
  const debt = model.debt;
  received.fill(0);
  for (let c = 0; c < top.ids.length; c++)
    received[top.seller[c]] += ws.topDue[c] * layerPaid[top.buyer[c] * L + TOP_LAYER - 1];
  for (let c = 0; c < debt.ids.length; c++)
    received[debt.lender[c]] += ws.debtDue[c] * layerPaid[debt.borrower[c] * L + debt.layer[c] - 1];
}

/**
 * Resolution rule: the defaulter's GPUs are sold at once at the fire-sale price; the proceeds repay its
 * GPU-secured lenders pro rata up to their remaining principal, then its other lenders pro rata; what is not
 * recovered is lost (the part due to the sale's price impact counted as fire-sale loss); its take-or-pay
 * contracts end; its equity is worthless; it leaves the model (its market share goes to the other labs).
 */
function resolveDefault(
  model: EconomyModel,
  ws: PathWorkspace,
  acc: Accumulator,
  i: number,
  t: number,
  decayQ: number,
  impactPerUsdB: number,
  gpuPrice: number,
  setGpuPrice: (price: number) => void,
): void {
  const { T } = ws;
  ws.alive[i] = 0;
  ws.defaultQuarter[i] = t;
  const part = ws.round[i] > 1 ? PART.clearing : PART.direct;
  const book = (kind: number, p: number, amount: number) => {
    if (amount <= 0) return;
    ws.pathLoss[kind * NPARTS + p] += amount;
    acc.lossSum[(kind * NPARTS + p) * T + t] += amount;
  };
  // Market value of the fleet before the sale, and the price impact of selling it.
  let marketValue = 0;
  const row = i * (T + 1);
  for (let v = 0; v <= t + 1 && v <= T; v++) {
    const cost = ws.vintage[row + v];
    if (cost === 0) continue;
    const age = v === 0 ? ws.age0[i] + t : t - v + 1;
    marketValue += cost * decayQ ** age;
    ws.vintage[row + v] = 0;
  }
  marketValue *= gpuPrice;
  const impact = Math.min(0.9, impactPerUsdB * marketValue);
  setGpuPrice(gpuPrice * (1 - impact));
  const proceeds = marketValue * (1 - impact);
  const debt = model.debt;
  let secured = 0;
  let unsecured = 0;
  for (let c = 0; c < debt.ids.length; c++) {
    ws.claim[c] = 0;
    if (debt.borrower[c] !== i || !ws.debtActive[c]) continue;
    ws.claim[c] = ws.debtOut[c];
    if (isSecured(debt.type[c])) secured += ws.claim[c];
    else unsecured += ws.claim[c];
  }
  const recover = (cash: number, c: number) => {
    const toSecured = Math.min(cash, secured);
    const rest = cash - toSecured;
    if (isSecured(debt.type[c])) return secured > 0 ? (toSecured * ws.claim[c]) / secured : 0;
    return unsecured > 0 ? (Math.min(rest, unsecured) * ws.claim[c]) / unsecured : 0;
  };
  for (let c = 0; c < debt.ids.length; c++) {
    if (ws.claim[c] <= 0) continue;
    const withSale = recover(proceeds, c);
    const withoutImpact = recover(marketValue, c);
    const kind = ws.lossKind[debt.lender[c]];
    book(kind, PART.fireSale, withoutImpact - withSale);
    book(kind, part, ws.claim[c] - withoutImpact);
    ws.debtOut[c] = 0;
    ws.debtActive[c] = 0;
  }
  // Equity stakes in the defaulter are lost at their last value.
  const stakes = model.stakes;
  for (let s = 0; s < stakes.holder.length; s++) {
    if (stakes.issuer[s] !== i) continue;
    book(ws.lossKind[stakes.holder[s]], part, ws.stakeFraction[s] * Math.max(0, ws.lastEquity[i]));
  }
  const top = model.takeOrPay;
  for (let c = 0; c < top.ids.length; c++) if (top.buyer[c] === i || top.seller[c] === i) ws.topActive[c] = 0;
  ws.cash[i] = 0;
}

/**
 * Roll-over purchases of the quarter: each lab's `renewalSpend`, scaled down pro rata if the clouds' idle
 * capacity (`idleRent`) cannot supply it all, is paid to the clouds in proportion to their idle capacity at
 * the prevailing rental price (`flopPerUsdB` already divided by the GPU price index) and goes to training.
 * The lab pays from this quarter's free cash, so it can always pay; the cloud bears its operating cost share.
 * Returns the total bought, usdB.
 */
function buyRenewals(
  model: EconomyModel,
  ws: PathWorkspace,
  t: number,
  flopPerUsdB: number,
  operatingCostShare: (i: number) => number,
): number {
  const { n } = ws;
  const role = model.entities.role;
  let demand = 0;
  let idle = 0;
  for (let i = 0; i < n; i++) {
    if (!ws.alive[i]) continue;
    if (role[i] === ROLE.lab) demand += ws.renewalSpend[i];
    else if (role[i] === ROLE.cloud) idle += ws.idleRent[i];
  }
  if (demand <= 0 || idle <= 0) return 0;
  const bought = Math.min(demand, idle);
  const scale = bought / demand;
  for (let i = 0; i < n; i++) {
    if (!ws.alive[i]) continue;
    if (role[i] === ROLE.lab && ws.renewalSpend[i] > 0) {
      const spend = ws.renewalSpend[i] * scale;
      ws.extAssets[i] -= spend;
      ws.training[i * 4 + (t % 4)] += spend * flopPerUsdB * (1 - ws.blocCut[model.entities.bloc[i]]);
    } else if (role[i] === ROLE.cloud && ws.idleRent[i] > 0) {
      const pay = (bought * ws.idleRent[i]) / idle;
      ws.renewalReceipts[i] = pay;
      ws.extAssets[i] += pay;
      ws.extLiab[i] += operatingCostShare(i) * pay;
    }
  }
  return bought;
}

/**
 * A loan that starts after the scenario start is drawn then: the lender pays the principal to the borrower (at
 * most the lender's cash). It is not made if either has defaulted.
 */
function drawLoan(ws: PathWorkspace, lender: number, borrower: number, c: number): void {
  const draw =
    ws.alive[lender] && ws.alive[borrower] ? Math.min(ws.debtOut[c], Math.max(0, ws.cash[lender])) : 0;
  ws.cash[lender] -= draw;
  ws.extAssets[lender] -= draw;
  ws.cash[borrower] += draw;
  ws.extAssets[borrower] += draw;
  ws.debtOut[c] = draw;
  if (draw <= 0) ws.debtActive[c] = 0;
}

/** Book equity of every living entity; stakes are valued at their issuer's equity of the previous quarter. */
function updateEquity(model: EconomyModel, ws: PathWorkspace, t: number): void {
  const { n, T } = ws;
  ws.lastEquity.set(ws.equity);
  for (let i = 0; i < n; i++) {
    if (!ws.alive[i]) {
      ws.equity[i] = 0;
      continue;
    }
    let value = ws.cash[i];
    const row = i * (T + 1);
    for (let v = 0; v <= t + 1 && v <= T; v++) {
      const cost = ws.vintage[row + v];
      if (cost === 0) continue;
      const age = v === 0 ? ws.age0[i] + t : t - v + 1;
      value += cost * Math.max(0, 1 - age / ws.lifeQ[i]);
    }
    ws.equity[i] = value;
  }
  const debt = model.debt;
  for (let c = 0; c < debt.ids.length; c++) {
    if (!ws.debtActive[c]) continue;
    if (ws.alive[debt.borrower[c]]) ws.equity[debt.borrower[c]] -= ws.debtOut[c];
    if (ws.alive[debt.lender[c]]) ws.equity[debt.lender[c]] += ws.debtOut[c];
  }
  const stakes = model.stakes;
  for (let s = 0; s < stakes.holder.length; s++) {
    const h = stakes.holder[s];
    if (ws.alive[h]) ws.equity[h] += ws.stakeFraction[s] * Math.max(0, ws.lastEquity[stakes.issuer[s]]);
  }
}
