/**
 * Reverse stress test: the smallest shortfall of lab revenue (or of capability gains) against the scenario's
 * own paths that makes a named entity default. Every evaluation is a full Monte Carlo run with the same seed
 * (common random numbers). A coarse grid of shortfalls is run first (in parallel), then the first grid step at
 * which P(default) reaches the threshold is narrowed by bisection. The grid makes the answer the *smallest*
 * such shortfall (to the grid's resolution) even where P(default) is not monotone in the shortfall — as in
 * the economy when less revenue also means less capex — and `monotone` reports whether the grid was.
 */

import { InputError } from "../../util/errors.js";
import { defaultThreads } from "../../util/pool.js";
import { quarterIndex, quarterYear } from "../../util/quarter.js";
import { runShared } from "../../util/shareWork.js";
import { withFullUncertainty } from "../parameters.js";
import type { Scenario } from "../schema.js";
import type { OutputSpec } from "../sensitivity/outputs.js";
import { type PointTask, runPoint } from "../sensitivity/worker.js";
import { simulate } from "../simulate.js";
import { bisectThreshold } from "./bisect.js";

export const STRESS_SHOCKS = ["revenue", "capability"] as const;
export type StressShock = (typeof STRESS_SHOCKS)[number];

/** Options of `reverseStress`: the entity, the shock, the default threshold and the search settings. */
export interface ReverseStressOptions {
  /** Entity whose default is sought. */
  entity: string;
  /** revenue: lab revenue × (1 − s) every quarter; capability: capability gain × (1 − s). */
  shock: StressShock;
  /** Calendar year by whose end the default counts; default the horizon's last year. */
  year?: string;
  /** The entity "defaults" when P(default by year) ≥ this, in (0, 1]; default 0.5. */
  threshold?: number;
  /** Monte Carlo paths per evaluation; default 200. */
  paths?: number;
  /** Run seed, the same for every evaluation; default 1. */
  seed?: number;
  /** Worker threads per evaluation; results do not depend on it. Default: all cores. */
  threads?: number;
  /** Stop when the shortfall is bracketed this tightly (fraction); default 0.005. */
  tolerance?: number;
  /** Largest shortfall tried, in (0, 1]; default 1. */
  maxShortfall?: number;
  /** full: every assumption drawn across its stated range, as `simulate` does (default); point: held at its
   * value. The grid and the bisection use the same. */
  uncertainty?: "full" | "point";
  /** Grid steps over [0, maxShortfall] run before the bisection, ≥ 1; default 10. */
  gridSteps?: number;
  /** Called after each evaluation with (evaluations done, the most the bisection can take). */
  onProgress?: (done: number, total: number) => void;
}

/** One Monte Carlo evaluation of the bisection. */
export interface StressEvaluation {
  shortfall: number;
  pDefault: number;
}

/** What `reverseStress` found: the smallest shortfall (a fraction) that defaults the entity, and each run. */
export interface ReverseStressResult {
  scenario: string;
  entity: string;
  shock: StressShock;
  year: string;
  threshold: number;
  paths: number;
  seed: number;
  /** Smallest shortfall found to make P(default) ≥ threshold (0 when it already does; Infinity when none ≤ max). */
  shortfall: number;
  /** Largest shortfall found at which the entity still survives (NaN when it never does). */
  survivesAt: number;
  /** P(default by year) with no shortfall. */
  pDefaultBaseline: number;
  /** Whether P(default) never fell as the shortfall grew along the grid. */
  monotone: boolean;
  converged: boolean;
  reason: "tolerance" | "max-iterations" | "true-at-low" | "false-at-high";
  /** Monte Carlo runs made (grid and bisection). */
  iterations: number;
  /** Every evaluation, by increasing shortfall. */
  evaluations: StressEvaluation[];
}

// Paths per chunk: fixed so that results never depend on the thread count (grid and bisection runs alike).
const CHUNK = 50;

function workerUrl(): URL {
  return new URL(
    import.meta.url.endsWith(".ts") ? "../sensitivity/worker.ts" : "../sensitivity/worker.js",
    import.meta.url,
  );
}

