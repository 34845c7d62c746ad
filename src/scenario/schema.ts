/**
 * The scenario file format (YAML), as zod schemas and the TypeScript types they produce. Money is in billions of
 * US dollars (`usdB`), time in quarters (`"2026Q1"`), power in GW. Every number is a `Quantity`: a fixed `value`
 * or a `dist`ribution, plus its provenance — a `source` (document, locator, date) or `assumption: true` with a
 * plausible `range` and a one-line `reason`. The format is described with an example in docs/scenario.md.
 */
import { z } from "zod";
import { ENTITY_KINDS } from "../economy/kinds.js";

/** Where a number comes from: the document, the table/figure/page inside it, and its date. */
export const sourceSchema = z
  .object({
    document: z.string().min(1),
    locator: z.string().min(1),
    date: z.string().min(1),
  })
  .strict();
export type Source = z.infer<typeof sourceSchema>;

const finite = z.number().finite();

/** A probability distribution of a parameter; drawn once per Monte Carlo path (Gaussian copula if correlated). */
export const distributionSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("normal"), mean: finite, sd: finite }).strict(),
  /** `median` = e^μ, `sigma` = σ of log X. */
  z.object({ kind: z.literal("lognormal"), median: finite, sigma: finite }).strict(),
  z.object({ kind: z.literal("uniform"), lo: finite, hi: finite }).strict(),
  z.object({ kind: z.literal("triangular"), lo: finite, mode: finite, hi: finite }).strict(),
  /** Beta(alpha, beta) scaled to [lo, hi] (default [0, 1]). */
  z
    .object({
      kind: z.literal("beta"),
      alpha: finite,
      beta: finite,
      lo: finite.optional(),
      hi: finite.optional(),
    })
    .strict(),
]);
export type Distribution = z.infer<typeof distributionSchema>;

/** The raw shape of a number in a scenario, before domain checks. */
const quantityObject = z
  .object({
    /** A fixed value. Exactly one of `value` and `dist`. */
    value: finite.optional(),
    /** A distribution. Exactly one of `value` and `dist`. */
    dist: distributionSchema.optional(),
    /** Unit, free text, for readers (the field name already fixes the unit the engine uses). */
    unit: z.string().optional(),
    /** A source, or the key of one in the scenario's top-level `sources` map. */
    source: z.union([sourceSchema, z.string().min(1)]).optional(),
    assumption: z.literal(true).optional(),
    /** Plausible range [lo, hi] of an assumption. */
    range: z.tuple([finite, finite]).optional(),
    /** One line: why this assumption. */
    reason: z.string().min(1).optional(),
  })
  .strict();
export type Quantity = z.infer<typeof quantityObject>;

/** Domain of a parameter: values (and fixed draws) outside [lo, hi] are errors; samples are clamped to it. */
export interface Domain {
  lo: number;
  hi: number;
  /** Whole numbers only (terms in quarters); samples are rounded. */
  integer?: boolean;
}

const ANY: Domain = { lo: -Infinity, hi: Infinity };

function checkDistribution(d: Distribution, domain: Domain, ctx: z.RefinementCtx): void {
  const bad = (field: string, message: string, value: unknown) =>
    ctx.addIssue({ code: "custom", path: ["dist", field], message, input: value });
  switch (d.kind) {
    case "normal":
      if (!(d.sd > 0)) bad("sd", "sd must be > 0", d.sd);
      if (d.mean < domain.lo || d.mean > domain.hi) bad("mean", outside(domain), d.mean);
      break;
    case "lognormal":
      if (!(d.median > 0)) bad("median", "median must be > 0", d.median);
      if (!(d.sigma > 0)) bad("sigma", "sigma must be > 0", d.sigma);
      if (domain.lo > 0 || d.median > domain.hi)
        bad("median", `lognormal needs a domain ⊇ (0, ∞); ${outside(domain)}`, d.median);
      break;
    case "uniform":
      if (!(d.lo < d.hi)) bad("hi", "hi must be > lo", d.hi);
      if (d.lo < domain.lo || d.hi > domain.hi) bad("lo", outside(domain), [d.lo, d.hi]);
      break;
    case "triangular":
      if (!(d.lo < d.hi)) bad("hi", "hi must be > lo", d.hi);
      if (!(d.mode >= d.lo && d.mode <= d.hi)) bad("mode", "mode must lie in [lo, hi]", d.mode);
      if (d.lo < domain.lo || d.hi > domain.hi) bad("lo", outside(domain), [d.lo, d.hi]);
      break;
    case "beta": {
      if (!(d.alpha > 0)) bad("alpha", "alpha must be > 0", d.alpha);
      if (!(d.beta > 0)) bad("beta", "beta must be > 0", d.beta);
      const lo = d.lo ?? 0;
      const hi = d.hi ?? 1;
      if (!(lo < hi)) bad("hi", "hi must be > lo", hi);
      if (lo < domain.lo || hi > domain.hi) bad("lo", outside(domain), [lo, hi]);
      break;
    }
  }
}

