/**
 * The scenario file format (YAML), as zod schemas and the TypeScript types they produce. Money is in billions of
 * US dollars (`usdB`), time in quarters (`"2026Q1"`), power in GW. Every number is a `Quantity`: a fixed `value`
 * or a `dist`ribution, plus its provenance — a `source` (document, locator, date) or `assumption: true` with a
 * plausible `range` and a one-line `reason`. The format is described with an example in docs/scenario.md.
 */
import { z } from "zod";
import { CONTRACT_PARAMETERS, EVENT_PARAMETERS } from "../economy/declarations.js";
import { ENTITY_KINDS } from "../economy/kinds.js";
import { CORRELATION_PARAMETERS } from "./declared.js";
import { entityNumbersShape, numberSchema, type WorldGroup, worldGroupShape } from "./generated.js";
import { sourceSchema } from "./quantity.js";

export type { Domain } from "../economy/parameters.js";
export {
  type Distribution,
  distributionSchema,
  type Quantity,
  quantity,
  type Source,
  sourceSchema,
} from "./quantity.js";

/** A quarter, `"2026Q1"`. */
export const quarterSchema = z.string().regex(/^\d{4}Q[1-4]$/, 'expected a quarter like "2026Q1"');

const idSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "ids are letters, digits, '.', '_', '-'");

export { CLOUD_KINDS, ENTITY_KINDS, type EntityKind, HOLDER_KINDS } from "../economy/kinds.js";

/**
 * One entity: its id, kind, name and bloc, and its numbers as the rules declare them (docs/parameters.md). Which
 * numbers apply depends on `kind` (those a kind must give are checked by the loader): lab — share,
 * trainingShare, servingGrossMargin, otherCostUsdBPerYear; clouds — accountingLifeYears; chip-vendor —
 * marketShare, grossMargin; holders — cash only.
 */
export const entitySchema = z
  .object({
    id: idSchema,
    kind: z.enum(ENTITY_KINDS),
    /** Display name, e.g. "OpenAI". */
    name: z.string().optional(),
    /** Export-control bloc, e.g. "us" or "china"; default "us". */
    bloc: z.string().optional(),
    /** Entities that pay for this entity's funding rounds (lead investors or its parent), pro rata to their free
     * cash; default outside investors. */
    investors: z.array(idSchema).min(1).max(16).optional(),
    /** Clouds that would buy this cloud's fleet and contracts as a going concern if it defaulted, in order of
     * preference (the first with the cash pays the fleet's market value); default none (liquidation). */
    acquirers: z.array(idSchema).min(1).max(16).optional(),
    /** Lab: the cloud whose own AI fleet it trains on (its parent: Google DeepMind on Alphabet's), for
     * `fleetShare` of that fleet's capacity on top of its contracts; default none. */
    trainsOn: idSchema.optional(),
    ...entityNumbersShape(),
  })
  .strict();
export type EntitySpec = z.infer<typeof entitySchema>;

const termFields = {
  id: idSchema,
  /** Start quarter; default the scenario's start (then the contract is already running). */
  start: quarterSchema.optional(),
};

/** Take-or-pay compute: `buyer` (a lab) pays `seller` (a cloud) whether or not it uses the compute. */
export const takeOrPaySchema = z
  .object({
    ...termFields,
    type: z.literal("take-or-pay"),
    buyer: idSchema,
    seller: idSchema,
    totalUsdB: numberSchema(CONTRACT_PARAMETERS.totalUsdB),
    termQuarters: numberSchema(CONTRACT_PARAMETERS.termQuarters),
    /** `flat`: equal payments; `ramp`: payments grow linearly (the k-th ∝ k); default flat. */
    profile: z.enum(["flat", "ramp"]).optional(),
    breakQuarters: numberSchema(CONTRACT_PARAMETERS.breakQuarters).optional(),
    breakFeeShare: numberSchema(CONTRACT_PARAMETERS.breakFeeShare).optional(),
  })
  .strict();

/**
 * Debt: `gpu-loan` (amortising, secured on the borrower's GPUs, seniority layer 1), `bond` (bullet, unsecured,
 * layer 2, refinanced at maturity while markets are open), `vendor-financing` (amortising, layer 2),
 * `project-loan` (a site's construction loan: interest only for `constructionQuarters`, then converted into a
 * term loan with level payments that repay it by the end of `termQuarters`; secured, layer 1).
 */
