/**
 * Market-implied default probabilities: an issuer's 5-year CDS spread near a scenario's start, read as its
 * real-world probability of default by the end of a year with the scenario's own credit pricing
 * (`credit.lossGivenDefault`, `credit.riskPremium`; their ranges give the band), against the simulated
 * P(default) by then and its Monte Carlo interval.
 */
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { WORLD_PARAMETERS } from "../economy/declarations.js";
import { distributionMedian } from "../scenario/distributions.js";
import type { Quantity } from "../scenario/quantity.js";
import type { Scenario } from "../scenario/schema.js";
import type { SimulationResult } from "../scenario/simulate.js";
import { quarterIndex } from "../util/quarter.js";
import { wilsonInterval } from "../util/wilsonInterval.js";
import { loadYamlFile } from "./yamlFile.js";

/**
 * Probability of default within `years` implied by a CDS spread `spread` (fraction a year): the credit triangle's
 * risk-neutral intensity spread ÷ loss given default, divided by the ratio of risk-neutral to real-world default
 * intensities, compounded: 1 − exp(−years · spread / (lossGivenDefault · riskPremium)). RangeError for a spread below
 * 0, a loss given default outside (0, 1], a risk premium below 1 or negative years.
 */
export function cdsImpliedDefault(
  spread: number,
  lossGivenDefault: number,
  riskPremium: number,
  years: number,
): number {
  if (!(spread >= 0)) throw new RangeError(`invalid spread: ${spread}`);
  if (!(lossGivenDefault > 0 && lossGivenDefault <= 1))
    throw new RangeError(`invalid lossGivenDefault: ${lossGivenDefault}`);
  if (!(riskPremium >= 1)) throw new RangeError(`invalid riskPremium: ${riskPremium}`);
  if (!(years >= 0)) throw new RangeError(`invalid years: ${years}`);
  return -Math.expm1((-years * spread) / (lossGivenDefault * riskPremium));
}

const quoteSchema = z
  .object({
    /** Entity id in the scenario. */
    entity: z.string().min(1),
    /** Calendar year by whose end the probability is read. */
    year: z.number().int().min(1900).max(2200),
    /** The 5-year CDS spread as quoted, basis points a year. */
    spreadBps: z.number().finite().nonnegative(),
    /** The quote's date. */
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date YYYY-MM-DD"),
    /** Key of docs/sources.md and the place in the original document. */
    source: z.object({ key: z.string().min(1), locator: z.string().min(1) }).strict(),
  })
  .strict();
/** One issuer's CDS quote near a scenario's start and the year it is read to. */
export type CdsQuote = z.infer<typeof quoteSchema>;

const quotesFileSchema = z.record(
  z.string().regex(/^\d{4}Q[1-4]$/, "a start quarter, e.g. 2026Q1"),
  z.array(quoteSchema).min(1),
);
/** A CDS quotes file: scenario start quarter → the quotes of that date. */
export type CdsQuotes = z.infer<typeof quotesFileSchema>;

/** The project's own quotes (`calibration/credit.yaml` of the package). */
export function defaultCdsQuotesFile(): string {
  return fileURLToPath(new URL("../../calibration/credit.yaml", import.meta.url));
}

/** Reads and checks a CDS quotes file; any problem is an InputError naming the file and field. */
export function loadCdsQuotes(file: string = defaultCdsQuotesFile()): CdsQuotes {
  return loadYamlFile(file, quotesFileSchema);
}

/** One issuer's market-implied P(default) against the simulated one. */
export interface CreditCheck {
  entity: string;
  year: number;
  spreadBps: number;
  /** Years from the scenario's start to the end of `year`. */
  years: number;
  /** P(default by the end of `year`) implied at the scenario's point values of loss given default and risk
   * premium, and the band their ranges give. */
  implied: number;
  band: [number, number];
  /** The simulated P(default by the end of `year`) and its 95% Monte Carlo interval (Wilson). */
  pDefault: number;
  pDefaultLow: number;
  pDefaultHigh: number;
  /** Whether the simulated P(default) lies in the band, and whether its Monte Carlo interval crosses an edge. */
  inside: boolean;
  undecided: boolean;
  source: string;
}

/** A credit parameter of the scenario: its point value and range (the declared default when it is not set). */
function creditParameter(
  scenario: Scenario,
  field: "lossGivenDefault" | "riskPremium",
): [number, number, number] {
  const q = (scenario.world.credit as Record<string, Quantity | undefined> | undefined)?.[field];
  const declared = (WORLD_PARAMETERS[`credit.${field}`] as { default?: number }).default ?? Number.NaN;
  const point = q?.value ?? (q?.dist ? distributionMedian(q.dist) : declared);
  const [lo, hi] = q?.range ?? [point, point];
  return [point, lo, hi];
}

/**
 * The CDS quotes of the scenario's start quarter against `result`, read with the scenario's own credit pricing; a
 * quote of an entity the run does not have, or of a year past its horizon, is left out (none for another start).
 */
export function creditChecks(scenario: Scenario, result: SimulationResult, quotes: CdsQuotes): CreditCheck[] {
  const [lgd, lgdLo, lgdHi] = creditParameter(scenario, "lossGivenDefault");
  const [premium, premiumLo, premiumHi] = creditParameter(scenario, "riskPremium");
  const start = quarterIndex(scenario.start) / 4;
  const checks: CreditCheck[] = [];
  for (const quote of quotes[scenario.start] ?? []) {
    const pDefault = result.entities[quote.entity]?.pDefaultByYear[String(quote.year)];
    if (pDefault === undefined) continue;
    const years = quote.year + 1 - start;
    const spread = quote.spreadBps / 10_000;
    // The lowest probability comes with the highest loss given default and risk premium, the highest with the lowest.
    const band: [number, number] = [
      cdsImpliedDefault(spread, Math.max(lgd, lgdHi), Math.max(premium, premiumHi), years),
      cdsImpliedDefault(spread, Math.min(lgd, lgdLo), Math.min(premium, premiumLo), years),
    ];
    const [low, high] = wilsonInterval(pDefault, result.paths);
    checks.push({
      entity: quote.entity,
      year: quote.year,
      spreadBps: quote.spreadBps,
      years,
      implied: cdsImpliedDefault(spread, lgd, premium, years),
      band,
      pDefault,
      pDefaultLow: low,
      pDefaultHigh: high,
      inside: pDefault >= band[0] && pDefault <= band[1],
      undecided: (low < band[0] && high >= band[0]) || (low <= band[1] && high > band[1]),
      source: quote.source.key,
    });
  }
  return checks;
}