function outside(domain: Domain): string {
  const whole = domain.integer ? " and be a whole number" : "";
  // The smallest positive double stands for an open bound at 0.
  const lo = domain.lo === Number.MIN_VALUE ? "(0" : `[${domain.lo}`;
  if (domain.hi === Number.POSITIVE_INFINITY)
    return `${domain.lo === Number.MIN_VALUE ? "must be > 0" : `must be ≥ ${domain.lo}`}${whole}`;
  return `must lie in ${lo}, ${domain.hi}]${whole}`;
}

/** A `Quantity` whose values must lie in `domain`, with provenance required. */
export function quantity(domain: Domain = ANY) {
  return quantityObject.superRefine((q, ctx) => {
    if ((q.value === undefined) === (q.dist === undefined))
      ctx.addIssue({ code: "custom", path: [], message: "give exactly one of value and dist", input: q });
    if (q.value !== undefined) {
      const okInt = !domain.integer || Number.isInteger(q.value);
      if (q.value < domain.lo || q.value > domain.hi || !okInt)
        ctx.addIssue({ code: "custom", path: ["value"], message: outside(domain), input: q.value });
    }
    if (q.dist !== undefined) checkDistribution(q.dist, domain, ctx);
    if (q.source === undefined && q.assumption === undefined)
      ctx.addIssue({
        code: "custom",
        path: [],
        message:
          "a number needs a source {document, locator, date} or assumption: true with range and reason",
        input: q.value ?? q.dist,
      });
    if (q.assumption) {
      if (q.range === undefined)
        ctx.addIssue({
          code: "custom",
          path: ["range"],
          message: "an assumption needs range: [lo, hi]",
          input: q.range,
        });
      else if (!(q.range[0] <= q.range[1]))
        ctx.addIssue({
          code: "custom",
          path: ["range"],
          message: "range must be [lo, hi] with lo ≤ hi",
          input: q.range,
        });
      if (q.reason === undefined)
        ctx.addIssue({
          code: "custom",
          path: ["reason"],
          message: "an assumption needs a one-line reason",
          input: q.reason,
        });
    }
  });
}

const positive: Domain = { lo: Number.MIN_VALUE, hi: Infinity };
const nonNegative: Domain = { lo: 0, hi: Infinity };
const unit: Domain = { lo: 0, hi: 1 };
const positiveInt: Domain = { lo: 1, hi: Infinity, integer: true };