const debtFields = {
  ...termFields,
  borrower: idSchema,
  lender: idSchema,
  principalUsdB: numberSchema(CONTRACT_PARAMETERS.principalUsdB),
  rateAnnual: numberSchema(CONTRACT_PARAMETERS.rateAnnual),
  termQuarters: numberSchema(CONTRACT_PARAMETERS.termQuarters),
  /** Seniority layer, 1 = most senior; default by type. */
  layer: z.number().int().min(1).max(8).optional(),
  /** Id of the borrower's equity stake pledged for the loan (a margin loan): the lender takes it in a default. */
  collateral: idSchema.optional(),
  maxLoanToValue: numberSchema(CONTRACT_PARAMETERS.maxLoanToValue).optional(),
};

export const projectLoanSchema = z
  .object({
    ...debtFields,
    type: z.literal("project-loan"),
    constructionQuarters: numberSchema(CONTRACT_PARAMETERS.constructionQuarters),
  })
  .strict();

export const debtSchema = z
  .object({
    ...debtFields,
    type: z.enum(["gpu-loan", "vendor-financing"]),
  })
  .strict();

/** A bond, or a block of bonds: `bullet` (one maturity at the end of the term) or `ladder` (equal maturities every
 * quarter of the term, as a block of staggered issues); default bullet. */
export const bondSchema = z
  .object({
    ...debtFields,
    type: z.literal("bond"),
    maturity: z.enum(["bullet", "ladder"]).optional(),
  })
  .strict();

/**
 * A financing facility: new debt the borrower draws to pay for capex, up to `commitmentUsdB` in all and
 * `advanceRate` of a quarter's planned capex (`loan: gpu-loan` — a delayed-draw term loan secured on the GPUs it
 * buys, amortising over `termQuarters`; `loan: bond` — a programme of new issues, a ladder over `termQuarters`,
 * open only while the borrower's EDF allows; `loan: revolver` — a revolving credit facility drawn when the
 * borrower is short of cash for the quarter's obligations, up to `commitmentUsdB` outstanding, unsecured, repaid
 * over `termQuarters`; `advanceRate` does not apply to it). Without `rateAnnual` each draw pays the risk-free rate
 * plus the borrower's spread at the time.
 */
export const facilitySchema = z
  .object({
    ...termFields,
    type: z.literal("facility"),
    loan: z.enum(["gpu-loan", "bond", "revolver"]),
    borrower: idSchema,
    lender: idSchema,
    commitmentUsdB: numberSchema(CONTRACT_PARAMETERS.commitmentUsdB),
    advanceRate: numberSchema(CONTRACT_PARAMETERS.advanceRate),
    termQuarters: numberSchema(CONTRACT_PARAMETERS.termQuarters),
    rateAnnual: numberSchema(CONTRACT_PARAMETERS.rateAnnual).optional(),
    maxLoanToValue: numberSchema(CONTRACT_PARAMETERS.maxLoanToValue).optional(),
    /** Seniority layer, 1 = most senior; default by `loan`. */
    layer: z.number().int().min(1).max(8).optional(),
  })
  .strict();

/**
 * A vendor's investment in its customer, paid in tranches as the customer's capacity is deployed: `amountPerGwUsdB`
 * for each whole gigawatt its contracts pay for (times `capacityShare`), up to `maxUsdB`, for new shares at the
 * customer's value.
 */
export const trancheInvestmentSchema = z
  .object({
    ...termFields,
    type: z.literal("tranche-investment"),
    investor: idSchema,
    issuer: idSchema,
    amountPerGwUsdB: numberSchema(CONTRACT_PARAMETERS.amountPerGwUsdB),
    maxUsdB: numberSchema(CONTRACT_PARAMETERS.maxUsdB),
    capacityShare: numberSchema(CONTRACT_PARAMETERS.capacityShare).optional(),
  })
  .strict();

/**
 * A warrant on `issuer`'s shares that vests as `holder`'s capacity is deployed: `fraction` of the issuer in equal
 * tranches per whole GW up to `vestingGw` (the holder's contracts' GW times `capacityShare`), at next to no cost.
 */
export const warrantSchema = z
  .object({
    ...termFields,
    type: z.literal("warrant"),
    holder: idSchema,
    issuer: idSchema,
    fraction: numberSchema(CONTRACT_PARAMETERS.fraction),
    vestingGw: numberSchema(CONTRACT_PARAMETERS.vestingGw),
    capacityShare: numberSchema(CONTRACT_PARAMETERS.capacityShare).optional(),
  })
  .strict();

/** `holder` owns `fraction` of `issuer`'s equity; circular stakes are allowed. */
export const equityStakeSchema = z
  .object({
    ...termFields,
    type: z.literal("equity-stake"),
    holder: idSchema,
    issuer: idSchema,
    fraction: numberSchema(CONTRACT_PARAMETERS.fraction),
  })
  .strict();

