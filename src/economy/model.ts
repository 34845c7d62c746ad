/**
 * The compiled economy: structure (who, which contracts, which events) as typed arrays, and for every number
 * the slot of the parameter vector θ that holds it (−1 = absent: the documented default applies). One model
 * serves all Monte Carlo paths; each path supplies its own θ.
 */

import type { WorldField } from "./declarations.js";
import type { EntityKind } from "./kinds.js";

/** Capability curve shapes, by code: 0 continues, 1 ceiling, 2 broken, 3 s-curve, 4 evidence. */
export const SHAPE_CODES = { continues: 0, ceiling: 1, broken: 2, "s-curve": 3, evidence: 4 } as const;

/** Debt type codes (a facility has the code of the debt it draws). */
export const DEBT_CODES = {
  "gpu-loan": 0,
  bond: 1,
  "vendor-financing": 2,
  "project-loan": 3,
  revolver: 4,
} as const;

/** Event type codes. */
export const EVENT_CODES = { "efficiency-shock": 0, "export-control": 1, "share-loss": 2 } as const;

export interface EconomyModel {
  /** Quarters simulated. */
  quarters: number;
  /** Decimal year of the first quarter (2026Q1 → 2026.0). */
  startDecimalYear: number;
  /** Place of the first quarter in its year, 0 (Q1) to 3 (Q4). */
  startQuarterOfYear: number;
  /** Labels of the quarters, "2026Q1", …. */
  quarterLabels: string[];
  /** Length of θ. */
  parameterCount: number;
  /** Slot of each world field (−1 = absent). */
  world: Record<WorldField, number>;
  /** Capability shape code (SHAPE_CODES). */
  shape: number;
  /** evidence: the replicates' gain profiles — offsets (OOM), gains by replicate (row-major, one row of
   * `offsets.length` each) and their cumulative weights (normalised to end at 1); empty otherwise. */
  evidence: { offsets: Float64Array; gains: Float64Array; cumulativeWeight: Float64Array };
  entities: {
    ids: string[];
    kinds: EntityKind[];
    /** ROLE code per entity. */
    role: Int32Array;
    /** Bloc index per entity (into `blocs`). */
    bloc: Int32Array;
    /** Slots, row-major n × ENTITY_FIELDS.length (declarations.ts; −1 = absent). */
    slots: Int32Array;
    /** Investors of entity i (who pay for its funding rounds) are `investor[investorStart[i] … investorStart[i+1]−1]`
     * (none: outside investors), each with the index into `stakes` of its stake in i. */
    investorStart: Int32Array;
    investor: Int32Array;
    investorStake: Int32Array;
    /** Acquirers of entity i, in order of preference: `acquirer[acquirerStart[i] … acquirerStart[i+1]−1]`. */
    acquirerStart: Int32Array;
    acquirer: Int32Array;
    /** The cloud whose own fleet lab i trains on, or −1. */
    trainsOn: Int32Array;
  };
  blocs: string[];
  takeOrPay: {
    ids: string[];
    buyer: Int32Array;
    seller: Int32Array;
    totalSlot: Int32Array;
    termSlot: Int32Array;
    /** First quarter (0 = scenario start). */
    start: Int32Array;
    /** 1 = payments grow linearly, 0 = flat. */
    ramp: Uint8Array;
    /** Slots of the break interval and the break fee share (−1 = no break / no fee). */
    breakSlot: Int32Array;
    breakFeeSlot: Int32Array;
    /** 1 = an offtake pool (buyer × rental cloud, signed during the run, constant maturity; its term slot is
     * `compute.offtakeTermQuarters`), 0 = a contract of the scenario. */
    pool: Uint8Array;
  };
  debt: {
    ids: string[];
    borrower: Int32Array;
    lender: Int32Array;
    principalSlot: Int32Array;
    rateSlot: Int32Array;
    termSlot: Int32Array;
    /** Project loans: slot of the interest-only (construction) quarters (−1 = none). */
    constructionSlot: Int32Array;
    start: Int32Array;
    /** DEBT_CODES. */
    type: Int32Array;
    /** Seniority layer, 1 = most senior. */
    layer: Int32Array;
    /** Bonds: 1 = a ladder of equal quarterly maturities over the term, 0 = a bullet. */
    ladder: Uint8Array;
    /** 1 = drawn in its start quarter (a `start` was given), 0 = running at the scenario start. */
    drawnAtStart: Uint8Array;
    /** 1 = a financing facility: a pool that capex draws on (principal 0 at the start, constant maturity). */
    facility: Uint8Array;
    /** Facilities: slots of the commitment and the advance rate (−1 otherwise). */
    commitmentSlot: Int32Array;
    advanceSlot: Int32Array;
    /** Loans against a stake: index into `stakes` of the collateral (−1 = none) and slot of the loan-to-value
     * limit that triggers a margin call (−1 = none). */
    collateral: Int32Array;
    maxLtvSlot: Int32Array;
  };
  /** Tranche investments: investor, issuer, the investor's stake in it (index into `stakes`), first quarter, and the
   * slots of the amount per GW, the maximum and the capacity share (−1 = default 1). */
  tranches: {
    investor: Int32Array;
    issuer: Int32Array;
    stake: Int32Array;
    start: Int32Array;
    perGwSlot: Int32Array;
    maxSlot: Int32Array;
    shareSlot: Int32Array;
  };
  /** Warrants vesting with the holder's deployed capacity: holder, issuer, the holder's stake in it, first quarter,
   * and the slots of the full fraction, the GW for full vesting and the capacity share (−1 = default 1). */
  warrants: {
    holder: Int32Array;
    issuer: Int32Array;
    stake: Int32Array;
    start: Int32Array;
    fractionSlot: Int32Array;
    vestingSlot: Int32Array;
    shareSlot: Int32Array;
  };
  stakes: {
    holder: Int32Array;
    issuer: Int32Array;
    /** Slot of the fraction held at the start (−1: a stake that only a funding round creates). */
    fractionSlot: Int32Array;
  };
  events: {
    /** EVENT_CODES. */
    type: Int32Array;
    /** Quarter index (may lie outside the horizon: then it never happens). */
    quarter: Int32Array;
    /** Slot of the probability (−1 = certain). */
    probabilitySlot: Int32Array;
    /** multiplier / computeCut / fraction. */
    aSlot: Int32Array;
    /** priceCut / vendorSalesCut (−1 = none). */
    bSlot: Int32Array;
    /** Bloc index (export control), lab index (share loss) or gaining lab (efficiency shock); −1 otherwise. */
    target: Int32Array;
    /** Efficiency shock: slots of competedShare, priceElasticity, shareShift (−1 = absent). */
    competedSlot: Int32Array;
    elasticitySlot: Int32Array;
    shiftSlot: Int32Array;
  };
}

/** Value of slot `slot` in θ, or `fallback` when the slot is absent. */
export function param(theta: Float64Array, slot: number, fallback: number): number {
  return slot < 0 ? fallback : theta[slot];
}