/** The domain of every numeric field, by field name (the same name has the same domain wherever it appears). */
export const FIELD_DOMAINS: Record<string, Domain> = {
  cash: nonNegative,
  share: unit,
  trainingShare: unit,
  servingGrossMargin: { lo: -5, hi: 0.99 },
  otherCostUsdBPerYear: nonNegative,
  otherCostGrowthPerYear: positive,
  fundingRoundUsdB: nonNegative,
  gpuUsdB: nonNegative,
  gpuAgeYears: nonNegative,
  accountingLifeYears: positive,
  capexUsdBPerYear: nonNegative,
  capexGrowthPerYear: positive,
  operatingCostShare: unit,
  otherCashFlowUsdBPerYear: ANY,
  powerGw: nonNegative,
  powerBuildGwPerYear: nonNegative,
  marketShare: unit,
  grossMargin: { lo: -1, hi: 1 },
  totalUsdB: nonNegative,
  termQuarters: positiveInt,
  constructionQuarters: { lo: 0, hi: Infinity, integer: true },
  principalUsdB: nonNegative,
  rateAnnual: unit,
  fraction: unit,
  probability: unit,
  multiplier: { lo: 1, hi: Infinity },
  priceCut: { lo: 0, hi: 0.999 },
  competedShare: unit,
  priceElasticity: { lo: 0, hi: 5 },
  shareShift: unit,
  computeCut: unit,
  vendorSalesCut: unit,
  growthPerYear: positive,
  flopPerUsd: positive,
  flopPerUsdGrowthPerYear: positive,
  renewalSpendToRevenue: nonNegative,
  renewalCashShare: unit,
  renewalSentimentWeight: unit,
  slopePerOom: positive,
  trendOomPerYear: positive,
  ceiling: positive,
  breakOom: nonNegative,
  slopeAfterPerOom: nonNegative,
  topYear: { lo: 1900, hi: 2200 },
  noise: nonNegative,
  initialUsdBPerYear: positive,
  initialAdoption: { lo: 1e-9, hi: 0.999 },
  bassP: nonNegative,
  bassQ: nonNegative,
  capabilityElasticity: nonNegative,
  efficiencyPassThrough: unit,
  openModelLagQuarters: positiveInt,
  commodityPriceFloor: unit,
  expectedGrowthPerYear: positive,
  volatility: nonNegative,
  addressableUsdBPerYear: positive,
  targetUtilisation: { lo: Number.MIN_VALUE, hi: 1 },
  initial: ANY,
  persistence: unit,
  expectationHalfLifeQuarters: positive,
  capabilityWeight: nonNegative,
  revenueWeight: nonNegative,
  fundingMidpoint: ANY,
  fundingSlope: nonNegative,
  spreadPerUnit: nonNegative,
  capexSensitivity: nonNegative,
  economicDepreciationPerYear: unit,
  rentalYieldPerYear: positive,
  costPerGwUsdB: positive,
  fireSaleImpactPerUsdB: nonNegative,
  priceRecoveryPerQuarter: unit,
  alpha: unit,
  beta: unit,
  rho: { lo: -1, hi: 1 },
};

function q(field: string) {
  return quantity(FIELD_DOMAINS[field]);
}

/** A quarter, `"2026Q1"`. */
export const quarterSchema = z.string().regex(/^\d{4}Q[1-4]$/, 'expected a quarter like "2026Q1"');

const idSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "ids are letters, digits, '.', '_', '-'");

export { CLOUD_KINDS, ENTITY_KINDS, type EntityKind, HOLDER_KINDS } from "../economy/kinds.js";

/**
 * One entity. Which fields apply depends on `kind` (required ones are checked by the loader):
 * lab — share, trainingShare, servingGrossMargin, otherCostUsdBPerYear (+ optional growth, fundingRoundUsdB);
 * clouds — accountingLifeYears (+ optional fleet, capex, power, other business cash flow, fundingRoundUsdB);
 * chip-vendor — marketShare, grossMargin; holders — cash only.
 */