export const contractSchema = z.discriminatedUnion("type", [
  takeOrPaySchema,
  debtSchema,
  bondSchema,
  projectLoanSchema,
  facilitySchema,
  trancheInvestmentSchema,
  warrantSchema,
  equityStakeSchema,
]);
export type TakeOrPaySpec = z.infer<typeof takeOrPaySchema>;
export type DebtSpec =
  | z.infer<typeof debtSchema>
  | z.infer<typeof bondSchema>
  | z.infer<typeof projectLoanSchema>
  | z.infer<typeof facilitySchema>;
export type EquityStakeSpec = z.infer<typeof equityStakeSchema>;
export type TrancheInvestmentSpec = z.infer<typeof trancheInvestmentSchema>;
export type WarrantSpec = z.infer<typeof warrantSchema>;

/** The two parties of a contract, as (field, entity id) pairs: the one that pays or holds first. */
export function contractParties(c: ContractSpec): [[string, string], [string, string]] {
  if (c.type === "take-or-pay")
    return [
      ["buyer", c.buyer],
      ["seller", c.seller],
    ];
  if (c.type === "equity-stake" || c.type === "warrant")
    return [
      ["holder", c.holder],
      ["issuer", c.issuer],
    ];
  if (c.type === "tranche-investment")
    return [
      ["investor", c.investor],
      ["issuer", c.issuer],
    ];
  return [
    ["borrower", c.borrower],
    ["lender", c.lender],
  ];
}
export type ContractSpec = z.infer<typeof contractSchema>;

const eventFields = {
  /** Optional id, used in parameter paths (`events.<id>.<field>`); default the index. */
  id: idSchema.optional(),
  /** Quarter in which the event happens. */
  quarter: quarterSchema,
  probability: numberSchema(EVENT_PARAMETERS.probability).optional(),
};

export const eventSchema = z.discriminatedUnion("type", [
  /** A rival reaches the frontier for a fraction of the cost: efficiency jumps and prices fall once. */
  z
    .object({
      ...eventFields,
      type: z.literal("efficiency-shock"),
      multiplier: numberSchema(EVENT_PARAMETERS.multiplier),
      priceCut: numberSchema(EVENT_PARAMETERS.priceCut),
      competedShare: numberSchema(EVENT_PARAMETERS.competedShare).optional(),
      priceElasticity: numberSchema(EVENT_PARAMETERS.priceElasticity).optional(),
      shareShift: numberSchema(EVENT_PARAMETERS.shareShift).optional(),
      /** Lab that wins the shifted revenue; default none (it leaves the labs: free open-weight models). */
      gainer: idSchema.optional(),
    })
    .strict(),
  /** Export controls: the labs of `bloc` lose part of their compute; chip vendors lose sales. */
  z
    .object({
      ...eventFields,
      type: z.literal("export-control"),
      bloc: z.string().min(1),
      computeCut: numberSchema(EVENT_PARAMETERS.computeCut),
      vendorSalesCut: numberSchema(EVENT_PARAMETERS.vendorSalesCut).optional(),
    })
    .strict(),
  /** A lab loses part of its market share, redistributed to the other labs pro rata. */
  z
    .object({
      ...eventFields,
      type: z.literal("share-loss"),
      lab: idSchema,
      fraction: numberSchema(EVENT_PARAMETERS.fraction),
    })
    .strict(),
]);
export type EventSpec = z.infer<typeof eventSchema>;

export const CAPABILITY_SHAPES = ["continues", "ceiling", "broken", "s-curve", "evidence"] as const;
export type CapabilityShape = (typeof CAPABILITY_SHAPES)[number];

/**
 * Where an `evidence` curve comes from: `wallcast bend` on a dataset (a data reference such as
 * `obsscaling:base_llm_benchmark_eval.csv` or a CSV file), scale column x (compute), metric column y.
 */
export const evidenceSourceSchema = z
  .object({
    method: z.literal("bend"),
    /** Data reference or CSV path, as `wallcast bend` takes it. */
    dataset: z.string().min(1),
    /** Compute column (FLOP, times `xScale`). */
    x: z.string().min(1),
    /** Metric column. */
    y: z.string().min(1),
    /** Multiplier that turns x into FLOP (e.g. 1e21 for a column in units of 1e21 FLOP). Default 1. */
    xScale: z.number().positive().default(1),
    /** A score (higher is better) rather than a loss. Default false. */
    higherIsBetter: z.boolean().default(false),
    /** Best possible value of a score. Default 1 (100 when the column is in per cent). */
    ceiling: z.number().finite().optional(),
    /** OOM past the last point the profiles reach (the wall probability's horizon). Default 2. */
    withinOom: z.number().positive().max(10).default(2),
    /** Bootstrap replicates. Default 200. */
    bootstrap: z.number().int().min(10).max(2000).default(200),
    /** Bootstrap seed. Default 1. */
    seed: z.number().int().min(0).default(1),
  })
  .strict();
