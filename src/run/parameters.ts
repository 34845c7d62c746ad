/** The parameters appendix: every number of a scenario with its value, unit and provenance. */
import { compileParameters, scenarioQuantities } from "../scenario/parameters.js";
import type { Distribution, Scenario, Source } from "../scenario/schema.js";

/** One number of a scenario as the appendix lists it. */
export interface ParameterRow {
  /** Parameter path, e.g. `world.revenue.bassQ`, `entities.coreweave.cash`. */
  path: string;
  /** The fixed value, or the distribution's median (the values the engine uses as central). */
  value: number;
  /** The distribution as text (`triangular(1.8, 2.8, 5.3)`), "" for a fixed value. */
  distribution: string;
  unit: string;
  /** `document, locator, date` of the source; "" for an assumption without one. */
  source: string;
  assumption: boolean;
  /** Plausible range of an assumption; NaN when not an assumption. */
  rangeLo: number;
  rangeHi: number;
  /** Why the assumption; "" otherwise. */
  reason: string;
}

function describeDistribution(d: Distribution): string {
  switch (d.kind) {
    case "normal":
      return `normal(mean ${d.mean}, sd ${d.sd})`;
    case "lognormal":
      return `lognormal(median ${d.median}, sigma ${d.sigma})`;
    case "uniform":
      return `uniform(${d.lo}, ${d.hi})`;
    case "triangular":
      return `triangular(${d.lo}, ${d.mode}, ${d.hi})`;
    case "beta":
      return `beta(${d.alpha}, ${d.beta}) on [${d.lo ?? 0}, ${d.hi ?? 1}]`;
  }
}

function describeSource(source: Source | string | undefined, sources: Record<string, Source>): string {
  if (source === undefined) return "";
  const s = typeof source === "string" ? sources[source] : source;
  if (s === undefined) return source as string;
  return `${s.document}, ${s.locator}, ${s.date}`;
}

/** Every number of the scenario, in file order. */
export function parameterRows(scenario: Scenario): ParameterRow[] {
  const { central } = compileParameters(scenario);
  return scenarioQuantities(scenario).map(({ path, quantity: q, unit }, slot) => ({
    path,
    value: central[slot],
    distribution: q.dist ? describeDistribution(q.dist) : "",
    unit: q.unit ?? unit,
    source: describeSource(q.source, scenario.sources),
    assumption: q.assumption === true,
    rangeLo: q.range?.[0] ?? Number.NaN,
    rangeHi: q.range?.[1] ?? Number.NaN,
    reason: q.reason ?? "",
  }));
}
