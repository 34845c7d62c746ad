/**
 * Scalar outputs of a simulation that a sensitivity analysis or a reverse stress test looks at, named by a short
 * spec such as `pDefault:coreweave:2030`.
 */
import { InputError } from "../../util/errors.js";
import { quarterIndex, quarterYear } from "../../util/quarter.js";
import type { Scenario } from "../schema.js";
import type { SimulationResult } from "../simulate.js";

/** One scalar output of a run. */
export type OutputSpec =
  /** P(entity has defaulted by the end of year). */
  | { kind: "pDefault"; entity: string; year: string }
  /** Mean total loss of a holder (or entity) kind over the horizon, usdB. */
  | { kind: "loss"; lossKind: string }
  /** Mean lab revenue in the last quarter of the year, annualised, usdB/yr. */
  | { kind: "revenue"; year: string }
  /** Mean compute spend − lab revenue in the last quarter of the year, annualised, usdB/yr. */
  | { kind: "gap"; year: string }
  /** Mean frontier capability at the end of the year, index points above the start. */
  | { kind: "capability"; year: string };

/** The spec as text, e.g. `pDefault:coreweave:2030`. */
export function formatOutput(spec: OutputSpec): string {
  switch (spec.kind) {
    case "pDefault":
      return `pDefault:${spec.entity}:${spec.year}`;
    case "loss":
      return `loss:${spec.lossKind}`;
    default:
      return `${spec.kind}:${spec.year}`;
  }
}

const YEAR = /^\d{4}$/;

/**
 * Parses an output spec: `pDefault:<entity>:<year>`, `loss:<kind>`, `revenue:<year>`, `gap:<year>`,
 * `capability:<year>`. Throws InputError (field `flag`) for bad syntax.
 */
export function parseOutput(text: string, flag = "--output"): OutputSpec {
  const parts = text.split(":");
  const bad = (message: string) => new InputError({ field: flag, value: text, message });
  const year = (y: string | undefined) => {
    if (y === undefined || !YEAR.test(y)) throw bad("expected a four-digit year");
    return y;
  };
  switch (parts[0]) {
    case "pDefault":
      if (parts.length !== 3 || parts[1] === "") throw bad("expected pDefault:<entity>:<year>");
      return { kind: "pDefault", entity: parts[1], year: year(parts[2]) };
    case "loss":
      if (parts.length !== 2 || parts[1] === "") throw bad("expected loss:<kind>");
      return { kind: "loss", lossKind: parts[1] };
    case "revenue":
    case "gap":
    case "capability":
      if (parts.length !== 2) throw bad(`expected ${parts[0]}:<year>`);
      return { kind: parts[0], year: year(parts[1]) };
    default:
      throw bad(
        "expected pDefault:<entity>:<year>, loss:<kind>, revenue:<year>, gap:<year> or capability:<year>",
      );
  }
}

/** Checks that an output names an entity, a kind and a year the scenario has; InputError otherwise. */
export function checkOutput(scenario: Scenario, spec: OutputSpec, flag = "--output"): void {
  const text = formatOutput(spec);
  const start = quarterIndex(scenario.start);
  const startYear = quarterYear(start);
  const endYear = quarterYear(start + scenario.horizonQuarters - 1);
  if (spec.kind === "pDefault" && !scenario.entities.some((e) => e.id === spec.entity))
    throw new InputError({ field: flag, value: text, message: `unknown entity ${spec.entity}` });
  if (spec.kind === "loss") {
    const kinds = new Set<string>([...scenario.entities.map((e) => e.kind), "external"]);
    if (!kinds.has(spec.lossKind))
      throw new InputError({
        field: flag,
        value: text,
        message: `no entity of kind ${spec.lossKind} (kinds: ${[...kinds].join(", ")})`,
      });
    return;
  }
  const y = Number(spec.year);
  if (y < startYear || y > endYear)
    throw new InputError({
      field: flag,
      value: text,
      message: `year outside the horizon ${startYear}-${endYear}`,
    });
}

// Index of the last simulated quarter of `year` in `result.quarters`.
function lastQuarterOf(result: SimulationResult, year: string): number {
  for (let t = result.quarters.length - 1; t >= 0; t--) if (result.quarters[t].startsWith(year)) return t;
  throw new RangeError(`invalid year: ${year}`);
}

/** The value of `spec` in a simulation result. */
export function evaluateOutput(result: SimulationResult, spec: OutputSpec): number {
  switch (spec.kind) {
    case "pDefault": {
      const entity = result.entities[spec.entity];
      if (entity === undefined) throw new RangeError(`invalid entity: ${spec.entity}`);
      const p = entity.pDefaultByYear[spec.year];
      if (p === undefined) throw new RangeError(`invalid year: ${spec.year}`);
      return p;
    }
    case "loss":
      return result.losses[spec.lossKind]?.total ?? 0;
    case "revenue":
      return 4 * result.revenue.mean[lastQuarterOf(result, spec.year)];
    case "gap":
      return 4 * result.gap.mean[lastQuarterOf(result, spec.year)];
    case "capability":
      return result.capability.mean[lastQuarterOf(result, spec.year)];
  }
}