/** The fit an evidence curve comes from (defaults applied). */
export type EvidenceSource = z.infer<typeof evidenceSourceSchema>;

/**
 * An `evidence` curve as data: the gain per OOM of each bootstrap replicate relative to its gain at the start, at
 * `offsets` OOM above it, with the replicate's weight. A path draws one replicate in proportion to its weight.
 */
export const evidenceTableSchema = z
  .object({
    offsets: z.array(z.number().finite().min(0)).min(2),
    replicates: z
      .array(
        z
          .object({
            weight: z.number().finite().min(0),
            relativeGain: z.array(z.number().finite().min(0)).min(2),
          })
          .strict(),
      )
      .min(1),
  })
  .strict()
  .refine((t) => t.replicates.every((r) => r.relativeGain.length === t.offsets.length), {
    message: "each replicate needs one relative gain per offset",
  })
  .refine((t) => t.offsets[0] === 0 && t.offsets.every((o, k) => k === 0 || o > t.offsets[k - 1]), {
    message: "offsets must start at 0 and increase",
  })
  .refine((t) => t.replicates.some((r) => r.weight > 0), { message: "the weights must not all be 0" });
/** An evidence curve's bootstrap replicates: gain profiles relative to the start's gain, with their weights. */
export type EvidenceTable = z.infer<typeof evidenceTableSchema>;

/**
 * World-level parameters: technology, demand, market value, credit, GPUs, clearing. Each group's numbers come from the
 * rules' declarations (`world.<group>.<field>` is declared as `group.field`; docs/parameters.md). The groups and
 * their order are the file format's: parameter slots, and so the random draws, follow this order.
 */
export const worldSchema = z
  .object({
    efficiency: z.object(worldGroupShape("efficiency")).strict(),
    compute: z.object(worldGroupShape("compute")).strict(),
    capability: z
      .object({
        /** continues: linear in log compute; ceiling: saturates; broken: slope changes; s-curve: tops out in topYear;
         * evidence: a bootstrap replicate of a fit to data per path (`from`, or the table in `evidence`). */
        shape: z.enum(CAPABILITY_SHAPES),
        /** evidence: the fit the curve comes from; the loader turns it into `evidence`. */
        from: evidenceSourceSchema.optional(),
        /** evidence: the replicates' gain profiles (written by the loader from `from`, or given). */
        evidence: evidenceTableSchema.optional(),
        ...worldGroupShape("capability"),
      })
      .strict(),
    revenue: z.object(worldGroupShape("revenue")).strict(),
    market: z.object(worldGroupShape("market")).strict(),
    credit: z.object(worldGroupShape("credit")).strict(),
    gpu: z.object(worldGroupShape("gpu")).strict(),
    clearing: z.object(worldGroupShape("clearing")).strict(),
  } satisfies Record<WorldGroup, z.ZodType>)
  .strict();
export type WorldSpec = z.infer<typeof worldSchema>;

/** Correlation of two distributed parameters, named by parameter path (see `parameterPaths`). */
export const correlationSchema = z
  .object({
    a: z.string().min(1),
    b: z.string().min(1),
    rho: numberSchema(CORRELATION_PARAMETERS.rho),
  })
  .strict();
export type CorrelationSpec = z.infer<typeof correlationSchema>;

export const scenarioSchema = z
  .object({
    /** Scenario name, e.g. "default". */
    name: z.string().min(1),
    description: z.string().optional(),
    /** First simulated quarter. */
    start: quarterSchema,
    /** Number of quarters simulated, ≥ 1. */
    horizonQuarters: z
      .number()
      .int("horizonQuarters must be a whole number")
      .min(1, "horizonQuarters must be ≥ 1")
      .max(400, "horizonQuarters must be ≤ 400"),
    /** Named sources that quantities cite by key (`source: figures-3`). */
    sources: z.record(z.string(), sourceSchema).default({}),
    world: worldSchema,
    entities: z.array(entitySchema).min(1),
    contracts: z.array(contractSchema).default([]),
    events: z.array(eventSchema).default([]),
    correlations: z.array(correlationSchema).default([]),
  })
  .strict();
/** A parsed scenario file, defaults applied: money in usdB, time in quarters, power in GW. */
export type Scenario = z.infer<typeof scenarioSchema>;