/** Runs the reverse stress test; see ReverseStressOptions. */
export async function reverseStress(
  scenario: Scenario,
  options: ReverseStressOptions,
): Promise<ReverseStressResult> {
  const { entity, shock } = options;
  const startQuarter = quarterIndex(scenario.start);
  const startYear = quarterYear(startQuarter);
  const lastYear = quarterYear(startQuarter + scenario.horizonQuarters - 1);
  const year = options.year ?? String(lastYear);
  const threshold = options.threshold ?? 0.5;
  const paths = options.paths ?? 200;
  const seed = options.seed ?? 1;
  const tolerance = options.tolerance ?? 0.005;
  const maxShortfall = options.maxShortfall ?? 1;
  if (!scenario.entities.some((e) => e.id === entity))
    throw new InputError({ field: "--entity", value: entity, message: "not an entity of this scenario" });
  if (!STRESS_SHOCKS.includes(shock)) throw new RangeError(`invalid shock: ${shock}`);
  if (!/^\d{4}$/.test(year) || Number(year) < startYear || Number(year) > lastYear)
    throw new RangeError(`invalid year: ${year}`);
  if (!(threshold > 0 && threshold <= 1)) throw new RangeError(`invalid threshold: ${threshold}`);
  if (!(maxShortfall > 0 && maxShortfall <= 1)) throw new RangeError(`invalid maxShortfall: ${maxShortfall}`);
  if (!(tolerance > 0)) throw new RangeError(`invalid tolerance: ${tolerance}`);
  const gridSteps = options.gridSteps ?? 10;
  if (!Number.isInteger(gridSteps) || gridSteps < 1) throw new RangeError(`invalid gridSteps: ${gridSteps}`);
  const threads = options.threads ?? defaultThreads();
  const uncertainty = options.uncertainty ?? "full";
  if (uncertainty !== "full" && uncertainty !== "point")
    throw new RangeError(`invalid uncertainty: ${uncertainty}`);
  // The grid's workers simulate the scenario as given, so its ranges are turned into draws here, once.
  const sampled = uncertainty === "full" ? withFullUncertainty(scenario) : scenario;
  const stressOf = (shortfall: number) =>
    shock === "revenue" ? { revenueMultiplier: 1 - shortfall } : { capabilityMultiplier: 1 - shortfall };
  const known = new Map<number, number>();
  const grid = Array.from({ length: gridSteps + 1 }, (_, k) =>
    k === gridSteps ? maxShortfall : (k * maxShortfall) / gridSteps,
  );
  const most = grid.length + Math.max(0, Math.ceil(Math.log2(maxShortfall / gridSteps / tolerance)));
  const output: OutputSpec = { kind: "pDefault", entity, year };
  const tasks: PointTask[] = grid.map((shortfall) => ({
    scenario: sampled,
    paths,
    seed,
    chunkSize: CHUNK,
    outputs: [output],
    stress: stressOf(shortfall),
  }));
  let done = 0;
  const gridP = await runShared<PointTask, number[]>(workerUrl(), runPoint, tasks, {
    threads,
    onDone: () => options.onProgress?.(++done, most),
  });
  grid.forEach((shortfall, k) => {
    known.set(shortfall, gridP[k][0]);
  });
  let monotone = true;
  for (let k = 1; k < grid.length; k++) if (gridP[k][0] < gridP[k - 1][0]) monotone = false;
  const first = grid.findIndex((shortfall) => (known.get(shortfall) as number) >= threshold);
  const pDefaultAt = async (shortfall: number): Promise<number> => {
    const cached = known.get(shortfall);
    if (cached !== undefined) return cached;
    const result = await simulate(sampled, {
      paths,
      seed,
      threads,
      uncertainty: "point",
      chunkSize: CHUNK,
      stress: stressOf(shortfall),
    });
    const p = result.entities[entity].pDefaultByYear[year];
    known.set(shortfall, p);
    options.onProgress?.(++done, most);
    return p;
  };
  const found =
    first <= 0
      ? await bisectThreshold(async (x) => (await pDefaultAt(x)) >= threshold, 0, maxShortfall, { tolerance })
      : await bisectThreshold(async (x) => (await pDefaultAt(x)) >= threshold, grid[first - 1], grid[first], {
          tolerance,
          maxIterations: most,
        });
  const evaluations: StressEvaluation[] = [...known].map(([shortfall, pDefault]) => ({
    shortfall,
    pDefault,
  }));
  evaluations.sort((a, b) => a.shortfall - b.shortfall);
  return {
    scenario: scenario.name,
    entity,
    shock,
    year,
    threshold,
    paths,
    seed,
    shortfall: found.value,
    survivesAt: found.below,
    pDefaultBaseline: known.get(0) as number,
    monotone,
    converged: found.converged,
    reason: found.reason,
    iterations: known.size,
    evaluations,
  };
}
