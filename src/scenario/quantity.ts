/**
 * A number in a scenario (`Quantity`): a fixed `value` or a `dist`ribution, plus its provenance — a `source`
 * (document, locator, date) or `assumption: true` with a plausible `range` and a one-line `reason` — checked
 * against the domain its declaration gives (src/economy/parameters.ts).
 */
import { z } from "zod";
import { DOMAINS, type Domain } from "../economy/parameters.js";

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
export function quantity(domain: Domain = DOMAINS.any) {
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
