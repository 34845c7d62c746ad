/**
 * Sensitivity of chosen simulation outputs to the scenario's uncertain numbers: one-at-a-time (tornado), Morris
 * elementary effects, or Sobol indices. Every design point is a full Monte Carlo run with the same seed (common
 * random numbers), so differences between points come from the factors, not from sampling noise.
 */
import { createHash } from "node:crypto";
import { InputError } from "../../util/errors.js";
import { defaultThreads } from "../../util/pool.js";
import { runShared } from "../../util/shareWork.js";
import { contractParties, type Scenario } from "../schema.js";
import { type ScenarioFactor, scenarioFactors } from "./factors.js";
import { FACTOR_GROUPS, factorGroup } from "./groups.js";
import { type MorrisIndex, morrisDesign, morrisIndices } from "./morris.js";
import { formatOutput, type OutputSpec } from "./outputs.js";
import { type SobolIndex, sobolDesign, sobolIndices } from "./sobol.js";
import { scaleToFactors, type TornadoBar, tornadoBars, tornadoDesign } from "./tornado.js";
import { type PointTask, runPoint } from "./worker.js";

export const SENSITIVITY_METHODS = ["tornado", "morris", "sobol"] as const;
export type SensitivityMethod = (typeof SENSITIVITY_METHODS)[number];

/** Options of `sensitivity`: the outputs, the method and its design size, and each point's Monte Carlo. */
export interface SensitivityOptions {
  /** Outputs to analyse, ≥ 1. */
  outputs: OutputSpec[];
  /** tornado (2k + 1 runs), morris (r(k + 1) runs) or sobol (N(k + 2) runs); default tornado. */
  method?: SensitivityMethod;
  /** Which parameter paths to vary; default `defaultFactorFilter(scenario, outputs)`. */
  select?: (path: string) => boolean;
  /** Monte Carlo paths per design point; default 200, and `SOBOL_PATHS` for sobol. */
  paths?: number;
  /** Seed of every design point's Monte Carlo (common random numbers) and of the design; default 1. */
  seed?: number;
  /** Worker threads (design points run in parallel); results do not depend on it. Default: all cores. */
  threads?: number;
  /** Morris trajectories r; default 10. */
  trajectories?: number;
  /** Morris grid levels p (even); default 4. */
  levels?: number;
  /** Sobol base samples N; default 64. */
  samples?: number;
  /** Sobol: indices per group of numbers (FACTOR_GROUPS: capability, revenue, costs, …) instead of per number,
   * N(G + 2) runs; default false. */
  grouped?: boolean;
  /** Called after each design point with (points done, points in total). */
  onProgress?: (done: number, total: number) => void;
}

/** Morris index of one factor. */
export interface MorrisRow extends MorrisIndex {
  factor: string;
}

/** Sobol indices of one factor, or of one group of factors (grouped analysis). */
export interface SobolRow extends SobolIndex {
  factor: string;
}

/** Results for one output; the field of the method used is set. */
export interface OutputSensitivity {
  output: string;
  /** The output with every factor at its base value. */
  base: number;
  /** Bars, longest first. */
  tornado?: TornadoBar[];
  /** Factors by μ*, largest first (units: output per full range of the factor). */
  morris?: MorrisRow[];
  /** Factors by total index, largest first. */
  sobol?: { variance: number; rows: number; indices: SobolRow[] };
}

/** What `sensitivity` returns: the settings used, the factors varied and each output's sensitivity. */
export interface SensitivityResult {
  scenario: string;
  method: SensitivityMethod;
  paths: number;
  seed: number;
  /** Monte Carlo runs made (design points, plus the base point for morris and sobol). */
  evaluations: number;
  factors: ScenarioFactor[];
  outputs: OutputSensitivity[];
}

/** Default paths per point of a Sobol design. Its points share their paths (common random numbers), so a few give
 * the indices of many: on the default's grouped indices of OpenAI's and CoreWeave's P(default by 2035), 12 paths a
 * point came within 0.03 of 100 (README, §The main job and the run store); it is the base samples that narrow
 * the intervals. */
export const SOBOL_PATHS = 25;

/** Paths per Monte Carlo chunk inside a design point: fixed, so results never depend on the thread count. */
const CHUNK = 250;

/**
 * The default factor set: world parameters, events, and the numbers of the entities an output names and of
 * the contracts they are party to.
 */
export function defaultFactorFilter(
  scenario: Scenario,
  outputs: readonly OutputSpec[],
): (path: string) => boolean {
  const named = new Set(outputs.flatMap((o) => (o.kind === "pDefault" ? [o.entity] : [])));
  const prefixes = ["world.", "events."];
  for (const id of named) prefixes.push(`entities.${id}.`);
  for (const c of scenario.contracts) {
    if (contractParties(c).some(([, p]) => named.has(p))) prefixes.push(`contracts.${c.id}.`);
  }
  return (path) => prefixes.some((p) => path.startsWith(p));
}