export const entitySchema = z
  .object({
    id: idSchema,
    kind: z.enum(ENTITY_KINDS),
    /** Display name, e.g. "OpenAI". */
    name: z.string().optional(),
    /** Export-control bloc, e.g. "us" or "china"; default "us". */
    bloc: z.string().optional(),
    /** Cash and liquid assets at the start, usdB. */
    cash: q("cash"),
    /** Lab: share of the AI-services market, in [0, 1] (renormalised over labs). */
    share: q("share").optional(),
    /** Lab: target fraction of contracted compute used for training, in [0, 1]. */
    trainingShare: q("trainingShare").optional(),
    /** Lab: serving gross margin; serving compute cost = revenue × (1 − margin). In [−5, 0.99]. */
    servingGrossMargin: q("servingGrossMargin").optional(),
    /** Lab or chip vendor: other costs (staff, R&D not on compute), usdB/year at the start. */
    otherCostUsdBPerYear: q("otherCostUsdBPerYear").optional(),
    /** Lab: growth multiplier per year of other costs; default 1. */
    otherCostGrowthPerYear: q("otherCostGrowthPerYear").optional(),
    /** Lab: size of one equity round when runway falls below a year, usdB; default 0 (no rounds). */
    fundingRoundUsdB: q("fundingRoundUsdB").optional(),
    /** Cloud: GPU fleet at cost at the start, usdB; default 0. */
    gpuUsdB: q("gpuUsdB").optional(),
    /** Cloud: average age of that fleet at the start, years; default 0. */
    gpuAgeYears: q("gpuAgeYears").optional(),
    /** Cloud: accounting (book) depreciation life of GPUs, years. */
    accountingLifeYears: q("accountingLifeYears").optional(),
    /** Cloud: planned GPU capex at the start, usdB/year; default 0. */
    capexUsdBPerYear: q("capexUsdBPerYear").optional(),
    /** Cloud: growth multiplier per year of planned capex; default 1. */
    capexGrowthPerYear: q("capexGrowthPerYear").optional(),
    /** Cloud: fraction of AI contract revenue spent on power, staff and sites, in [0, 1]; default 0. */
    operatingCostShare: q("operatingCostShare").optional(),
    /** Any: cash flow from business outside the model (e.g. a hyperscaler's non-AI profit), usdB/year; default 0. */
    otherCashFlowUsdBPerYear: q("otherCashFlowUsdBPerYear").optional(),
    /** Cloud: power available at the start, GW; default unlimited. */
    powerGw: q("powerGw").optional(),
    /** Cloud: power added per year, GW; default 0. */
    powerBuildGwPerYear: q("powerBuildGwPerYear").optional(),
    /** Chip vendor: share of all GPU capex it sells, in [0, 1]. */
    marketShare: q("marketShare").optional(),
    /** Chip vendor: gross margin on GPU sales, in [−1, 1]. */
    grossMargin: q("grossMargin").optional(),
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
    /** Total payments over the term, usdB (from `start`, or what remains if `start` is before the scenario). */
    totalUsdB: q("totalUsdB"),
    /** Term in quarters, ≥ 1. */
    termQuarters: q("termQuarters"),
    /** `flat`: equal payments; `ramp`: payments grow linearly (the k-th ∝ k); default flat. */
    profile: z.enum(["flat", "ramp"]).optional(),
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
  /** Principal outstanding at `start`, usdB. */
  principalUsdB: q("principalUsdB"),
  /** Interest rate per year (0.1 = 10%), in [0, 1]. */
  rateAnnual: q("rateAnnual"),
  /** Remaining term in quarters, ≥ 1. */
  termQuarters: q("termQuarters"),
  /** Seniority layer, 1 = most senior; default by type. */
  layer: z.number().int().min(1).max(8).optional(),
};

export const projectLoanSchema = z
  .object({
    ...debtFields,
    type: z.literal("project-loan"),
    /** Interest-only quarters from `start` until the loan converts to an amortising term loan, integer ≥ 0. */
    constructionQuarters: q("constructionQuarters"),
  })
  .strict();

export const debtSchema = z
  .object({
    ...debtFields,
    type: z.enum(["gpu-loan", "bond", "vendor-financing"]),
  })
  .strict();

/** `holder` owns `fraction` of `issuer`'s equity; circular stakes are allowed. */
export const equityStakeSchema = z
  .object({
    ...termFields,
    type: z.literal("equity-stake"),
    holder: idSchema,
    issuer: idSchema,
    fraction: q("fraction"),
  })
  .strict();

export const contractSchema = z.discriminatedUnion("type", [
  takeOrPaySchema,
  debtSchema,
  projectLoanSchema,
  equityStakeSchema,
]);
export type TakeOrPaySpec = z.infer<typeof takeOrPaySchema>;
export type DebtSpec = z.infer<typeof debtSchema> | z.infer<typeof projectLoanSchema>;
export type EquityStakeSpec = z.infer<typeof equityStakeSchema>;
export type ContractSpec = z.infer<typeof contractSchema>;

const eventFields = {
  /** Optional id, used in parameter paths (`events.<id>.<field>`); default the index. */
  id: idSchema.optional(),
  /** Quarter in which the event happens. */
  quarter: quarterSchema,
  /** Probability that the event happens on a path, in [0, 1]; default 1. */
  probability: q("probability").optional(),
};

export const eventSchema = z.discriminatedUnion("type", [
  /** A rival reaches the frontier for a fraction of the cost: efficiency jumps and prices fall once. */
  z
    .object({
      ...eventFields,
      type: z.literal("efficiency-shock"),
      /** Algorithmic efficiency multiplies by this, ≥ 1. */
      multiplier: q("multiplier"),
      /** Permanent cut of the price per unit of capability in the competed segment, fraction in [0, 1). */
      priceCut: q("priceCut"),
      /** Fraction of lab revenue in the competed (price-sensitive) segment, in [0, 1]; default 1. */
      competedShare: q("competedShare").optional(),
      /** Price elasticity of demand ε in the competed segment: its revenue × (1 − priceCut)^(1 − ε); default 0. */
      priceElasticity: q("priceElasticity").optional(),
      /** Fraction of the competed segment's revenue won by the low-cost rival, in [0, 1]; default 0. */
      shareShift: q("shareShift").optional(),
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
      /** Fraction of the bloc's labs' compute lost, in [0, 1]. */
      computeCut: q("computeCut"),
      /** Fraction of chip vendors' sales lost, in [0, 1]; default 0. */
      vendorSalesCut: q("vendorSalesCut").optional(),
    })
    .strict(),
  /** A lab loses part of its market share, redistributed to the other labs pro rata. */
  z
    .object({
      ...eventFields,
      type: z.literal("share-loss"),
      lab: idSchema,
      /** Fraction of its share lost, in [0, 1]. */
      fraction: q("fraction"),
    })
    .strict(),
]);
export type EventSpec = z.infer<typeof eventSchema>;

export const CAPABILITY_SHAPES = ["continues", "ceiling", "broken", "s-curve"] as const;
export type CapabilityShape = (typeof CAPABILITY_SHAPES)[number];

/** World-level parameters: technology, demand, sentiment, GPUs, clearing. */
export const worldSchema = z
  .object({
    efficiency: z
      .object({
        /** Algorithmic efficiency multiplier per year (≈3 per Ho et al. 2024). */
        growthPerYear: q("growthPerYear"),
      })
      .strict(),
    compute: z
      .object({
        /** Physical FLOP per USD of compute spend at the start (per usdB: multiply by 1e9). */
        flopPerUsd: q("flopPerUsd"),
        /** Multiplier per year of FLOP per USD (hardware price-performance). */
        flopPerUsdGrowthPerYear: q("flopPerUsdGrowthPerYear"),
        /**
         * Roll-over rule (docs/economy.md §3): labs buy new compute until their spend reaches this multiple of
         * revenue × the sentiment gate; default 0 (no purchases beyond the listed contracts).
         */
        renewalSpendToRevenue: q("renewalSpendToRevenue").optional(),
        /** Roll-over rule: largest fraction of a lab's free cash spent on new compute in a quarter; default 0.5. */
        renewalCashShare: q("renewalCashShare").optional(),
        /**
         * Roll-over rule: fraction of the target that depends on the funding gate (the rest is bought whatever
         * the sentiment), in [0, 1]; default 1.
         */
        renewalSentimentWeight: q("renewalSentimentWeight").optional(),
      })
      .strict(),
    capability: z
      .object({
        /** continues: linear in log compute; ceiling: saturates; broken: slope changes; s-curve: tops out in topYear. */
        shape: z.enum(CAPABILITY_SHAPES),
        /** Capability index points per order of magnitude of effective training compute, at the start. */
        slopePerOom: q("slopePerOom"),
        /** Expected OOMs per year of frontier effective training compute (expectations; s-curve timing). */
        trendOomPerYear: q("trendOomPerYear"),
        /** ceiling and s-curve: capability index gain (above the start) at which the curve saturates. */
        ceiling: q("ceiling").optional(),
        /** broken: OOMs above the start's effective training compute at which the slope breaks. */
        breakOom: q("breakOom").optional(),
        /** broken: slope after the break, index points per OOM. */
        slopeAfterPerOom: q("slopeAfterPerOom").optional(),
        /** s-curve: calendar year at which 95% of the ceiling is reached on the trend. */
        topYear: q("topYear").optional(),
        /** sd of capability surprises per quarter, index points; default 0. */
        noise: q("noise").optional(),
      })
      .strict(),
    revenue: z
      .object({
        /** Total revenue of the labs at the start, usdB/year (annualised). */
        initialUsdBPerYear: q("initialUsdBPerYear"),
        /** Bass adoption at the start, fraction of potential users in (0, 1). */
        initialAdoption: q("initialAdoption"),
        /** Bass innovation coefficient p, per year. */
        bassP: q("bassP"),
        /** Bass imitation coefficient q, per year. */
        bassQ: q("bassQ"),
        /** Log of value per user gained per capability index point. */
        capabilityElasticity: q("capabilityElasticity"),
        /** Fraction of algorithmic-efficiency gains passed on as lower prices, in [0, 1]. */
        efficiencyPassThrough: q("efficiencyPassThrough"),
        /** Quarters by which open models trail the frontier, ≥ 1. */
        openModelLagQuarters: q("openModelLagQuarters"),
        /** Price multiplier when the frontier no longer leads open models (commodity floor), in [0, 1]. */
        commodityPriceFloor: q("commodityPriceFloor"),
        /** Revenue growth multiplier per year the market expects (sentiment's yardstick). */
        expectedGrowthPerYear: q("expectedGrowthPerYear"),
        /** sd of log revenue surprises per quarter; default 0. */
        volatility: q("volatility").optional(),
        /**
         * Most the labs can earn, usdB/year: revenue saturates as M·(1 − e^(−R/M)) of its unsaturated value R;
         * default unbounded.
         */
        addressableUsdBPerYear: q("addressableUsdBPerYear").optional(),
      })
      .strict(),
    sentiment: z
      .object({
        /** Sentiment at the start (0 = neutral); default 0. */
        initial: q("initial").optional(),
        /** Weight of last quarter's sentiment, in [0, 1]. */
        persistence: q("persistence"),
        /** Half-life, quarters, of the market's adaptive growth expectations (revenue and capability); default 6. */
        expectationHalfLifeQuarters: q("expectationHalfLifeQuarters").optional(),
        /** Sentiment change per capability index point above expectation. */
        capabilityWeight: q("capabilityWeight"),
        /** Sentiment change per unit of log revenue above expectation. */
        revenueWeight: q("revenueWeight"),
        /** sd of sentiment noise per quarter; default 0. */
        noise: q("noise").optional(),
        /** Sentiment at which a funding round or refinancing succeeds with probability ½. */
        fundingMidpoint: q("fundingMidpoint"),
        /** Logistic slope of the funding probability in sentiment, ≥ 0. */
        fundingSlope: q("fundingSlope"),
        /** Added credit spread per unit of negative sentiment, per year (0.02 = 200 bp). */
        spreadPerUnit: q("spreadPerUnit"),
        /** Elasticity of cloud capex to sentiment: capex × e^(k·sentiment). */
        capexSensitivity: q("capexSensitivity"),
      })
      .strict(),
    gpu: z
      .object({
        /** Economic depreciation of a GPU's value per year (from rental prices), in [0, 1]. */
        economicDepreciationPerYear: q("economicDepreciationPerYear"),
        /** Annual rent a GPU earns at the start as a fraction of its purchase cost (e.g. $2/h × 8760 h ÷ $32k ≈ 0.55). */
        rentalYieldPerYear: q("rentalYieldPerYear"),
        /** All-in cost of 1 GW of AI data centre (GPUs + site), usdB. */
        costPerGwUsdB: q("costPerGwUsdB"),
        /** Fire sales: fractional GPU price drop per usdB of GPUs sold in distress. */
        fireSaleImpactPerUsdB: q("fireSaleImpactPerUsdB"),
        /** Fraction of the fire-sale discount recovered each quarter, in [0, 1]. */
        priceRecoveryPerQuarter: q("priceRecoveryPerQuarter"),
        /**
         * Utilisation (rent received ÷ rent capacity) below which a cloud that sells compute cuts its capex in
         * proportion, in (0, 1]; default none (capex ignores demand).
         */
        targetUtilisation: q("targetUtilisation").optional(),
      })
      .strict(),
    clearing: z
      .object({
        /** Rogers–Veraart: fraction of external assets realised by a defaulter, in [0, 1]. */
        alpha: q("alpha"),
        /** Rogers–Veraart: fraction of claims on others realised by a defaulter, in [0, 1]. */
        beta: q("beta"),
      })
      .strict(),
  })
  .strict();
export type WorldSpec = z.infer<typeof worldSchema>;

/** Correlation of two distributed parameters, named by parameter path (see `parameterPaths`). */
export const correlationSchema = z
  .object({
    a: z.string().min(1),
    b: z.string().min(1),
    rho: q("rho"),
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
export type Scenario = z.infer<typeof scenarioSchema>;
