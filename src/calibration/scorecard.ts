/** The scorecard: each target against the simulated median and 90% interval of its entity's year. */
import type { SimulationResult } from "../scenario/simulate.js";
import { InputError } from "../util/errors.js";
import type { CalibrationTarget } from "./targets.js";

/** One row of the scorecard. */
export interface ScoreRow {
  entity: string;
  metric: string;
  year: number;
  /** The published figure, usdB. */
  value: number;
  band: [number, number];
  /** The simulated 5%, 50% and 95% quantiles of the entity's year, usdB. */
  p05: number;
  p50: number;
  p95: number;
  /** Whether the simulated median lies in the band. */
  inside: boolean;
  /** docs/sources.md key of the target. */
  source: string;
}

/** Scores `targets` against `result`; a target naming an entity or year the run does not have is an InputError. */
export function scorecard(result: SimulationResult, targets: readonly CalibrationTarget[]): ScoreRow[] {
  return targets.map((target, k) => {
    const entity = result.entities[target.entity];
    if (!entity)
      throw new InputError({
        field: `targets[${k}].entity`,
        value: target.entity,
        message: "not an entity of the run",
      });
    const year = entity.byYear[target.metric][String(target.year)];
    if (!year)
      throw new InputError({
        field: `targets[${k}].year`,
        value: target.year,
        message: "outside the run's horizon",
      });
    const [lo, hi] = target.band;
    return {
      entity: target.entity,
      metric: target.metric,
      year: target.year,
      value: target.value,
      band: [lo, hi],
      p05: year.p05,
      p50: year.p50,
      p95: year.p95,
      inside: year.p50 >= lo && year.p50 <= hi,
      source: target.source.key,
    };
  });
}