function workerUrl(): URL {
  return new URL(import.meta.url.endsWith(".ts") ? "./worker.ts" : "./worker.js", import.meta.url);
}

/** Runs every point (factor values in `factors` order) and returns outputs[point][output]. */
export async function evaluatePoints(
  scenario: Scenario,
  factors: readonly ScenarioFactor[],
  points: readonly ArrayLike<number>[],
  options: {
    outputs: OutputSpec[];
    paths: number;
    seed: number;
    threads?: number;
    onProgress?: (d: number, t: number) => void;
  },
): Promise<number[][]> {
  const paths = factors.map((f) => f.name);
  // Every point holds the same scenario object, which a worker receives once (a structured clone copies a shared
  // object once) and compiles once; a point only fixes numbers of the compiled parameter table.
  const scenarioKey = createHash("sha256").update(JSON.stringify(scenario)).digest("hex");
  const tasks: PointTask[] = points.map((x) => ({
    scenario,
    scenarioKey,
    fixed: { paths, values: Array.from(x) },
    paths: options.paths,
    seed: options.seed,
    chunkSize: CHUNK,
    outputs: options.outputs,
    stress: {},
  }));
  let done = 0;
  return runShared<PointTask, number[]>(workerUrl(), runPoint, tasks, {
    threads: options.threads ?? defaultThreads(),
    onDone: () => options.onProgress?.(++done, tasks.length),
  });
}

function column(values: number[][], j: number): Float64Array {
  return Float64Array.from(values, (row) => row[j]);
}

/** Runs the chosen sensitivity analysis; see SensitivityOptions. */
export async function sensitivity(
  scenario: Scenario,
  options: SensitivityOptions,
): Promise<SensitivityResult> {
  const method = options.method ?? "tornado";
  const paths = options.paths ?? (method === "sobol" ? SOBOL_PATHS : 200);
  const seed = options.seed ?? 1;
  if (!SENSITIVITY_METHODS.includes(method)) throw new RangeError(`invalid method: ${method}`);
  if (options.outputs.length === 0) throw new RangeError("invalid outputs: none given");
  if (!Number.isSafeInteger(paths) || paths < 1) throw new RangeError(`invalid paths: ${paths}`);
  const factors = scenarioFactors(scenario, options.select ?? defaultFactorFilter(scenario, options.outputs));
  if (factors.length === 0)
    throw new InputError({ field: "factors", message: "no uncertain number matches the selection" });
  const base = Float64Array.from(factors, (f) => f.base);
  // Point 0 is always the base point.
  let points: ArrayLike<number>[];
  let analyse: (values: number[][], j: number) => Omit<OutputSensitivity, "output" | "base">;
  if (method === "tornado") {
    points = tornadoDesign(factors);
    analyse = (values, j) => ({ tornado: tornadoBars(factors, column(values, j)).bars });
  } else if (method === "morris") {
    const design = morrisDesign(factors.length, {
      trajectories: options.trajectories,
      levels: options.levels,
      seed,
    });
    points = [base, ...design.points.map((u) => scaleToFactors(factors, u))];
    analyse = (values, j) => {
      // Elementary effects per unit coordinate, i.e. per full range of the factor.
      const indices = morrisIndices(design, column(values, j).subarray(1));
      const rows = indices.map((index, i) => ({ factor: factors[i].name, ...index }));
      rows.sort(
        (a, b) => (Number.isNaN(b.muStar) ? -1 : b.muStar) - (Number.isNaN(a.muStar) ? -1 : a.muStar),
      );
      return { morris: rows };
    };
  } else {
    // Grouped: the groups present, in FACTOR_GROUPS order.
    const groupOf = factors.map((f) => factorGroup(f.name));
    const names = options.grouped
      ? FACTOR_GROUPS.filter((g) => groupOf.includes(g))
      : factors.map((f) => f.name);
    const design = sobolDesign(factors.length, {
      samples: options.samples ?? 64,
      seed,
      groups: options.grouped ? groupOf.map((g) => names.indexOf(g)) : undefined,
    });
    points = [base, ...design.points.map((u) => scaleToFactors(factors, u))];
    analyse = (values, j) => {
      const result = sobolIndices(design, column(values, j).subarray(1));
      const indices = result.indices.map((index, i) => ({ factor: names[i], ...index }));
      indices.sort((a, b) => (Number.isNaN(b.total) ? -1 : b.total) - (Number.isNaN(a.total) ? -1 : a.total));
      return { sobol: { variance: result.variance, rows: result.rows, indices } };
    };
  }
  const values = await evaluatePoints(scenario, factors, points, {
    outputs: options.outputs,
    paths,
    seed,
    threads: options.threads,
    onProgress: options.onProgress,
  });
  return {
    scenario: scenario.name,
    method,
    paths,
    seed,
    evaluations: points.length,
    factors,
    outputs: options.outputs.map((spec, j) => ({
      output: formatOutput(spec),
      base: values[0][j],
      ...analyse(values, j),
    })),
  };
}
