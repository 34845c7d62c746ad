/**
 * The scenario's uncertain numbers as sensitivity factors, and scenarios with some of them fixed. A number is a
 * factor when its provenance states its uncertainty: a distribution (varied between its 5% and 95% quantiles)
 * or an assumption with a range (varied over the range). A sourced fixed value states none and is not varied.
 */

import { drawFromNormal } from "../distributions.js";
import { clampTo, scenarioQuantities } from "../parameters.js";
import type { Scenario } from "../schema.js";
import type { Factor } from "./tornado.js";

/** A factor taken from a scenario; `name` is its parameter path. */
export interface ScenarioFactor extends Factor {
  /** Where the range comes from. */
  from: "distribution" | "assumption";
}

const Z95 = 1.6448536269514722;

/**
 * The factors of a scenario, in file order, optionally only those whose parameter path `select` accepts.
 * Ranges are clamped to the field's domain; a factor whose range is empty after that is left out.
 */
export function scenarioFactors(
  scenario: Scenario,
  select: (path: string) => boolean = () => true,
): ScenarioFactor[] {
  const out: ScenarioFactor[] = [];
  for (const { path, quantity, domain } of scenarioQuantities(scenario)) {
    if (!select(path)) continue;
    let low: number;
    let high: number;
    let base: number;
    let from: ScenarioFactor["from"];
    if (quantity.dist !== undefined) {
      low = clampTo(drawFromNormal(quantity.dist, -Z95), domain);
      high = clampTo(drawFromNormal(quantity.dist, Z95), domain);
      base = clampTo(drawFromNormal(quantity.dist, 0), domain);
      from = "distribution";
    } else if (quantity.assumption && quantity.range !== undefined && quantity.value !== undefined) {
      low = clampTo(quantity.range[0], domain);
      high = clampTo(quantity.range[1], domain);
      base = Math.min(high, Math.max(low, quantity.value));
      from = "assumption";
    } else continue;
    if (!(low < high)) continue;
    out.push({ name: path, low, base, high, from });
  }
  return out;
}

/**
 * A copy of the scenario with the numbers at `paths` fixed to `values` (distributions dropped, provenance kept,
 * correlations that name them removed). Values are clamped to the field's domain and rounded for whole-number
 * fields. Throws RangeError for an unknown path or a non-finite value.
 */
export function withValues(
  scenario: Scenario,
  paths: readonly string[],
  values: ArrayLike<number>,
): Scenario {
  if (paths.length !== values.length) throw new RangeError(`invalid values: length ${values.length}`);
  const copy = structuredClone(scenario);
  const byPath = new Map(scenarioQuantities(copy).map((q) => [q.path, q]));
  const fixed = new Set<string>();
  paths.forEach((path, k) => {
    const found = byPath.get(path);
    if (found === undefined) throw new RangeError(`invalid parameter path: ${path}`);
    const value = values[k];
    if (!Number.isFinite(value)) throw new RangeError(`invalid ${path}: ${value}`);
    found.quantity.value = clampTo(value, found.domain);
    delete found.quantity.dist;
    fixed.add(path);
  });
  copy.correlations = copy.correlations.filter((c) => !fixed.has(c.a) && !fixed.has(c.b));
  return copy;
}
